import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import { openPGlite, pgTypes } from './database-plugin';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/** A database handle for scripts and the CLI (outside the Fastify app); destroy() it when done. */
export async function openStandaloneDatabase(config: AppConfig): Promise<Kysely<Database>> {
  if (!config.databaseUrl) return new Kysely<Database>({ dialect: new PGliteDialect(await openPGlite(config.dataDir)) });
  // DATE columns stay 'YYYY-MM-DD' text, as in the app (database-plugin.ts).
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: 2,
    types: pgTypes,
  });
  // A lost idle connection is replaced on the next query; it is no reason to crash a script.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
