import { crc32, deflateSync } from 'node:zlib';

/**
 * A PNG encoder for 8-bit RGB images: signature, IHDR, one zlib-compressed IDAT, IEND. Rows
 * that repeat the row above use filter "up" (all zeros), every other row filter "none".
 * Enough for the charts and maps drawn on the server; no dependency needed.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes `rgb` (width × height × 3 bytes, rows top to bottom) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new RangeError('PNG size must be positive integers');
  if (rgb.length !== width * height * 3) throw new RangeError(`expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const from = y * stride;
    // Flat drawings repeat rows: "up" (difference to the row above) turns repeats into zeros.
    const repeat = y > 0 && Buffer.compare(rgb.subarray(from, from + stride), rgb.subarray(from - stride, from)) === 0;
    if (repeat) {
      raw[row] = 2; // the data stay zeros: no difference to the row above
    } else {
      raw[row] = 0;
      raw.set(rgb.subarray(from, from + stride), row + 1);
    }
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}
