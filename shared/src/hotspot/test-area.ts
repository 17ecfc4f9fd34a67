/**
 * A study area like the demo's for the hot-spot tests: the demo town's convex outline (see
 * server/src/features/demo/generator/geography.ts), scaled to 40 km² around a SWEREF 99 TM
 * centre near Värnamo, and seeded uniform points inside it. Not part of the public API.
 */
import type { PolygonSet } from './polygon-index';
import { polygonSet } from './polygon-index';
import { must } from '../must';

/** The demo outline in km east/north of the centre (69 km² unscaled). */
const OUTLINE_KM = [
  [-5.0, -1.8],
  [-3.6, -3.9],
  [-0.5, -4.0],
  [2.8, -3.8],
  [4.9, -1.6],
  [5.0, 1.5],
  [3.4, 3.9],
  [-0.8, 4.0],
  [-3.9, 3.2],
  [-5.0, 1.0],
] as const;
const OUTLINE_AREA_KM2 = 69.16;

export const TEST_CENTRE = [439_000, 6_340_000] as const;

export interface TestArea {
  ring: Float64Array;
  polygon: PolygonSet;
  bbox: readonly [number, number, number, number];
  inside: (x: number, y: number) => boolean;
  areaKm2: number;
}

export function demoLikeArea(areaKm2 = 40): TestArea {
  const scale = Math.sqrt(areaKm2 / OUTLINE_AREA_KM2) * 1000;
  const ring = Float64Array.from(OUTLINE_KM.flatMap(([x, y]) => [TEST_CENTRE[0] + x * scale, TEST_CENTRE[1] + y * scale]));
  const polygon = polygonSet([[ring]]);
  return { ring, polygon, bbox: must(polygon.bbox, "the test area's bbox"), inside: (x, y) => polygon.contains(x, y), areaKm2 };
}

/** n points uniform over the area (rejection sampling in its bbox), interleaved. */
export function pointsInArea(area: TestArea, rand: () => number, n: number): Float64Array {
  const [minX, minY, maxX, maxY] = area.bbox;
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n;) {
    const x = minX + rand() * (maxX - minX);
    const y = minY + rand() * (maxY - minY);
    if (!area.polygon.contains(x, y)) continue;
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    i++;
  }
  return xy;
}
