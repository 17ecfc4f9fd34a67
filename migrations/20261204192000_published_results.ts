import { sql, type Kysely } from 'kysely';

/**
 * The public results of a survey as last published: the tally of the answers submitted before
 * `through` (a Swedish midnight). Residents see only these stored states, and a new one is
 * published only when at least k answers have come in since the one before (issue 20: one
 * answer at a kiosk must not show up as a change in the live results).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table published_results (
      survey_id uuid not null references survey(id) on delete cascade,
      through timestamptz not null,
      respondents integer not null check (respondents >= 0),
      counts jsonb not null,
      published_at timestamptz not null default now(),
      primary key (survey_id, through)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table published_results`.execute(db);
}
