import { sql, type Kysely } from 'kysely';
import type { AreaKind, Database } from '../../db/schema';

/**
 * Every query of the `area` table. Several lists differ only in order: callers that pick the
 * first of equal candidates (smallest district, tie on size) keep the order they always had.
 */

type Db = Kysely<Database>;

/** Without geometry, for pickers and filters: by kind, then name. */
export async function listAreas(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name', 'kind', 'population'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

/** Without geometry: the boundary first, then every other area by name. */
export async function listAreasBoundaryFirst(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name', 'kind'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy(sql`kind = 'boundary'`, 'desc')
    .orderBy('name')
    .execute();
}

/** Areas of kind "district", by name. */
export async function listDistricts(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('collaboration_id', '=', collaborationId)
    .where('kind', '=', 'district')
    .orderBy('name')
    .execute();
}

/** Every area but the boundary, by name, with its population. */
export async function listDistrictPopulations(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name', 'population'])
    .where('collaboration_id', '=', collaborationId)
    .where('kind', '<>', 'boundary')
    .orderBy('name')
    .execute();
}

export type ShapeOrder = 'name' | 'kind' | 'id';

/** Every area with its geometry and bounding box; `kind` orders by kind, then name. */
export async function listShapes(db: Db, collaborationId: string, order: ShapeOrder) {
  let query = db.selectFrom('area').select(['id', 'name', 'kind', 'geometry', 'bbox']).where('collaboration_id', '=', collaborationId);
  if (order === 'kind') query = query.orderBy('kind');
  return query.orderBy(order === 'id' ? 'id' : 'name').execute();
}

/** Every area but the boundary, in no particular order (the first containing a pin wins). */
export async function listDistrictShapes(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'geometry', 'bbox'])
    .where('collaboration_id', '=', collaborationId)
    .where('kind', '!=', 'boundary')
    .execute();
}

/** The boundary and district areas, boundary first. */
export async function listOutlineShapes(db: Db, collaborationId: string) {
  return db
    .selectFrom('area')
    .select(['geometry', 'bbox', 'kind'])
    .where('collaboration_id', '=', collaborationId)
    .where('kind', 'in', ['boundary', 'district'])
    .orderBy(sql`kind = 'boundary'`, 'desc')
    .execute();
}

export async function findArea(db: Db, collaborationId: string, areaId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name', 'population', 'geometry'])
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

export async function findAreaId(db: Db, collaborationId: string, areaId: string) {
  return db.selectFrom('area').select('id').where('collaboration_id', '=', collaborationId).where('id', '=', areaId).executeTakeFirst();
}

export async function findAreaIdByName(db: Db, collaborationId: string, name: string) {
  return db.selectFrom('area').select('id').where('collaboration_id', '=', collaborationId).where('name', '=', name).executeTakeFirst();
}

/** Existing areas of a kind with these names, and whether their boundary equals the candidate's. */
export async function sameNamedAreas(
  db: Db,
  collaborationId: string,
  kind: AreaKind,
  candidates: readonly { name: string; geometry: unknown }[],
) {
  const json = JSON.stringify(candidates.map((a) => ({ name: a.name, geometry: a.geometry })));
  const result = await sql<{ name: string; same: boolean }>`
    select a.name, bool_or(a.geometry = r.geometry) as same
    from area a join json_to_recordset(${json}::json) as r(name text, geometry jsonb) on r.name = a.name
    where a.collaboration_id = ${collaborationId}::uuid and a.kind = ${kind}
    group by a.name
  `.execute(db);
  return result.rows;
}

export interface NewArea {
  /** Given by the demo generator, which refers to its areas by id; otherwise generated. */
  id?: string;
  name: string;
  kind: AreaKind;
  population: number | null;
  geometry: unknown;
  bbox: readonly number[];
}

export async function insertAreas(db: Db, collaborationId: string, importId: string | null, areas: readonly NewArea[]): Promise<void> {
  await db
    .insertInto('area')
    .values(
      areas.map((a) => ({
        ...(a.id === undefined ? {} : { id: a.id }),
        collaboration_id: collaborationId,
        name: a.name,
        kind: a.kind,
        population: a.population,
        geometry: JSON.stringify(a.geometry),
        bbox: [...a.bbox],
        import_id: importId,
      })),
    )
    .execute();
}

export async function deleteAreasOfImport(db: Db, collaborationId: string, importId: string): Promise<number> {
  const result = await db
    .deleteFrom('area')
    .where('collaboration_id', '=', collaborationId)
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
