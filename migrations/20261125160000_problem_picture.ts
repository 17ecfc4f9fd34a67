import { sql, type Kysely } from 'kysely';

/**
 * The problem picture: each collaboration's ranking weights (null = the defaults), and saved
 * lägesbild snapshots — immutable records of the picture as computed on a date, with disclosure
 * control already applied so that any staff member may read them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table collaboration add column problem_weights jsonb;

    create table lagesbild_snapshot (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      period_from date not null,
      period_to date not null,
      area_id uuid references area(id) on delete set null,
      payload jsonb not null,
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      check (period_to > period_from)
    );
    create index lagesbild_snapshot_collaboration_idx on lagesbild_snapshot (collaboration_id, created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table lagesbild_snapshot;
    alter table collaboration drop column problem_weights;
  `.execute(db);
}
