import { inspect } from 'node:util';
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index';

function migratorFor(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : inspect(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return result;
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  return unwrap(await migratorFor(db).migrateToLatest());
}

export async function migrateDown(db: Kysely<unknown>): Promise<MigrationResultSet> {
  return unwrap(await migratorFor(db).migrateDown());
}
