import { SWEDEN_BBOX, geometryBbox, pointInGeometry, type AreaGeometry } from '@lagesbild/shared';

export { metresOutsideBbox } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { AreaKind, Database } from '../../db/schema';

/**
 * Where walk stops and dialogue concerns go: the collaboration's areas, which district a place
 * falls in, how far a place lies outside an area, an area's centre for concerns without a place,
 * and local (Swedish) time for dates without a time.
 */
export interface AreaRecord {
  id: string;
  name: string;
  kind: AreaKind;
  geometry: AreaGeometry;
  /** [west, south, east, north] in WGS 84. */
  bbox: [number, number, number, number];
}

export async function collaborationAreas(db: Kysely<Database>, collaborationId: string): Promise<AreaRecord[]> {
  const rows = await db
    .selectFrom('area')
    .select(['id', 'name', 'kind', 'geometry', 'bbox'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    geometry: r.geometry as AreaGeometry,
    bbox: r.bbox as [number, number, number, number],
  }));
}

const bboxArea = (b: readonly number[]) => (b[2]! - b[0]!) * (b[3]! - b[1]!);

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

/** The collaboration's outline: its boundary areas, else all its districts. */
export function extentOf(areas: readonly AreaRecord[]): AreaRecord[] {
  const boundary = areas.filter((a) => a.kind === 'boundary');
  return boundary.length > 0 ? boundary : [...areas];
}

export function unionBbox(areas: readonly AreaRecord[]): [number, number, number, number] {
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
      const [xi = 0, yi = 0] = ring[i]!;
      const [xj = 0, yj = 0] = ring[j]!;
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

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: 'numeric', hourCycle: 'h23' });
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The hour (0–23) of an instant in Swedish local time. */
export function stockholmHourOf(instant: Date): number {
  return Number(hourFormat.format(instant)) % 24;
}

/** The instant a Swedish calendar day ('YYYY-MM-DD') reaches the given local hour. */
export function stockholmInstant(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute));
  return new Date(guess - (local - guess));
}
