// The problem picture for the demo collaboration at 1M points, beside the hot-spot computation
// for the same filter (load the period's exact points, grid, Gi*, FDR, density), same run.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { polygonSet, runHotspotAnalysis } from '@lagesbild/shared/hotspot/index';
import { wgs84ToSweref, type AreaGeometry } from '@lagesbild/shared';
import { generatePoints } from '../../scripts/demo/generate-demo';
import { seedDemo } from '../../scripts/demo/seed-demo';
import { loadConfig } from '../../server/src/config';
import { migrateToLatest } from '../../server/src/db/migrate';
import { openStandaloneDatabase } from '../../server/src/db/standalone';
import { exactPoints, studyAreas } from '../../server/src/features/problem-picture/problem-picture-repository';
import { problemPicture, resolvePeriod } from '../../server/src/features/problem-picture/problem-picture-service';
import { median, report, timeRuns } from './support';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const database = `lagesbild_picture_${process.pid}`;
const url = new URL(BASE);
url.pathname = `/${database}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  try {
    await client.query(sql);
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
  // Top the demo up to POINTS with the same generator (same places, sources and patterns).
  const batch: object[] = [];
  let added = 0;
  for (const point of generatePoints(Math.max(0, POINTS - demoPoints), 42, { until })) {
    batch.push({ ...point, collaboration_id: collaborationId });
    if (batch.length === 2000) {
      await db.insertInto('point').values(batch as never).execute();
      added += batch.length;
      batch.length = 0;
    }
  }
  if (batch.length > 0) await db.insertInto('point').values(batch as never).execute();
  added += batch.length;
  await sql`analyze`.execute(db);
  console.log(`demo collaboration with ${demoPoints + added} points, the last twelve months`);

  const viewer = { collaborationId, seesPoliceRaw: false };
  const pictureTimes = await timeRuns(3, () => problemPicture(db, viewer, { locale: 'sv' }));
  const period = resolvePeriod(undefined, undefined);
  const hotspotTimes = await timeRuns(3, async () => {
    const geometries = (await studyAreas(db, collaborationId)) as AreaGeometry[];
    const polygons = geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
    const study = polygonSet(polygons.map((rings) => rings.map((ring) => ring.flatMap(([lon = 0, lat = 0]) => wgs84ToSweref(lat, lon)))));
    const rows = await exactPoints(db, collaborationId, period, null);
    const xy = new Float64Array(rows.length * 2);
    rows.forEach((r, i) => {
      xy[2 * i] = r.x;
      xy[2 * i + 1] = r.y;
    });
    return runHotspotAnalysis({ xy, bbox: study.bbox!, inside: (x, y) => study.contains(x, y) });
  });
  await db.destroy();
  const hot = median(hotspotTimes);
  report('problem picture (median of 3)', median(pictureTimes), 'ms', { name: 'hot spots for the same filter', value: hot });
} finally {
  await admin(`drop database if exists ${database} with (force)`);
}
