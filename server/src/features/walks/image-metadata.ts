import { PHOTO_MAX_PIXELS } from '@lagesbild/shared';

/**
 * Removes metadata from JPEG, PNG and WebP files without decoding them (pure TypeScript, no
 * native image library): EXIF (with its GPS position, camera serial, time), XMP, IPTC/Photoshop
 * blocks, comments and text chunks go; what decoding needs stays byte for byte, so the picture
 * itself is untouched.
 *
 * - JPEG: segments are walked up to the end of the image. APP0 "JFIF", APP2 "ICC_PROFILE" (the
 *   colour profile: without it phone photos in Display P3 look washed out) and APP14 "Adobe"
 *   (colour transform) are kept; every other APPn (EXIF, XMP, MPF, IPTC…) and COM are dropped,
 *   and so is anything after the end-of-image marker (the extra images some phones append, each
 *   with its own EXIF). The one EXIF field that changes how the picture looks, Orientation, is
 *   carried over in a new, minimal EXIF block holding that single field (only when it is not the
 *   default), so portrait photos do not turn sideways.
 * - PNG: eXIf, tEXt, zTXt, iTXt and tIME chunks are dropped, and anything after IEND.
 * - WebP: EXIF and XMP chunks are dropped, the VP8X header's EXIF and XMP flags cleared and the
 *   RIFF size fixed.
 *
 * The width and height the file declares are read on the way (PNG IHDR, JPEG start of frame,
 * WebP VP8X/VP8/VP8L) and an image of more than PHOTO_MAX_PIXELS is refused, so nothing that
 * later decodes a stored photo (a browser, Word) meets a decompression bomb.
 */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export class ImageError extends Error {
  constructor(
    readonly code: 'NOT_AN_IMAGE' | 'UNREADABLE_IMAGE' | 'IMAGE_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

export interface StrippedImage {
  bytes: Buffer;
  contentType: ImageType;
  width: number | null;
  height: number | null;
  /** What was removed, e.g. ['EXIF', 'XMP', 'comment']; empty when the file had nothing to remove. */
  removed: string[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(bytes.length, start + length)));

/** The image type from the file's first bytes (its "magic number"), whatever it was sent as. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return undefined;
}

export function stripImageMetadata(input: Uint8Array): StrippedImage {
  const type = sniffImage(input);
  if (!type) throw new ImageError('NOT_AN_IMAGE', 'The file is not a JPEG, PNG or WebP image.');
  const stripped = type === 'image/jpeg' ? stripJpeg(input) : type === 'image/png' ? stripPng(input) : stripWebp(input);
  const { width, height } = stripped;
  if (!width || !height) throw unreadable('it does not say how large it is');
  if (width * height > PHOTO_MAX_PIXELS) {
    throw new ImageError(
      'IMAGE_TOO_LARGE',
      `The image is ${width} × ${height} pixels; a photo may have at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels.`,
    );
  }
  return stripped;
}

function unreadable(what: string): ImageError {
  return new ImageError('UNREADABLE_IMAGE', `The image could not be read: ${what}.`);
}

// ---------------------------------------------------------------- JPEG

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

function isStandalone(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Reads the Orientation (tag 0x0112) from an EXIF APP1 payload; 1 (upright) when absent or unreadable. */
export function exifOrientation(payload: Uint8Array): number {
  if (ascii(payload, 0, 6) !== 'Exif\0\0') return 1;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return 1;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + 12 * k;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** An APP1 segment with an EXIF block that holds nothing but the Orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian TIFF header, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    orientation >> 8,
    orientation & 0xff,
    0x00,
    0x00, // Orientation SHORT
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = payload.length + 2;
  return Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), payload]);
}

function stripJpeg(bytes: Uint8Array): StrippedImage {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head: Buffer[] = [];
  const body: Buffer[] = [];
  const removed = new Set<string>();
  let orientation = 1;
  let width: number | null = null;
  let height: number | null = null;
  let sawFrame = false;
  let ended = false;
  let i = 2; // after SOI
  while (i < n) {
    if (bytes[i] !== 0xff) throw unreadable('a JPEG segment does not start where expected');
    while (i < n && bytes[i] === 0xff) i++; // fill bytes
    if (i >= n) break;
    const marker = view.getUint8(i);
    i++;
    if (marker === EOI) {
      ended = true;
      if (i < n) removed.add('trailing data');
      break;
    }
    if (marker === SOI) throw unreadable('a second start-of-image marker');
    if (isStandalone(marker)) {
      body.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (i + 2 > n) throw unreadable('the file ends inside a segment');
    const length = view.getUint16(i);
    if (length < 2 || i + length > n) throw unreadable('a segment is longer than the file');
    const segment = Buffer.from(bytes.subarray(i - 2, i + length));
    const payload = bytes.subarray(i + 2, i + length);
    i += length;

    if (marker >= 0xe0 && marker <= 0xef) {
      const id = ascii(payload, 0, 32);
      if (marker === 0xe0 && id.startsWith('JFIF\0')) head.push(segment);
      else if (marker === 0xe2 && id.startsWith('ICC_PROFILE\0')) body.push(segment);
      else if (marker === 0xee && id.startsWith('Adobe')) body.push(segment);
      else if (marker === 0xe1 && id.startsWith('Exif\0')) {
        orientation = exifOrientation(payload);
        removed.add('EXIF');
      } else if (marker === 0xe1 && (id.startsWith('http://ns.adobe.com/xap') || id.startsWith('http://ns.adobe.com/xmp')))
        removed.add('XMP');
      else if (marker === 0xed) removed.add('IPTC');
      else if (marker === 0xe2 && id.startsWith('MPF')) removed.add('MPF');
      else removed.add(`APP${marker - 0xe0}`);
      continue;
    }
    if (marker === COM) {
      removed.add('comment');
      continue;
    }
    if (isStartOfFrame(marker) && payload.length >= 5) {
      // Decoders refuse a second frame too; taking its size instead would let a small one hide a huge one.
      if (sawFrame) throw unreadable('a second image frame');
      sawFrame = true;
      const frame = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      height = frame.getUint16(1);
      width = frame.getUint16(3);
    }
    body.push(segment);
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker: 0xFF followed by anything but a stuffed 0x00,
      // a restart marker or more fill bytes.
      let j = i;
      for (;;) {
        j = bytes.indexOf(0xff, j); // native search: megabytes of scan data in a few milliseconds
        if (j < 0) {
          j = n;
          break;
        }
        const next = bytes[j + 1];
        if (next === undefined) break;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        j++;
      }
      body.push(Buffer.from(bytes.subarray(i, j)));
      i = j;
    }
  }
  if (!sawFrame) throw unreadable('the JPEG has no image frame');
  if (!ended) throw unreadable('the JPEG is cut off before its end');
  const parts = [Buffer.from([0xff, SOI]), ...head];
  if (orientation !== 1) parts.push(orientationSegment(orientation));
  parts.push(...body, Buffer.from([0xff, EOI]));
  return { bytes: Buffer.concat(parts), contentType: 'image/jpeg', width, height, removed: [...removed] };
}

// ---------------------------------------------------------------- PNG

const PNG_DROPPED: Record<string, string> = { eXIf: 'EXIF', tEXt: 'text', zTXt: 'text', iTXt: 'text', tIME: 'time' };

function stripPng(bytes: Uint8Array): StrippedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Buffer[] = [Buffer.from(bytes.subarray(0, 8))];
  const removed = new Set<string>();
  let width: number | null = null;
  let height: number | null = null;
  let ended = false;
  let i = 8;
  while (i < bytes.length) {
    if (i + 12 > bytes.length) throw unreadable('the PNG ends inside a chunk');
    const length = view.getUint32(i);
    const type = ascii(bytes, i + 4, 4);
    const end = i + 12 + length;
    if (end > bytes.length) throw unreadable('a PNG chunk is longer than the file');
    // Only the first chunk is the header decoders read; a later IHDR must not stand in for its size.
    if (type === 'IHDR' && length >= 8 && i === 8) {
      width = view.getUint32(i + 8);
      height = view.getUint32(i + 12);
    }
    const dropped = PNG_DROPPED[type];
    if (dropped) removed.add(dropped);
    else parts.push(Buffer.from(bytes.subarray(i, end)));
    i = end;
    if (type === 'IEND') {
      ended = true;
      if (i < bytes.length) removed.add('trailing data');
      break;
    }
  }
  if (width === null) throw unreadable('the PNG has no header chunk');
  if (!ended) throw unreadable('the PNG is cut off before its end');
  return { bytes: Buffer.concat(parts), contentType: 'image/png', width, height, removed: [...removed] };
}

// ---------------------------------------------------------------- WebP

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Uint8Array): StrippedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Buffer[] = [];
  const removed = new Set<string>();
  let width: number | null = null;
  let height: number | null = null;
  let sawImage = false;
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = ascii(bytes, i, 4);
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw unreadable('a WebP chunk is longer than the file');
    const data = bytes.subarray(i + 8, i + 8 + size);
    const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      removed.add(fourcc.trim());
    } else {
      const chunk = Buffer.alloc(8 + size + (size % 2));
      chunk.set(bytes.subarray(i, i + 8 + size));
      if (fourcc === 'VP8X' && size >= 10) {
        chunk.writeUInt8(chunk.readUInt8(8) & ~(VP8X_EXIF | VP8X_XMP), 8);
        width = 1 + chunk.readUIntLE(8 + 4, 3);
        height = 1 + chunk.readUIntLE(8 + 7, 3);
      }
      if (fourcc === 'VP8 ' || fourcc === 'VP8L' || fourcc === 'ANIM') sawImage = true;
      if (fourcc === 'VP8 ' && width === null && size >= 10 && data[3] === 0x9d && data[4] === 0x01 && data[5] === 0x2a) {
        width = dataView.getUint16(6, true) & 0x3fff;
        height = dataView.getUint16(8, true) & 0x3fff;
      }
      if (fourcc === 'VP8L' && width === null && size >= 5 && data[0] === 0x2f) {
        const bits = dataView.getInt32(1, true);
        width = (bits & 0x3fff) + 1;
        height = ((bits >>> 14) & 0x3fff) + 1;
      }
      chunks.push(chunk);
    }
    i = end;
  }
  if (!sawImage) throw unreadable('the WebP holds no image data');
  if (riffEnd < bytes.length) removed.add('trailing data');
  const total = 12 + chunks.reduce((sum, c) => sum + c.length, 0);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(total - 8, 4);
  header.write('WEBP', 8, 'latin1');
  return { bytes: Buffer.concat([header, ...chunks], total), contentType: 'image/webp', width, height, removed: [...removed] };
}
