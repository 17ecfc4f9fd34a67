/**
 * `pnpm bench hotspots`: the hot-spot pipeline on a million demo points, beside a pipeline built
 * from @turf/turf on the same points in the same run, and GET /api/hotspots through the real app
 * (embedded database with the demo data) uncached and cached.
 *
 * Engine: filter (period + sources) → metric grid with the study-area mask → Gi* (lattice) with
 * the calibrated exact binomial inference (what the server answers with) → Benjamini–Hochberg
 * over the testable tests → classes → quartic density, on typed arrays.
 * Turf: the same filter on GeoJSON point features → turf.squareGrid over the study area's bbox →
 * turf.booleanPointInPolygon for the study area → turf.collect → counts → the same Gi* (the
 * engine's point version on the cell centres) → the same Benjamini–Hochberg. Turf gets no
 * density step, which only flatters it.
 */
import os from 'node:os';
import * as turf from '@turf/turf';
import { must, categoryCodes, pointSources, timeBands, wgs84ToSweref } from '@lagesbild/shared';
import {
  allocatePointColumns,
  benjaminiHochberg,
  classify,
  filterPoints,
  giStar,
  polygonSet,
  analyseHotspots,
  type PointColumns,
  type PointFilter,
} from '@lagesbild/shared/hotspot/index';
import { buildApp } from '../../server/src/app';
import { DEMO_STAFF_PASSWORD, seedDemoStaff } from '../../server/src/features/demo/demo-staff';
import { generatePoints } from '../../server/src/features/demo/generator/benchmark-points';
import { demoLayout } from '../../server/src/features/demo/generator/generate-demo';
import { seedDemo } from '../../server/src/features/demo/seed-demo';
import { ORIGIN } from '../support/fixtures';
import { testConfig } from '../support/test-app';
import { median, report, timeRuns } from './support';

/**
 * Wall-clock and CPU time per run. On a shared machine other processes take the CPU away at
 * random; CPU time (user + system of this process, which runs these pipelines on one thread)
 * measures the work itself.
 */
async function timeBoth(runs: number, fn: () => unknown): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const N = 1_000_000;
const CELL = 100; // metres: the same cell size for both pipelines
const BAND = 500; // metres
const UNTIL = new Date(Date.UTC(2026, 10, 1));
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------
// Data: generated once, as typed columns (engine) and GeoJSON features (turf)
// ---------------------------------------------------------------------------------------

let started = performance.now();
const columns: PointColumns = allocatePointColumns(N);
let i = 0;
for (const p of generatePoints(N, 42, { until: UNTIL })) {
  columns.xy[2 * i] = p.x;
  columns.xy[2 * i + 1] = p.y;
  columns.lat[i] = p.lat;
  columns.lon[i] = p.lon;
  columns.time[i] = p.occurred_at.getTime();
  columns.source[i] = pointSources.indexOf(p.source);
  columns.category[i] = categoryCodes.indexOf(p.category);
  columns.band[i] = timeBands.indexOf(p.time_band);
  columns.flags[i] = (p.classification === 'police_only' ? 1 : 0) | (p.precision === 'area' ? 2 : 0);
  i++;
}
console.log(`generated ${N.toLocaleString('en')} demo points in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)`);

/**
 * The same points as GeoJSON features for turf. Built after the engine's runs and dropped before
 * the API runs: a million feature objects on the heap slow down every garbage collection, which
 * would bill turf's memory to the other measurements.
 */
function turfFeatures(): GeoJSON.FeatureCollection<GeoJSON.Point, { t: number; s: string }> {
  const features: GeoJSON.Feature<GeoJSON.Point, { t: number; s: string }>[] = new Array(N);
  const at = (column: ArrayLike<number>, k: number) => must(column[k], 'a point column value');
  for (let k = 0; k < N; k++) {
    const source = (at(columns.flags, k) & 2) !== 0 ? 'area' : must(pointSources[at(columns.source, k)], 'the point source');
    features[k] = turf.point([at(columns.lon, k), at(columns.lat, k)], { t: at(columns.time, k), s: source });
  }
  return turf.featureCollection(features);
}

const boundary = must(
  demoLayout().areas.find((a) => a.kind === 'boundary'),
  'the demo boundary',
).geometry;
const ring = must(boundary.coordinates[0], 'the boundary outline').flatMap(([lon = NaN, lat = NaN]) => wgs84ToSweref(lat, lon));
const study = polygonSet([[ring]]);
const bbox = must(study.bbox, 'the study area bbox');
const inside = (x: number, y: number) => study.contains(x, y);

// The last year, survey + municipal + police: about half of the points.
const filter: PointFilter = { from: UNTIL.getTime() - 365 * DAY, to: UNTIL.getTime(), sources: ['survey', 'municipality', 'police'] };

// ---------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------

function engine(f: PointFilter, cellSize: number | undefined, band: number | undefined) {
  const points = filterPoints(columns, f);
  return analyseHotspots({ xy: points.xy, bbox, inside, cellSize, band });
}

const check = engine(filter, CELL, BAND);
console.log(
  `engine: ${check.pointsUsed.toLocaleString('en')} points in ${check.cellsInStudyArea.toLocaleString('en')} study-area cells of ${CELL} m, ` +
    `${check.significantCells} significant after FDR`,
);
engine(filter, CELL, BAND); // warm-up

// ---------------------------------------------------------------------------------------
// Turf
// ---------------------------------------------------------------------------------------

const wgsBbox = turf.bbox(boundary as GeoJSON.Polygon);
const boundaryFeature = turf.polygon(boundary.coordinates as GeoJSON.Position[][]);
const keep = new Set(['survey', 'municipality', 'police']);

function turfPipeline(pointsFc: GeoJSON.FeatureCollection<GeoJSON.Point, { t: number; s: string }>) {
  const from = must(filter.from, 'the filter start');
  const to = must(filter.to, 'the filter end');
  const chosen = turf.featureCollection(
    pointsFc.features.filter((f) => f.properties.t >= from && f.properties.t < to && keep.has(f.properties.s)),
  );
  const grid = turf.squareGrid(wgsBbox, CELL / 1000, { units: 'kilometers' });
  const cells = turf.featureCollection(grid.features.filter((cell) => turf.booleanPointInPolygon(turf.centroid(cell), boundaryFeature)));
  const collected = turf.collect(cells, chosen, 't', 'ts');
  const n = collected.features.length;
  const values = new Float64Array(n);
  const xy = new Float64Array(2 * n);
  collected.features.forEach((cell, k) => {
    values[k] = (cell.properties as { ts: number[] }).ts.length;
    const [lon, lat] = turf.centroid(cell).geometry.coordinates as [number, number];
    const [x, y] = wgs84ToSweref(lat, lon);
    xy[2 * k] = x;
    xy[2 * k + 1] = y;
  });
  const { z, p } = giStar(values, xy, BAND);
  const classes = classify(z, benjaminiHochberg(p));
  return { cells: n, points: values.reduce((a, b) => a + b, 0), significant: classes.filter((c) => Math.abs(c) >= 2).length };
}

/**
 * Engine and turf runs are interleaved (five engine runs, one turf run, three times over), so
 * that both pipelines see the same machine load: on a shared machine that load moves a lot.
 * Turf's GeoJSON features are built (untimed) before each of its runs and dropped after it, so
 * the engine never runs with a million feature objects on the heap.
 */
async function interleaved() {
  const engineRuns = { wall: [] as number[], cpu: [] as number[] };
  const turfRuns = { wall: [] as number[], cpu: [] as number[] };
  for (let round = 0; round < 3; round++) {
    const e = await timeBoth(5, () => engine(filter, CELL, BAND));
    engineRuns.wall.push(...e.wall);
    engineRuns.cpu.push(...e.cpu);
    // In a block of its own, so the features are garbage once turf's run is over.
    {
      const features = turfFeatures();
      if (round === 0) {
        const turfCheck = turfPipeline(features);
        console.log(
          `turf: ${turfCheck.points.toLocaleString('en')} points in ${turfCheck.cells.toLocaleString('en')} cells (all the points, no subset; its "100 m"`,
        );
        console.log('  cells are 100 m north–south but 0.1 km of longitude-degrees east–west, ~54 m here)');
      }
      const t = await timeBoth(1, () => turfPipeline(features));
      turfRuns.wall.push(...t.wall);
      turfRuns.cpu.push(...t.cpu);
    }
    // Let V8 collect and sweep turf's million features before the engine runs again (its
    // background sweeping would otherwise be billed to the engine).
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    globalThis.gc?.();
  }
  return { engineRuns, turfRuns };
}
const load = () => (os.loadavg()[0] ?? 0).toFixed(1);
const loadBefore = load();
const { engineRuns, turfRuns } = await interleaved();
globalThis.gc?.();
const engineMs = median(engineRuns.wall);
const turfMs = median(turfRuns.wall);
const engineCpu = median(engineRuns.cpu);
const turfCpu = median(turfRuns.cpu);
const defaults = await timeBoth(5, () => engine(filter, undefined, undefined));
const dark = await timeBoth(5, () => engine({ ...filter, light: 'dark' }, CELL, BAND));

console.log('');
report(`turf pipeline, ${N.toLocaleString('en')} points, median of ${turfRuns.wall.length}`, turfMs, 'ms');
report(`engine pipeline (filter → grid → exact Gi* inference → FDR → density), median of ${engineRuns.wall.length}`, engineMs, 'ms', {
  name: 'turf',
  value: turfMs,
});
report('turf pipeline, CPU time', turfCpu, 'ms CPU');
report('engine pipeline, CPU time', engineCpu, 'ms CPU', { name: 'turf', value: turfCpu });
report('engine with data-driven cell size and band', median(defaults.wall), 'ms', { name: 'engine at 100 m', value: engineMs });
report('engine with the dark-hours filter (sun per point)', median(dark.wall), 'ms', { name: 'engine at 100 m', value: engineMs });
const speedup = turfMs / engineMs;
const speedupCpu = turfCpu / engineCpu;
console.log(
  `speed-up over turf: ${speedup.toFixed(0)}× wall clock, ${speedupCpu.toFixed(0)}× CPU time (target ≥ 50×: ${speedup >= 50 ? 'met' : speedupCpu >= 50 ? 'met in CPU time, not in wall-clock time under this load' : 'MISSED'})`,
);
console.log(
  `engine median: ${engineMs.toFixed(1)} ms wall clock, ${engineCpu.toFixed(1)} ms CPU (target < 150 ms: ${engineMs < 150 ? 'met' : 'MISSED'})`,
);
// Other processes only ever add time, so the fastest runs are the least disturbed ones.
const fastest = (xs: number[]) => Math.min(...xs);
console.log(
  `fastest runs: engine ${fastest(engineRuns.wall).toFixed(1)} ms, turf ${fastest(turfRuns.wall).toFixed(0)} ms ` +
    `= ${(fastest(turfRuns.wall) / fastest(engineRuns.wall)).toFixed(0)}× (CPU: ${fastest(engineRuns.cpu).toFixed(1)} ms vs ${fastest(turfRuns.cpu).toFixed(0)} ms ` +
    `= ${(fastest(turfRuns.cpu) / fastest(engineRuns.cpu)).toFixed(0)}×)`,
);
console.log(
  `machine load (1-minute average, ${os.cpus().length} CPUs): ${loadBefore} before, ${load()} after; engine runs: ${engineRuns.wall.map((t) => t.toFixed(0)).join(', ')} ms`,
);

// ---------------------------------------------------------------------------------------
// GET /api/hotspots through the real app (embedded PGlite, demo data)
// ---------------------------------------------------------------------------------------

const app = await buildApp({ config: testConfig() });
await app.ready();
started = performance.now();
const seeded = await seedDemo(app.db, { until: UNTIL });
await seedDemoStaff(app.db, seeded.collaborationId);
console.log(`\nseeded the demo (${seeded.points.toLocaleString('en')} points) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  headers: { origin: ORIGIN },
  payload: { email: 'samordnare@demo.lagesbild.se', password: DEMO_STAFF_PASSWORD },
});
const cookie = `lb_session=${
  must(
    login.cookies.find((c) => c.name === 'lb_session'),
    'the session cookie',
  ).value
}`;
const get = async (url: string, expect: 'hit' | 'miss') => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie, 'accept-encoding': 'gzip' } });
  if (res.statusCode !== 200 || res.headers['x-lagesbild-cache'] !== expect) {
    throw new Error(`${url}: ${res.statusCode} ${String(res.headers['x-lagesbild-cache'])}, expected ${expect}`);
  }
  return res;
};
const URL_DEFAULT = '/api/hotspots';
await get(URL_DEFAULT, 'miss'); // starts the worker thread
let round = 0;
const cold = await timeRuns(5, async () => {
  app.hotspots.clear(); // forget the loaded points as well: database read + statistics
  await get(URL_DEFAULT, 'miss');
});
const fresh = await timeRuns(7, async () => {
  // A filter not seen before (the points stay loaded): statistics only.
  await get(`${URL_DEFAULT}?from=2025-01-${String(1 + round++).padStart(2, '0')}`, 'miss');
});
await get(URL_DEFAULT, 'hit');
const cached = await timeRuns(20, () => get(URL_DEFAULT, 'hit'));
const defaultAnswer = await get(URL_DEFAULT, 'hit');
const size = defaultAnswer.rawPayload.length;
const { gunzipSync } = await import('node:zlib');
const computedMs = (JSON.parse(gunzipSync(defaultAnswer.rawPayload).toString()) as { meta: { computedMs: number } }).meta.computedMs;
await app.close();

report('GET /api/hotspots uncached: points from the database + statistics', median(cold), 'ms');
report('GET /api/hotspots uncached: a new filter, points already loaded', median(fresh), 'ms', {
  name: 'fully uncached',
  value: median(cold),
});
report(`GET /api/hotspots cached (gzip ${Math.round(size / 1024)} KB)`, median(cached), 'ms', {
  name: 'fully uncached',
  value: median(cold),
});
console.log(
  `demo default answer: ${Math.round(size / 1024)} KB gzipped (target ≤ 150 KB: ${size <= 150 * 1024 ? 'met' : 'MISSED'}), ` +
    `${computedMs} ms of statistics in the worker`,
);
console.log(`worker: ${app.hotspots.mode()}`);
