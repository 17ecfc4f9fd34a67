import { must } from '@lagesbild/shared';
import { encodePng } from './png';

/**
 * A small RGB raster for server-drawn figures (the pledge's hot-spot map and bar chart):
 * rectangles, Bresenham lines, polygon outlines and scan-line fills, and text in a built-in
 * 5 × 7 capital-letter bitmap font (with Å, Ä, Ö). No browser, canvas or font files.
 */

export type Rgb = readonly [number, number, number];

export const hex = (value: string): Rgb => {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
};

/** Rows 0–1 hold accents, rows 2–8 the letter: 9 rows, 5 columns per glyph. */
const GLYPH_ROWS = 9;
const GLYPH_COLS = 5;

const BASE: Record<string, string[]> = {
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
  B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
  L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  N: ['10001', '10001', '11001', '10101', '10011', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
  V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
  X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
  Y: ['10001', '10001', '01010', '00100', '00100', '00100', '00100'],
  Z: ['11111', '00001', '00010', '00100', '01000', '10000', '11111'],
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '%': ['11000', '11001', '00010', '00100', '01000', '10011', '00011'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  ',': ['00000', '00000', '00000', '00000', '01100', '00100', '01000'],
  ':': ['00000', '01100', '01100', '00000', '01100', '01100', '00000'],
  '/': ['00001', '00010', '00010', '00100', '01000', '01000', '10000'],
  '(': ['00010', '00100', '01000', '01000', '01000', '00100', '00010'],
  ')': ['01000', '00100', '00010', '00010', '00010', '00100', '01000'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};

const ACCENTS: Record<string, [string, [string, string]]> = {
  Å: ['A', ['00100', '01010']],
  Ä: ['A', ['01010', '00000']],
  Ö: ['O', ['01010', '00000']],
  Ü: ['U', ['01010', '00000']],
  É: ['E', ['00010', '00100']],
};

const GLYPHS: Map<string, Uint8Array> = (() => {
  const glyphs = new Map<string, Uint8Array>();
  const build = (accent: [string, string], rows: string[]) => {
    const bits = new Uint8Array(GLYPH_ROWS * GLYPH_COLS);
    [...accent, ...rows].forEach((row, r) => [...row].forEach((bit, c) => (bits[r * GLYPH_COLS + c] = bit === '1' ? 1 : 0)));
    return bits;
  };
  for (const [char, rows] of Object.entries(BASE)) glyphs.set(char, build(['00000', '00000'], rows));
  for (const [char, [base, accent]] of Object.entries(ACCENTS)) glyphs.set(char, build(accent, must(BASE[base], `the glyph ${base}`)));
  glyphs.set('–', must(glyphs.get('-'), 'the glyph -'));
  return glyphs;
})();
const BLANK = must(GLYPHS.get(' '), 'the blank glyph');

export class Raster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, [r, g, b]: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (Math.floor(y) * this.width + Math.floor(x)) * 3;
    this.data[i] = r;
    this.data[i + 1] = g;
    this.data[i + 2] = b;
  }

  getPixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    // One row written pixel by pixel, the others copied from it.
    const first = (y0 * this.width + x0) * 3;
    const [r, g, b] = color;
    for (let i = first, end = first + (x1 - x0) * 3; i < end; i += 3) {
      this.data[i] = r;
      this.data[i + 1] = g;
      this.data[i + 2] = b;
    }
    const rowBytes = (x1 - x0) * 3;
    for (let yy = y0 + 1; yy < y1; yy++) this.data.copyWithin((yy * this.width + x0) * 3, first, first + rowBytes);
  }

  strokeRect(x: number, y: number, w: number, h: number, color: Rgb, thickness = 1): void {
    this.fillRect(x, y, w, thickness, color);
    this.fillRect(x, y + h - thickness, w, thickness, color);
    this.fillRect(x, y, thickness, h, color);
    this.fillRect(x + w - thickness, y, thickness, h, color);
  }

  /** Bresenham's line; `thickness` > 1 stamps a square brush along it. */
  line(xa: number, ya: number, xb: number, yb: number, color: Rgb, thickness = 1): void {
    let x0 = Math.round(xa);
    let y0 = Math.round(ya);
    const x1 = Math.round(xb);
    const y1 = Math.round(yb);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    const half = Math.floor((thickness - 1) / 2);
    for (;;) {
      if (thickness <= 1) this.setPixel(x0, y0, color);
      else this.fillRect(x0 - half, y0 - half, thickness, thickness, color);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** A closed ring's outline; `ring` is [x0, y0, x1, y1, …] in pixels. */
  polygonOutline(ring: ArrayLike<number>, color: Rgb, thickness = 1): void {
    const n = ring.length >> 1;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      this.line(ring[2 * i]!, ring[2 * i + 1]!, ring[2 * j]!, ring[2 * j + 1]!, color, thickness);
    }
  }

  /** Scan-line fill (even-odd rule) of one or more rings, sampled at pixel centres. */
  fillPolygon(rings: ArrayLike<number>[], color: Rgb): void {
    let minY = Infinity;
    let maxY = -Infinity;
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i += 2) {
        minY = Math.min(minY, ring[i]!);
        maxY = Math.max(maxY, ring[i]!);
      }
    }
    const from = Math.max(0, Math.floor(minY));
    const to = Math.min(this.height - 1, Math.ceil(maxY));
    const crossings = new Float64Array(rings.reduce((edges, ring) => edges + (ring.length >> 1), 0));
    for (let y = from; y <= to; y++) {
      const cy = y + 0.5;
      let count = 0;
      for (const ring of rings) {
        const n = ring.length >> 1;
        for (let i = 0; i < n; i++) {
          const j = (i + 1) % n;
          const y0 = ring[2 * i + 1]!;
          const y1 = ring[2 * j + 1]!;
          if (y0 <= cy === y1 <= cy) continue;
          const x0 = ring[2 * i]!;
          const x1 = ring[2 * j]!;
          crossings[count++] = x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0);
        }
      }
      const row = crossings.subarray(0, count).sort();
      for (let k = 0; k + 1 < count; k += 2) {
        const xStart = Math.max(0, Math.ceil(row[k]! - 0.5));
        const xEnd = Math.min(this.width - 1, Math.floor(row[k + 1]! - 0.5));
        for (let x = xStart; x <= xEnd; x++) this.setPixel(x, y, color);
      }
    }
  }

  /** Width in pixels of `text` at `scale` (upper-cased; unknown characters count as spaces). */
  static textWidth(text: string, scale = 1): number {
    const n = [...text].length;
    return n === 0 ? 0 : (n * (GLYPH_COLS + 1) - 1) * scale;
  }

  static textHeight(scale = 1): number {
    return GLYPH_ROWS * scale;
  }

  /** Draws `text` in capitals with its top-left corner at (x, y); `halo` outlines it for legibility on a map. */
  text(x: number, y: number, text: string, color: Rgb, scale = 1, halo?: Rgb): void {
    const chars = [...text.toLocaleUpperCase('sv-SE')];
    const draw = (dx: number, dy: number, ink: Rgb) => {
      chars.forEach((char, i) => {
        const glyph = GLYPHS.get(char) ?? BLANK;
        const left = x + i * (GLYPH_COLS + 1) * scale;
        for (let r = 0; r < GLYPH_ROWS; r++) {
          for (let c = 0; c < GLYPH_COLS; c++) {
            if (glyph[r * GLYPH_COLS + c]) this.fillRect(left + c * scale + dx, y + r * scale + dy, scale, scale, ink);
          }
        }
      });
    };
    if (halo) {
      for (const [dx, dy] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
        [-1, -1],
        [1, 1],
        [-1, 1],
        [1, -1],
      ] as const)
        draw(dx * scale, dy * scale, halo);
    }
    draw(0, 0, color);
  }

  toPng(): Buffer {
    return encodePng(this.width, this.height, this.data);
  }
}
