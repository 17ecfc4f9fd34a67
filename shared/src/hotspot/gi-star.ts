/**
 * Getis-Ord Gi* with binary distance-band weights (self included), as in PySAL esda
 * `G_Local(y, w, star=True, transform='B')` and ArcGIS "Hot Spot Analysis (Getis-Ord Gi*)":
 *
 *   z_i = (Σ_j w_ij x_j − x̄ W_i) / ( S · sqrt( (n·W_i − W_i²) / (n − 1) ) )
 *
 * with w_ij = 1 when dist(i, j) <= band (w_ii = 1), W_i = Σ_j w_ij (= Σ_j w_ij² for binary
 * weights), x̄ the mean and S the population standard deviation (divisor n) of all n values.
 * p is two-sided from the standard normal.
 *
 * Degenerate observations whose denominator is 0 — all values equal (S = 0), or the band
 * covers the whole study area (W_i = n) — carry no evidence of clustering: z = 0, p = 1.
 */
import { discCount, discSum } from './disc-sums';
import { twoSidedP } from './normal';
import { DISTANCE_EPS, buildPointIndex } from './spatial-index';

export interface GiStarResult {
  z: Float64Array;
  p: Float64Array;
}

function checkBand(band: number): void {
  if (!(band > 0) || !Number.isFinite(band)) {
    throw new RangeError(`distance band must be a positive finite number of metres, got ${band}`);
  }
}

/** Mean and population standard deviation (two-pass, for accuracy). */
export function meanAndSd(values: ArrayLike<number>, mask?: Uint8Array): { mean: number; sd: number; n: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && mask[i] === 0) continue;
    sum += values[i]!;
    n++;
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && mask[i] === 0) continue;
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, sd: n > 0 ? Math.sqrt(ss / n) : 0, n };
}

/** Gi* z of one observation from its neighbourhood sum and neighbour count (0 when degenerate). */
export function zScore(sum: number, w: number, mean: number, sd: number, n: number): number {
  const v = (n * w - w * w) / (n - 1);
  if (!(sd > 0) || !(v > 0)) return 0;
  return (sum - mean * w) / (sd * Math.sqrt(v));
}

/**
 * Gi* for arbitrary points. `values[i]` belongs to the point at (xy[2i], xy[2i+1]) in metres;
 * neighbours are the points at Euclidean distance <= band (self included). Neighbour search
 * uses a bucket grid with bucket edge = band, so the cost is O(n · neighbours), not O(n²).
 */
export function giStar(values: ArrayLike<number>, xy: Float64Array, band: number): GiStarResult {
  checkBand(band);
  const n = values.length;
  if (xy.length !== 2 * n) {
    throw new RangeError(`xy must hold ${2 * n} coordinates for ${n} values, got ${xy.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`value ${i} is not a finite number`);
    if (!Number.isFinite(xy[2 * i]!) || !Number.isFinite(xy[2 * i + 1]!)) {
      throw new RangeError(`point ${i} has a non-finite coordinate`);
    }
  }
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  if (n === 0) return { z, p };
  const { mean, sd } = meanAndSd(values);
  const index = buildPointIndex(xy, band);
  const { minX, minY, bucket, cols, rows, start, items, sortedXY } = index;
  const reach = Math.ceil(band / bucket);
  const band2 = band * band * (1 + DISTANCE_EPS);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const bc = Math.min(cols - 1, Math.floor((x - minX) * (1 / bucket)));
    const br = Math.min(rows - 1, Math.floor((y - minY) * (1 / bucket)));
    let sum = 0;
    let w = 0;
    for (let r = Math.max(0, br - reach); r <= Math.min(rows - 1, br + reach); r++) {
      const c0 = Math.max(0, bc - reach);
      const c1 = Math.min(cols - 1, bc + reach);
      // Buckets c0..c1 of one row are contiguous in `items`.
      const end = start[r * cols + c1 + 1]!;
      for (let s = start[r * cols + c0]!; s < end; s++) {
        const dx = sortedXY[2 * s]! - x;
        const dy = sortedXY[2 * s + 1]! - y;
        if (dx * dx + dy * dy <= band2) {
          sum += values[items[s]!]!;
          w++;
        }
      }
    }
    const zi = zScore(sum, w, mean, sd, n);
    z[i] = zi;
    p[i] = twoSidedP(zi);
  }
  return { z, p };
}

/**
 * Row half-widths of the disc of radius `band` on a lattice of pitch `cellSize`: cell (dx, dy)
 * is a neighbour of (0, 0) iff |dx| <= halfWidth[|dy|]. Length R + 1, R = max |dy|.
 */
export function latticeStencil(cellSize: number, band: number): Int32Array {
  const r2 = (band / cellSize) * (band / cellSize) * (1 + DISTANCE_EPS);
  const R = Math.floor(Math.sqrt(r2));
  const half = new Int32Array(R + 1);
  for (let dy = 0; dy <= R; dy++) {
    let w = Math.floor(Math.sqrt(Math.max(0, r2 - dy * dy)));
    while (w * w + dy * dy > r2) w--;
    while ((w + 1) * (w + 1) + dy * dy <= r2) w++;
    half[dy] = w;
  }
  return half;
}

/**
 * Gi* on a regular lattice of cells (row-major, `cols` × `rows`, pitch `cellSize` metres), the
 * values being e.g. point counts per cell. Same statistic as `giStar` on the cell centres, with
 * the neighbourhood sums of `discSum` (per-row prefix sums over the disc's row spans).
 *
 * `mask` (1 = inside, 0 = outside) marks the cells of the study area; cells outside it are not
 * observations at all (they do not count in n, x̄, S or as anyone's neighbours) and get z = p = NaN.
 */
export function giStarLattice(
  counts: Float64Array,
  cols: number,
  rows: number,
  cellSize: number,
  band: number,
  mask?: Uint8Array,
): GiStarResult {
  checkBand(band);
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 0 || rows < 0) {
    throw new RangeError(`cols and rows must be non-negative integers, got ${cols} × ${rows}`);
  }
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) {
    throw new RangeError(`cell size must be a positive finite number of metres, got ${cellSize}`);
  }
  const cells = cols * rows;
  if (counts.length !== cells) throw new RangeError(`counts must have ${cells} entries, got ${counts.length}`);
  if (mask && mask.length !== cells) throw new RangeError(`mask must have ${cells} entries, got ${mask.length}`);

  const z = new Float64Array(cells);
  const p = new Float64Array(cells);
  const { mean, sd, n } = meanAndSd(counts, mask);

  const half = latticeStencil(cellSize, band);
  const sums = discSum(counts, cols, rows, half, mask);
  const weights = discCount(cols, rows, half, mask);
  let lastSum = Number.NaN;
  let lastW = Number.NaN;
  let lastZ = Number.NaN;
  let lastP = Number.NaN;
  for (let k = 0; k < cells; k++) {
    if (mask && mask[k] === 0) {
      z[k] = Number.NaN;
      p[k] = Number.NaN;
      continue;
    }
    const sum = sums[k]!;
    const w = weights[k]!;
    // Neighbouring cells often share (sum, W) — e.g. stretches of empty cells — so reuse the
    // previous cell's z and p then (erfc is the costliest step here).
    if (sum !== lastSum || w !== lastW) {
      lastSum = sum;
      lastW = w;
      lastZ = zScore(sum, w, mean, sd, n);
      lastP = twoSidedP(lastZ);
    }
    z[k] = lastZ;
    p[k] = lastP;
  }
  return { z, p };
}
