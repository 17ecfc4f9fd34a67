import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { migrateToLatest } from '../../server/src/db/migrate';
import { openStandaloneDatabase } from '../../server/src/db/standalone';
import { startServer } from '../support/server-process';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';

/**
 * A 201 means committed: kill -9 the server while answers pour in, start it again, and every
 * id that was acknowledged must be in the database. Runs on the database this run targets:
 * PostgreSQL with TEST_DATABASE_URL, else the embedded database in a data directory on disk.
 */
let database: TestDatabase;
const dataDir = mkdtempSync(join(tmpdir(), 'lagesbild-kill-'));
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 under load', () => {
  it('keeps every answer that got a 201', async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.databaseUrl, dataDir });
    const env = {
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: dataDir }),
      DEMO_DATA: 'false',
      SUBMISSION_RATE_LIMIT: '1000000',
    };

    const seed = await openStandaloneDatabase(config);
    await migrateToLatest(seed as Kysely<unknown>);
    const collaboration = await seed
      .insertInto('collaboration')
      .values({ slug: 'kill', name: 'Kill', police_district: 'Kill' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await seedDemoCampaign(seed, collaboration.id);
    await seed.destroy();

    const server = await startServer(env);
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${server.baseUrl}/api/public/campaigns/demo/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ locale: 'sv', answers: { safety_evening: 'very_unsafe' }, pins: [] }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 12 }, worker);
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    stop = true;
    await Promise.all(workers);

    const restarted = await startServer(env);
    expect((await fetch(`${restarted.baseUrl}/api/health`)).status).toBe(200);
    await restarted.stop('SIGTERM');

    const check = await openStandaloneDatabase(config);
    try {
      const stored = new Set((await check.selectFrom('survey_response').select('id').execute()).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(200);
      expect(lost).toEqual([]);
    } finally {
      await check.destroy();
    }
  }, 180_000);
});
