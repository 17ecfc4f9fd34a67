import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialTails, stirlerr } from './binomial';

/** Reference values from SciPy 1.17 (`binom.sf(x - 1, n, p)`, `binom.cdf`, `binom.pmf`). */
const SCIPY: [x: number, n: number, p: number, upper: number, lower: number, pmf: number][] = [
  [8, 113, 0.01, 2.015502363496682e-5, 0.9999976575607913, 1.7812584426236282e-5],
  [0, 113, 0.02, 1, 0.10198740773679699, 0.10198740773679695],
  [30, 100, 0.1, 2.445112239390972e-8, 0.9999999939529616, 1.840408391765277e-8],
  [1000, 1_000_000, 0.001, 0.5042115551669921, 0.5084093682207762, 0.012620923387767836],
  [1100, 1_000_000, 0.001, 0.0009574669700285317, 0.9991371002480112, 9.456721803970334e-5],
  [900, 1_000_000, 0.001, 0.9993808124898681, 0.0006940154622868455, 7.482795215494169e-5],
  [5, 10, 0.5, 0.623046875, 0.623046875, 0.24609375],
  [50, 60, 0.3, 1.6675652770875145e-17, 1, 1.528903518695937e-17],
  [0, 10_000, 0.0005, 1, 0.006729527022142958, 0.0067295270221429644],
];

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
}

describe('binomial probabilities', () => {
  it('stirlerr matches log-factorial sums', () => {
    let logFact = 0;
    for (let n = 1; n <= 40; n++) {
      logFact += Math.log(n);
      const exact = logFact - (0.5 * Math.log(2 * Math.PI * n) + n * Math.log(n) - n);
      expect(Math.abs(stirlerr(n) - exact)).toBeLessThan(1e-13);
    }
  });

  it('reproduces SciPy tails and point masses', () => {
    for (const [x, n, p, upper, lower, pmf] of SCIPY) {
      const tails = binomialTails(x, n, p);
      relClose(tails.upper, upper, 1e-10);
      relClose(tails.lower, lower, 1e-10);
      relClose(binomialPmf(x, n, p), pmf, 1e-12);
    }
  });

  it('keeps tiny upper tails exact (no 1 − (1 − tail) cancellation)', () => {
    // P(S = n) = p^n exactly.
    expect(binomialTails(40, 40, 0.01).upper / 1e-80).toBeCloseTo(1, 10);
    expect(binomialTails(0, 200, 0.5).lower / 0.5 ** 200).toBeCloseTo(1, 10);
  });

  it('has tails summing to 1 + P(S = x)', () => {
    for (const [n, p] of [
      [37, 0.2],
      [500, 0.013],
      [5000, 0.4],
    ] as const) {
      for (let x = 0; x <= n; x += Math.max(1, Math.floor(n / 23))) {
        const { upper, lower } = binomialTails(x, n, p);
        expect(upper + lower - binomialPmf(x, n, p)).toBeCloseTo(1, 12);
      }
    }
  });

  it('handles p = 0 and p = 1, and rejects bad input', () => {
    expect(binomialTails(0, 10, 0)).toEqual({ upper: 1, lower: 1 });
    expect(binomialTails(3, 10, 0).upper).toBe(0);
    expect(binomialTails(10, 10, 1)).toEqual({ upper: 1, lower: 1 });
    expect(binomialTails(9, 10, 1).lower).toBe(0);
    expect(() => binomialTails(11, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialTails(1.5, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialTails(1, 10, 1.5)).toThrow(RangeError);
  });
});
