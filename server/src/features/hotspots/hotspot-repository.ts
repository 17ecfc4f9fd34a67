import { wgs84ToSweref } from '@lagesbild/shared';
import type { MetricPolygon, PointColumns } from '@lagesbild/shared/hotspot/index';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AreaRecord as AreaShape } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';
import { pointColumns } from '../points/point-service';
import type { PopulationGrid } from '@lagesbild/shared/hotspot/index';
import { populationGridOf } from '../population-grid/population-grid-service';

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
  /** Residents per grid square, for rate mode and the populated study area; null: none imported. */
  population: PopulationGrid | null;
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

function ringsToMetres(rings: unknown): number[][] {
  return (rings as number[][][]).map((ring) => {
    const flat: number[] = [];
    for (const [lon = NaN, lat = NaN] of ring) {
      const [x, y] = wgs84ToSweref(lat, lon);
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
      const columns = await pointColumns(trx, collaborationId);
      const areaRecords = await areas(trx, collaborationId);
      const population = await populationGridOf(trx, collaborationId);
      return { version: state.version, columns, areas: areaRecords, population };
    });
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
