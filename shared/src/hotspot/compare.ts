/**
 * Period comparison: did a neighbourhood's or a place's share of records change between period
 * A and period B? The exact conditional tests are below (compareNeighbourhoods); the two-sided
 * exact binomial test is also the problem picture's trend test.
 */
import { discSum } from './disc-sums';
import { classify } from './fdr';
import { latticeStencil } from './gi-star';
import type { PlaceLabels } from './places';
import { hypergeometricSides, hypergeometricTails } from './hypergeometric';
import { COLD_TEST, HOT_TEST, adjustFamily } from './testability';

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

export interface NeighbourhoodComparisonInput {
  countsA: Float64Array;
  countsB: Float64Array;
  cols: number;
  rows: number;
  cellSize: number;
  /** Records within this distance of a cell's centre are its neighbourhood (as for Gi*). */
  band: number;
  mask?: Uint8Array;
  /** Places (e.g. the hot spots of both periods together), each tested as a whole too. */
  places?: PlaceLabels;
  alpha?: number;
}

/** One test unit's outcome: records per period, exact one-sided p of the reported direction, its BH value, class. */
export interface ChangeTests {
  countA: Float64Array;
  countB: Float64Array;
  /** NaN where the unit has no test. */
  p: Float64Array;
  pAdjusted: Float64Array;
  /** +3…−3: a rise (+) or fall (−) of the unit's share in period B at adjusted p ≤ 0.01 / 0.05 / 0.10. */
  classes: Int8Array;
  /** HOT_TEST (rise) | COLD_TEST (fall) bits. */
  testable: Uint8Array;
}

export interface NeighbourhoodComparison {
  totalA: number;
  totalB: number;
  /** The study area's share of records in period B. */
  shareB: number;
  /** Per cell: its neighbourhood's records (NaN outside the mask) and test. */
  cells: ChangeTests;
  /** Per place (index = label), when places were given. */
  places: ChangeTests;
  /** The FDR family of each scale: its testable one-sided tests. */
  family: { neighbourhoods: ChangeFamily; places: ChangeFamily };
  insufficient?: { reason: string };
}

export interface ChangeFamily {
  tests: number;
  riseTests: number;
  fallTests: number;
}

/**
 * Period comparison where change can be detected. A single cell rarely holds enough records for
 * a test to reach significance; its neighbourhood (the cells within the band, as for Gi*) and a
 * whole place do. Each unit gets Fisher's exact test of unit × period: of the N records, K are
 * from period B; under "no change" the unit's n records are a random draw of them, so its b
 * records of period B are Hypergeometric(N, K, n). A rise is P(X ≥ b), a fall P(X ≤ b). The
 * rest of the study area is the reference, so a place whose own rise lifts the total is not
 * measured against itself (as a binomial with the study area's share would). One-sided tests
 * that could never be significant (even every record in one period would not be) are left out
 * (testability.ts); Benjamini–Hochberg runs over the rest, one family per scale (neighbourhoods,
 * places), so the few place tests are not drowned by thousands of neighbourhood tests.
 * Neighbourhoods overlap, so their tests are positively dependent, under which BH still
 * controls the false discovery rate within the family.
 */
export function compareNeighbourhoods(input: NeighbourhoodComparisonInput): NeighbourhoodComparison {
  const { countsA, countsB, cols, rows, cellSize, band, mask } = input;
  const alpha = input.alpha ?? 0.05;
  const cells = cols * rows;
  if (countsA.length !== cells || countsB.length !== cells) throw new RangeError(`both periods need ${cells} cells`);
  if (mask && mask.length !== cells) throw new RangeError('mask does not match the grid');
  const places = input.places ?? { label: new Int32Array(cells).fill(-1), count: 0 };
  if (places.label.length !== cells) throw new RangeError('place labels do not match the grid');
  const units = cells + places.count;
  const unitA = new Float64Array(units);
  const unitB = new Float64Array(units);
  let totalA = 0;
  let totalB = 0;
  for (let k = 0; k < cells; k++) {
    if (mask && mask[k] === 0) continue;
    const a = countsA[k]!;
    const b = countsB[k]!;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0)) throw new RangeError(`counts must be whole numbers (cell ${k})`);
    totalA += a;
    totalB += b;
    const place = places.label[k]!;
    if (place >= 0) {
      unitA[cells + place]! += a;
      unitB[cells + place]! += b;
    }
  }
  const half = latticeStencil(cellSize, band);
  unitA.set(discSum(countsA, cols, rows, half, mask));
  unitB.set(discSum(countsB, cols, rows, half, mask));
  const shareB = totalA + totalB > 0 ? totalB / (totalA + totalB) : Number.NaN;
  const pRise = new Float64Array(units).fill(Number.NaN);
  const pFall = new Float64Array(units).fill(Number.NaN);
  const testable = new Uint8Array(units);
  const empty = totalA === 0 || totalB === 0;
  const total = totalA + totalB;
  const tails = new Map<number, { upper: number; lower: number }>();
  const sides = new Map<number, number>();
  for (let u = 0; u < units; u++) {
    if (u < cells && mask && mask[u] === 0) {
      unitA[u] = unitB[u] = Number.NaN;
      continue;
    }
    const b = unitB[u]!;
    const n = unitA[u]! + b;
    if (empty) continue;
    let s = sides.get(n);
    if (s === undefined) sides.set(n, (s = hypergeometricSides(total, totalB, n, alpha)));
    testable[u] = s;
    if (s === 0) continue;
    const key = n * (total + 1) + b;
    let t = tails.get(key);
    if (t === undefined) tails.set(key, (t = hypergeometricTails(b, total, totalB, n)));
    if (s & HOT_TEST) pRise[u] = t.upper;
    if (s & COLD_TEST) pFall[u] = t.lower;
  }
  // One family per scale: thousands of overlapping neighbourhoods would otherwise drown the few places.
  const part = (from: number, to: number): { tests: ChangeTests; family: ChangeFamily } => {
    const family = adjustFamily(pRise.subarray(from, to), pFall.subarray(from, to), testable.subarray(from, to));
    return {
      tests: {
        countA: unitA.subarray(from, to),
        countB: unitB.subarray(from, to),
        p: family.p,
        pAdjusted: family.pAdjusted,
        classes: classify(family.direction, family.pAdjusted),
        testable: testable.subarray(from, to),
      },
      family: { tests: family.tests, riseTests: family.hotTests, fallTests: family.coldTests },
    };
  };
  const near = part(0, cells);
  const whole = part(cells, units);
  const result: NeighbourhoodComparison = {
    totalA,
    totalB,
    shareB,
    cells: near.tests,
    places: whole.tests,
    family: { neighbourhoods: near.family, places: whole.family },
  };
  if (empty) result.insufficient = { reason: `No records in period ${totalA === 0 ? 'A' : 'B'} to compare with.` };
  return result;
}
