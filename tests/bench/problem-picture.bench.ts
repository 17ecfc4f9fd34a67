// The problem picture for the demo collaboration at 1M points, beside the hot-spot computation
// for the same filter (load the period's exact points, grid, Gi*, FDR, density), same run.
import { polygonSet, runHotspotAnalysis } from '@lagesbild/shared/hotspot/index';
import { must, wgs84ToSweref } from '@lagesbild/shared';
import { studyAreas } from '../../server/src/features/areas/area-service';
import { exactPoints } from '../../server/src/features/points/point-service';
import { problemPicture, resolvePeriod } from '../../server/src/features/problem-picture/problem-picture-service';
import { median, report, seedDemoWithPoints, timeRuns, withBenchDatabase } from './support';

const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);

await withBenchDatabase('picture', async (db) => {
  const until = new Date(new Date().toISOString().slice(0, 10));
  const { collaborationId, points } = await seedDemoWithPoints(db, POINTS, until);
  console.log(`demo collaboration with ${points} points, the last twelve months`);

  const viewer = { collaborationId, seesPoliceRaw: false };
  const pictureTimes = await timeRuns(3, () => problemPicture(db, viewer, { locale: 'sv' }));
  const period = resolvePeriod(undefined, undefined);
  const hotspotTimes = await timeRuns(3, async () => {
    const geometries = await studyAreas(db, collaborationId);
    const polygons = geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
    const study = polygonSet(polygons.map((rings) => rings.map((ring) => ring.flatMap(([lon = 0, lat = 0]) => wgs84ToSweref(lat, lon)))));
    const rows = await exactPoints(db, collaborationId, period, null, true);
    const xy = new Float64Array(rows.length * 2);
    rows.forEach((r, i) => {
      xy[2 * i] = r.x;
      xy[2 * i + 1] = r.y;
    });
    return runHotspotAnalysis({ xy, bbox: must(study.bbox, 'the study area bbox'), inside: (x, y) => study.contains(x, y) });
  });
  const hot = median(hotspotTimes);
  report('problem picture (median of 3)', median(pictureTimes), 'ms', { name: 'hot spots for the same filter', value: hot });
});
