import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr';
import { COLD_TEST, HOT_TEST, adjustFamily, minimumExpectedForCold, testableSides } from './testability';
import { mulberry32 } from './test-random';
import { must } from '../must';

describe('testable sides', () => {
  it('tests cold only where an empty neighbourhood would reach alpha', () => {
    // (1 − π)^n <= 0.05  ⇔  n·π ≳ 3.
    expect(testableSides(1000, 0.002, 0.05)).toBe(HOT_TEST); // 2 expected: P(0) = 0.135
    expect(testableSides(1000, 0.004, 0.05)).toBe(HOT_TEST | COLD_TEST); // 4 expected: P(0) = 0.018
    expect(testableSides(1000, 0.5, 0.05)).toBe(HOT_TEST | COLD_TEST);
  });

  it('tests neither side when the outcome is fixed, and hot only if all points could reach p <= alpha', () => {
    expect(testableSides(100, 0, 0.05)).toBe(0);
    expect(testableSides(100, 1, 0.05)).toBe(0);
    expect(testableSides(0, 0.5, 0.05)).toBe(0);
    expect(testableSides(3, 0.5, 0.05)).toBe(0); // P(S = 3) = P(S = 0) = 0.125
    expect(testableSides(5, 0.5, 0.05)).toBe(HOT_TEST | COLD_TEST); // 0.03125
  });

  it('states the expected count a cold test needs (about −ln α)', () => {
    expect(minimumExpectedForCold(1_000_000, 0.05)).toBeCloseTo(-Math.log(0.05), 4);
    const n = 40;
    const pi = minimumExpectedForCold(n, 0.05) / n;
    expect((1 - pi) ** n).toBeCloseTo(0.05, 12);
  });
});

describe('the BH family of testable tests', () => {
  it('equals BH over doubled two-sided p-values when every side is testable', () => {
    const rand = mulberry32(5);
    const m = 400;
    const pHot = new Float64Array(m);
    const pCold = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      // Discrete-looking complementary tails: pHot + pCold = 1 + P(S = s).
      const u = k < 20 ? rand() * 1e-4 : rand();
      const atom = 0.01 * rand();
      pHot[k] = Math.min(1, u);
      pCold[k] = Math.min(1, 1 - u + atom);
    }
    const sides = new Uint8Array(m).fill(HOT_TEST | COLD_TEST);
    const family = adjustFamily(pHot, pCold, sides);
    const twoSided = benjaminiHochberg(Float64Array.from(pHot, (h, k) => Math.min(1, 2 * Math.min(h, must(pCold[k], 'cold p')))));
    twoSided.forEach((p, k) => {
      if (p <= 0.1) expect(family.pAdjusted[k]).toBeCloseTo(p, 12);
      expect(must(family.pAdjusted[k], 'adjusted p') <= 0.05).toBe(p <= 0.05);
    });
    expect(family.tests).toBe(2 * m);
  });

  it('leaves untestable sides out, which only helps the others', () => {
    const pHot = new Float64Array([0.0004, 0.3, 0.6, 0.9]);
    const pCold = new Float64Array([1, 0.8, 0.5, 0.2]);
    const all = adjustFamily(pHot, pCold, new Uint8Array(4).fill(HOT_TEST | COLD_TEST));
    const fewer = adjustFamily(pHot, pCold, new Uint8Array([3, 1, 1, 0]));
    expect(all.pAdjusted[0]).toBeCloseTo(0.0004 * 8, 12);
    expect(fewer.pAdjusted[0]).toBeCloseTo(0.0004 * 4, 12);
    expect(fewer).toMatchObject({ tests: 4, hotTests: 3, coldTests: 1 });
    expect(fewer.p[3]).toBeNaN();
    expect(fewer.direction[3]).toBe(0);
    expect(Array.from(fewer.direction.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(all.direction[3]).toBe(-1);
  });
});
