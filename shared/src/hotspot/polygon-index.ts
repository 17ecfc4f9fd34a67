/**
 * Point-in-polygon for many points against polygons in metres (SWEREF 99 TM), e.g. the study
 * area (a municipality outline with thousands of vertices) tested against every grid cell, or
 * an area filter tested against a million points. Edges are bucketed into horizontal strips, so
 * a query crosses only the edges of its own strip instead of every edge.
 *
 * Each polygon follows the even–odd rule over its rings (outline and holes); a point is inside
 * a `PolygonSet` when it is inside any of its polygons (overlapping areas do not cancel out).
 */

/** One polygon: its rings (outline first, then holes) as flat [x0, y0, x1, y1, …] arrays in metres. */
export type MetricPolygon = readonly (readonly number[] | Float64Array)[];

interface CompiledPolygon {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  strips: number;
  stripHeight: number;
  /** Edges of strip s: edges[start[s] … start[s+1]), each as x0, y0, x1, y1. */
  start: Uint32Array;
  edges: Float64Array;
}

export interface PolygonSet {
  /** [minX, minY, maxX, maxY] over all polygons; undefined when there are none. */
  readonly bbox: readonly [number, number, number, number] | undefined;
  contains(x: number, y: number): boolean;
}

function compile(polygon: MetricPolygon): CompiledPolygon | undefined {
  // Read as plain numeric array-likes: the loops below index rings by position only.
  const rings: readonly ArrayLike<number>[] = polygon;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let edgeCount = 0;
  for (const ring of rings) {
    if (ring.length % 2 !== 0) throw new RangeError('a ring must hold x, y pairs');
    const n = ring.length / 2;
    if (n < 3) continue;
    edgeCount += n;
    for (let i = 0; i < n; i++) {
      const x = ring[2 * i]!;
      const y = ring[2 * i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError('ring coordinates must be finite');
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (edgeCount === 0 || !(maxY > minY)) return undefined;
  const strips = Math.max(1, Math.min(4096, Math.ceil(edgeCount / 4)));
  const stripHeight = (maxY - minY) / strips;
  const stripOf = (y: number) => Math.min(strips - 1, Math.max(0, Math.floor((y - minY) / stripHeight)));
  // Two passes: count edges per strip, then place them.
  const counts = new Uint32Array(strips + 1);
  const forEachEdge = (fn: (x0: number, y0: number, x1: number, y1: number) => void) => {
    for (const ring of rings) {
      const n = ring.length / 2;
      if (n < 3) continue;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const y0 = ring[2 * j + 1]!;
        const y1 = ring[2 * i + 1]!;
        if (y0 === y1) continue; // horizontal edges never cross a horizontal ray
        fn(ring[2 * j]!, y0, ring[2 * i]!, y1);
      }
    }
  };
  forEachEdge((_x0, y0, _x1, y1) => {
    const s0 = stripOf(Math.min(y0, y1));
    const s1 = stripOf(Math.max(y0, y1));
    for (let s = s0; s <= s1; s++) counts[s + 1]!++;
  });
  for (let s = 0; s < strips; s++) counts[s + 1]! += counts[s]!;
  const start = counts.slice();
  const fill = counts.slice(0, strips);
  const edges = new Float64Array(4 * start[strips]!);
  forEachEdge((x0, y0, x1, y1) => {
    const s0 = stripOf(Math.min(y0, y1));
    const s1 = stripOf(Math.max(y0, y1));
    for (let s = s0; s <= s1; s++) {
      const k = 4 * fill[s]!++;
      edges[k] = x0;
      edges[k + 1] = y0;
      edges[k + 2] = x1;
      edges[k + 3] = y1;
    }
  });
  return { minX, minY, maxX, maxY, strips, stripHeight, start, edges };
}

function containsIn(p: CompiledPolygon, x: number, y: number): boolean {
  if (!(x >= p.minX && x <= p.maxX && y >= p.minY && y <= p.maxY)) return false;
  const s = Math.min(p.strips - 1, Math.floor((y - p.minY) / p.stripHeight));
  const { edges } = p;
  let inside = false;
  for (let k = 4 * p.start[s]!, end = 4 * p.start[s + 1]!; k < end; k += 4) {
    const y0 = edges[k + 1]!;
    const y1 = edges[k + 3]!;
    if (y0 > y !== y1 > y) {
      const x0 = edges[k]!;
      if (x < ((edges[k + 2]! - x0) * (y - y0)) / (y1 - y0) + x0) inside = !inside;
    }
  }
  return inside;
}

/** Compiles polygons for repeated containment tests (see the module comment). */
export function polygonSet(polygons: readonly MetricPolygon[]): PolygonSet {
  const compiled = polygons.map(compile).filter((p): p is CompiledPolygon => p !== undefined);
  let bbox: [number, number, number, number] | undefined;
  for (const p of compiled) {
    bbox = bbox
      ? [Math.min(bbox[0], p.minX), Math.min(bbox[1], p.minY), Math.max(bbox[2], p.maxX), Math.max(bbox[3], p.maxY)]
      : [p.minX, p.minY, p.maxX, p.maxY];
  }
  const only = compiled.length === 1 ? compiled[0] : undefined;
  if (only !== undefined) {
    return { bbox, contains: (x, y) => containsIn(only, x, y) };
  }
  return {
    bbox,
    contains: (x, y) => {
      for (const p of compiled) if (containsIn(p, x, y)) return true;
      return false;
    },
  };
}
