/**
 * Distinct point locations and locational outliers, for choosing the default scale.
 *
 * Several records at one address (or area-level records at a district centroid) are one
 * location, as in ArcGIS ("Collect Events" before Optimized Hot Spot Analysis), so they cannot
 * pull nearest-neighbour distances to 0.
 *
 * A locational outlier is a location much farther from its nearest neighbour than most are.
 * ArcGIS Optimized Hot Spot Analysis describes them as "features that are much farther away from
 * neighboring features than the majority of features in the dataset" and flags nearest-neighbour
 * distances more than three standard deviations above the mean. Here the fence is Tukey's
 * Q3 + 1.5·IQR of the nearest-neighbour distances instead: the mean and standard deviation are
 * themselves inflated by the very outliers they should find (one record 20 km out can hide all
 * others), quartiles are not. For points scattered uniformly at random (Rayleigh distances) both
 * fences flag about 1 % of locations. Outliers only stay out of the *choice* of band and cell
 * size; they are still counted and analysed.
 */
import type { BBox } from './spatial-index';
import { DISTANCE_EPS, buildPointIndex, hashPoint, nearestDistinctDistance } from './spatial-index';

/** Nearest-neighbour distances sampled for the quartiles (all locations below this). */
export const OUTLIER_SAMPLE = 5_000;

export interface DistinctLocations {
  /** Interleaved x, y of each distinct location inside the bbox. */
  xy: Float64Array;
  /** Records at each location. */
  count: Uint32Array;
  /** Location of each input point, −1 outside the bbox. */
  locationOf: Int32Array;
  /** Coordinate hash of each location (order-independent sampling). */
  hash: Uint32Array;
}

/** The distinct locations of the points inside `bbox` (first-seen order). */
export function distinctLocations(xy: Float64Array, bbox: BBox): DistinctLocations {
  const n = xy.length >>> 1;
  const [minX, minY, maxX, maxY] = bbox;
  const words = new Uint32Array(xy.buffer, xy.byteOffset, 2 * xy.length);
  const locationOf = new Int32Array(n).fill(-1);
  // Hash → first location with it; collisions between different places chain through `next`.
  const firstByHash = new Map<number, number>();
  const next: number[] = [];
  const coords: number[] = [];
  const counts: number[] = [];
  const hashes: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    const h = hashPoint(words, i);
    let loc = firstByHash.get(h);
    while (loc !== undefined && !(coords[2 * loc] === x && coords[2 * loc + 1] === y)) loc = next[loc]! >= 0 ? next[loc] : undefined;
    if (loc === undefined) {
      loc = counts.length;
      next.push(firstByHash.get(h) ?? -1);
      firstByHash.set(h, loc);
      coords.push(x, y);
      counts.push(0);
      hashes.push(h);
    }
    counts[loc]!++;
    locationOf[i] = loc;
  }
  return { xy: Float64Array.from(coords), count: Uint32Array.from(counts), locationOf, hash: Uint32Array.from(hashes) };
}

/** Indices of an order-independent hash sample of about `sample` of the `hash` entries (all below it). */
export function hashSample(hash: Uint32Array, sample: number): number[] {
  const out: number[] = [];
  const threshold = hash.length > sample ? Math.floor((sample / hash.length) * 0x100000000) : Infinity;
  for (let i = 0; i < hash.length; i++) if (hash[i]! < threshold) out.push(i);
  return out;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface LocationalOutliers {
  /** 1 = the location is an outlier. */
  outlier: Uint8Array;
  outlierLocations: number;
  /** Nearest-neighbour distance quartiles and the fence Q3 + 1.5·IQR, metres (NaN below 2 locations). */
  q1: number;
  median: number;
  q3: number;
  fence: number;
  /** Mean nearest-neighbour distance of the sampled locations within the fence. */
  meanInlier: number;
  /** Locations whose distance was sampled for the quartiles. */
  sampled: number;
}

/**
 * Flags the locations (distinct, interleaved `xy`) whose nearest other location is farther than
 * the Tukey fence of a hash sample of nearest-neighbour distances (see the module comment).
 */
export function locationalOutliers(xy: Float64Array, hash: Uint32Array): LocationalOutliers {
  const n = xy.length >>> 1;
  const outlier = new Uint8Array(n);
  const none = { outlier, outlierLocations: 0, q1: NaN, median: NaN, q3: NaN, fence: NaN, meanInlier: NaN, sampled: 0 };
  if (n < 2) return none;
  const index = buildPointIndex(xy, 1, { maxBuckets: Math.max(4096, n >>> 2), items: false });
  const sampledIdx = hashSample(hash, OUTLIER_SAMPLE);
  const d: number[] = [];
  for (const i of sampledIdx) d.push(nearestDistinctDistance(index, i));
  d.sort((a, b) => a - b);
  const q1 = quantile(d, 0.25);
  const median = quantile(d, 0.5);
  const q3 = quantile(d, 0.75);
  const fence = q3 + 1.5 * (q3 - q1);
  let inlierSum = 0;
  let inliers = 0;
  for (const v of d) {
    if (v <= fence) {
      inlierSum += v;
      inliers++;
    }
  }
  // Every location: is any other location within the fence? A bucket grid of edge `fence`
  // answers from the 3 × 3 buckets around it, usually from the first point looked at.
  const near = buildPointIndex(xy, Math.max(fence, 1e-6), { maxBuckets: Math.max(4096, 4 * n), items: false });
  const fence2 = fence * fence * (1 + DISTANCE_EPS);
  let outlierLocations = 0;
  for (let i = 0; i < n; i++) {
    if (!hasNeighbourWithin(near, xy[2 * i]!, xy[2 * i + 1]!, fence2)) {
      outlier[i] = 1;
      outlierLocations++;
    }
  }
  return { outlier, outlierLocations, q1, median, q3, fence, meanInlier: inlierSum / inliers, sampled: d.length };
}

function hasNeighbourWithin(index: ReturnType<typeof buildPointIndex>, x: number, y: number, r2: number): boolean {
  const { minX, minY, bucket, cols, rows, start, sortedXY } = index;
  const reach = Math.ceil(Math.sqrt(r2) / bucket);
  const bc = Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / bucket)));
  const br = Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / bucket)));
  for (let r = Math.max(0, br - reach); r <= Math.min(rows - 1, br + reach); r++) {
    const end = start[r * cols + Math.min(cols - 1, bc + reach) + 1]!;
    for (let s = start[r * cols + Math.max(0, bc - reach)]!; s < end; s++) {
      const dx = sortedXY[2 * s]! - x;
      const dy = sortedXY[2 * s + 1]! - y;
      const d2 = dx * dx + dy * dy;
      if (d2 > 0 && d2 <= r2) return true;
    }
  }
  return false;
}
