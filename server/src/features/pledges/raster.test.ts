import { crc32, inflateSync } from 'node:zlib';
import type { HotspotResult } from '@lagesbild/shared/hotspot/index';
import { describe, expect, it } from 'vitest';
import { HOT_COLOURS, renderHotspotMap, renderScoreBar, type HotspotAnalysis } from './pledge-map';
import { encodePng } from './png';
import { Raster, hex } from './raster';

/** Reads a PNG written by encodePng (8-bit RGB, filters "none" and "up"), checking every chunk's CRC. */
function decode(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  const types: string[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    types.push(type);
    const body = png.subarray(at + 8, at + 8 + length);
    // The CRC must cover the chunk's type and data, nothing more or less.
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 3;
  expect(raw.length).toBe((stride + 1) * height);
  const rgb = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw.readUInt8(y * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const value = raw.readUInt8(y * (stride + 1) + 1 + i);
      if (filter === 0) rgb[y * stride + i] = value;
      else if (filter === 2) rgb[y * stride + i] = (value + (y > 0 ? rgb.readUInt8((y - 1) * stride + i) : 0)) & 0xff;
      else throw new Error(`unexpected filter ${filter}`);
    }
  }
  return { width, height, pixel: (x, y) => [...rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)] };
}

describe('PNG encoder', () => {
  it('ends with the IEND chunk every PNG ends with, CRC included', () => {
    expect([...encodePng(1, 1, new Uint8Array(3)).subarray(-12)]).toEqual([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  });

  it('round-trips pixels, repeated rows included', () => {
    const rgb = new Uint8Array(4 * 3 * 3);
    rgb.set([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9], 0);
    rgb.set(rgb.subarray(0, 12), 12); // row 1 repeats row 0: filter "up"
    rgb.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 24);
    const image = decode(encodePng(4, 3, rgb));
    expect([image.width, image.height]).toEqual([4, 3]);
    expect(image.pixel(2, 1)).toEqual([0, 0, 255]);
    expect(image.pixel(3, 2)).toEqual([10, 11, 12]);
  });

  it('refuses a wrong buffer size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(RangeError);
  });
});

describe('raster', () => {
  it('fills polygons, draws lines and text', () => {
    const r = new Raster(40, 30);
    r.fillPolygon([[5, 5, 35, 5, 35, 25, 5, 25]], [0, 0, 0]);
    expect(r.getPixel(20, 15)).toEqual([0, 0, 0]);
    expect(r.getPixel(2, 2)).toEqual([255, 255, 255]);
    r.line(0, 0, 39, 29, [255, 0, 0]);
    expect(r.getPixel(39, 29)).toEqual([255, 0, 0]);
    const t = new Raster(60, 12);
    t.text(0, 0, 'Å1%?', [0, 0, 0]);
    expect(Raster.textWidth('Å1%?')).toBe(23);
    // The ring of Å sits above the letter; an unknown character draws nothing.
    expect(t.getPixel(2, 0)).toEqual([0, 0, 0]);
    expect([...Array(5).keys()].every((x) => t.getPixel(18 + x, 5)[0] === 255)).toBe(true);
  });
});

describe('the hot-spot map', () => {
  // A 10 km square study area with one district; the 250 m cell (20, 20) is a 99 % hot spot.
  const ring = [500_000, 6_400_000, 510_000, 6_400_000, 510_000, 6_410_000, 500_000, 6_410_000];
  const cols = 40;
  const classes = new Int8Array(cols * cols);
  classes[20 * cols + 20] = 3;
  classes[20 * cols + 21] = 1;
  const result = {
    cellSize: 250,
    cols,
    rows: cols,
    origin: [500_000, 6_400_000],
    classes,
    z: new Float64Array(cols * cols),
  } as unknown as HotspotResult;
  const analysis: HotspotAnalysis = {
    boundary: [[ring]],
    districts: [{ name: 'Centrum', polygons: [[[500_000, 6_400_000, 505_000, 6_400_000, 505_000, 6_405_000, 500_000, 6_405_000]]] }],
    result,
    insufficient: null,
  };
  // The drawing's geometry: 1200 × 900, 24 px margins, 76 px legend: 10 km → 776 px, centred.
  const scale = 776 / 10_000;
  const px = (x: number) => Math.round(24 + (1152 - 776) / 2 + (x - 500_000) * scale);
  const py = (y: number) => Math.round(24 + (6_410_000 - y) * scale);

  it('is a 1200 × 900 PNG with the hot cells in their class colours, the boundary in ink', () => {
    const image = decode(renderHotspotMap(analysis));
    expect([image.width, image.height]).toEqual([1200, 900]);
    expect(image.pixel(px(505_125), py(6_405_125))).toEqual([...HOT_COLOURS[3]]);
    expect(image.pixel(px(505_375), py(6_405_125))).toEqual([...HOT_COLOURS[1]]);
    expect(image.pixel(px(508_000), py(6_408_000))).toEqual([...hex('#eef1f5')]);
    expect(image.pixel(px(500_000), py(6_408_000))).toEqual([...hex('#1b1f24')]);
    // Outside the study area stays white.
    expect(image.pixel(5, 5)).toEqual([255, 255, 255]);
  });

  it('outlines the cells activities point at', () => {
    const image = decode(renderHotspotMap(analysis, { markedCells: ['250-2020-25620'] }));
    expect(image.pixel(px(505_000) - 1, py(6_405_125))).toEqual([...hex('#1b1f24')]);
    expect(image.pixel(px(505_125), py(6_405_125))).toEqual([...HOT_COLOURS[3]]);
  });

  it('draws score bars that read in black and white', () => {
    const chosen = decode(renderScoreBar(50, true));
    const other = decode(renderScoreBar(50, false));
    expect(chosen.pixel(100, 14)).toEqual([27, 31, 36]);
    expect(other.pixel(100, 14)).toEqual([255, 255, 255]);
    expect(other.pixel(100, Math.round(28 * 0.18))).toEqual([27, 31, 36]);
    expect(chosen.pixel(400, 14)).toEqual([255, 255, 255]);
  });
});
