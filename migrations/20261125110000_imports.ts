import { sql, type Kysely } from 'kysely';

/**
 * Imports: every upload is an import batch (what came in, how it went, its row errors); saved
 * column mappings per source name; per-collaboration mappings from a source's own types onto the
 * taxonomy. Imported points remember their batch (undo removes exactly those rows), their id in
 * the source system (namespaced by source name, so re-imports skip them) or, without one, a hash
 * of their content, the source's own type (so a changed mapping re-categorises them), the
 * publication time where the source has one, and the source's description (staff only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_batch (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      format text not null check (format in ('csv', 'geojson', 'police', 'open311', 'areas')),
      source text check (source in ('municipality', 'police')),
      source_name text not null check (length(source_name) between 1 and 100),
      classification text check (classification in ('public_aggregate', 'internal', 'police_only')),
      file_name text check (length(file_name) <= 255),
      content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
      bytes bigint not null default 0 check (bytes >= 0),
      status text not null check (status in ('running', 'done', 'failed', 'undone')),
      strict boolean not null default false,
      rows_total integer not null default 0 check (rows_total >= 0),
      rows_imported integer not null default 0 check (rows_imported >= 0),
      rows_skipped integer not null default 0 check (rows_skipped >= 0),
      rows_failed integer not null default 0 check (rows_failed >= 0),
      errors jsonb not null default '[]' check (jsonb_typeof(errors) = 'array' and jsonb_array_length(errors) <= 1000),
      summary jsonb not null default '{}' check (jsonb_typeof(summary) = 'object'),
      via text not null default 'api' check (via in ('api', 'cli')),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      undone_at timestamptz,
      undone_by uuid references app_user(id) on delete set null,
      check ((status = 'undone') = (undone_at is not null))
    );
    create index import_batch_collaboration_idx on import_batch (collaboration_id, created_at desc);
    create index import_batch_content_idx on import_batch (collaboration_id, content_hash);

    create table import_template (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      format text not null check (format in ('csv', 'geojson', 'police', 'open311', 'areas')),
      source text check (source in ('municipality', 'police')),
      options jsonb not null check (jsonb_typeof(options) = 'object'),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (collaboration_id, name)
    );

    create table category_mapping (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      source text not null check (source in ('survey', 'municipality', 'police', 'walk', 'dialogue')),
      external_type text not null check (length(external_type) between 1 and 200 and external_type = lower(external_type)),
      category text not null check (category in ('lighting', 'traffic', 'drugs', 'alcohol', 'youth_gangs',
        'disorder', 'harassment', 'violence', 'theft_burglary', 'vandalism_graffiti', 'littering', 'other')),
      updated_by uuid references app_user(id) on delete set null,
      updated_at timestamptz not null default now(),
      unique (collaboration_id, source, external_type)
    );

    alter table point
      add column import_id uuid references import_batch(id) on delete cascade,
      add column external_id text check (length(external_id) between 1 and 300),
      add column external_type text check (length(external_type) between 1 and 200),
      add column content_hash text check (length(content_hash) between 16 and 64),
      add column published_at timestamptz,
      add column description text check (length(description) <= 2000);
    create unique index point_external_id_key on point (collaboration_id, source, external_id) where external_id is not null;
    create unique index point_content_hash_key on point (collaboration_id, source, content_hash) where content_hash is not null;
    create index point_import_idx on point (import_id) where import_id is not null;

    alter table area add column import_id uuid references import_batch(id) on delete cascade;
    create index area_import_idx on area (import_id) where import_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index area_import_idx;
    alter table area drop column import_id;
    drop index point_import_idx;
    drop index point_content_hash_key;
    drop index point_external_id_key;
    alter table point
      drop column description,
      drop column published_at,
      drop column content_hash,
      drop column external_type,
      drop column external_id,
      drop column import_id;
    drop table category_mapping;
    drop table import_template;
    drop table import_batch;
  `.execute(db);
}
