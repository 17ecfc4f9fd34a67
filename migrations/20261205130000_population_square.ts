import { sql, type Kysely } from 'kysely';

/**
 * Residents per SCB grid square (1 km or 250 m in SWEREF 99 TM, named by the south-west
 * corner), for the hot-spot map's rate mode and its narrowing to populated land. One grid per
 * collaboration: an import replaces it. Its changes bump the data version like points and areas,
 * so cached hot-spot answers never outlive the grid they were computed on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table population_square (
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      size integer not null check (size in (250, 1000)),
      x integer not null check (x % size = 0),
      y integer not null check (y % size = 0),
      residents integer not null check (residents >= 0),
      year integer check (year between 1900 and 2200),
      primary key (collaboration_id, x, y)
    );
    create trigger population_square_data_version_insert after insert on population_square
      referencing new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger population_square_data_version_delete after delete on population_square
      referencing old table as old_rows for each statement execute function bump_collaboration_data_version();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table population_square`.execute(db);
}
