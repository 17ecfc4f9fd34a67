import { binomialTestTwoSided } from '../hotspot/compare';

/** Wilson score interval for a share k/n (95 % by default): honest at small n and near 0 or 1. */
export function wilson(k: number, n: number, z = 1.959963984540054): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Trend {
  current: number;
  previous: number;
  /** Relative change (0.35 = +35 %), null when the previous period had none. */
  change: number | null;
  /** Two-sided p of the conditional binomial test: given current + previous, is the split 50/50? */
  p: number;
  significant: boolean;
}

/**
 * Counts in two periods of equal length: under "no change" each record falls in either period
 * with probability ½, so the current count is Binomial(current + previous, ½).
 */
export function trend(current: number, previous: number, alpha = 0.05): Trend {
  const p = binomialTestTwoSided(current, current + previous, 0.5);
  return { current, previous, change: previous > 0 ? (current - previous) / previous : null, p, significant: p < alpha };
}
