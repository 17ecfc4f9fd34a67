/**
 * Exact hypergeometric probabilities for the period comparison: X = the records of period B
 * among a unit's n records, when N records of which K are from period B are split into the unit
 * and the rest at random (Fisher's exact test of unit × period, conditional on both margins).
 * The point mass as R's `dhyper` computes it, from three binomial masses with p = n / N (each by
 * Loader's algorithm, binomial.ts), and both tails summed outward from the observed value, so
 * small tails keep their relative precision.
 */
import { binomialPmf } from './binomial';

/** P(X = x) for X ~ Hypergeometric(N, K, n), whole numbers. */
export function hypergeometricPmf(x: number, N: number, K: number, n: number): number {
  if (x < Math.max(0, n - (N - K)) || x > Math.min(n, K)) return 0;
  if (n === 0 || n === N) return 1;
  const p = n / N;
  const q = (N - n) / N;
  return (binomialPmf(x, K, p, q) * binomialPmf(n - x, N - K, p, q)) / binomialPmf(n, N, p, q);
}

/** Σ P(X = k) from k = x towards `end` (one step at a time), stopping once terms stop mattering. */
function sumFrom(x: number, end: number, N: number, K: number, n: number): number {
  let term = hypergeometricPmf(x, N, K, n);
  let sum = term;
  if (x < end) {
    for (let k = x; k < end && term > sum * 1e-17; k++) {
      term *= ((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1));
      sum += term;
    }
  } else {
    for (let k = x; k > end && term > sum * 1e-17; k--) {
      term *= (k * (N - K - n + k)) / ((K - k + 1) * (n - k + 1));
      sum += term;
    }
  }
  return sum;
}

/** Both tails of Hypergeometric(N, K, n) at x: P(X ≥ x) and P(X ≤ x). */
export function hypergeometricTails(x: number, N: number, K: number, n: number): { upper: number; lower: number } {
  if (![x, N, K, n].every(Number.isInteger) || K < 0 || K > N || n < 0 || n > N) {
    throw new RangeError(`need whole numbers 0 <= K, n <= N, got N=${N}, K=${K}, n=${n}`);
  }
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (x < lo || x > hi) throw new RangeError(`x=${x} is outside the support ${lo} … ${hi}`);
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  if (x >= mode) {
    const upper = Math.min(1, sumFrom(x, hi, N, K, n));
    return { upper, lower: x === hi ? 1 : Math.min(1, 1 - sumFrom(x + 1, hi, N, K, n)) };
  }
  const lower = Math.min(1, sumFrom(x, lo, N, K, n));
  return { upper: x === lo ? 1 : Math.min(1, 1 - sumFrom(x - 1, lo, N, K, n)), lower };
}

/**
 * Testable sides (testability.ts bits: 1 = upper, 2 = lower) at level α: a side is testable
 * when its most extreme outcome has probability at most α.
 */
export function hypergeometricSides(N: number, K: number, n: number, alpha: number): number {
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (lo === hi) return 0;
  return (hypergeometricPmf(hi, N, K, n) <= alpha ? 1 : 0) | (hypergeometricPmf(lo, N, K, n) <= alpha ? 2 : 0);
}
