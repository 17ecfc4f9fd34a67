import { sql, type Kysely } from 'kysely';
import type { CategoryCode, DataClassification, ImportFormat, ImportSource, PointSource } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

const batchColumns = [
  'b.id',
  'b.status',
  'b.format',
  'b.source',
  'b.source_name',
  'b.classification',
  'b.file_name',
  'b.strict',
  'b.rows_total',
  'b.rows_imported',
  'b.rows_skipped',
  'b.rows_failed',
  'b.via',
  'b.created_at',
  'b.undone_at',
  'b.content_hash',
  'u.display_name as created_by_name',
] as const;

export type BatchRow = {
  id: string;
  status: 'running' | 'done' | 'failed' | 'undone';
  format: ImportFormat;
  source: ImportSource | null;
  source_name: string;
  classification: DataClassification | null;
  file_name: string | null;
  strict: boolean;
  rows_total: number;
  rows_imported: number;
  rows_skipped: number;
  rows_failed: number;
  via: 'api' | 'cli';
  created_at: Date;
  undone_at: Date | null;
  content_hash: string | null;
  created_by_name: string | null;
};

export type BatchDetailRow = BatchRow & { errors: unknown; summary: unknown };

export interface NewBatch {
  collaborationId: string;
  format: ImportFormat;
  source: ImportSource | null;
  sourceName: string;
  classification: DataClassification | null;
  fileName: string | null;
  contentHash: string | null;
  bytes: number;
  status: 'running' | 'failed';
  strict: boolean;
  rowsTotal?: number;
  rowsFailed?: number;
  rowsSkipped?: number;
  errors?: unknown[];
  summary?: Record<string, unknown>;
  via: 'api' | 'cli';
  createdBy: string | null;
}

export async function insertBatch(db: Kysely<Database>, batch: NewBatch): Promise<string> {
  const row = await db
    .insertInto('import_batch')
    .values({
      collaboration_id: batch.collaborationId,
      format: batch.format,
      source: batch.source,
      source_name: batch.sourceName,
      classification: batch.classification,
      file_name: batch.fileName,
      content_hash: batch.contentHash,
      bytes: batch.bytes,
      status: batch.status,
      strict: batch.strict,
      rows_total: batch.rowsTotal ?? 0,
      rows_failed: batch.rowsFailed ?? 0,
      rows_skipped: batch.rowsSkipped ?? 0,
      errors: JSON.stringify(batch.errors ?? []),
      summary: JSON.stringify(batch.summary ?? {}),
      via: batch.via,
      created_by: batch.createdBy,
      finished_at: batch.status === 'failed' ? sql<Date>`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishBatch(
  db: Kysely<Database>,
  id: string,
  result: {
    rowsTotal: number;
    rowsImported: number;
    rowsSkipped: number;
    rowsFailed: number;
    errors: unknown[];
    summary: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({
      status: 'done',
      rows_total: result.rowsTotal,
      rows_imported: result.rowsImported,
      rows_skipped: result.rowsSkipped,
      rows_failed: result.rowsFailed,
      errors: JSON.stringify(result.errors),
      summary: JSON.stringify(result.summary),
      finished_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function markUndone(db: Kysely<Database>, id: string, userId: string | null): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({ status: 'undone', undone_at: sql<Date>`now()`, undone_by: userId })
    .where('id', '=', id)
    .execute();
}

export async function listBatches(
  db: Kysely<Database>,
  collaborationId: string,
  seesPoliceOnly: boolean,
  limit: number,
): Promise<BatchRow[]> {
  const query = db
    .selectFrom('import_batch as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select(batchColumns)
    .where('b.collaboration_id', '=', collaborationId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)
    // Police-only imports are visible to police staff (and the CLI operator) only.
    .$if(!seesPoliceOnly, (qb) => qb.where('b.classification', 'is distinct from', 'police_only'));
  return query.execute();
}

export async function findBatch(
  db: Kysely<Database>,
  collaborationId: string,
  id: string,
  seesPoliceOnly: boolean,
): Promise<BatchDetailRow | undefined> {
  const query = db
    .selectFrom('import_batch as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select([...batchColumns, 'b.errors', 'b.summary'])
    .where('b.collaboration_id', '=', collaborationId)
    .where('b.id', '=', id)
    .$if(!seesPoliceOnly, (qb) => qb.where('b.classification', 'is distinct from', 'police_only'));
  return query.executeTakeFirst();
}

/** An import of the very same bytes that is still in place, if any. */
export async function findSameFile(
  db: Kysely<Database>,
  collaborationId: string,
  contentHash: string,
  format: ImportFormat,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('import_batch')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .where('content_hash', '=', contentHash)
    .where('format', '=', format)
    .where('status', '=', 'done')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

export async function collaborationThreshold(db: Kysely<Database>, collaborationId: string): Promise<number> {
  const row = await db
    .selectFrom('collaboration')
    .select('disclosure_threshold')
    .where('id', '=', collaborationId)
    .executeTakeFirstOrThrow();
  return row.disclosure_threshold;
}

export async function findCollaborationBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('collaboration').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

const templateColumns = ['id', 'name', 'format', 'source', 'options', 'updated_at'] as const;

export async function listTemplates(db: Kysely<Database>, collaborationId: string) {
  return db.selectFrom('import_template').select(templateColumns).where('collaboration_id', '=', collaborationId).orderBy('name').execute();
}

export async function findTemplate(db: Kysely<Database>, collaborationId: string, id: string) {
  return db
    .selectFrom('import_template')
    .select(templateColumns)
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function upsertTemplate(
  db: Kysely<Database>,
  template: {
    collaborationId: string;
    name: string;
    format: ImportFormat;
    source: ImportSource | null;
    options: unknown;
    userId: string | null;
  },
) {
  return db
    .insertInto('import_template')
    .values({
      collaboration_id: template.collaborationId,
      name: template.name,
      format: template.format,
      source: template.source,
      options: JSON.stringify(template.options),
      created_by: template.userId,
    })
    .onConflict((oc) =>
      oc.columns(['collaboration_id', 'name']).doUpdateSet({
        format: template.format,
        source: template.source,
        options: JSON.stringify(template.options),
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(templateColumns)
    .executeTakeFirstOrThrow();
}

export async function deleteTemplate(db: Kysely<Database>, collaborationId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('import_template')
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Category mappings
// ---------------------------------------------------------------------------------------------

export async function loadMappings(db: Kysely<Database>, collaborationId: string, source?: PointSource) {
  let query = db
    .selectFrom('category_mapping')
    .select(['source', 'external_type', 'category'])
    .where('collaboration_id', '=', collaborationId);
  if (source) query = query.where('source', '=', source);
  return query.execute();
}

export async function upsertMapping(
  db: Kysely<Database>,
  mapping: { collaborationId: string; source: PointSource; key: string; category: CategoryCode; userId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('category_mapping')
    .values({
      collaboration_id: mapping.collaborationId,
      source: mapping.source,
      external_type: mapping.key,
      category: mapping.category,
      updated_by: mapping.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['collaboration_id', 'source', 'external_type'])
        .doUpdateSet({ category: mapping.category, updated_by: mapping.userId, updated_at: sql<Date>`now()` }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
