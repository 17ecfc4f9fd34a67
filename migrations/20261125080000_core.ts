import { sql, type Kysely } from 'kysely';

/**
 * Core data model: collaborations (a municipality and its local police district), the
 * municipalities they hold, areas, survey responses and the one point store that every
 * input channel writes to and the hot-spot engine reads. Frozen once landed: change the
 * schema in a new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collaboration (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text not null check (length(name) between 1 and 200),
      police_district text not null check (length(police_district) between 1 and 200),
      disclosure_threshold integer not null default 5 check (disclosure_threshold >= 5),
      created_at timestamptz not null default now()
    );

    create table municipality (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      code text not null check (code ~ '^[0-9]{4}$'),
      population integer check (population >= 0),
      unique (collaboration_id, code)
    );

    create table area (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('boundary', 'district', 'deso', 'custom')),
      population integer check (population >= 0),
      geometry jsonb not null,
      bbox double precision[] not null check (cardinality(bbox) = 4),
      created_at timestamptz not null default now()
    );
    create index area_collaboration_idx on area (collaboration_id);

    create table survey_response (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      area_id uuid references area(id) on delete set null,
      submitted_at timestamptz not null default now(),
      locale text not null check (locale ~ '^[a-z]{2}$'),
      channel text not null check (channel in ('web', 'kiosk', 'paper')),
      answers jsonb not null,
      status text not null default 'accepted' check (status in ('accepted', 'flagged', 'discarded'))
    );
    create index survey_response_collaboration_idx on survey_response (collaboration_id, submitted_at);

    create table point (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      source text not null check (source in ('survey', 'municipality', 'police', 'walk', 'dialogue')),
      category text not null check (category in ('lighting', 'traffic', 'drugs', 'alcohol', 'youth_gangs',
        'disorder', 'harassment', 'violence', 'theft_burglary', 'vandalism_graffiti', 'littering', 'other')),
      occurred_at timestamptz,
      time_band text check (time_band in ('morning', 'day', 'evening', 'night')),
      lat double precision not null check (lat between -90 and 90),
      lon double precision not null check (lon between -180 and 180),
      x double precision not null,
      y double precision not null,
      precision text not null check (precision in ('exact', 'generalised', 'area')),
      area_id uuid references area(id) on delete set null,
      classification text not null check (classification in ('public_aggregate', 'internal', 'police_only')),
      origin_kind text not null check (origin_kind in ('response', 'import', 'walk_stop', 'dialogue', 'demo')),
      origin_id uuid,
      weight integer not null default 1 check (weight >= 1),
      created_at timestamptz not null default now(),
      check (occurred_at is not null or time_band is not null)
    );
    create index point_filter_idx on point (collaboration_id, occurred_at);
    create index point_origin_idx on point (origin_kind, origin_id);
    create index point_area_idx on point (area_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table point;
    drop table survey_response;
    drop table area;
    drop table municipality;
    drop table collaboration;
  `.execute(db);
}
