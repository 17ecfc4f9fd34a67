/**
 * Uniform bucket grid over points (counting sort into square buckets), used for fixed-radius
 * neighbour search (Gi* distance band) and nearest-neighbour distances (defaults).
 * Building is two linear passes over typed arrays; a query touches only nearby buckets.
 */

/** Bounding box in metres: [minX, minY, maxX, maxY]. */
export type BBox = readonly [number, number, number, number];

export interface PointIndex {
  /** The interleaved coordinates the index was built over (not copied). */
  readonly xy: Float64Array;
  /** Number of indexed points (points outside `bounds` or with non-finite coordinates are left out). */
  readonly size: number;
  readonly minX: number;
  readonly minY: number;
  /** Bucket edge in metres (at least the requested size; larger when the extent is huge). */
  readonly bucket: number;
  readonly cols: number;
  readonly rows: number;
  /** Bucket b holds items[start[b] .. start[b+1]). Length cols·rows + 1. */
  readonly start: Uint32Array;
  /** Point indices (into xy) grouped by bucket (empty when built with `items: false`). */
  readonly items: Uint32Array;
  /** Coordinates in `items` order (x, y interleaved), so a bucket scan reads memory sequentially. */
  readonly sortedXY: Float64Array;
}

/**
 * Relative slack on distance comparisons, so that a neighbour exactly on the band (e.g. two
 * cell centres exactly `band` apart, whose coordinates carry rounding error) is included.
 */
export const DISTANCE_EPS = 1e-9;

/**
 * Hash of point i's coordinates (the four 32-bit words of its two doubles) to [0, 2^32):
 * identical for identical locations, whatever the input order.
 */
export function hashPoint(words: Uint32Array, i: number): number {
  let h = 0x9e3779b9;
  for (let w = 4 * i; w < 4 * i + 4; w++) {
    h = Math.imul(h ^ words[w]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Builds a bucket grid with bucket edge `bucketSize` (the Gi* band, or a few nearest-neighbour
 * distances). If that would need more than `maxBuckets` buckets (very sparse points over a big
 * extent), the bucket edge grows until it fits; queries stay correct, only less selective.
 */
export function buildPointIndex(
  xy: Float64Array,
  bucketSize: number,
  options: { bounds?: BBox; maxBuckets?: number; items?: boolean } = {},
): PointIndex {
  if (!(bucketSize > 0) || !Number.isFinite(bucketSize)) {
    throw new RangeError(`bucket size must be a positive finite number of metres, got ${bucketSize}`);
  }
  if (xy.length % 2 !== 0) throw new RangeError('xy must hold interleaved x,y pairs');
  const n = xy.length >>> 1;
  const bounds = options.bounds;
  let minX: number;
  let minY: number;
  let maxX: number;
  let maxY: number;
  if (bounds) {
    [minX, minY, maxX, maxY] = bounds;
  } else {
    minX = Infinity;
    minY = Infinity;
    maxX = -Infinity;
    maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (minX > maxX) {
      minX = 0;
      minY = 0;
      maxX = 0;
      maxY = 0;
    }
  }
  const maxBuckets = options.maxBuckets ?? Math.max(4096, 4 * n);
  let bucket = bucketSize;
  let cols = Math.floor((maxX - minX) / bucket) + 1;
  let rows = Math.floor((maxY - minY) / bucket) + 1;
  while (cols * rows > maxBuckets) {
    bucket *= Math.sqrt((cols * rows) / maxBuckets) * 1.01;
    cols = Math.floor((maxX - minX) / bucket) + 1;
    rows = Math.floor((maxY - minY) / bucket) + 1;
  }
  const nb = cols * rows;
  const inv = 1 / bucket;
  const lastCol = cols - 1;
  const lastRow = rows - 1;
  const start = new Uint32Array(nb + 1);
  let size = 0;
  // Pass 1: bucket sizes. (Recomputing the bucket in pass 2 is cheaper than storing it.)
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    // The negated comparison also rejects NaN.
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    let c = ((x - minX) * inv) | 0;
    let r = ((y - minY) * inv) | 0;
    if (c > lastCol) c = lastCol;
    if (r > lastRow) r = lastRow;
    start[r * cols + c + 1]!++;
    size++;
  }
  for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
  // Pass 2: scatter.
  const fill = start.slice(0, nb);
  const withItems = options.items ?? true;
  const items = new Uint32Array(withItems ? size : 0);
  const sortedXY = new Float64Array(2 * size);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    let c = ((x - minX) * inv) | 0;
    let r = ((y - minY) * inv) | 0;
    if (c > lastCol) c = lastCol;
    if (r > lastRow) r = lastRow;
    const s = fill[r * cols + c]!++;
    if (withItems) items[s] = i;
    sortedXY[2 * s] = x;
    sortedXY[2 * s + 1] = y;
  }
  return { xy, size, minX, minY, bucket, cols, rows, start, items, sortedXY };
}

/**
 * Distance from point `i` to the nearest indexed point at a *different* location (coincident
 * points are skipped, so duplicates do not collapse the distance to 0). Infinity when there is
 * none. `maxDistance` stops the search early (returns Infinity when nothing is that close).
 */
export function nearestDistinctDistance(index: PointIndex, i: number, maxDistance = Infinity): number {
  return kthNearestDistance(index, i, 1, maxDistance);
}

/**
 * Distance from point `i` to its k-th nearest indexed point at a different location, counting
 * every indexed point (build the index over distinct locations to count each location once).
 * Infinity when fewer than k such points exist, or when the k-th is farther than `maxDistance`
 * (which stops the search early).
 */
export function kthNearestDistance(index: PointIndex, i: number, k: number, maxDistance = Infinity): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number >= 1, got ${k}`);
  const { xy, minX, minY, bucket, cols, rows, start, sortedXY } = index;
  const x = xy[2 * i]!;
  const y = xy[2 * i + 1]!;
  const bc = Math.min(cols - 1, Math.max(0, Math.floor((x - minX) * (1 / bucket))));
  const br = Math.min(rows - 1, Math.max(0, Math.floor((y - minY) * (1 / bucket))));
  const fx = x - (minX + bc * bucket);
  const fy = y - (minY + br * bucket);
  const edge = Math.max(0, Math.min(fx, bucket - fx, fy, bucket - fy));
  // The k smallest squared distances so far, ascending (insertion into a short array).
  const best = new Float64Array(k).fill(Infinity);
  const maxRing = Math.max(cols, rows);
  for (let ring = 0; ring <= maxRing; ring++) {
    if (ring > 0) {
      const reach = edge + (ring - 1) * bucket;
      if (reach * reach >= best[k - 1]! || reach > maxDistance) break;
    }
    const r0 = br - ring;
    const r1 = br + ring;
    for (let r = Math.max(0, r0); r <= Math.min(rows - 1, r1); r++) {
      const step = r === r0 || r === r1 || ring === 0 ? 1 : 2 * ring;
      for (let c = bc - ring; c <= bc + ring; c += step) {
        if (c < 0 || c >= cols) continue;
        const b = r * cols + c;
        const end = start[b + 1]!;
        for (let s = start[b]!; s < end; s++) {
          const dx = sortedXY[2 * s]! - x;
          const dy = sortedXY[2 * s + 1]! - y;
          const d2 = dx * dx + dy * dy;
          if (d2 === 0 || d2 >= best[k - 1]!) continue;
          let j = k - 1;
          while (j > 0 && best[j - 1]! > d2) {
            best[j] = best[j - 1]!;
            j--;
          }
          best[j] = d2;
        }
      }
    }
  }
  const d = Math.sqrt(best[k - 1]!);
  return d <= maxDistance ? d : Infinity;
}
