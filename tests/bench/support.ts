/** Shared helpers for benchmark scripts: timing, medians, a uniform report line, a database of their own. */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { generatePoints } from '../../server/src/features/demo/generator/benchmark-points';
import { seedDemo } from '../../server/src/features/demo/seed-demo';
import { loadConfig } from '../../server/src/config';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { Database } from '../../server/src/db/schema';
import { openStandaloneDatabase } from '../../server/src/db/standalone';
import { must } from '@lagesbild/shared';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = must(sorted[mid], 'the upper middle value');
  return sorted.length % 2 ? upper : (must(sorted[mid - 1], 'the lower middle value') + upper) / 2;
}

export async function timeRuns(runs: number, fn: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

function show(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** One line per figure: value and unit, and value ÷ baseline when a baseline was measured in the same run. */
export function report(name: string, value: number, unit: string, baseline?: { name: string; value: number }): void {
  const ratio = baseline ? ` = ${(value / baseline.value).toFixed(2)} × ${baseline.name} (${show(baseline.value)} ${unit})` : '';
  console.log(`${name}: ${show(value)} ${unit}${ratio}`);
}

const BENCH_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_BASE });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Runs a benchmark in a database of its own on BENCH_DATABASE_URL's server, migrated to the
 * latest schema, and drops it afterwards whatever happens. `url` is its connection string,
 * for servers started in child processes.
 */
export async function withBenchDatabase(name: string, run: (db: Kysely<Database>, url: string) => Promise<void>): Promise<void> {
  const database = `lagesbild_${name}_${process.pid}`;
  const url = new URL(BENCH_BASE);
  url.pathname = `/${database}`;
  await onServer(`create database ${database}`);
  try {
    const db = await openStandaloneDatabase({ ...loadConfig({}), databaseUrl: url.toString() });
    try {
      await migrateToLatest(db as Kysely<unknown>);
      await run(db, url.toString());
    } finally {
      await db.destroy();
    }
  } finally {
    await onServer(`drop database if exists ${database} with (force)`);
  }
}

/**
 * The demo collaboration topped up to `total` points with the demo's own generator (same
 * places, sources and patterns), analysed so the planner knows the sizes.
 */
export async function seedDemoWithPoints(
  db: Kysely<Database>,
  total: number,
  until: Date,
): Promise<{ collaborationId: string; points: number }> {
  const { collaborationId, points: demoPoints } = await seedDemo(db, { until });
  const batch: object[] = [];
  let added = 0;
  const insert = async () => {
    await db
      .insertInto('point')
      .values(batch as never)
      .execute();
    added += batch.length;
    batch.length = 0;
  };
  for (const point of generatePoints(Math.max(0, total - demoPoints), 42, { until })) {
    batch.push({ ...point, collaboration_id: collaborationId });
    if (batch.length === 2000) await insert();
  }
  if (batch.length > 0) await insert();
  await sql`analyze`.execute(db);
  return { collaborationId, points: demoPoints + added };
}
