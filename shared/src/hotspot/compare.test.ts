import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided, compareNeighbourhoods } from './compare';
import { must } from '../must';
import { mulberry32 } from './test-random';

describe('binomialTestTwoSided', () => {
  // Reference values: scipy.stats.binomtest(k, n, p).pvalue (the same rule as R's binom.test).
  it.each([
    [7, 20, 0.5, 0.26317596435546875],
    [1, 10, 0.2, 0.6980101120000004],
    [0, 10, 0.5, 0.001953125],
    [9, 10, 0.3, 0.00014368589999999996],
    [30, 40, 0.5, 0.0022214337732293643],
    [3, 50, 0.2, 0.011917135597017944],
    [120, 200, 0.5, 0.005685155996750306],
    [15, 100, 0.33, 6.727503419647209e-5],
    [0, 1, 0.5, 1],
    [1, 1, 0.5, 1],
    [5, 5, 0.4, 0.010240000000000003],
    [250, 1000, 0.3, 0.0004875556567640872],
  ])('binomtest(%i, %i, %f) = %f', (k, n, p, expected) => {
    expect(binomialTestTwoSided(k, n, p)).toBeCloseTo(expected, 10);
    expect(Math.abs(binomialTestTwoSided(k, n, p) - expected) / expected).toBeLessThan(1e-8);
  });

  it('refuses impossible arguments', () => {
    expect(() => binomialTestTwoSided(3, 2, 0.5)).toThrow(RangeError);
    expect(() => binomialTestTwoSided(1, 2, 1.5)).toThrow(RangeError);
  });
});

describe('compareNeighbourhoods', () => {
  const cols = 30;
  const rows = 30;
  /** Counts per cell of points spread uniformly, with `extra` more in a 3 × 3 block at (20, 20). */
  function period(rand: () => number, n: number, extra = 0): Float64Array {
    const counts = new Float64Array(cols * rows);
    const add = (k: number) => counts.set([(counts[k] ?? 0) + 1], k);
    for (let i = 0; i < n; i++) add(Math.floor(rand() * cols * rows));
    for (let i = 0; i < extra; i++) add((20 + (i % 3)) * cols + 20 + (Math.floor(i / 3) % 3));
    return counts;
  }
  /** Records of period B minus period A of a test unit. */
  const growth = (tests: { countA: Float64Array; countB: Float64Array }, k: number) =>
    must(tests.countB[k], 'B') - must(tests.countA[k], 'A');
  const compare = (a: Float64Array, b: Float64Array, extra: Partial<Parameters<typeof compareNeighbourhoods>[0]> = {}) =>
    compareNeighbourhoods({ countsA: a, countsB: b, cols, rows, cellSize: 100, band: 250, ...extra });

  it('finds a neighbourhood that grew beyond the area-wide change, and only near it', () => {
    const rand = mulberry32(7);
    // Period B has 1.5× more reporting everywhere: a share that stays is no change.
    const result = compare(period(rand, 1800), period(rand, 2700, 90));
    const centre = 21 * cols + 21;
    expect(result.cells.classes[centre]).toBeGreaterThanOrEqual(2);
    expect(growth(result.cells, centre)).toBeGreaterThan(90);
    result.cells.classes.forEach((change, k) => {
      if (change <= 0) return;
      const [c, r] = [k % cols, Math.floor(k / cols)];
      expect(Math.hypot(c - 21, r - 21), `cell ${c}, ${r}`).toBeLessThanOrEqual(4);
    });
  });

  it('flags hardly anything when nothing changed (null periods, 40 seeds)', () => {
    let flagged = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rand = mulberry32(seed);
      const result = compare(period(rand, 900), period(rand, 900));
      if (result.cells.classes.some((c) => Math.abs(c) >= 2)) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(4);
  });

  it('tests a place as a whole, in a family of its own', () => {
    const rand = mulberry32(3);
    const label = new Int32Array(cols * rows).fill(-1);
    for (let r = 18; r <= 24; r++) for (let c = 18; c <= 24; c++) label[r * cols + c] = 0;
    const result = compare(period(rand, 1800), period(rand, 1800, 40), { places: { label, count: 1 } });
    expect(growth(result.places, 0)).toBeGreaterThan(20);
    expect(result.places.classes[0]).toBeGreaterThanOrEqual(2);
    expect(result.family.places).toEqual({ tests: 2, riseTests: 1, fallTests: 1 });
  });

  it('gives a decrease a negative class', () => {
    const rand = mulberry32(5);
    const result = compare(period(rand, 1800, 60), period(rand, 1800));
    expect(result.cells.classes[21 * cols + 21]).toBeLessThanOrEqual(-2);
  });

  it('leaves untestable neighbourhoods out of the family, skips cells outside the mask, and says when a period is empty', () => {
    const a = new Float64Array(cols * rows);
    const b = new Float64Array(cols * rows);
    a[0] = 1;
    b[cols * rows - 1] = 1;
    const mask = new Uint8Array(cols * rows).fill(1);
    mask[5] = 0;
    const sparse = compare(a, b, { mask });
    // Two records: even both in one neighbourhood would not be significant.
    expect(sparse.family.neighbourhoods.tests).toBe(0);
    expect(sparse.cells.countA[5]).toBeNaN();
    const empty = compare(new Float64Array(cols * rows), b);
    expect(empty.insufficient?.reason).toMatch(/period A/);
    expect(empty.cells.classes.every((c) => c === 0)).toBe(true);
  });
});
