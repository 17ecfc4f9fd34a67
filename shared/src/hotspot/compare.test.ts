import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided, comparePeriods } from './compare';
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

describe('comparePeriods', () => {
  it('flags a cell that grew far beyond the area-wide change, and nothing else', () => {
    const rand = mulberry32(7);
    const cells = 400;
    const a = new Float64Array(cells);
    const b = new Float64Array(cells);
    // Same Poisson-ish background in both periods (period B has 1.5× more reporting overall).
    for (let k = 0; k < cells; k++) {
      a[k] = Math.floor(rand() * 6);
      b[k] = Math.floor(rand() * 9);
    }
    a[123] = 4;
    b[123] = 60;
    const result = comparePeriods(a, b);
    expect(result.classes[123]).toBe(3);
    expect(result.pAdjusted[123]).toBeLessThan(0.01);
    const others = Array.from(result.classes).filter((c, k) => k !== 123 && Math.abs(c) >= 2);
    expect(others.length).toBeLessThanOrEqual(2);
  });

  it('gives a decrease a negative class', () => {
    const a = new Float64Array(50).fill(3);
    const b = new Float64Array(50).fill(3);
    a[10] = 40;
    b[10] = 1;
    const result = comparePeriods(a, b);
    expect(result.classes[10]).toBe(-3);
  });

  it('does not test empty cells or cells outside the mask, and says when a period is empty', () => {
    const a = new Float64Array([0, 5, 2, 9]);
    const b = new Float64Array([0, 5, 3, 1]);
    const mask = new Uint8Array([1, 1, 1, 0]);
    const result = comparePeriods(a, b, mask);
    expect(result.tested).toBe(2);
    expect(result.p[0]).toBeNaN();
    expect(result.p[3]).toBeNaN();
    expect(result.totalA).toBe(7);
    const empty = comparePeriods(new Float64Array(3), new Float64Array([1, 2, 3]));
    expect(empty.insufficient?.reason).toMatch(/period A/);
    expect(Array.from(empty.classes)).toEqual([0, 0, 0]);
  });
});
