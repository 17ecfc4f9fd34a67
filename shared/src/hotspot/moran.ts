/**
 * Global Moran's I on a lattice of counts and Incremental Spatial Autocorrelation (ISA), as
 * ArcGIS computes them for Optimized Hot Spot Analysis: row-standardised distance-band weights
 * (a cell's neighbours are the other cells whose centres lie within the distance), the z-score
 * under the randomisation assumption (with the kurtosis term b₂), and the distance band at the
 * first peak of z over increasing distances.
 *
 * With k_i neighbours of cell i (self excluded), w_ij = 1/k_i, R_i = Σ_{j near i} 1/k_j:
 *   S0 = n, S1 = Σ 1/k_i + Σ R_i/k_i, S2 = Σ (1 + R_i)²,
 * all from disc sums, so one distance costs a few lattice passes instead of a neighbour list.
 * Cells without neighbours drop out of n (as in ArcGIS).
 */
import { discCount, discSum } from './disc-sums';
import { latticeStencil } from './gi-star';

export interface MoranResult {
  I: number;
  expected: number;
  variance: number;
  z: number;
  /** Cells with at least one neighbour. */
  n: number;
}

export interface LatticeValues {
  values: Float64Array;
  cols: number;
  rows: number;
  cellSize: number;
  mask?: Uint8Array;
}

/** Global Moran's I of `values` with row-standardised weights at `distance` metres (see above). */
export function moranI(lattice: LatticeValues, distance: number): MoranResult {
  const { values, cols, rows, cellSize, mask } = lattice;
  const cells = cols * rows;
  const inside = (k: number) => mask === undefined || mask[k] !== 0;
  let all = 0;
  let sum = 0;
  for (let k = 0; k < cells; k++) {
    if (!inside(k)) continue;
    sum += values[k]!;
    all++;
  }
  const mean = all > 0 ? sum / all : 0;
  const dev = new Float64Array(cells);
  let m2 = 0;
  let m4 = 0;
  for (let k = 0; k < cells; k++) {
    if (!inside(k)) continue;
    const d = values[k]! - mean;
    dev[k] = d;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const half = latticeStencil(cellSize, distance);
  const inDisc = discCount(cols, rows, half, mask);
  const invK = new Float64Array(cells);
  let n = 0;
  for (let k = 0; k < cells; k++) {
    if (!inside(k) || inDisc[k]! <= 1) continue;
    invK[k] = 1 / (inDisc[k]! - 1);
    n++;
  }
  const devSums = discSum(dev, cols, rows, half, mask);
  const invKSums = discSum(invK, cols, rows, half, mask);
  let numer = 0;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < cells; k++) {
    const w = invK[k]!;
    if (w === 0) continue;
    numer += w * dev[k]! * (devSums[k]! - dev[k]!);
    const R = invKSums[k]! - w;
    s1 += w + R * w;
    s2 += (1 + R) * (1 + R);
  }
  const expected = -1 / (n - 1);
  if (n < 4 || !(m2 > 0)) return { I: Number.NaN, expected, variance: Number.NaN, z: Number.NaN, n };
  const s0 = n;
  const I = numer / m2; // (n / S0) = 1 with row-standardised weights
  const b2 = m4 / n / ((m2 / n) * (m2 / n));
  const n2 = n * n;
  const left = n * ((n2 - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0);
  const right = b2 * ((n2 - n) * s1 - 2 * n * s2 + 6 * s0 * s0);
  const expectedSquare = (left - right) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0);
  const variance = expectedSquare - expected * expected;
  const z = variance > 0 ? (I - expected) / Math.sqrt(variance) : Number.NaN;
  return { I, expected, variance, z, n };
}

/** z-scores at least this high count as peaks (ArcGIS: z > 1.65, p < 0.10 one-sided). */
export const PEAK_MIN_Z = 1.65;

/**
 * ArcGIS's peak rule: index c is a peak when z falls after it (z[c+1] < z[c]), z has risen
 * somewhere before, and z[c] > PEAK_MIN_Z. First peak and highest peak, or undefined.
 */
export function zPeaks(z: readonly number[]): { first: number | undefined; max: number | undefined } {
  let first: number | undefined;
  let max: number | undefined;
  let maxZ = -Infinity;
  let goneUp = false;
  for (const [c, here] of z.entries()) {
    const next = z[c + 1];
    if (next === undefined) break;
    const d = next - here;
    if (d > 0) goneUp = true;
    if (d < 0 && goneUp && here > PEAK_MIN_Z) {
      first ??= c;
      if (here > maxZ) {
        max = c;
        maxZ = here;
      }
    }
  }
  return { first, max };
}

/** ArcGIS ISA's default number of distances. */
export const ISA_STEPS = 10;

/**
 * The ISA distances: `begin`, begin + step, …, ISA_STEPS of them; if that passes `maxDistance`,
 * ISA_STEPS distances evenly from `begin` to `maxDistance` instead (ArcGIS's rule; with
 * maxDistance <= begin, just `begin`).
 */
export function isaDistances(begin: number, step: number, maxDistance: number): number[] {
  const out: number[] = [];
  if (!(maxDistance > begin)) return [begin];
  const last = begin + (ISA_STEPS - 1) * step;
  const spacing = last > maxDistance ? (maxDistance - begin) / (ISA_STEPS - 1) : step;
  for (let i = 0; i < ISA_STEPS; i++) out.push(begin + i * spacing);
  return out;
}

export interface IsaSeries {
  distances: number[];
  z: number[];
  I: number[];
  firstPeak: number | undefined;
  maxPeak: number | undefined;
}

/** Moran's I z at each distance, and the peaks. */
export function incrementalSpatialAutocorrelation(lattice: LatticeValues, distances: readonly number[]): IsaSeries {
  const results = distances.map((d) => moranI(lattice, d));
  const z = results.map((r) => r.z);
  const { first, max } = zPeaks(z);
  return { distances: [...distances], z, I: results.map((r) => r.I), firstPeak: first, maxPeak: max };
}
