import { sql, type Kysely } from 'kysely';

/**
 * Citizen pledges (medborgarlöften): the pledge with its parties and background, the problems
 * it takes up (evidence copied from a saved lägesbild), its activities, and the follow-up
 * updates per activity. A signed pledge is never edited: a revision is a new row pointing at
 * its predecessor (at most one revision per pledge), with version + 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pledge (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      year integer not null check (year between 2000 and 2100),
      title text not null check (length(title) between 1 and 200),
      status text not null default 'draft' check (status in ('draft', 'agreed', 'signed', 'followed_up')),
      version integer not null default 1 check (version >= 1),
      predecessor_id uuid unique references pledge(id) on delete restrict,
      snapshot_id uuid references lagesbild_snapshot(id) on delete set null,
      baseline_from date not null,
      baseline_to date not null,
      parties jsonb not null,
      background text not null default '',
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_by uuid references app_user(id) on delete set null,
      updated_at timestamptz not null default now(),
      agreed_at timestamptz,
      signed_at timestamptz,
      followed_up_at timestamptz,
      check (baseline_to >= baseline_from),
      check (status in ('draft', 'agreed') or signed_at is not null)
    );
    create index pledge_collaboration_idx on pledge (collaboration_id, year desc, version desc);

    create table pledge_problem (
      id uuid primary key default gen_random_uuid(),
      pledge_id uuid not null references pledge(id) on delete cascade,
      category text not null,
      evidence jsonb not null,
      sort integer not null,
      unique (pledge_id, category)
    );

    create table pledge_activity (
      id uuid primary key default gen_random_uuid(),
      pledge_id uuid not null references pledge(id) on delete cascade,
      problem_category text,
      what text not null check (length(what) between 1 and 1000),
      responsible_kind text not null check (responsible_kind in ('municipality', 'police', 'other')),
      responsible_name text not null default '',
      area_ids text[] not null default '{}',
      cell_ids text[] not null default '{}',
      places text[] not null default '{}',
      timing text not null default '',
      indicator text not null default '',
      target text not null default '',
      follow_up_on date,
      sort integer not null,
      created_at timestamptz not null default now()
    );
    create index pledge_activity_pledge_idx on pledge_activity (pledge_id, sort);

    create table activity_update (
      id uuid primary key default gen_random_uuid(),
      activity_id uuid not null references pledge_activity(id) on delete cascade,
      happened_on date not null,
      status text not null check (status in ('planned', 'ongoing', 'done', 'cancelled')),
      note text not null default '',
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index activity_update_activity_idx on activity_update (activity_id, happened_on, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table activity_update;
    drop table pledge_activity;
    drop table pledge_problem;
    drop table pledge;
  `.execute(db);
}
