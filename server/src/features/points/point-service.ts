import { categoryCodes, pointSources, timeBandOfHour, timeBands } from '@lagesbild/shared';
import { POLICE_ONLY, UNKNOWN_BAND, allocatePointColumns, type PointColumns } from '@lagesbild/shared/hotspot/index';
import { stockholmHour } from '@lagesbild/shared/time/stockholm';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as repo from './point-repository';

/**
 * The one way into the point store (every source's points: survey pins, imports, walk stops,
 * dialogue concerns, demo) for every other feature. Each function takes `db` or a transaction,
 * so callers write and read points inside their own.
 */

type Db = Kysely<Database>;

export type { CellRow } from './point-repository';

const SOURCE_INDEX = new Map<string, number>(pointSources.map((s, i) => [s, i]));
const CATEGORY_INDEX = new Map<string, number>(categoryCodes.map((c, i) => [c, i]));
const BAND_INDEX = new Map<string, number>(timeBands.map((b, i) => [b, i]));

/** Time band index: the stored band, else derived from the local hour of the date. */
function bandIndex(band: string | null, t: number | null): number {
  if (band !== null) return BAND_INDEX.get(band) ?? UNKNOWN_BAND;
  if (t === null) return UNKNOWN_BAND;
  return BAND_INDEX.get(timeBandOfHour(stockholmHour(t))) ?? UNKNOWN_BAND;
}

function toColumns(rows: repo.LeanRow[]): PointColumns {
  const columns = allocatePointColumns(rows.length, true);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    columns.xy[2 * i] = r.x;
    columns.xy[2 * i + 1] = r.y;
    columns.lat[i] = r.lat;
    columns.lon[i] = r.lon;
    columns.time[i] = r.t ?? Number.NaN;
    columns.source[i] = SOURCE_INDEX.get(r.source)!;
    columns.category[i] = CATEGORY_INDEX.get(r.category)!;
    columns.band[i] = bandIndex(r.time_band, r.t);
    columns.flags[i] = r.flags;
  }
  return columns;
}

/** Every point of the collaboration that counts (moderation applied) as the hot-spot engine's columns. */
export async function pointColumns(db: Db, collaborationId: string): Promise<PointColumns> {
  return toColumns(await repo.leanPoints(db, collaborationId));
}

/** The points of one grid cell, with everything the cell panel lists (see `pointsInCell` in the repository). */
export const pointsInCell = repo.pointsInCell;

/** Cell rows as point columns, so the map's own filter decides which of them count. */
export function cellRowsToColumns(rows: repo.CellRow[]): PointColumns {
  return toColumns(
    rows.map((r) => ({
      x: r.x,
      y: r.y,
      lat: r.lat,
      lon: r.lon,
      source: r.source,
      category: r.category,
      time_band: r.time_band,
      t: r.occurred_at ? r.occurred_at.getTime() : null,
      flags: r.police_only ? POLICE_ONLY : 0,
    })),
  );
}
