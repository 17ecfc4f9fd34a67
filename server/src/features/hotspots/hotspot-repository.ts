import {
  categoryCodes,
  pointSources,
  timeBandOfHour,
  timeBands,
  wgs84ToSweref,
  type CategoryCode,
  type PointSource,
  type TimeBand,
} from '@lagesbild/shared';
import {
  AREA_ONLY,
  POLICE_ONLY,
  UNKNOWN_BAND,
  allocatePointColumns,
  type MetricPolygon,
  type PointColumns,
} from '@lagesbild/shared/hotspot/index';
import { stockholmHour } from '@lagesbild/shared/time/stockholm';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AreaRecord as AreaShape } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';

export interface AreaRecord extends Omit<AreaShape, 'geometry'> {
  /** GeoJSON Polygon or MultiPolygon in WGS 84, as stored (and as the map config sends it). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
  /** The same polygons in SWEREF 99 TM metres. */
  polygons: MetricPolygon[];
}

/** What the hot-spot map needs of a collaboration, loaded once per data version. */
export interface CollaborationData {
  version: string;
  columns: PointColumns;
  areas: AreaRecord[];
}

/** The collaboration's data version (the newest change logged by triggers on points, areas and responses) and threshold. */
export async function collaborationState(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('collaboration as c')
    .select([
      sql<string>`coalesce((select max(d.id) from collaboration_data_change d where d.collaboration_id = c.id), 0)::text`.as('version'),
      'c.disclosure_threshold',
    ])
    .where('c.id', '=', collaborationId)
    .executeTakeFirstOrThrow();
}

/**
 * Points from survey responses count only while the response is accepted (moderation); every
 * other channel's points always count.
 */
const moderated = sql<boolean>`(p.origin_kind <> 'response' or exists (
  select 1 from survey_response r where r.id = p.origin_id and r.status = 'accepted'))`;

const SOURCE_INDEX = new Map<string, number>(pointSources.map((s, i) => [s, i]));
const CATEGORY_INDEX = new Map<string, number>(categoryCodes.map((c, i) => [c, i]));
const BAND_INDEX = new Map<string, number>(timeBands.map((b, i) => [b, i]));

interface LeanRow {
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

/** Time band index: the stored band, else derived from the local hour of the date. */
function bandIndex(band: string | null, t: number | null): number {
  if (band !== null) return BAND_INDEX.get(band) ?? UNKNOWN_BAND;
  if (t === null) return UNKNOWN_BAND;
  return BAND_INDEX.get(timeBandOfHour(stockholmHour(t))) ?? UNKNOWN_BAND;
}

function toColumns(rows: LeanRow[]): PointColumns {
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

/** One lean query: only what the filter and the grid read, no ids, no text. */
async function leanPoints(db: Kysely<Database>, collaborationId: string): Promise<LeanRow[]> {
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

function ringsToMetres(rings: unknown): number[][] {
  return (rings as number[][][]).map((ring) => {
    const flat: number[] = [];
    for (const [lon, lat] of ring) {
      const [x, y] = wgs84ToSweref(lat!, lon!);
      flat.push(x, y);
    }
    return flat;
  });
}

function metricPolygons(geometry: AreaRecord['geometry']): MetricPolygon[] {
  if (geometry.type === 'Polygon') return [ringsToMetres(geometry.coordinates)];
  return geometry.coordinates.map(ringsToMetres);
}

async function areas(db: Kysely<Database>, collaborationId: string): Promise<AreaRecord[]> {
  const shapes = await areaShapes(db, collaborationId, 'kind');
  return shapes.map((area) => {
    const geometry = area.geometry as AreaRecord['geometry'];
    return { ...area, geometry, polygons: metricPolygons(geometry) };
  });
}

/**
 * Points, areas and the data version read in one repeatable-read transaction, so the version
 * names exactly the data loaded.
 */
export async function loadCollaborationData(db: Kysely<Database>, collaborationId: string): Promise<CollaborationData> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const state = await collaborationState(trx, collaborationId);
      const rows = await leanPoints(trx, collaborationId);
      const areaRecords = await areas(trx, collaborationId);
      return { version: state.version, columns: toColumns(rows), areas: areaRecords };
    });
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
 * grid (not area-level), moderation applied; police-only rows only when `withPoliceOnly`.
 */
export async function pointsInCell(
  db: Kysely<Database>,
  collaborationId: string,
  bounds: [number, number, number, number],
): Promise<CellRow[]> {
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

/** Cell rows as point columns, so the map's own filter decides which of them count. */
export function cellRowsToColumns(rows: CellRow[]): PointColumns {
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

/**
 * Deletes all but the newest logged change of each collaboration: the data version is the
 * newest id, so older rows are dead weight (one is logged per writing statement). The newest
 * row is never deleted, so versions only ever grow, on every instance.
 */
export async function pruneDataChanges(db: Kysely<Database>): Promise<void> {
  await sql`delete from collaboration_data_change d
             where d.id < (select max(n.id) from collaboration_data_change n where n.collaboration_id = d.collaboration_id)`.execute(db);
}
