import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { GridRow } from './scb-grid-csv';

/** Rows per insert statement: 4 parameters each, well under PostgreSQL's 65 535. */
const BATCH = 5000;

/** Replaces the collaboration's grid with `rows` (one square size). */
export async function replaceGrid(
  trx: Transaction<Database>,
  collaborationId: string,
  size: number,
  rows: readonly GridRow[],
): Promise<void> {
  await trx.deleteFrom('population_square').where('collaboration_id', '=', collaborationId).execute();
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('population_square')
      .values(
        rows
          .slice(i, i + BATCH)
          .map((r) => ({ collaboration_id: collaborationId, size, x: r.x, y: r.y, residents: r.residents, year: r.year })),
      )
      .execute();
  }
}

export async function gridSummary(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('population_square')
    .select([
      sql<number | null>`max(size)`.as('size'),
      sql<string>`count(*)`.as('squares'),
      sql<string>`coalesce(sum(residents), 0)`.as('residents'),
      sql<number | null>`max(year)`.as('year'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .executeTakeFirstOrThrow();
}

export async function gridSquares(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('population_square')
    .select(['size', 'x', 'y', 'residents'])
    .where('collaboration_id', '=', collaborationId)
    .execute();
}
