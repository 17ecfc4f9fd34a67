import { sql, type Kysely } from 'kysely';

/**
 * Resident surveys: versioned questionnaires, campaigns that publish one version for a period,
 * named places (the map question's non-map alternative), and what a submission leaves behind:
 * the response (now tied to campaign and version, with its idempotency key), its pins and the
 * free text that waits for moderation. No client address is stored anywhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table survey (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now()
    );

    create table survey_version (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references survey(id) on delete cascade,
      version integer not null check (version >= 1),
      status text not null check (status in ('draft', 'published')),
      questions jsonb not null,
      created_at timestamptz not null default now(),
      published_at timestamptz,
      unique (survey_id, version)
    );

    create table campaign (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      survey_version_id uuid not null references survey_version(id) on delete restrict,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      title jsonb not null,
      area_id uuid references area(id) on delete set null,
      audience text not null check (audience in ('residents', 'staff')),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      created_at timestamptz not null default now(),
      check (closes_at > opens_at)
    );
    create index campaign_collaboration_idx on campaign (collaboration_id);

    create table named_place (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      name text not null check (length(name) between 1 and 120),
      lat double precision not null check (lat between -90 and 90),
      lon double precision not null check (lon between -180 and 180),
      unique (collaboration_id, name)
    );

    alter table survey_response
      add column campaign_id uuid references campaign(id) on delete cascade,
      add column survey_version_id uuid references survey_version(id) on delete restrict,
      add column idempotency_key uuid,
      add column body_hash text,
      add column device_hash text,
      add column flag_reason text;
    create unique index survey_response_idempotency_idx on survey_response (campaign_id, idempotency_key);
    create index survey_response_device_idx on survey_response (campaign_id, device_hash);

    create table survey_pin (
      id uuid primary key default gen_random_uuid(),
      response_id uuid not null references survey_response(id) on delete cascade,
      point_id uuid references point(id) on delete set null,
      category text not null,
      times text[] not null default '{}',
      lat double precision,
      lon double precision,
      place_id uuid references named_place(id) on delete set null,
      place_description text check (length(place_description) <= 300),
      check (lat is not null or place_id is not null or place_description is not null)
    );
    create index survey_pin_response_idx on survey_pin (response_id);

    create table free_text (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      response_id uuid not null references survey_response(id) on delete cascade,
      pin_id uuid references survey_pin(id) on delete cascade,
      question_id text,
      original text not null check (length(original) between 1 and 2000),
      redacted text,
      status text not null default 'pending' check (status in ('pending', 'approved', 'redacted', 'rejected')),
      decided_by uuid references app_user(id) on delete set null,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      check (pin_id is not null or question_id is not null)
    );
    create index free_text_queue_idx on free_text (collaboration_id, status, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table free_text;
    drop table survey_pin;
    drop index survey_response_device_idx;
    drop index survey_response_idempotency_idx;
    alter table survey_response
      drop column flag_reason,
      drop column device_hash,
      drop column body_hash,
      drop column idempotency_key,
      drop column survey_version_id,
      drop column campaign_id;
    drop table named_place;
    drop table campaign;
    drop table survey_version;
    drop table survey;
  `.execute(db);
}
