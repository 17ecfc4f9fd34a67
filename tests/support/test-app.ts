import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loadConfig, type AppConfig } from '../../server/src/config';
import { migrateToLatest } from '../../server/src/db/migrate';
import { openStandaloneDatabase } from '../../server/src/db/standalone';
import { databaseUrlFor } from './global-setup';

export interface TestDatabase {
  /** DATABASE_URL of a fresh PostgreSQL database, or undefined for a fresh in-memory PGlite. */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template, or in-memory PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) return { databaseUrl: undefined, drop: async () => {} };
  const name = `lagesbild_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return {
    databaseUrl: databaseUrlFor(base, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', DEMO_DATA: 'false' }),
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real app on a fresh database of its own. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ config: testConfig({ databaseUrl: database.databaseUrl, ...overrides }) });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A fresh, migrated database for the calling test file, opened without the app (for schema
 * tests): opened before the file's tests, dropped after them.
 */
export function migratedDatabaseForFile(): { readonly db: Kysely<unknown> } {
  let database: TestDatabase | undefined;
  let db: Kysely<unknown> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = (await openStandaloneDatabase(testConfig({ databaseUrl: database.databaseUrl }))) as Kysely<unknown>;
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('the database opens in beforeAll');
      return db;
    },
  };
}
