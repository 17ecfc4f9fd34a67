/**
 * Exact binomial probabilities for the calibrated hot-spot inference: the point mass by
 * Catherine Loader's saddle-point algorithm ("Fast and accurate computation of binomial
 * probabilities", 2000 — the algorithm of R's `dbinom`), and both tails summed outward from
 * the observed value, so tails as small as 1e-300 keep their full relative precision (a
 * complement 1 − (1 − tail) would lose them below ~1e-16).
 */

const LN_2PI = 1.8378770664093453;

/**
 * stirlerr(n) = log(n!) − log(√(2π n) (n/e)^n) for n = 0 … 15 (R's `sferr_halves` at whole n, as
 * the doubles they round to; checked against log-factorial sums in the tests). stirlerr(0) is unused.
 */
const STIRLERR_SMALL = new Float64Array([
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193, 0.013876128823070748,
  0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
  0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
]);

/** The error of Stirling's formula for log(n!), n a whole number >= 0. */
export function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n]!;
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Loader's deviance term x·log(x/np) + np − x, accurate when x ≈ np. */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** P(S = x) for S ~ Bin(n, p), with q = 1 − p given separately (no cancellation for p near 1). */
export function binomialPmf(x: number, n: number, p: number, q: number = 1 - p): number {
  if (x < 0 || x > n) return 0;
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Σ P(S = k) from k = x downwards to 0: the lower tail P(S ≤ x), for x at or below the mode. */
function sumDown(x: number, n: number, p: number, q: number): number {
  let term = binomialPmf(x, n, p, q);
  let sum = term;
  const ratio = q / p;
  for (let k = x; k > 0 && term > sum * 1e-17; k--) {
    term *= (k / (n - k + 1)) * ratio;
    sum += term;
  }
  return sum;
}

/** Σ P(S = k) from k = x upwards to n: the upper tail P(S ≥ x), for x at or above the mode. */
function sumUp(x: number, n: number, p: number, q: number): number {
  let term = binomialPmf(x, n, p, q);
  let sum = term;
  const ratio = p / q;
  for (let k = x; k < n && term > sum * 1e-17; k++) {
    term *= ((n - k) / (k + 1)) * ratio;
    sum += term;
  }
  return sum;
}

export interface BinomialTails {
  /** P(S ≥ x): the p-value for "more than expected". */
  upper: number;
  /** P(S ≤ x): the p-value for "fewer than expected". */
  lower: number;
}

/**
 * Both tails of Bin(n, p) at x (whole numbers, 0 <= x <= n). The tail away from the mode is
 * summed directly; the one containing the mode is 1 − (the other side) + P(S = x), where
 * rounding at 1e-16 does not matter. Summation costs O(√(n p q)) terms per call.
 */
export function binomialTails(x: number, n: number, p: number): BinomialTails {
  if (!(Number.isInteger(x) && Number.isInteger(n) && x >= 0 && x <= n)) {
    throw new RangeError(`need whole numbers 0 <= x <= n, got x=${x}, n=${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const q = 1 - p;
  if (p === 0) return { upper: x === 0 ? 1 : 0, lower: 1 };
  if (q === 0) return { upper: 1, lower: x === n ? 1 : 0 };
  const mode = Math.floor((n + 1) * p);
  if (x >= mode) {
    const upper = Math.min(1, sumUp(x, n, p, q));
    const lower = x === n ? 1 : Math.min(1, 1 - sumUp(x + 1, n, p, q));
    return { upper, lower };
  }
  const lower = Math.min(1, sumDown(x, n, p, q));
  const upper = x === 0 ? 1 : Math.min(1, 1 - sumDown(x - 1, n, p, q));
  return { upper, lower };
}
