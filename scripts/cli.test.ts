import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/src/config';
import { migrateToLatest } from '../server/src/db/migrate';
import type { Database } from '../server/src/db/schema';
import { openStandaloneDatabase } from '../server/src/db/standalone';
import { must } from '@lagesbild/shared';

/** `pnpm cli` end to end, as a separate process, on an embedded database in a temporary DATA_DIR. */
const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDatabase<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await openStandaloneDatabase(loadConfig({ DATA_DIR: join(dir, 'data') }));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const csv = (rows: number, offset = 0) =>
  [
    'Ärendenr;Datum;Kategori;Latitud;Longitud',
    ...Array.from({ length: rows }, (_, i) => `${offset + i};2024-03-05 18:30;Klotter;57,18${i % 10};14,04${i % 7}`),
  ].join('\n');

describe('pnpm cli', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lagesbild-cli-'));
    await withDatabase(async (db) => {
      await migrateToLatest(db as Kysely<unknown>);
      await db.insertInto('collaboration').values({ slug: 'cli-test', name: 'CLI-kommunen', police_district: 'LPO CLI' }).execute();
    });
    writeFileSync(join(dir, 'est.csv'), csv(12_000));
    writeFileSync(join(dir, 'bad.csv'), `${csv(3)}\n99;2024-02-30;Klotter;57,18;14,04\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file with progress, imports nothing the second time, refuses in strict mode, lists and undoes', async () => {
    const first = await cli([
      'import',
      '--format',
      'csv',
      '--collaboration',
      'cli-test',
      '--source-name',
      'Bostadsbolaget',
      join(dir, 'est.csv'),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/read \d\s\d{3} rows…/);
    expect(first.stderr).toMatch(/wrote 12\s000 of 12\s000 rows…/);
    expect(first.stdout).toMatch(/rows: 12\s000 read, 12\s000 imported, 0 skipped, 0 failed/);
    const id = must(/^import ([0-9a-f-]{36}): done/m.exec(first.stdout)?.[1], 'the import id in the output');

    const again = await cli([
      'import',
      '--format',
      'csv',
      '--collaboration',
      'cli-test',
      '--source-name',
      'Bostadsbolaget',
      '--json',
      join(dir, 'est.csv'),
    ]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rowsImported: 0, rowsSkipped: 12_000, sameFileAs: id, via: 'cli' });

    const strict = await cli(['import', '--format', 'csv', '--collaboration', 'cli-test', '--strict', join(dir, 'bad.csv')]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('STRICT_IMPORT_FAILED');
    expect(strict.stderr).toContain('rows.5.Datum');

    const list = await cli(['list', '--collaboration', 'cli-test']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(3);

    expect(
      await withDatabase(
        async (db) =>
          (
            await db
              .selectFrom('point')
              .select(sql<number>`count(*)::int`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
      ),
    ).toBe(12_000);
    const undo = await cli(['undo', '--collaboration', 'cli-test', id]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(
      await withDatabase(
        async (db) =>
          (
            await db
              .selectFrom('point')
              .select(sql<number>`count(*)::int`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
      ),
    ).toBe(0);
  }, 120_000);

  it('explains its usage and refuses bad options', async () => {
    const usage = await cli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('pnpm cli import --format');
    const badFormat = await cli(['import', '--format', 'excel', '--collaboration', 'cli-test', join(dir, 'est.csv')]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('invalid options');
    const unknown = await cli(['import', '--format', 'csv', '--collaboration', 'nobody', join(dir, 'est.csv')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no collaboration with the slug "nobody"');
  }, 60_000);
});
