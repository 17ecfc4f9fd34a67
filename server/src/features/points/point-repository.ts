import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CategoryCode, DataClassification, PointSource } from '@lagesbild/shared';
import type { Database, NewPoint, PointOriginKind } from '../../db/schema';

/** Writes to the point store: by origin (a stop, a concern, a pin, an import) and area re-assignment. */

type Db = Kysely<Database>;

export async function insertPoints(db: Db, points: NewPoint[]): Promise<void> {
  if (points.length === 0) return;
  await db.insertInto('point').values(points).execute();
}

/** One point; its id, for the row that links to it (an accepted survey pin). */
export async function insertPoint(db: Db, point: NewPoint): Promise<string> {
  const row = await db.insertInto('point').values(point).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * `insert into point (…) <rows>` for a writer that must put points in inside its own single
 * statement (the survey submission batch writes responses, pins and points in one). `rows` is a
 * select yielding exactly these columns in this order.
 */
export function insertPointsFrom(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into point (id, collaboration_id, source, category, occurred_at, time_band, lat, lon, x, y, precision, area_id,
                         classification, origin_kind, origin_id)
      ${rows}`;
}

export async function pointsOf(db: Db, originKind: PointOriginKind, originIds: readonly string[]) {
  if (originIds.length === 0) return [];
  return db
    .selectFrom('point')
    .select(['id', 'origin_id', 'category'])
    .where('origin_kind', '=', originKind)
    .where('origin_id', 'in', originIds)
    .orderBy('category')
    .execute() as Promise<{ id: string; origin_id: string; category: CategoryCode }[]>;
}

export async function deletePointsOf(db: Db, originKind: PointOriginKind, originIds: readonly string[]): Promise<void> {
  if (originIds.length === 0) return;
  await db.deleteFrom('point').where('origin_kind', '=', originKind).where('origin_id', 'in', originIds).execute();
}

// ---------------------------------------------------------------------------------------------
// Imported points
// ---------------------------------------------------------------------------------------------

export interface ImportTarget {
  collaborationId: string;
  source: PointSource;
  classification: DataClassification;
  importId: string;
}

/**
 * Inserts prepared points given as a JSON array text (the spool's lines joined), in one statement;
 * rows whose external id or content hash is already there are skipped. Returns how many went in.
 */
export async function insertImportedJson(db: Db, target: ImportTarget, json: string): Promise<number> {
  const result = await sql<{ n: number }>`
    with inserted as (
      insert into point (collaboration_id, source, category, occurred_at, time_band, lat, lon, x, y, precision, area_id,
        classification, origin_kind, origin_id, import_id, external_id, external_type, content_hash, published_at, description)
      select ${target.collaborationId}::uuid, ${target.source}, r.category, r."occurredAt", r."timeBand", r.lat, r.lon, r.x, r.y,
        r.precision, r."areaId", ${target.classification}, 'import', ${target.importId}::uuid, ${target.importId}::uuid,
        r."externalId", r."externalType", r."contentHash", r."publishedAt", r.description
      from json_to_recordset(${json}::json) as r(category text, "externalType" text, "occurredAt" timestamptz, "timeBand" text,
        "publishedAt" timestamptz, lat double precision, lon double precision, x double precision, y double precision,
        precision text, "areaId" uuid, "externalId" text, "contentHash" text, description text)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from inserted
  `.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function deletePointsOfImport(db: Db, collaborationId: string, importId: string): Promise<number> {
  const result = await db
    .deleteFrom('point')
    .where('collaboration_id', '=', collaborationId)
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Imported types of a collaboration (as spelled), with row counts split by police-only. */
export async function importedTypeCounts(db: Db, collaborationId: string, source?: PointSource) {
  let query = db
    .selectFrom('point')
    .select([
      'source',
      'external_type',
      sql<number>`(count(*) filter (where classification = 'police_only'))::int`.as('police_only'),
      sql<number>`(count(*) filter (where classification <> 'police_only'))::int`.as('others'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .where('import_id', 'is not', null)
    .where('external_type', 'is not', null)
    .groupBy(['source', 'external_type']);
  if (source) query = query.where('source', '=', source);
  return query.execute() as Promise<{ source: PointSource; external_type: string; police_only: number; others: number }[]>;
}

/** Sets the category of imported rows with any of these spellings of a type; counts split by police-only. */
export async function recategoriseImported(
  db: Db,
  collaborationId: string,
  source: PointSource,
  spellings: string[],
  category: CategoryCode,
) {
  if (spellings.length === 0) return { police_only: 0, others: 0 };
  const result = await sql<{ police_only: number; others: number }>`
    with changed as (
      update point set category = ${category}
      where collaboration_id = ${collaborationId}::uuid and source = ${source} and import_id is not null
        and external_type in (select jsonb_array_elements_text(${JSON.stringify(spellings)}::jsonb)) and category <> ${category}
      returning classification
    )
    select (count(*) filter (where classification = 'police_only'))::int as police_only,
           (count(*) filter (where classification <> 'police_only'))::int as others
    from changed
  `.execute(db);
  return result.rows[0] ?? { police_only: 0, others: 0 };
}

// ---------------------------------------------------------------------------------------------
// Area re-assignment (after the areas change)
// ---------------------------------------------------------------------------------------------

/** A page of the collaboration's points, by id, for re-assigning areas. */
export async function pointPage(db: Db, collaborationId: string, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('point')
    .select(['id', 'lat', 'lon', 'precision', 'area_id'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('id')
    .limit(limit);
  if (afterId) query = query.where('id', '>', afterId);
  return query.execute();
}

export async function setPointAreas(db: Db, collaborationId: string, changes: { id: string; areaId: string | null }[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`
    update point p set area_id = r."areaId"
    from json_to_recordset(${JSON.stringify(changes)}::json) as r(id uuid, "areaId" uuid)
    where p.id = r.id and p.collaboration_id = ${collaborationId}::uuid
  `.execute(db);
}
