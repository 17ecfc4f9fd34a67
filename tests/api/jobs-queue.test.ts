import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';

/**
 * The job queue: scheduled work runs once across instances (pg-boss on PostgreSQL), and the
 * embedded database's in-process queue runs the same declarations.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!postgres)(`two instances on one PostgreSQL${postgres ? '' : ' (skipped: needs TEST_DATABASE_URL)'}`, () => {
  let database: TestDatabase | undefined;
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  it('run a scheduled job once, not twice', { timeout: 90_000 }, async () => {
    database = await createTestDatabase();
    // Start early in a minute, so the window below holds one tick of the every-minute schedule.
    const second = new Date().getUTCSeconds();
    if (second > 30) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    const runs: string[] = [];
    for (const label of ['one', 'two']) {
      const app = await buildApp({ config: testConfig({ databaseUrl: database.databaseUrl }) });
      app.jobs.work('test.tick', () => {
        runs.push(label);
        return Promise.resolve();
      });
      app.jobs.every('test.tick', 1);
      apps.push(app);
    }
    await Promise.all(apps.map((app) => app.ready()));
    // The tick of the current minute is sent at start; both instances poll for it.
    await until(() => runs.length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(runs).toHaveLength(1);
  });
});

describe('the in-process queue (embedded database)', () => {
  it('runs jobs of one name one at a time, absorbs a waiting duplicate key, and stops cleanly', { timeout: 60_000 }, async () => {
    const app = await buildApp({ config: testConfig() });
    const seen: number[] = [];
    let running = 0;
    let overlapped = false;
    app.jobs.work<{ n: number }>('test.job', async ({ n }) => {
      running++;
      if (running > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(n);
      running--;
    });
    await app.ready();
    await app.jobs.enqueue('test.job', { n: 1 });
    await app.jobs.enqueue('test.job', { n: 2 }, { key: 'k' });
    await app.jobs.enqueue('test.job', { n: 3 }, { key: 'k' });
    await app.jobs.enqueue('test.job', { n: 4 });
    await until(() => seen.length === 3, 5_000);
    await app.close();
    expect(seen).toEqual([1, 2, 4]);
    expect(overlapped).toBe(false);
  });

  it('refuses a schedule that does not divide the hour, or has no handler', { timeout: 60_000 }, async () => {
    const app = await buildApp({ config: testConfig() });
    expect(() => app.jobs.every('x', 7)).toThrow(/divide/);
    app.jobs.every('no.handler', 5);
    await expect(app.ready()).rejects.toThrow(/no handler/);
    await app.close();
  });
});
