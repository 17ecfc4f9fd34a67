// The pledge's Word export (and print view, and the map alone) for the demo's signed pledge,
// beside the hot-spot analysis of the same points (load the period's exact points of its
// categories, grid, Gi*, FDR) measured in the same run.
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { seedDemoPledges } from '../../server/src/features/demo/seed-demo-pledges';
import { seedDemoStaff } from '../../server/src/features/demo/demo-staff';
import { exportPledge, pledgeAnalysis } from '../../server/src/features/pledges/pledge-export';
import { renderHotspotMap } from '../../server/src/features/pledges/pledge-map';
import { getPledge } from '../../server/src/features/pledges/pledge-service';
import { saveSnapshot } from '../../server/src/features/problem-picture/snapshot-service';
import { median, report, seedDemoWithPoints, timeRuns, withBenchDatabase } from './support';

const POINTS = Number(process.env.BENCH_POINTS ?? 200_000);

await withBenchDatabase('pledge', async (db) => {
  const until = new Date(new Date().toISOString().slice(0, 10));
  const { collaborationId, points } = await seedDemoWithPoints(db, POINTS, until);
  await seedDemoStaff(db, collaborationId);
  await seedDemoCampaign(db, collaborationId, until);
  const coordinator = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', 'samordnare@demo.lagesbild.se')
    .executeTakeFirstOrThrow();
  const actor = { userId: coordinator.id, collaborationId };
  await saveSnapshot(db, actor, { title: 'Lägesbild inför medborgarlöftet' });
  const { signedId } = await seedDemoPledges(db, collaborationId, until);
  const pledge = await getPledge(db, collaborationId, signedId, 'sv');
  console.log(
    `demo collaboration with ${points} points; pledge with ${pledge.problems.length} problems, ${pledge.activities.length} activities`,
  );

  const analysisTimes = await timeRuns(5, () => pledgeAnalysis(db, collaborationId, pledge));
  const analysis = await pledgeAnalysis(db, collaborationId, pledge);
  const mapTimes = await timeRuns(5, () => renderHotspotMap(analysis));
  const docxTimes = await timeRuns(5, () => exportPledge(db, actor, signedId, 'docx'));
  const htmlTimes = await timeRuns(5, () => exportPledge(db, actor, signedId, 'html'));
  const baseline = { name: 'hot-spot analysis of its points', value: median(analysisTimes) };
  report('map PNG, drawing only (median of 5)', median(mapTimes), 'ms', baseline);
  report('Word export (median of 5)', median(docxTimes), 'ms', baseline);
  report('print view (median of 5)', median(htmlTimes), 'ms', baseline);
});
