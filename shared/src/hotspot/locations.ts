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
  /** Coordinate hash of each location (order-independent sampling; locations are in bucket order). */
  hash: Uint32Array;
}

/** Buckets with more points than this are deduplicated by sorting instead of pairwise. */
const PAIRWISE_MAX = 64;

/**
 * The distinct locations of the points inside `bbox`, bucket by bucket: identical coordinates
 * always share a bucket, so each bucket (about two points) is deduplicated on its own — pairwise,
 * or by sorting when many records sit in one place — with no hash map over all points.
 */
export function distinctLocations(xy: Float64Array, bbox: BBox): DistinctLocations {
  const n = xy.length >>> 1;
  const index = buildPointIndex(xy, 1, { bounds: bbox, maxBuckets: Math.max(4096, n >>> 1) });
  const { start, items, sortedXY, size } = index;
  const words = new Uint32Array(xy.buffer, xy.byteOffset, 2 * xy.length);
  const locationOf = new Int32Array(n).fill(-1);
  const locXY = new Float64Array(2 * size);
  const count = new Uint32Array(size);
  const hash = new Uint32Array(size);
  let m = 0;
  const place = (s: number, first: number): number => {
    const x = sortedXY[2 * s]!;
    const y = sortedXY[2 * s + 1]!;
    for (let loc = first; loc < m; loc++) if (locXY[2 * loc] === x && locXY[2 * loc + 1] === y) return loc;
    locXY[2 * m] = x;
    locXY[2 * m + 1] = y;
    hash[m] = hashPoint(words, items[s]!);
    return m++;
  };
  for (let b = 0; b + 1 < start.length; b++) {
    const s0 = start[b]!;
    const s1 = start[b + 1]!;
    const first = m;
    if (s1 - s0 <= PAIRWISE_MAX) {
      for (let s = s0; s < s1; s++) {
        const loc = place(s, first);
        count[loc]!++;
        locationOf[items[s]!] = loc;
      }
      continue;
    }
    const order = Array.from({ length: s1 - s0 }, (_, j) => s0 + j);
    order.sort((a, c) => sortedXY[2 * a]! - sortedXY[2 * c]! || sortedXY[2 * a + 1]! - sortedXY[2 * c + 1]!);
    for (const s of order) {
      // Sorted: a point is either at the latest location or starts a new one.
      const loc = m > first && locXY[2 * m - 2] === sortedXY[2 * s] && locXY[2 * m - 1] === sortedXY[2 * s + 1] ? m - 1 : place(s, m);
      count[loc]!++;
      locationOf[items[s]!] = loc;
    }
  }
  return { xy: locXY.slice(0, 2 * m), count: count.slice(0, m), locationOf, hash: hash.slice(0, m) };
}

/** Indices of an order-independent hash sample of about `sample` of the `hash` entries (all below it). */
export function hashSample(hash: Uint32Array, sample: number): number[] {
  const out: number[] = [];
  const threshold = hash.length > sample ? Math.floor((sample / hash.length) * 0x100000000) : Infinity;
  for (let i = 0; i < hash.length; i++) if (hash[i]! < threshold) out.push(i);
  return out;
}

/** The q-quantile of `sorted`, interpolated linearly; NaN for an empty sample. */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const low = sorted[lo] ?? Number.NaN;
  return low + (pos - lo) * ((sorted[hi] ?? Number.NaN) - low);
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
  // Every location: is any other location within the fence? On a bucket grid of edge fence/√2
  // two locations in one bucket are within the fence of each other, so only lone locations need
  // a search (unless the grid had to coarsen to fit, then every location does).
  const edge = Math.max(fence, 1e-6) / Math.SQRT2;
  const near = buildPointIndex(xy, edge, { maxBuckets: Math.max(4096, 4 * n) });
  const fence2 = fence * fence * (1 + DISTANCE_EPS);
  const everyone = near.bucket > edge;
  let outlierLocations = 0;
  for (let b = 0; b + 1 < near.start.length; b++) {
    const s0 = near.start[b]!;
    const s1 = near.start[b + 1]!;
    if (s1 - s0 >= 2 && !everyone) continue;
    for (let s = s0; s < s1; s++) {
      const i = near.items[s]!;
      if (!hasNeighbourWithin(near, xy[2 * i]!, xy[2 * i + 1]!, fence2)) {
        outlier[i] = 1;
        outlierLocations++;
      }
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
