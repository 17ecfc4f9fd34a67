import { describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  BASE_PNG,
  BASE_WEBP,
  PLANTED,
  containsText,
  jpegDeclaring,
  jpegMetadata,
  jpegSegments,
  jpegWithMetadata,
  pngChunk,
  pngChunkTypes,
  pngDeclaring,
  pngWithMetadata,
  webpChunks,
  webpDeclaring,
  webpWithMetadata,
} from '../../../../tests/support/images';
import { ImageError, sniffImage, stripImageMetadata } from './image-metadata';
import { must } from '@lagesbild/shared';

function expectNothingPlanted(bytes: Uint8Array): void {
  for (const text of PLANTED) expect(containsText(bytes, text), text).toBe(false);
}

describe('sniffImage', () => {
  it('knows JPEG, PNG and WebP by their first bytes, nothing else', () => {
    expect(sniffImage(BASE_JPEG)).toBe('image/jpeg');
    expect(sniffImage(BASE_PNG)).toBe('image/png');
    expect(sniffImage(BASE_WEBP)).toBe('image/webp');
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    expect(sniffImage(Buffer.from('GIF89a......'))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses what is not an image, and images that are cut off', () => {
    expect(() => stripImageMetadata(Buffer.from('<html>not a photo</html>'))).toThrow(ImageError);
    try {
      stripImageMetadata(Buffer.from('just text'));
    } catch (error) {
      expect((error as ImageError).code).toBe('NOT_AN_IMAGE');
    }
    const cut = BASE_JPEG.subarray(0, BASE_JPEG.length - 200);
    expect(() => stripImageMetadata(cut)).toThrow(/could not be read/);
    expect(() => stripImageMetadata(BASE_PNG.subarray(0, 40))).toThrow(/could not be read/);
  });
});

describe('JPEG', () => {
  it('removes EXIF with GPS, XMP, IPTC, MPF, comments and trailing images; keeps JFIF, ICC and the picture', () => {
    const planted = jpegWithMetadata();
    const before = jpegMetadata(planted);
    expect(before.gps).toBe(true);
    expect(before.xmp && before.iptc && before.comment).toBe(true);
    expect(containsText(planted, 'Storgatan 5')).toBe(true);

    const out = stripImageMetadata(planted);
    expect(out.contentType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([120, 90]);
    expect(out.removed).toEqual(expect.arrayContaining(['EXIF', 'XMP', 'IPTC', 'MPF', 'comment', 'trailing data']));
    const after = jpegMetadata(out.bytes);
    expect(after).toEqual({ exifTags: [], gps: false, xmp: false, iptc: false, comment: false, orientation: null });
    expectNothingPlanted(out.bytes);
    // Exactly the original file: the planted segments were all that was added.
    expect(Buffer.compare(out.bytes, BASE_JPEG)).toBe(0);
    const kept = jpegSegments(out.bytes).map((s) => s.id.slice(0, 4));
    expect(kept).toContain('JFIF');
    expect(kept).toContain('ICC_');
  });

  it('keeps only the orientation, in a minimal EXIF block, when the photo is not upright', () => {
    const out = stripImageMetadata(jpegWithMetadata(6));
    const after = jpegMetadata(out.bytes);
    expect(after.exifTags).toEqual([0x0112]);
    expect(after.orientation).toBe(6);
    expect(after.gps).toBe(false);
    expectNothingPlanted(out.bytes);
    // Stripping again changes nothing.
    expect(Buffer.compare(stripImageMetadata(out.bytes).bytes, out.bytes)).toBe(0);
  });

  it('walks several scans with stuffed bytes and restart markers (progressive JPEG layout)', () => {
    const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
    const file = Buffer.from([
      0xff,
      0xd8,
      ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
      ...seg(0xc2, [8, 0, 2, 0, 3, 1, 1, 0x11, 0]),
      ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
      0x12,
      0xff,
      0x00,
      0x34,
      0xff,
      0xd0,
      0x56,
      ...seg(0xfe, [0x53, 0x74, 0x6f, 0x72, 0x67, 0x61, 0x74, 0x61, 0x6e, 0x20, 0x35]), // "Storgatan 5" between scans
      ...seg(0xc4, [0, 0, 0]),
      ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
      0x78,
      0xff,
      0x00,
      0xff,
      0xff,
      0xd9,
    ]);
    const out = stripImageMetadata(file);
    expect([out.width, out.height]).toEqual([3, 2]);
    expect(out.removed).toEqual(['comment']);
    expectNothingPlanted(out.bytes);
    expect(jpegSegments(out.bytes).map((s) => s.marker)).toEqual([0xe0, 0xc2, 0xda, 0xc4, 0xda]);
    expect(containsText(out.bytes, '\u0012\u00ff\u0000\u0034\u00ff\u00d0\u0056')).toBe(true);
  });
});

describe('PNG', () => {
  it('drops eXIf, tEXt, zTXt, iTXt and tIME, keeping every chunk the picture needs', () => {
    const planted = pngWithMetadata();
    expect(pngChunkTypes(planted)).toEqual(expect.arrayContaining(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']));
    const out = stripImageMetadata(planted);
    expect(out.contentType).toBe('image/png');
    expect([out.width, out.height]).toEqual([16, 12]);
    expect(pngChunkTypes(out.bytes)).toEqual(pngChunkTypes(BASE_PNG));
    expect(Buffer.compare(out.bytes, BASE_PNG)).toBe(0);
    expectNothingPlanted(out.bytes);
    expect(out.removed.sort()).toEqual(['EXIF', 'text', 'time']);
  });
});

describe('WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const planted = webpWithMetadata();
    const before = webpChunks(planted);
    expect(before.fourccs).toEqual(expect.arrayContaining(['EXIF', 'XMP ']));
    expect(must(before.flags, 'the VP8X flags') & 0x0c).toBe(0x0c);

    const out = stripImageMetadata(planted);
    expect(out.contentType).toBe('image/webp');
    expect([out.width, out.height]).toEqual([120, 90]);
    const after = webpChunks(out.bytes);
    expect(after.fourccs).not.toContain('EXIF');
    expect(after.fourccs).not.toContain('XMP ');
    expect(must(after.flags, 'the VP8X flags') & 0x0c).toBe(0);
    expect(after.riffSize).toBe(out.bytes.length - 8);
    expectNothingPlanted(out.bytes);
    expect(Buffer.compare(out.bytes, BASE_WEBP)).toBe(0);
  });
});

describe('declared size', () => {
  const code = (bytes: Buffer) => {
    try {
      stripImageMetadata(bytes);
      return 'accepted';
    } catch (error) {
      return (error as ImageError).code;
    }
  };

  it('refuses more than 40 megapixels as declared in the header, in every format, without decoding', () => {
    for (const declaring of [pngDeclaring, jpegDeclaring, webpDeclaring]) {
      expect(code(declaring(8000, 5000)), declaring.name).toBe('accepted');
      expect(code(declaring(8000, 5001)), declaring.name).toBe('IMAGE_TOO_LARGE');
      expect(code(declaring(16000, 16000)), declaring.name).toBe('IMAGE_TOO_LARGE');
    }
    expect(code(pngDeclaring(30000, 30000))).toBe('IMAGE_TOO_LARGE');
    expect(() => stripImageMetadata(pngDeclaring(30000, 30000))).toThrow(
      'The image is 30000 × 30000 pixels; a photo may have at most 40 megapixels.',
    );
  });

  it('reads the size decoders read: the first PNG header, the only JPEG frame, and refuses a size of zero', () => {
    // A small IHDR after a huge one: decoders take the first.
    const ihdrEnd = 8 + 12 + 13;
    const smallHeader = pngDeclaring(16, 12).subarray(8, ihdrEnd);
    const twoHeaders = Buffer.concat([pngDeclaring(30000, 30000).subarray(0, ihdrEnd), smallHeader, BASE_PNG.subarray(ihdrEnd)]);
    expect(code(twoHeaders)).toBe('IMAGE_TOO_LARGE');
    // A header that is not the first chunk is no header.
    const late = Buffer.concat([BASE_PNG.subarray(0, 8), pngChunk('tEXt', Buffer.from('a\0b')), BASE_PNG.subarray(8)]);
    expect(code(late)).toBe('UNREADABLE_IMAGE');
    // A second start-of-frame segment (a small one hiding a huge one) is refused, as decoders do.
    const huge = jpegDeclaring(30000, 30000);
    const sof = BASE_JPEG.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    const frame = BASE_JPEG.subarray(sof, sof + 2 + BASE_JPEG.readUInt16BE(sof + 2));
    expect(code(Buffer.concat([huge.subarray(0, sof + frame.length), frame, huge.subarray(sof + frame.length)]))).toBe('UNREADABLE_IMAGE');
    expect(code(pngDeclaring(0, 12))).toBe('UNREADABLE_IMAGE');
    expect(code(jpegDeclaring(120, 0))).toBe('UNREADABLE_IMAGE');
  });
});
