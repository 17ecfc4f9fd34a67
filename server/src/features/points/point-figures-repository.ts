import { sql, type Kysely } from 'kysely';
import type { CategoryCode, PointSource, TimeBand } from '@lagesbild/shared';
import { AREA_ONLY, POLICE_ONLY } from '@lagesbild/shared/hotspot/index';
import type { Database } from '../../db/schema';
import { inArea, monthOf, type Period } from '../../lib/period-sql';

/** Reads of the point store for figures: the hot-spot map, the overview and the problem picture. */

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
    .execute();
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

/** Point counts per source, split by whether the rows are police-only (disclosure applies to those). */
export async function pointCounts(db: Db, collaborationId: string) {
  return db
    .selectFrom('point')
    .select([
      'source',
      sql<boolean>`classification = 'police_only'`.as('police_only'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where coalesce(occurred_at, created_at) > now() - interval '30 days'))::int`.as('last_30_days'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .groupBy(['source', sql`classification = 'police_only'`])
    .execute() as Promise<{ source: PointSource; police_only: boolean; total: number; last_30_days: number }[]>;
}

/** Per area the pin lies in, month of its answer and category: survey pins, and how many respondents placed them. */
export async function pinAtoms(db: Db, collaborationId: string, months: Period, areaId: string | null) {
  const { rows } = await sql<{ area_id: string | null; month: string; category: CategoryCode; count: number; respondents: number }>`
    select p.area_id, ${monthOf(sql`r.submitted_at`)} as month, p.category, count(*)::int as count, count(distinct r.id)::int as respondents
      from point p join survey_response r on r.id = p.origin_id
     where p.collaboration_id = ${collaborationId} and p.source = 'survey' and p.origin_kind = 'response'
       and r.status = 'accepted' and r.submitted_at >= ${months.from} and r.submitted_at < ${months.to}
       ${inArea(sql`p.area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Reports per category and source, in the period and the one before it; each record once (POINT_COUNT_RULE). */
export async function reportCounts(db: Db, collaborationId: string, period: Period, previousFrom: Date, areaId: string | null) {
  const { rows } = await sql<{
    category: CategoryCode;
    source: 'municipality' | 'police' | 'walk' | 'dialogue';
    police_only: boolean;
    current: number;
    previous: number;
  }>`
    select category, source, classification = 'police_only' as police_only,
           (count(*) filter (where coalesce(occurred_at, created_at) >= ${period.from}))::int as current,
           (count(*) filter (where coalesce(occurred_at, created_at) < ${period.from}))::int as previous
      from point
     where collaboration_id = ${collaborationId} and source in ('municipality', 'police', 'walk', 'dialogue')
       and coalesce(occurred_at, created_at) >= ${previousFrom} and coalesce(occurred_at, created_at) < ${period.to}
       ${inArea(sql`area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Reports in the period per area they lie in; each record once (POINT_COUNT_RULE). */
export async function reportsByArea(db: Db, collaborationId: string, period: Period) {
  const { rows } = await sql<{ area_id: string; reports: number }>`
    select area_id, count(*)::int as reports
      from point
     where collaboration_id = ${collaborationId} and area_id is not null and source in ('municipality', 'police', 'walk', 'dialogue')
       and coalesce(occurred_at, created_at) >= ${period.from} and coalesce(occurred_at, created_at) < ${period.to}
     group by 1`.execute(db);
  return rows;
}

/** Points with an exact place in the period (answers dated by their submission, moderation applied): the hot-spot count's input. */
/** withPoliceOnly: false for viewers outside the police, whose figures leave those records out. */
export async function exactPoints(db: Db, collaborationId: string, period: Period, areaId: string | null, withPoliceOnly: boolean) {
  const { rows } = await sql<{ x: number; y: number; category: CategoryCode }>`
    select p.x, p.y, p.category from point p
      left join survey_response r on p.origin_kind = 'response' and r.id = p.origin_id
     where p.collaboration_id = ${collaborationId} and p.precision <> 'area'
       and coalesce(r.submitted_at, p.occurred_at, p.created_at) >= ${period.from}
       and coalesce(r.submitted_at, p.occurred_at, p.created_at) < ${period.to}
       and (r.id is null or r.status = 'accepted')
       and (${withPoliceOnly} or p.classification <> 'police_only')
       ${inArea(sql`p.area_id`, areaId)}`.execute(db);
  return rows;
}
