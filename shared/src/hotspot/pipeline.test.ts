import { describe, expect, it } from 'vitest';
import { cellCentre, cellIndexAt } from './grid';
import type { Grid } from './grid';
import { MIN_POINTS, runHotspotAnalysis } from './pipeline';
import type { HotspotResult } from './pipeline';
import { concat, mulberry32, normalPoints, permutation, permutePoints, uniformPoints } from './test-random';
import { must } from '../must';

const X0 = 674_000;
const Y0 = 6_580_000;
const SIDE = 5000;
const bbox = [X0, Y0, X0 + SIDE, Y0 + SIDE] as const;

function gridOf(result: HotspotResult): Grid {
  return { originX: result.origin[0], originY: result.origin[1], cellSize: result.cellSize, cols: result.cols, rows: result.rows };
}

function significantAt95(result: HotspotResult): number {
  let n = 0;
  for (const c of result.classes) if (Math.abs(c) >= 2) n++;
  return n;
}

describe('runHotspotAnalysis', () => {
  it('computes no statistics below 30 points, and says why', () => {
    const xy = uniformPoints(mulberry32(1), MIN_POINTS - 1, X0, Y0, SIDE, SIDE);
    const result = runHotspotAnalysis({ xy, bbox, cellSize: 250 });
    expect(result.insufficient?.reason).toMatch(/29 in the study area, at least 30/);
    expect(result.pointsUsed).toBe(29);
    expect(Array.from(result.z).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.p).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.pAdjusted).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.classes).every((c) => c === 0)).toBe(true);
    expect(result.significantCells).toBe(0);
    expect(result.counts.reduce((s, c) => s + c, 0)).toBe(29); // counts and density are still given
  });

  it('counts only points inside the study area towards the minimum', () => {
    const inside = uniformPoints(mulberry32(2), 20, X0, Y0, SIDE, SIDE);
    const outside = uniformPoints(mulberry32(3), 50, X0 + 10_000, Y0, 1000, 1000);
    const result = runHotspotAnalysis({ xy: concat(inside, outside), bbox, cellSize: 250 });
    expect(result.pointsUsed).toBe(20);
    expect(result.pointsOutsideBBox).toBe(50);
    expect(result.insufficient).toBeDefined();
  });

  it('throws RangeError for a cell size out of range, a bad band or alpha', () => {
    const xy = uniformPoints(mulberry32(1), 100, X0, Y0, SIDE, SIDE);
    expect(() => runHotspotAnalysis({ xy, bbox, cellSize: 20 })).toThrow(RangeError);
    expect(() => runHotspotAnalysis({ xy, bbox, cellSize: 5000 })).toThrow(RangeError);
    expect(() => runHotspotAnalysis({ xy, bbox, band: -5 })).toThrow(RangeError);
    expect(() => runHotspotAnalysis({ xy, bbox, alpha: 0 })).toThrow(RangeError);
    expect(() => runHotspotAnalysis({ xy, bbox: [X0, Y0, X0, Y0 + 10] })).toThrow(RangeError);
  });

  it('finds few or no significant cells in uniform random points (after FDR)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const xy = uniformPoints(mulberry32(seed), 5000, X0, Y0, SIDE, SIDE);
      for (const result of [
        runHotspotAnalysis({ xy, bbox }), // data-driven cell size and band
        runHotspotAnalysis({ xy, bbox, cellSize: 250, band: 500 }),
      ]) {
        expect(result.insufficient).toBeUndefined();
        const cells = result.cols * result.rows;
        expect(significantAt95(result), `seed ${seed}, ${result.cellSize} m / ${result.band} m`).toBeLessThanOrEqual(
          Math.max(2, cells / 1000),
        );
      }
    }
  });

  it('finds a planted cluster as a 99 % hot spot', () => {
    const rand = mulberry32(21);
    const cx = X0 + 3210;
    const cy = Y0 + 1870;
    const xy = concat(uniformPoints(rand, 3000, X0, Y0, SIDE, SIDE), normalPoints(rand, 300, cx, cy, 80));
    for (const result of [runHotspotAnalysis({ xy, bbox }), runHotspotAnalysis({ xy, bbox, cellSize: 100, band: 200 })]) {
      const grid = gridOf(result);
      const centre = cellIndexAt(grid, cx, cy);
      expect(result.classes[centre], `${result.cellSize} m / ${result.band} m`).toBe(3);
      expect(result.z[centre]).toBeGreaterThan(3);
      expect(result.pAdjusted[centre]).toBeLessThanOrEqual(0.01);
      // Hot spots cluster around the plant, not elsewhere.
      for (let k = 0; k < result.classes.length; k++) {
        if (result.classes[k] === 3) {
          const [x, y] = cellCentre(grid, k);
          expect(Math.hypot(x - cx, y - cy)).toBeLessThan(600);
        }
      }
      expect(result.density[centre]).toBe(Math.max(...result.density));
    }
  });

  it('does not depend on the order of the input points', () => {
    const rand = mulberry32(33);
    const xy = concat(uniformPoints(rand, 2500, X0, Y0, SIDE, SIDE), normalPoints(rand, 200, X0 + 1500, Y0 + 3500, 120));
    const n = xy.length / 2;
    const weights = Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 3));
    const perm = permutation(rand, n);
    const inside = (x: number, y: number) => Math.hypot(x - X0 - 2500, y - Y0 - 2500) < 2400;
    const a = runHotspotAnalysis({ xy, weights, bbox, inside });
    const b = runHotspotAnalysis({
      xy: permutePoints(xy, perm),
      weights: Float64Array.from(perm, (j) => must(weights[j], 'weights[j]')),
      bbox,
      inside,
    });
    expect(b).toEqual(a);
    expect(a.significantCells).toBeGreaterThan(0);
  });

  it('leaves cells outside the study area out of the statistics', () => {
    const rand = mulberry32(44);
    const xy = uniformPoints(rand, 4000, X0, Y0, SIDE, SIDE);
    const inside = (x: number) => x < X0 + 3000; // west 60 %
    const result = runHotspotAnalysis({ xy, bbox, inside, cellSize: 250, band: 400 });
    expect(result.cellsInStudyArea).toBe(12 * 20);
    expect(result.pointsUsed + result.pointsOutsideStudyArea).toBe(4000);
    expect(result.pointsOutsideStudyArea).toBeGreaterThan(1200);
    const mask = must(result.mask, 'the study-area mask');
    for (let k = 0; k < result.cols * result.rows; k++) {
      const out = mask[k] === 0;
      expect(out).toBe(cellCentre(gridOf(result), k)[0] >= X0 + 3000);
      if (out) {
        expect(result.counts[k]).toBe(0);
        expect(result.z[k]).toBeNaN();
        expect(result.pAdjusted[k]).toBeNaN();
        expect(result.density[k]).toBeNaN();
        expect(result.classes[k]).toBe(0);
      } else {
        expect(Number.isFinite(must(result.z[k], 'result.z[k]'))).toBe(true);
      }
    }
  });

  it('reports the parameters it used', () => {
    const xy = uniformPoints(mulberry32(5), 1000, X0, Y0, SIDE, SIDE);
    const given = runHotspotAnalysis({ xy, bbox, cellSize: 200, band: 450, alpha: 0.1 });
    expect(given).toMatchObject({
      cellSize: 200,
      band: 450,
      densityBandwidth: 450,
      alpha: 0.1,
      defaulted: { cellSize: false, band: false },
      cols: 25,
      rows: 25,
      origin: [X0, Y0],
      pointsUsed: 1000,
      cellsInStudyArea: 625,
    });
    const defaulted = runHotspotAnalysis({ xy, bbox });
    expect(defaulted.defaulted).toEqual({ cellSize: true, band: true });
    expect(defaulted.cellSize).toBeGreaterThanOrEqual(50);
    expect(defaulted.band).toBeGreaterThanOrEqual(defaulted.cellSize * Math.SQRT2);
  });
});
