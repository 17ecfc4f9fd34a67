/**
 * Data-driven defaults for cell size and distance band, in the spirit of ArcGIS Optimized Hot
 * Spot Analysis.
 *
 * Cell size — "about the typical spacing of the incidents":
 *   1. d = median distance from a point to its nearest neighbour at a *different* location
 *      (coincident points — several reports at one address, or area-level locations — are
 *      one location, so they cannot drag d to 0), over distinct locations. Computed with a
 *      bucket-grid index; above NN_SAMPLE points, a coordinate-hash sample of ~NN_SAMPLE
 *      points is queried (against all points), which does not depend on input order.
 *   2. raw = max(d, sqrt(bbox area / MAX_DEFAULT_CELLS)) — never more than 250 000 cells.
 *   3. cell size = the smallest of the steps 50, 75, 100, 125, 150, 200, 250, 300, 400, 500,
 *      750, 1000 m that is >= raw (1000 m if raw is larger).
 *
 * Distance band — ArcGIS's default for a fixed distance band, "every feature has at least one
 * neighbour", applied to the cells that hold data: the largest distance from a non-empty
 * study-area cell to its nearest other non-empty cell (cell-centre distance), rounded up to a
 * whole metre, and kept within [√2 · cell size, 10 · cell size]: at least the 8 surrounding
 * cells (queen contiguity), at most a 10-cell radius so one isolated incident cannot blow the
 * band up to the size of the municipality.
 */
import { MAX_CELL_SIZE, MIN_CELL_SIZE } from './grid';
import type { BBox } from './spatial-index';
import { buildPointIndex, hashPoint, nearestDistinctDistance } from './spatial-index';
import { must } from '../must';

export const NICE_CELL_SIZES = [50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000] as const;
/** Default cell sizes never make a grid with more cells than this. */
export const MAX_DEFAULT_CELLS = 250_000;
/** Nearest-neighbour queries used for the default cell size (all points below this). */
export const NN_SAMPLE = 5_000;
/** Lower and upper bound of the default band, in cells. */
export const MIN_BAND_CELLS = Math.SQRT2;
export const MAX_BAND_CELLS = 10;

export interface NearestNeighbourSummary {
  /** Median nearest-distinct-neighbour distance in metres (NaN if fewer than 2 distinct locations). */
  median: number;
  /** Distinct locations queried. */
  queried: number;
  /** Points inside the bbox. */
  points: number;
}

/**
 * Median distance to the nearest neighbour at a different location, over the distinct point
 * locations inside `bbox` — all of them up to `sample` points, above that the ones whose
 * coordinate hash falls in the first sample/points of the hash range (an order-independent
 * pseudo-random sample; each location once).
 */
export function medianNearestNeighbourDistance(xy: Float64Array, bbox: BBox, sample: number = NN_SAMPLE): NearestNeighbourSummary {
  const n = xy.length >>> 1;
  const [minX, minY, maxX, maxY] = bbox;
  const area = Math.max(1, (maxX - minX) * (maxY - minY));
  // About sixteen points per bucket on average: cheap to build, and few queries are made.
  const bucket = Math.max(1, Math.sqrt((16 * area) / Math.max(1, n)));
  const index = buildPointIndex(xy, bucket, { bounds: bbox, maxBuckets: Math.max(4096, n >>> 3), items: false });
  const points = index.size;
  const words = new Uint32Array(xy.buffer, xy.byteOffset, 2 * xy.length);
  const sampling = points > sample;
  const threshold = Math.floor((sample / points) * 0x100000000);
  // Coordinate hash → first point seen there (a hash collision between two different
  // locations just queries both).
  const seen = new Map<number, number>();
  const distances: number[] = [];
  let queried = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    const h = hashPoint(words, i);
    if (sampling && h >= threshold) continue;
    const first = seen.get(h);
    if (first !== undefined && xy[2 * first] === x && xy[2 * first + 1] === y) continue;
    if (first === undefined) seen.set(h, i);
    queried++;
    const d = nearestDistinctDistance(index, i);
    if (Number.isFinite(d)) distances.push(d);
  }
  if (distances.length === 0) return { median: Number.NaN, queried, points };
  distances.sort((a, b) => a - b);
  const mid = distances.length >>> 1;
  const upper = must(distances[mid], 'the upper middle distance');
  const median = distances.length % 2 === 1 ? upper : (must(distances[mid - 1], 'the lower middle distance') + upper) / 2;
  return { median, queried, points };
}

/** Smallest nice cell size >= raw, within [50, 1000] m. */
export function roundCellSize(raw: number): number {
  for (const size of NICE_CELL_SIZES) if (size >= raw) return size;
  return MAX_CELL_SIZE;
}

export interface DefaultCellSize {
  cellSize: number;
  medianNearestNeighbour: number;
}

/** Default cell size for the points inside `bbox` (rule in the module comment). */
export function defaultCellSize(xy: Float64Array, bbox: BBox): DefaultCellSize {
  const [minX, minY, maxX, maxY] = bbox;
  const area = (maxX - minX) * (maxY - minY);
  const { median } = medianNearestNeighbourDistance(xy, bbox);
  const floor = Math.max(MIN_CELL_SIZE, Math.sqrt(area / MAX_DEFAULT_CELLS));
  const raw = Number.isFinite(median) ? Math.max(median, floor) : floor;
  return { cellSize: roundCellSize(raw), medianNearestNeighbour: median };
}

/**
 * Default distance band in metres for a lattice of counts (rule in the module comment).
 * Cells outside `mask` are ignored.
 */
export function defaultBand(counts: Float64Array, cols: number, rows: number, cellSize: number, mask?: Uint8Array): number {
  const K = MAX_BAND_CELLS;
  let max2 = MIN_BAND_CELLS * MIN_BAND_CELLS; // running max of NN distance², in cells²
  const hasData = (k: number): boolean => counts[k]! !== 0 && (mask === undefined || mask[k] !== 0);
  outer: for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!hasData(r * cols + c)) continue;
      let best2 = Infinity;
      let k = 1;
      // Stop when this cell cannot raise the max (best2 <= max2) or its NN is exact (k² >= best2).
      for (; k <= K; k++) {
        if (k * k >= best2 || best2 <= max2) break;
        for (let rr = r - k; rr <= r + k; rr++) {
          if (rr < 0 || rr >= rows) continue;
          const edge = rr === r - k || rr === r + k;
          const step = edge ? 1 : 2 * k;
          const dy = rr - r;
          for (let cc = c - k; cc <= c + k; cc += step) {
            if (cc < 0 || cc >= cols) continue;
            if (!hasData(rr * cols + cc)) continue;
            const dx = cc - c;
            const d2 = dx * dx + dy * dy;
            if (d2 < best2) best2 = d2;
          }
        }
      }
      if (best2 > K * K) {
        // No other data cell within the maximum band: the band is capped.
        max2 = K * K;
        break outer;
      }
      if (best2 > max2) max2 = best2;
    }
  }
  return Math.ceil(Math.sqrt(max2) * cellSize - 1e-9);
}
