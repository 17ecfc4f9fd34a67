/**
 * Period comparison: which cells' counts changed significantly between period A and period B?
 *
 * For each cell with a + b > 0 records, a conditional (exact binomial) test: given the cell's
 * a + b records, under "no change" each of them falls in period A with probability
 * π₀ = A / (A + B), the study area's share of records in period A. So a cell is flagged when
 * its share moved against the study area as a whole, not merely because one period is longer
 * or had more reporting overall. The two-sided p-value is the exact binomial one of R's
 * `binom.test` / SciPy's `binomtest`; the p-values are Benjamini–Hochberg adjusted over the
 * tested cells; classes +3/+2/+1 (more in B than expected) and −3/−2/−1 (fewer) at adjusted
 * p ≤ 0.01 / 0.05 / 0.10, like the Gi* classes.
 */
import { benjaminiHochberg, classify } from './fdr';

/** log(k!) for k = 0 … n, by summing logs (exact to ~1e-10 relative up to millions). */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1]! + Math.log(k);
  return out;
}

/**
 * Two-sided exact binomial test of k successes in n trials with success probability p, as R's
 * `binom.test`: the sum of the probabilities of all outcomes no more likely than k (with R's
 * relative tolerance 1e-7).
 */
export function binomialTestTwoSided(k: number, n: number, p: number, logFact?: Float64Array): number {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && k <= n)) {
    throw new RangeError(`need whole numbers 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (n === 0) return 1;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const lf = logFact && logFact.length > n ? logFact : logFactorials(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const logPmf = (j: number) => lf[n]! - lf[j]! - lf[n - j]! + j * lp + (n - j) * lq;
  const limit = logPmf(k) + Math.log1p(1e-7);
  let total = 0;
  for (let j = 0; j <= n; j++) {
    const l = logPmf(j);
    if (l <= limit) total += Math.exp(l);
  }
  return Math.min(1, total);
}

export interface PeriodComparison {
  /** Records in period A and B over the compared cells. */
  totalA: number;
  totalB: number;
  /** π₀: the study area's share of records in period A. */
  shareA: number;
  /** Exact binomial p per cell; NaN for cells not tested (outside the mask, or no records). */
  p: Float64Array;
  /** Benjamini–Hochberg adjusted p; NaN where not tested. */
  pAdjusted: Float64Array;
  /** +3…−3: more (+) or fewer (−) records in period B than the area-wide share predicts. */
  classes: Int8Array;
  /** Cells tested (a + b > 0 inside the mask). */
  tested: number;
  /** Set when no test is possible (a period without any record). */
  insufficient?: { reason: string };
}

/** Compares per-cell counts of two periods (same grid); cells outside `mask` are skipped. */
export function comparePeriods(countsA: Float64Array, countsB: Float64Array, mask?: Uint8Array): PeriodComparison {
  const cells = countsA.length;
  if (countsB.length !== cells) throw new RangeError('both periods must have the same grid');
  if (mask && mask.length !== cells) throw new RangeError('mask does not match the grid');
  let totalA = 0;
  let totalB = 0;
  let maxN = 0;
  for (let k = 0; k < cells; k++) {
    if (mask && mask[k] === 0) continue;
    const a = countsA[k]!;
    const b = countsB[k]!;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0)) throw new RangeError(`counts must be whole numbers (cell ${k})`);
    totalA += a;
    totalB += b;
    if (a + b > maxN) maxN = a + b;
  }
  const p = new Float64Array(cells).fill(Number.NaN);
  const shareA = totalA + totalB > 0 ? totalA / (totalA + totalB) : Number.NaN;
  if (totalA === 0 || totalB === 0) {
    return {
      totalA,
      totalB,
      shareA,
      p,
      pAdjusted: new Float64Array(cells).fill(Number.NaN),
      classes: new Int8Array(cells),
      tested: 0,
      insufficient: { reason: `No records in period ${totalA === 0 ? 'A' : 'B'} to compare with.` },
    };
  }
  const logFact = logFactorials(maxN);
  // Direction: B above its expected share is +, below is −; classify() takes the sign of z.
  const direction = new Float64Array(cells);
  let tested = 0;
  for (let k = 0; k < cells; k++) {
    if (mask && mask[k] === 0) continue;
    const a = countsA[k]!;
    const n = a + countsB[k]!;
    if (n === 0) continue;
    p[k] = binomialTestTwoSided(a, n, shareA, logFact);
    direction[k] = n * shareA - a; // expected A minus observed A = observed B minus expected B
    tested++;
  }
  const pAdjusted = benjaminiHochberg(p);
  return { totalA, totalB, shareA, p, pAdjusted, classes: classify(direction, pAdjusted), tested };
}
