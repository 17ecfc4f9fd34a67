// Submissions under load: 50 connections for 30 s against the real app on PostgreSQL, beside a
// bare Fastify route that returns 201 without a database, measured in the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { report, withBenchDatabase } from './support';

const DURATION = Number(process.env.BENCH_SECONDS ?? 30);
const root = fileURLToPath(new URL('../..', import.meta.url));

function startServer(mode: 'app' | 'bare', databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      ...(mode === 'app' && process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
      '--import',
      'tsx',
      'tests/bench/submission-server.ts',
      mode,
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SUBMISSION_RATE_LIMIT: '1000000000',
        NODE_ENV: 'production',
        ORIGIN: 'https://lagesbild.bench.example',
        SESSION_SECRET: 'benchmark-secret-benchmark-secret-1234',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const match = /PORT (\d+)/.exec(d.toString());
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const body = JSON.stringify({
  locale: 'sv',
  answers: { safety_evening: 'fairly_unsafe', problems: { drugs: 'big', lighting: 'small' } },
  pins: [{ lat: 57.1835, lon: 14.0355, category: 'lighting', times: ['evening'] }],
});

/** Idempotency key → the id its 201 carried (null while unanswered), for the exactly-once check. */
type Ledger = Map<string, string | null>;

async function load(port: number, ledger?: Ledger): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/api/public/campaigns/demo/responses`,
    connections: 50,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        setupRequest: (request, context) => {
          const key = randomUUID();
          (context as { key?: string }).key = key;
          ledger?.set(key, null);
          return { ...request, headers: { ...request.headers, 'idempotency-key': key } };
        },
        onResponse: (status, responseBody, context) => {
          if (status === 201) ledger?.set((context as { key: string }).key, (JSON.parse(responseBody) as { id: string }).id);
        },
      },
    ],
  });
}

/**
 * Requests still in flight when the load stopped got no answer; a phone would send them again
 * with the same key, so we do, and then every key has exactly one id.
 */
async function retryUnanswered(port: number, ledger: Ledger): Promise<number> {
  const unanswered = [...ledger].filter(([, id]) => id === null).map(([key]) => key);
  for (const key of unanswered) {
    const res = await fetch(`http://127.0.0.1:${port}/api/public/campaigns/demo/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body,
    });
    if (res.status === 201) ledger.set(key, ((await res.json()) as { id: string }).id);
  }
  return unanswered.length;
}

await withBenchDatabase('submissions', async (db, url) => {
  const collaboration = await db
    .insertInto('collaboration')
    .values({ slug: 'bench', name: 'Bench', police_district: 'Bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ring = [
    [13.9, 57.1],
    [14.2, 57.1],
    [14.2, 57.3],
    [13.9, 57.3],
    [13.9, 57.1],
  ];
  await db
    .insertInto('area')
    .values({
      collaboration_id: collaboration.id,
      name: 'Värnamo',
      kind: 'boundary',
      geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      bbox: [13.9, 57.1, 14.2, 57.3],
    })
    .execute();
  await seedDemoCampaign(db, collaboration.id);

  const bare = await startServer('bare', url);
  const baseline = await load(bare.port);
  bare.child.kill('SIGTERM');

  const app = await startServer('app', url);
  const ledger: Ledger = new Map();
  const result = await load(app.port, ledger);
  const retried = await retryUnanswered(app.port, ledger);
  app.child.kill('SIGTERM');
  await new Promise((r) => app.child.once('exit', r));

  const stored = new Set(
    (await db.selectFrom('survey_response').select('id').where('idempotency_key', 'is not', null).execute()).map((r) => r.id),
  );
  const acknowledged = new Set([...ledger.values()].filter((id): id is string => id !== null));
  const lost = [...acknowledged].filter((id) => !stored.has(id)).length;
  const unacknowledged = [...stored].filter((id) => !acknowledged.has(id)).length;

  const accepted = result['2xx'];
  console.log(`50 connections × ${DURATION} s, one answer with one pin per request (PostgreSQL, this machine)`);
  report('accepted submissions/s', accepted / DURATION, 'req/s', { name: 'bare Fastify 201', value: baseline['2xx'] / DURATION });
  report('latency p50', result.latency.p50, 'ms', { name: 'bare p50', value: Math.max(baseline.latency.p50, 0.01) });
  report('latency p99', result.latency.p99, 'ms', { name: 'bare p99', value: Math.max(baseline.latency.p99, 0.01) });
  console.log(`errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`);
  console.log(`in flight when the load stopped: ${retried}, sent again with their keys (as a phone would)`);
  const exact = lost === 0 && unacknowledged === 0 && stored.size === ledger.size;
  console.log(
    `rows stored: ${stored.size}, distinct ids acknowledged with 201: ${acknowledged.size} of ${ledger.size} keys sent` +
      (exact
        ? ' (equal: every key stored exactly once)'
        : ` (MISMATCH: ${lost} acknowledged but not stored, ${unacknowledged} stored but never acknowledged)`),
  );
  if (!exact || result.errors > 0 || result.non2xx > 0) process.exitCode = 1;
});
