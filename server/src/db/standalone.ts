import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import { openPGlite } from './database-plugin';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/** A database handle for scripts and the CLI (outside the Fastify app); destroy() it when done. */
export async function openStandaloneDatabase(config: AppConfig): Promise<Kysely<Database>> {
  return new Kysely<Database>({
    dialect: config.databaseUrl
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: config.databaseUrl, max: 2 }) })
      : new PGliteDialect(await openPGlite(config.dataDir)),
  });
}
