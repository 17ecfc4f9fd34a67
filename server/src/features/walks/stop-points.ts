import { walkStopCategories, walkTimeBand, type StopRatings } from '@lagesbild/shared';
import { stockholmDayAtHour, stockholmHour } from '@lagesbild/shared/time/stockholm';
import type { Kysely } from 'kysely';
import type { Database, NewPoint } from '../../db/schema';
import { districtOf, type AreaRecord } from '../areas/area-geometry';
import * as pointStore from '../points/point-service';
import type { StopRow, WalkRow } from './walk-repository';
import { ratingsOf } from './walk-views';

/**
 * Rewrites the stop's rows in the point store: one point per category its low ratings give
 * (walkStopCategories), source "walk", internal, exact. The time is when the phone recorded the
 * stop if that lies on the walk's date (give or take a day), else the walk's date at noon
 * (daylight) or 8 pm (dark); the time band follows daylight/dark (walkTimeBand).
 */
export async function syncStopPoints(
  db: Kysely<Database>,
  collaborationId: string,
  walk: Pick<WalkRow, 'walked_on' | 'light'>,
  stop: Pick<StopRow, 'id' | 'lat' | 'lon' | 'x' | 'y' | 'recorded_at'> & Partial<StopRatings>,
  areas: readonly AreaRecord[],
): Promise<void> {
  await pointStore.deletePointsOf(db, 'walk_stop', [stop.id]);
  const categories = walkStopCategories(ratingsOf(stop));
  if (categories.length === 0) return;
  const dayStart = stockholmDayAtHour(walk.walked_on, 0);
  const recorded = stop.recorded_at ? new Date(stop.recorded_at) : null;
  const onTheDay = recorded !== null && recorded.getTime() >= dayStart - 86_400_000 && recorded.getTime() < dayStart + 2 * 86_400_000;
  const occurredAt = onTheDay ? recorded : new Date(stockholmDayAtHour(walk.walked_on, walk.light === 'daylight' ? 12 : 20));
  const band = walkTimeBand(walk.light, onTheDay ? stockholmHour(recorded.getTime()) : undefined);
  const areaId = districtOf(areas, stop.lat, stop.lon);
  const points: NewPoint[] = categories.map((category) => ({
    collaboration_id: collaborationId,
    source: 'walk',
    category,
    occurred_at: occurredAt,
    time_band: band,
    lat: stop.lat,
    lon: stop.lon,
    x: stop.x,
    y: stop.y,
    precision: 'exact',
    area_id: areaId,
    classification: 'internal',
    origin_kind: 'walk_stop',
    origin_id: stop.id,
  }));
  await pointStore.insertPoints(db, points);
}
