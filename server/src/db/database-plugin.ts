import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import fastifyPostgres from '@fastify/postgres';
import fp from 'fastify-plugin';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import { migrateToLatest } from './migrate';
import { PGliteDialect } from './pglite-dialect';
import { withPreparedStatements } from './prepared-statements';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    databaseKind: DatabaseKind;
  }
}

// DATE columns stay 'YYYY-MM-DD' strings: turning them into Dates at local midnight shifts days.
const DATE_OID = 1082;

/** node-postgres type parsing with DATE kept as text, for every pg pool (app, scripts). */
export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === DATE_OID ? (value: string) => value : (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
};

export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, { parsers: { [DATE_OID]: (value: string) => value } });
}

/**
 * Decorates the app with `db` (Kysely) and `databaseKind`, and migrates to the latest
 * schema. With DATABASE_URL the pool comes from @fastify/postgres and is closed by it (the
 * Kysely instance is never destroyed); without it an embedded PGlite lives under DATA_DIR.
 */
export const databasePlugin = fp<{ config: AppConfig }>(
  async (app, { config }) => {
    let db: Kysely<Database>;
    if (config.databaseUrl) {
      await app.register(fastifyPostgres, {
        connectionString: config.databaseUrl,
        max: config.databasePoolSize,
        types: pgTypes,
      });
      // An idle connection the server ends (restart, failover, admin) must not take the process down.
      app.pg.pool.on('error', (error) => app.log.warn({ err: error }, 'idle database connection lost'));
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(app.pg.pool) }) });
      app.decorate('databaseKind', 'postgres' as DatabaseKind);
    } else {
      const pglite = await openPGlite(config.dataDir);
      db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
      app.decorate('databaseKind', 'pglite' as DatabaseKind);
      // PGlite writes its files on close; the data directory survives a SIGTERM only if we do.
      app.addHook('onClose', async () => db.destroy());
    }
    app.decorate('db', db);
    await migrateToLatest(db as Kysely<unknown>);
  },
  { name: 'database' },
);
