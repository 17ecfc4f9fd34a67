/**
 * The demo's residents per 250 m square, in the form SCB publishes (the south-west corner in
 * SWEREF 99 TM and a count), so the hot-spot map's rate mode has something to compare against.
 * Each district's residents live mostly near its centre, thinning outwards; nobody lives in the
 * industrial and retail areas, which is exactly where a rate map and a count map part ways.
 */
import { swerefToWgs84, wgs84ToSweref } from '@lagesbild/shared';
import type { GridRow } from '../../population-grid/population-grid-service';
import { districtAt, kmToLonLat, PLACES, type Layout } from './geography';

export const DEMO_SQUARE = 250;

/** Places where nobody lives, with the radius in metres that stays empty. */
const UNINHABITED = [
  { km: PLACES.industri.km, radius: 700 },
  { km: PLACES.handel.km, radius: 400 },
  { km: PLACES.trafikplats.km, radius: 400 },
] as const;

function metres(km: readonly [number, number]): [number, number] {
  const [lon, lat] = kmToLonLat([km[0], km[1]]);
  return wgs84ToSweref(lat, lon);
}

export function demoPopulationGrid(layout: Layout): GridRow[] {
  const [w, s, e, n] = layout.boundary.bbox;
  const [x0, y0] = wgs84ToSweref(s, w);
  const [x1, y1] = wgs84ToSweref(n, e);
  const empty = UNINHABITED.map((u) => ({ at: metres(u.km), radius: u.radius }));
  const squares: { x: number; y: number; district: string; weight: number }[] = [];
  for (let x = Math.floor(Math.min(x0, x1) / DEMO_SQUARE) * DEMO_SQUARE; x < Math.max(x0, x1); x += DEMO_SQUARE) {
    for (let y = Math.floor(Math.min(y0, y1) / DEMO_SQUARE) * DEMO_SQUARE; y < Math.max(y0, y1); y += DEMO_SQUARE) {
      const cx = x + DEMO_SQUARE / 2;
      const cy = y + DEMO_SQUARE / 2;
      if (empty.some((u) => Math.hypot(cx - u.at[0], cy - u.at[1]) < u.radius)) continue;
      const [lat, lon] = swerefToWgs84(cx, cy);
      const district = districtAt(layout, lon, lat);
      if (!district) continue;
      const [dx, dy] = metres(district.centroid);
      const weight = 0.1 + Math.exp(-((Math.hypot(cx - dx, cy - dy) / 1100) ** 2));
      squares.push({ x, y, district: district.id, weight });
    }
  }
  const totals = new Map<string, number>();
  for (const q of squares) totals.set(q.district, (totals.get(q.district) ?? 0) + q.weight);
  const population = new Map(layout.districts.map((d) => [d.id, d.population]));
  return squares
    .map((q) => ({
      x: q.x,
      y: q.y,
      residents: Math.round(((population.get(q.district) ?? 0) * q.weight) / (totals.get(q.district) ?? 1)),
      year: 2025,
    }))
    .filter((q) => q.residents > 0);
}
