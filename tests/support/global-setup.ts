import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../server/src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when TEST_DATABASE_URL is: the migrated database every test file clones. */
    templateDatabase: string | undefined;
  }
}

export function databaseUrlFor(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * With TEST_DATABASE_URL, migrate one template database; each test file then gets a fresh
 * clone of it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // The tests that start the real server (server-process.ts) run it compiled, as `pnpm start` does.
  execFileSync(process.execPath, ['scripts/ensure-built.mjs', '--server'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('templateDatabase', undefined);
    return;
  }
  const template = `lagesbild_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const pool = new pg.Pool({ connectionString: databaseUrlFor(base, template), max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('templateDatabase', template);
  return async () => {
    await admin.query(`drop database if exists ${template}`);
    await admin.end();
  };
}
