/**
 * Which one-sided tests can ever be significant, and the Benjamini–Hochberg family made of those
 * that can.
 *
 * Every cell carries up to two one-sided tests of its neighbourhood sum S: "more than expected"
 * (hot) and "fewer than expected" (cold). With a discrete null distribution a test has a smallest
 * achievable p-value: P(S = 0) for the cold test — the p of an empty neighbourhood — and
 * P(S = N) for the hot test. A test whose smallest achievable p exceeds α can never be rejected
 * at level α, not even before adjustment (BH's most lenient threshold is α itself), so it is left
 * out of the family (Tarone 1990, "A modified Bonferroni method for discrete data"; Gilbert
 * 2005). Leaving it in would only raise m and cost the testable cells power. This is what keeps
 * empty land from turning cold: where even no record at all would be unremarkable (few records
 * expected), no cold spot is claimed.
 *
 * With both tests in the family for every cell, BH over the 2m one-sided p-values gives the
 * same discoveries as BH over m doubled two-sided p-values; dropping untestable tests is the
 * only difference.
 */
import { benjaminiHochberg } from './fdr';

/** Bit flags of `testableSides`. */
export const HOT_TEST = 1;
export const COLD_TEST = 2;

/**
 * Testable sides for S ~ Bin(n, π) at level α: HOT_TEST when P(S = n) = πⁿ <= α, COLD_TEST when
 * P(S = 0) = (1 − π)ⁿ <= α. π = 0 or π = 1 (nothing or everything expected in the
 * neighbourhood) fixes S, so neither side is testable.
 */
export function testableSides(n: number, pi: number, alpha: number): number {
  if (!(pi > 0 && pi < 1) || n <= 0) return 0;
  let sides = 0;
  if (n * Math.log(pi) <= Math.log(alpha)) sides |= HOT_TEST;
  if (n * Math.log1p(-pi) <= Math.log(alpha)) sides |= COLD_TEST;
  return sides;
}

/**
 * The expected neighbourhood count below which a cold test is untestable: the smallest n·π with
 * (1 − π)ⁿ <= α, i.e. n·(1 − α^(1/n)) (about −ln α = 3.0 records for α = 0.05).
 */
export function minimumExpectedForCold(n: number, alpha: number): number {
  return n > 0 ? -n * Math.expm1(Math.log(alpha) / n) : Number.NaN;
}

export interface FamilyAdjusted {
  /** The raw one-sided p of the direction reported for the cell; NaN when it has no test. */
  p: Float64Array;
  /** Its BH-adjusted p within the family of testable tests; NaN when the cell has no test. */
  pAdjusted: Float64Array;
  /** +1 the cell's reported test is "more than expected", −1 "fewer", 0 no test. */
  direction: Int8Array;
  /** Tests in the family: all, and by side. */
  tests: number;
  hotTests: number;
  coldTests: number;
}

/**
 * BH over the family of testable one-sided tests. `pHot[k]` / `pCold[k]` are cell k's one-sided
 * p-values; `sides[k]` its testable sides (cells with 0 are not in the family). Each cell reports
 * the side with the smaller adjusted p (at most one side can be below 0.5).
 */
export function adjustFamily(pHot: Float64Array, pCold: Float64Array, sides: Uint8Array): FamilyAdjusted {
  const cells = sides.length;
  const family = new Float64Array(2 * cells).fill(Number.NaN);
  let hotTests = 0;
  let coldTests = 0;
  for (let k = 0; k < cells; k++) {
    const s = sides[k]!;
    if (s & HOT_TEST) {
      family[k] = pHot[k]!;
      hotTests++;
    }
    if (s & COLD_TEST) {
      family[cells + k] = pCold[k]!;
      coldTests++;
    }
  }
  const adjusted = benjaminiHochberg(family);
  const p = new Float64Array(cells).fill(Number.NaN);
  const pAdjusted = new Float64Array(cells).fill(Number.NaN);
  const direction = new Int8Array(cells);
  for (let k = 0; k < cells; k++) {
    const s = sides[k]!;
    if (s === 0) continue;
    const hot = s & HOT_TEST ? adjusted[k]! : Infinity;
    const cold = s & COLD_TEST ? adjusted[cells + k]! : Infinity;
    if (hot <= cold) {
      p[k] = pHot[k]!;
      pAdjusted[k] = hot;
      direction[k] = 1;
    } else {
      p[k] = pCold[k]!;
      pAdjusted[k] = cold;
      direction[k] = -1;
    }
  }
  return { p, pAdjusted, direction, tests: hotTests + coldTests, hotTests, coldTests };
}
