import { sql, type Kysely } from 'kysely';
import type { CategoryCode, PointSource, TimeBand } from '@lagesbild/shared';
import { AREA_ONLY, POLICE_ONLY } from '@lagesbild/shared/hotspot/index';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/**
 * Points from survey responses count only while the response is accepted (moderation); every
 * other channel's points always count.
 */
const moderated = sql<boolean>`(p.origin_kind <> 'response' or exists (
  select 1 from survey_response r where r.id = p.origin_id and r.status = 'accepted'))`;

export interface LeanRow {
  x: number;
  y: number;
  lat: number;
  lon: number;
  source: string;
  category: string;
  time_band: string | null;
  t: number | null;
  flags: number;
}

/** One lean query: only what the map's filter and grid read, no ids, no text; moderation applied. */
export async function leanPoints(db: Db, collaborationId: string): Promise<LeanRow[]> {
  return db
    .selectFrom('point as p')
    .select([
      'p.x',
      'p.y',
      'p.lat',
      'p.lon',
      'p.source',
      'p.category',
      'p.time_band',
      sql<number | null>`(extract(epoch from p.occurred_at) * 1000)::float8`.as('t'),
      sql<number>`((p.classification = 'police_only')::int * ${POLICE_ONLY} + (p.precision = 'area')::int * ${AREA_ONLY})`.as('flags'),
    ])
    .where('p.collaboration_id', '=', collaborationId)
    .where(moderated)
    .execute() as Promise<LeanRow[]>;
}

export interface CellRow {
  id: string;
  source: PointSource;
  category: CategoryCode;
  occurred_at: Date | null;
  time_band: TimeBand | null;
  precision: 'exact' | 'generalised';
  police_only: boolean;
  x: number;
  y: number;
  lat: number;
  lon: number;
}

/**
 * Every point of the collaboration in one cell ([x0, x1) × [y0, y1) in metres) that can enter the
 * grid (not area-level), moderation applied, police-only rows included (the caller decides).
 */
export async function pointsInCell(db: Db, collaborationId: string, bounds: [number, number, number, number]): Promise<CellRow[]> {
  const [x0, y0, x1, y1] = bounds;
  return db
    .selectFrom('point as p')
    .select([
      'p.id',
      'p.source',
      'p.category',
      'p.occurred_at',
      'p.time_band',
      'p.precision',
      sql<boolean>`p.classification = 'police_only'`.as('police_only'),
      'p.x',
      'p.y',
      'p.lat',
      'p.lon',
    ])
    .where('p.collaboration_id', '=', collaborationId)
    .where('p.x', '>=', x0)
    .where('p.x', '<', x1)
    .where('p.y', '>=', y0)
    .where('p.y', '<', y1)
    .where('p.precision', '<>', 'area')
    .where(moderated)
    .orderBy(sql`p.occurred_at desc nulls last`)
    .orderBy('p.id')
    .execute() as Promise<CellRow[]>;
}
