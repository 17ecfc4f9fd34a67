import { describe, expect, it } from 'vitest';
import { binomialTails } from './binomial';
import { giStarLattice } from './gi-star';
import { countPoints, makeGrid } from './grid';
import { exactLatticeInference } from './inference';
import { COLD_TEST, HOT_TEST, minimumExpectedForCold } from './testability';
import { concat, mulberry32, normalPoints, uniformPoints } from './test-random';
import { must } from '../must';

const X0 = 674_000;
const Y0 = 6_580_000;

function lattice(xy: Float64Array, side: number, cellSize: number) {
  const bbox = [X0, Y0, X0 + side, Y0 + side] as const;
  const grid = makeGrid(bbox, cellSize);
  return { grid, counts: countPoints(grid, bbox, xy).counts };
}

describe('exact lattice inference', () => {
  it('gives the binomial tails of each neighbourhood sum, and esda z', () => {
    const { grid, counts } = lattice(uniformPoints(mulberry32(1), 300, X0, Y0, 2000, 2000), 2000, 100);
    const mask = new Uint8Array(grid.cols * grid.rows).fill(1);
    for (let k = 0; k < 40; k++) mask[k] = 0; // the two southern rows are outside
    for (let k = 0; k < 40; k++) counts[k] = 0;
    const r = exactLatticeInference({ counts, cols: grid.cols, rows: grid.rows, cellSize: 100, band: 250, mask });
    const g = giStarLattice(counts, grid.cols, grid.rows, 100, 250, mask);
    const M = 360;
    const N = counts.reduce((s, c) => s + c, 0);
    expect(r.pointsUsed).toBe(N);
    for (const k of [45, 50, 210, 399]) {
      // Brute force: the disc of radius 2.5 cells, clipped to the grid and the mask.
      const c = k % 20;
      const row = (k - c) / 20;
      let s = 0;
      let w = 0;
      for (let rr = 0; rr < 20; rr++) {
        for (let cc = 0; cc < 20; cc++) {
          if ((cc - c) ** 2 + (rr - row) ** 2 > 6.25 || mask[rr * 20 + cc] === 0) continue;
          s += must(counts[rr * 20 + cc], 'counts[rr * 20 + cc]');
          w++;
        }
      }
      const tails = binomialTails(s, N, w / M);
      expect(r.localSum[k]).toBe(s);
      expect(r.expected[k]).toBeCloseTo((N * w) / M, 9);
      expect(r.pHot[k]).toBeCloseTo(tails.upper, 14);
      expect(r.pCold[k]).toBeCloseTo(tails.lower, 14);
      expect(r.z[k]).toBe(g.z[k]);
    }
    expect(r.z[5]).toBeNaN();
    expect(r.pHot[5]).toBeNaN();
    expect(r.classes[5]).toBe(0);
  });

  it('finds a planted cluster as hot at adjusted p <= 0.01 and nothing far from it', () => {
    const rand = mulberry32(7);
    const xy = concat(uniformPoints(rand, 1500, X0, Y0, 4000, 4000), normalPoints(rand, 60, X0 + 2600, Y0 + 1400, 60));
    const { grid, counts } = lattice(xy, 4000, 100);
    const r = exactLatticeInference({ counts, cols: grid.cols, rows: grid.rows, cellSize: 100, band: 200 });
    const centre = 14 * grid.cols + 26;
    expect(r.classes[centre]).toBe(3);
    expect(r.pAdjusted[centre]).toBeLessThanOrEqual(0.01);
    for (let k = 0; k < r.classes.length; k++) {
      if (must(r.classes[k], 'r.classes[k]') < 2) continue;
      const c = k % grid.cols;
      const row = (k - c) / grid.cols;
      expect(Math.hypot(c - 26, row - 14)).toBeLessThan(6);
    }
  });

  it('claims no cold spot where few records are expected, and finds an empty hole where many are', () => {
    // Dense west, a sparse east: the east cannot be cold, however empty.
    const rand = mulberry32(9);
    const west = uniformPoints(rand, 3000, X0, Y0, 1500, 3000);
    const { grid, counts } = lattice(west, 3000, 100);
    const exposure = new Float64Array(grid.cols * grid.rows);
    for (let k = 0; k < exposure.length; k++) exposure[k] = k % grid.cols < 15 ? 1 : 0.01;
    const r = exactLatticeInference({ counts, cols: grid.cols, rows: grid.rows, cellSize: 100, band: 150, exposure });
    for (let k = 0; k < counts.length; k++) {
      if (k % grid.cols >= 17) {
        expect(must(r.testable[k], 'r.testable[k]') & COLD_TEST).toBe(0);
        expect(r.classes[k]).toBeGreaterThanOrEqual(0);
      }
    }
    expect(r.family.cellsWithoutColdTest).toBeGreaterThanOrEqual(13 * 30);
    // A 300 m empty square in the dense part is a cold spot.
    const holed = counts.slice();
    for (let row = 12; row < 15; row++) for (let c = 5; c < 8; c++) holed[row * grid.cols + c] = 0;
    const h = exactLatticeInference({ counts: holed, cols: grid.cols, rows: grid.rows, cellSize: 100, band: 150, exposure });
    expect(h.testable[13 * grid.cols + 6]).toBe(HOT_TEST | COLD_TEST);
    expect(h.classes[13 * grid.cols + 6]).toBeLessThanOrEqual(-2);
  });

  it('refuses fractional counts and bad parameters', () => {
    const counts = new Float64Array(100).fill(1);
    counts[3] = 0.5;
    expect(() => exactLatticeInference({ counts, cols: 10, rows: 10, cellSize: 50, band: 100 })).toThrow(/permutation/);
    counts[3] = 1;
    expect(() => exactLatticeInference({ counts, cols: 10, rows: 10, cellSize: 50, band: 0 })).toThrow(RangeError);
    expect(() => exactLatticeInference({ counts, cols: 10, rows: 10, cellSize: 50, band: 100, alpha: 1 })).toThrow(RangeError);
    expect(() => exactLatticeInference({ counts, cols: 10, rows: 9, cellSize: 50, band: 100 })).toThrow(RangeError);
  });

  it('describes its method for meta', () => {
    const counts = new Float64Array(100);
    counts[12] = 4;
    counts[77] = 30;
    const r = exactLatticeInference({ counts, cols: 10, rows: 10, cellSize: 50, band: 100 });
    expect(r.method).toMatchObject({ pValue: 'exact-binomial', midP: false, multipleTesting: 'benjamini-hochberg', alpha: 0.05 });
    expect(r.method.testability.minimumExpectedForCold).toBe(minimumExpectedForCold(34, 0.05)); // 2.87
    expect(r.family.tests).toBe(r.family.hotTests + r.family.coldTests);
  });
});
