import { describe, expect, it } from 'vitest';
import { hypergeometricPmf, hypergeometricSides, hypergeometricTails } from './hypergeometric';

/** P(X = x) by direct log-factorial sums: the reference for small N. */
function reference(x: number, N: number, K: number, n: number): number {
  const lf = (m: number) => {
    let s = 0;
    for (let i = 2; i <= m; i++) s += Math.log(i);
    return s;
  };
  const lc = (a: number, b: number) => lf(a) - lf(b) - lf(a - b);
  return Math.exp(lc(K, x) + lc(N - K, n - x) - lc(N, n));
}

describe('hypergeometric probabilities', () => {
  it('matches direct sums of the point masses, tails included', () => {
    for (const [N, K, n] of [
      [20, 7, 8],
      [390, 243, 179],
      [57, 50, 10],
      [1000, 3, 400],
    ] as const) {
      const lo = Math.max(0, n - (N - K));
      const hi = Math.min(n, K);
      for (let x = lo; x <= hi; x++) {
        expect(hypergeometricPmf(x, N, K, n)).toBeCloseTo(reference(x, N, K, n), 12);
        let upper = 0;
        let lower = 0;
        for (let k = lo; k <= hi; k++) {
          if (k >= x) upper += reference(k, N, K, n);
          if (k <= x) lower += reference(k, N, K, n);
        }
        const tails = hypergeometricTails(x, N, K, n);
        expect(Math.abs(tails.upper - upper)).toBeLessThan(1e-10 * Math.max(upper, 1e-300) + 1e-14);
        expect(Math.abs(tails.lower - lower)).toBeLessThan(1e-10 * Math.max(lower, 1e-300) + 1e-14);
      }
    }
  });

  it('gives Fisher’s one-sided p of a 2 × 2 table (R: fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "greater"))', () => {
    // Unit 3 of 4 from period B, rest 1 of 4: N = 8, K = 4 records of B, n = 4 in the unit.
    expect(hypergeometricTails(3, 8, 4, 4).upper).toBeCloseTo(0.2428571, 7);
  });

  it('keeps tiny tails to their relative precision', () => {
    const p = hypergeometricTails(300, 2000, 1000, 300).upper;
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p - reference(300, 2000, 1000, 300)) / p).toBeLessThan(1e-9);
  });

  it('tests only the sides whose most extreme outcome would be significant', () => {
    expect(hypergeometricSides(100, 50, 2, 0.05)).toBe(0); // even 2 of 2 from one period: p ≈ 0.25
    expect(hypergeometricSides(100, 50, 10, 0.05)).toBe(3);
    expect(hypergeometricSides(100, 95, 10, 0.05)).toBe(2); // all from B is expected; none from B would be remarkable
    expect(hypergeometricSides(10, 5, 10, 0.05)).toBe(0); // the unit is everything
  });
});
