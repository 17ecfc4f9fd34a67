import { crc32, deflateSync } from 'node:zlib';

/**
 * Crafted image files for the photo tests: real pictures (drawn by Chromium, so every decoder
 * can show them) with metadata planted in every place a phone or an editor puts it: EXIF with a
 * GPS position, XMP, IPTC, comments, PNG text chunks, a second image after the end of a JPEG.
 * The marker strings below must never survive stripping.
 */

/** 120 × 90 JPEG (JFIF, ICC profile), drawn by Chromium. */
export const BASE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh' +
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB' +
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA' +
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y' +
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM' +
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEY' +
    'Ix8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7' +
    'Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCABaAHgDASIAAhEBAxEB/8QAGwAAAwEBAQEBAAAAAAAAAAAAAQID' +
    'AAYHBQT/xAAvEAADAAECBAIIBwEAAAAAAAAAAQIDBBEFBhIxQXEHFBUhJIGRsRM0UWFzwdHw/8QAGQEBAQEBAQEAAAAAAAAAAAAA' +
    'AwQFBgIB/8QAHBEBAQEAAwEBAQAAAAAAAAAAAQACAxEhBBJh/9oADAMBAAIRAxEAPwDlJRSUCUPKNbWrMCMookBIdIm1qUIyikoC' +
    'RSUS61KEZRSUCUOkTa1KEUikoEopKJdalCModIEopKJtalCMoeUCUUlEutShGUYeUYndeyhcdKKSgJFJR3WtWAEZQ8oEopKJdalC' +
    'MopKBKKSibWpQskUSOo4NyHrddinPrcnqeOlvMud7a8vD5/Q+8vR3wtT+a1fV+u87fYJxplC89lDyjpuLcj6zQY6z6PJ63jlbuVO' +
    '1peXj/3uOcSI+QcvTLmKRSUCUPKJNalCMopKBKKSiXWpQjKMMkYndeyBcekPKAkUSO61qwQjKKSgSikol1qUIyjs+QeB49XqL4nq' +
    'JVRp66cUvs777/JbfX9jjkj1XkeJjlbTtd6q2/Pqa/pBZ91IF0BjGHvVjhOdeDRpdRHEcE9MZ66ciXhfff5+/wCh3Z8PnCJrl3O3' +
    '3moa8+pL+wPoya43+XrD7ecyikoEopKOf1qsCMookCUOkS61KEUjDyjE7qQLjpRSUCUUlHda1YARlDpAlFEiXWpQikegej7ic1pM' +
    'vDMlbXjp5MafjL7r5P7nBSj9Glz5tJqI1GnyPHlxveaXgCcn513KF7OY5fhHO2j1OOcfEPhsyWztJuK/w+z7c4V09XtLS7fyrcrz' +
    'y4Tsb5037zlOd+ITOnxcPit7uvxL28Eu31f2LcU5y0mDG40HxGV9qaaif9OLzZ8uqz3nz27yW96p+JD9f1Z/LjL33Lx4e+2SUUlA' +
    'lDpGHrVYEUikoCRSUS61KEZRh5Rid17IFx0opKBKHSO61qwAikUlAlFJRLrUoRlDpAlFJRNrUoRlDygSikol1qUIyikoEopKJtal' +
    'CKQ6QEikom1qUIyikoEodIl1qUIpGHSMTupQuOSKJCopJ3WmwAmlDygSOibTKEyRSULI6JdMoTSikoWSkk2mUJpQ6QEPJNplCaUU' +
    'lCyUkl0yhGUUlCyURNplCaUYMmJ1kC//2Q==',
  'base64',
);
/** 16 × 12 PNG. */
export const BASE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAABtklEQVR4AWRRyyv1URTd37n3d87l+/pS5kwUiom6UV5lIBMJeU1E' +
    'RMhbeUxESkzEjAnFTBkxMJS/wMBQGCivUpSBe65j7X1+v5u4de66a++1117nXFXQvOJK2xddsmve1XTPuPreMdc0MOQ6hvtcz3i3' +
    'G5zqdJOzrW5uodEtLza4teU6t7Va7XbWy93+RplTJm5JqxQJxmyI4PitFTgwYBQdeAbTpNFTIoqnSUQoBDiGOVCzGGgYYSIc6Llf' +
    '4hPEQFjEiAGNRLn/s6gyWUUVyVrK+Zftk6Euw9BEqAIUdczHMdisYZKliZbmN6mzbZRaWyZoZHyXEnGCCXScAAYax+AgAYoYYsJm' +
    'BmYlhUWUSGRT9DHmL+XlF+POKZJrQM8GvEzxl4GTYHgN+/EWzWbwz+c7GZizTn9D5YvWNyVemu7vLunx8Toz/PJ8Ra9PFxRgs9en' +
    'vB78VwIRIcnedj8dH87S6dE0nRy0S3wTJY0QbwYDK03NRUlgKWBE8+7mnB5uz9C34cYfiD9ADPzr2/CBLBkk0GjKRjZjc8QVzoh+' +
    'ECLegDfynSzJEJoaA2LyDbmWOaFpoCx9AQAA///Umm6cAAAABklEQVQDAHlN15d4Bc/UAAAAAElFTkSuQmCC',
  'base64',
);
/** 120 × 90 lossy WebP with a VP8X header (ICC profile). */
export const BASE_WEBP = Buffer.from(
  'UklGRqQDAABXRUJQVlA4WAoAAAAgAAAAdwAAWQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh' +
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB' +
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA' +
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y' +
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM' +
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggtgEAAHALAJ0BKngAWgA+nUqfTSWjoqIlcggw' +
    'sBOJYwaRTp4sR9KNtAJysSGO3M3/L+DhaS+4inyFf/I0BQlGqdVu0qout7/6voCxtWv1rzAaVYED12wLv/pv/+/2P//3i///////' +
    '9oAA/u5Wd8hv8i7kWN0/meD4xWIAEe6Lom7Yziu/+QLtjOK8H5+ySo4rwfn7IHWXEXIdu3BIkoRFZ7ckAaDLA6Pz7djmetyisHSn' +
    'a8WrmlSZjxTQo5ifp/0Wo1ZOJ8QflbV7JnRkxjQtbpJfZrOtvbBr4pvRAc0Dn/Eh3sdOI4E6N5OzTy6VMbL02pTCQ5+RBC5Mk44C' +
    'PUSCk/beADjcxex51vRGhU/COvgL+Q3r1kHpr+tFeFwxku1uWbFCvbeWfHAnRvObeZpW5hE1EU6TSMuuuBAfjoCr2C9urJ2X0Mvx' +
    'wrCpFkxUJSN45wiczqFLFSZt711WegMAzymo+XhDPP/ko2RTcFL+p1Pgo3LyouyXAdyOwcEB1fI+0qzsmI3AbdQkvpaLtYcOdWsV' +
    'kS08h+N/+en3jpwwLf8YvEdtBd1JX64noTN9mdbK9UgQFpT0OpVQAA==',
  'base64',
);

/** Text planted in the metadata; none of it may be left in a stored photo. */
export const PLANTED = ['TestPhone', 'Storgatan 5', '2026:11:20 21:14:03', 'ns.adobe.com', 'Photoshop 3.0'];

/** A TIFF block (the body of EXIF) with camera make, time, orientation and a GPS position in Värnamo. */
export function gpsTiff(orientation = 1, little = true): Buffer {
  const buf = Buffer.alloc(194);
  const u16 = (at: number, v: number) => (little ? buf.writeUInt16LE(v, at) : buf.writeUInt16BE(v, at));
  const u32 = (at: number, v: number) => (little ? buf.writeUInt32LE(v, at) : buf.writeUInt32BE(v, at));
  buf.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(2, 42);
  u32(4, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number, inlineShort = false) => {
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    if (inlineShort) u16(at + 8, value);
    else u32(at + 8, value);
  };
  // IFD0 at 8: Make, Orientation, DateTime, GPS IFD pointer.
  u16(8, 4);
  entry(10, 0x010f, 2, 10, 62);
  entry(22, 0x0112, 3, 1, orientation, true);
  entry(34, 0x0132, 2, 20, 72);
  entry(46, 0x8825, 4, 1, 92);
  u32(58, 0);
  buf.write('TestPhone\0', 62, 'latin1');
  buf.write('2026:11:20 21:14:03\0', 72, 'latin1');
  // GPS IFD at 92: N 57° 11' 0", E 14° 2' 0".
  u16(92, 4);
  entry(94, 0x0001, 2, 2, 0);
  buf.write('N\0', 102, 'latin1');
  entry(106, 0x0002, 5, 3, 146);
  entry(118, 0x0003, 2, 2, 0);
  buf.write('E\0', 126, 'latin1');
  entry(130, 0x0004, 5, 3, 170);
  u32(142, 0);
  [57, 1, 11, 1, 0, 1, 14, 1, 2, 1, 0, 1].forEach((v, k) => u32(146 + 4 * k, v));
  return buf;
}

const XMP = Buffer.from(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="57,11.0N" exif:GPSLongitude="14,2.0E"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="Storgatan 5"/></rdf:RDF></x:xmpmeta>',
  'utf8',
);

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const length = payload.length + 2;
  return Buffer.concat([Buffer.from([0xff, marker, length >> 8, length & 0xff]), payload]);
}

/**
 * BASE_JPEG with EXIF (GPS, make, time, orientation), XMP, IPTC and a comment planted after its
 * JFIF segment, and a second "image" with its own EXIF after the end-of-image marker, as phones
 * that write MPF do.
 */
export function jpegWithMetadata(orientation = 1, base: Buffer = BASE_JPEG): Buffer {
  const jfifLength = base.readUInt16BE(4);
  const afterJfif = 4 + jfifLength;
  const exif = jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsTiff(orientation, true)]));
  const xmp = jpegSegment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), XMP]));
  const iptc = jpegSegment(
    0xed,
    Buffer.concat([
      Buffer.from('Photoshop 3.0', 'latin1'),
      Buffer.from([0]),
      Buffer.from('8BIM', 'latin1'),
      Buffer.from([4, 4, 0, 0, 0, 0, 0, 16, 0x1c, 2, 0x78, 0, 11]),
      Buffer.from('Storgatan 5', 'latin1'),
    ]),
  );
  const comment = jpegSegment(0xfe, Buffer.from('Storgatan 5, taken by TestPhone', 'latin1'));
  const mpf = jpegSegment(0xe2, Buffer.from('MPF\0II*\0\b\0\0\0', 'latin1'));
  const trailer = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsTiff(1, false)])),
    Buffer.from([0xff, 0xd9]),
  ]);
  return Buffer.concat([base.subarray(0, afterJfif), exif, xmp, iptc, mpf, comment, base.subarray(afterJfif), trailer]);
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** BASE_PNG with eXIf (GPS), tEXt, zTXt, iTXt (XMP) and tIME chunks after its header. */
export function pngWithMetadata(): Buffer {
  const ihdrEnd = 8 + 12 + BASE_PNG.readUInt32BE(8);
  const time = Buffer.from([0x07, 0xea, 11, 20, 21, 14, 3]);
  return Buffer.concat([
    BASE_PNG.subarray(0, ihdrEnd),
    pngChunk('eXIf', gpsTiff(1, false)),
    pngChunk('tEXt', Buffer.from('Comment\0Storgatan 5', 'latin1')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), deflateSync(Buffer.from('TestPhone owner'))])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), XMP])),
    pngChunk('tIME', time),
    BASE_PNG.subarray(ihdrEnd),
  ]);
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
}

/** BASE_WEBP with EXIF (GPS) and XMP chunks, and the VP8X flags that announce them. */
export function webpWithMetadata(): Buffer {
  const body = Buffer.from(BASE_WEBP.subarray(12));
  if (body.toString('latin1', 0, 4) !== 'VP8X') throw new Error('BASE_WEBP should start with VP8X');
  body.writeUInt8(body.readUInt8(8) | 0x08 | 0x04, 8);
  const chunks = Buffer.concat([body, riffChunk('EXIF', gpsTiff(1, true)), riffChunk('XMP ', XMP)]);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(chunks.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, chunks]);
}

// ------------------------------------------------------------------ declared sizes

/** BASE_PNG claiming another size in its IHDR (CRC fixed): a few KB that would decode to width × height pixels. */
export function pngDeclaring(width: number, height: number): Buffer {
  const png = Buffer.from(BASE_PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** BASE_JPEG claiming another size in its start-of-frame segment. */
export function jpegDeclaring(width: number, height: number): Buffer {
  const jpeg = Buffer.from(BASE_JPEG);
  for (let i = 2; ; i += 2 + jpeg.readUInt16BE(i + 2)) {
    const marker = jpeg.readUInt8(i + 1);
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
  }
}

/** BASE_WEBP claiming another canvas size in its VP8X header. */
export function webpDeclaring(width: number, height: number): Buffer {
  const webp = Buffer.from(BASE_WEBP);
  webp.writeUIntLE(width - 1, 24, 3);
  webp.writeUIntLE(height - 1, 27, 3);
  return webp;
}

// ------------------------------------------------------------------ inspection

export function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
}

const isRestartMarker = (byte: number | undefined) => byte !== undefined && byte >= 0xd0 && byte <= 0xd7;

/** The JPEG's segments (marker and the first bytes of their payload) up to the end-of-image marker. */
export function jpegSegments(bytes: Uint8Array): { marker: number; id: string; payload: Buffer }[] {
  const out: { marker: number; id: string; payload: Buffer }[] = [];
  const b = Buffer.from(bytes);
  let i = 2;
  while (i < b.length) {
    while (b[i] === 0xff) i++;
    const marker = b.readUInt8(i++);
    if (marker === 0xd9) break;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    const length = b.readUInt16BE(i);
    const payload = b.subarray(i + 2, i + length);
    out.push({ marker, id: payload.toString('latin1', 0, 12), payload });
    i += length;
    if (marker === 0xda) {
      while (i < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !isRestartMarker(b[i + 1]))) i++;
    }
  }
  return out;
}

/** Tag ids in IFD0 of an EXIF/TIFF block (0x8825 is the pointer to the GPS position). */
export function tiffTags(tiff: Buffer): number[] {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, k) => u16(ifd + 2 + 12 * k));
}

/** Everything found that tells where, when or with what a JPEG was taken. */
export function jpegMetadata(bytes: Uint8Array): {
  exifTags: number[];
  gps: boolean;
  xmp: boolean;
  iptc: boolean;
  comment: boolean;
  orientation: number | null;
} {
  const segments = jpegSegments(bytes);
  const exif = segments.find((s) => s.marker === 0xe1 && s.id.startsWith('Exif\0'));
  const exifTags = exif ? tiffTags(exif.payload.subarray(6)) : [];
  let orientation: number | null = null;
  if (exif) {
    const tiff = exif.payload.subarray(6);
    const little = tiff.toString('latin1', 0, 2) === 'II';
    const ifd = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
    const count = little ? tiff.readUInt16LE(ifd) : tiff.readUInt16BE(ifd);
    for (let k = 0; k < count; k++) {
      const at = ifd + 2 + 12 * k;
      const tag = little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at);
      if (tag === 0x0112) orientation = little ? tiff.readUInt16LE(at + 8) : tiff.readUInt16BE(at + 8);
    }
  }
  return {
    exifTags,
    gps: exifTags.includes(0x8825) || containsText(bytes, 'GPSLatitude'),
    xmp: segments.some((s) => s.marker === 0xe1 && s.id.startsWith('http://ns.a')),
    iptc: segments.some((s) => s.marker === 0xed),
    comment: segments.some((s) => s.marker === 0xfe),
    orientation,
  };
}

export function pngChunkTypes(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  const types: string[] = [];
  let i = 8;
  while (i + 8 <= b.length) {
    const length = b.readUInt32BE(i);
    types.push(b.toString('latin1', i + 4, i + 8));
    i += 12 + length;
  }
  return types;
}

export function webpChunks(bytes: Uint8Array): { fourccs: string[]; flags: number | null; riffSize: number } {
  const b = Buffer.from(bytes);
  const fourccs: string[] = [];
  let flags: number | null = null;
  let i = 12;
  while (i + 8 <= b.length) {
    const fourcc = b.toString('latin1', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    if (fourcc === 'VP8X') flags = b.readUInt8(i + 8);
    fourccs.push(fourcc);
    i += 8 + size + (size % 2);
  }
  return { fourccs, flags, riffSize: b.readUInt32LE(4) };
}
