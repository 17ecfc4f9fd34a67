import { SWEDEN_BBOX, geometryBbox, pointInGeometry, type AreaGeometry } from '@lagesbild/shared';
import type { AreaKind } from '../../db/schema';

/**
 * Pure helpers over a collaboration's areas as `areaShapes` loads them: which district a place
 * falls in, the collaboration's outline, and an area's centre for records without a place.
 */
export interface AreaRecord {
  id: string;
  name: string;
  kind: AreaKind;
  geometry: AreaGeometry;
  /** [west, south, east, north] in WGS 84. */
  bbox: [number, number, number, number];
}

const bboxArea = ([west, south, east, north]: readonly [number, number, number, number]) => (east - west) * (north - south);

/** The smallest district (any area but the boundary) the place lies in, or null. */
export function districtOf(areas: readonly AreaRecord[], lat: number, lon: number): string | null {
  let best: AreaRecord | undefined;
  for (const area of areas) {
    if (area.kind === 'boundary') continue;
    const [w, s, e, n] = area.bbox;
    if (lon < w || lon > e || lat < s || lat > n) continue;
    if (!pointInGeometry(lon, lat, area.geometry)) continue;
    if (!best || bboxArea(area.bbox) < bboxArea(best.bbox)) best = area;
  }
  return best?.id ?? null;
}

/** The collaboration's outline: its boundary areas, else all its other areas. */
export function extentOf<T extends Pick<AreaRecord, 'kind'>>(areas: readonly T[]): T[] {
  const boundary = areas.filter((a) => a.kind === 'boundary');
  return boundary.length > 0 ? boundary : [...areas];
}

export function unionBbox(areas: readonly Pick<AreaRecord, 'bbox'>[]): [number, number, number, number] {
  if (areas.length === 0) return [...SWEDEN_BBOX];
  return areas
    .map((a) => a.bbox)
    .reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

/** Area-weighted centre of a polygon's outer ring(s); the bounding box centre for degenerate ones. */
export function centreOf(geometry: AreaGeometry): [lat: number, lon: number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    const ring = polygon[0] ?? [];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      const cross = xj * yi - xi * yj;
      area += cross;
      cx += (xj + xi) * cross;
      cy += (yj + yi) * cross;
    }
  }
  if (Math.abs(area) < 1e-12) {
    const [w, s, e, n] = geometryBbox(geometry);
    return [(s + n) / 2, (w + e) / 2];
  }
  return [cy / (3 * area), cx / (3 * area)];
}
