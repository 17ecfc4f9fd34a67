// The pledge's Word export (and print view, and the map alone) for the demo's signed pledge,
// beside the hot-spot analysis of the same points (load the period's exact points of its
// categories, grid, Gi*, FDR) measured in the same run.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { generatePoints } from '../../scripts/demo/generate-demo';
import { seedDemo } from '../../scripts/demo/seed-demo';
import { seedDemoCampaign } from '../../scripts/demo/seed-demo-campaign';
import { seedDemoPledges } from '../../scripts/demo/seed-demo-pledges';
import { loadConfig } from '../../server/src/config';
import { migrateToLatest } from '../../server/src/db/migrate';
import { openStandaloneDatabase } from '../../server/src/db/standalone';
import { seedDemoStaff } from '../../server/src/features/demo/demo-staff';
import { exportPledge, pledgeAnalysis } from '../../server/src/features/pledges/pledge-export';
import { renderHotspotMap } from '../../server/src/features/pledges/pledge-map';
import { getPledge } from '../../server/src/features/pledges/pledge-service';
import { saveSnapshot } from '../../server/src/features/problem-picture/snapshot-service';
import { median, report, timeRuns } from './support';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const POINTS = Number(process.env.BENCH_POINTS ?? 200_000);
const database = `lagesbild_pledge_${process.pid}`;
const url = new URL(BASE);
url.pathname = `/${database}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

await admin(`create database ${database}`);
try {
  const db = await openStandaloneDatabase({ ...loadConfig({}), databaseUrl: url.toString() });
  await migrateToLatest(db as Kysely<unknown>);
  const until = new Date(new Date().toISOString().slice(0, 10));
  const { collaborationId, points: demoPoints } = await seedDemo(db, { until });
  const batch: object[] = [];
  for (const point of generatePoints(Math.max(0, POINTS - demoPoints), 42, { until })) {
    batch.push({ ...point, collaboration_id: collaborationId });
    if (batch.length === 2000) {
      await db.insertInto('point').values(batch as never).execute();
      batch.length = 0;
    }
  }
  if (batch.length > 0) await db.insertInto('point').values(batch as never).execute();
  await seedDemoStaff(db, collaborationId);
  await seedDemoCampaign(db, collaborationId, until);
  const coordinator = await db.selectFrom('app_user').select('id').where('email', '=', 'samordnare@demo.lagesbild.se').executeTakeFirstOrThrow();
  const actor = { userId: coordinator.id, collaborationId };
  await saveSnapshot(db, actor, { title: 'Lägesbild inför medborgarlöftet' });
  const { signedId } = await seedDemoPledges(db, collaborationId, until);
  await sql`analyze`.execute(db);
  const pledge = await getPledge(db, collaborationId, signedId, 'sv');
  console.log(`demo collaboration with ${Math.max(POINTS, demoPoints)} points; pledge with ${pledge.problems.length} problems, ${pledge.activities.length} activities`);

  const analysisTimes = await timeRuns(5, () => pledgeAnalysis(db, collaborationId, pledge));
  const analysis = await pledgeAnalysis(db, collaborationId, pledge);
  const mapTimes = await timeRuns(5, () => renderHotspotMap(analysis));
  const docxTimes = await timeRuns(5, () => exportPledge(db, actor, signedId, 'docx'));
  const htmlTimes = await timeRuns(5, () => exportPledge(db, actor, signedId, 'html'));
  await db.destroy();
  const baseline = { name: 'hot-spot analysis of its points', value: median(analysisTimes) };
  report('map PNG, drawing only (median of 5)', median(mapTimes), 'ms', baseline);
  report('Word export (median of 5)', median(docxTimes), 'ms', baseline);
  report('print view (median of 5)', median(htmlTimes), 'ms', baseline);
} finally {
  await admin(`drop database if exists ${database} with (force)`);
}
