import { describe, expect, it } from 'vitest';
import { quarticDensity } from './density';
import { mulberry32 } from './test-random';
import { must } from '../must';

const cols = 21;
const rows = 21;
const cellSize = 100;
const cellKm2 = (cellSize * cellSize) / 1e6;

function single(c: number, r: number, value = 1): Float64Array {
  const counts = new Float64Array(cols * rows);
  counts[r * cols + c] = value;
  return counts;
}

describe('quarticDensity', () => {
  it('conserves mass in points per km²', () => {
    const density = quarticDensity(single(10, 10, 7), cols, rows, cellSize, 450);
    const total = density.reduce((s, d) => s + d * cellKm2, 0);
    expect(total).toBeCloseTo(7, 10);
  });

  it('is a symmetric bump that vanishes at the bandwidth', () => {
    const density = quarticDensity(single(10, 10), cols, rows, cellSize, 450);
    const d = (c: number, r: number) => must(density[r * cols + c], 'density[r * cols + c]');
    expect(d(10, 10)).toBeGreaterThan(d(11, 10));
    expect(d(11, 10)).toBeGreaterThan(d(12, 10));
    expect(d(14, 10)).toBeGreaterThan(0); // 400 m
    expect(d(15, 10)).toBe(0); // 500 m
    expect(d(13, 13)).toBeGreaterThan(0); // 424 m
    expect(d(14, 13)).toBe(0); // 500 m
    expect(d(8, 10)).toBeCloseTo(d(12, 10), 15);
    expect(d(10, 7)).toBeCloseTo(d(13, 10), 15);
  });

  it('follows the quartic kernel (1 − d²/h²)², normalised on the lattice', () => {
    const h = 350;
    const density = quarticDensity(single(10, 10), cols, rows, cellSize, h);
    let total = 0;
    const k = (c: number, r: number) => {
      const d2 = ((c - 10) ** 2 + (r - 10) ** 2) * cellSize * cellSize;
      return d2 < h * h ? (1 - d2 / (h * h)) ** 2 : 0;
    };
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) total += k(c, r);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        expect(density[r * cols + c]).toBeCloseTo(k(c, r) / total / cellKm2, 10);
      }
    }
  });

  it('is count per km² when the bandwidth is below one cell', () => {
    const density = quarticDensity(single(3, 4, 5), cols, rows, cellSize, 60);
    expect(density[4 * cols + 3]).toBeCloseTo(5 / cellKm2, 10);
    expect(density.reduce((s, d) => s + d, 0)).toBeCloseTo(5 / cellKm2, 10);
  });

  it('is linear in the counts', () => {
    const rand = mulberry32(2);
    const a = Float64Array.from({ length: cols * rows }, () => (rand() < 0.2 ? Math.floor(rand() * 5) : 0));
    const b = Float64Array.from({ length: cols * rows }, () => (rand() < 0.2 ? Math.floor(rand() * 5) : 0));
    const sum = a.map((v, i) => v + must(b[i], 'b[i]'));
    const da = quarticDensity(a, cols, rows, cellSize, 275);
    const db = quarticDensity(b, cols, rows, cellSize, 275);
    const ds = quarticDensity(sum, cols, rows, cellSize, 275);
    for (let i = 0; i < ds.length; i++) expect(ds[i]).toBeCloseTo(must(da[i], 'da[i]') + must(db[i], 'db[i]'), 9);
  });

  it('rejects a bad bandwidth or size', () => {
    expect(() => quarticDensity(new Float64Array(4), 2, 2, 100, 0)).toThrow(RangeError);
    expect(() => quarticDensity(new Float64Array(3), 2, 2, 100, 100)).toThrow(RangeError);
  });
});
