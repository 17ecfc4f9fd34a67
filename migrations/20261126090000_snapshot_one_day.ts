import { sql, type Kysely } from 'kysely';

/**
 * A snapshot's period is a range of days with both ends included (as the problem picture reads
 * from and to), so a one-day lägesbild has period_from = period_to. The first check refused it
 * while the API accepted it, which made such a request fail with a server error.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lagesbild_snapshot drop constraint lagesbild_snapshot_check;
    alter table lagesbild_snapshot add constraint lagesbild_snapshot_check check (period_to >= period_from);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Not validated: one-day snapshots saved meanwhile stay, rather than blocking the way down.
  await sql`
    alter table lagesbild_snapshot drop constraint lagesbild_snapshot_check;
    alter table lagesbild_snapshot add constraint lagesbild_snapshot_check check (period_to > period_from) not valid;
  `.execute(db);
}
