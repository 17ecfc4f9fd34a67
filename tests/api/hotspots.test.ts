import { swerefToWgs84, type CellDetail, type CompareCollection, type HotspotCollection, type PointsCollection } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import type { NewPoint } from '../../server/src/db/schema';
import { createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The hot-spot API on constructed data: a 2 × 2 km square town (SWEREF 99 TM 440 000–442 000 E,
 * 6 338 000–6 340 000 N) with a district covering its western half, uniform background
 * reports, a dense cluster, three police-only records alone in one cell, area-level police
 * records stacked on the cluster and a discarded survey response's pin.
 */

const X0 = 440_000;
const Y0 = 6_338_000;
const SIDE = 2000;
const CLUSTER = { x: 440_550, y: 6_339_050, cell: '100-4405-63390' };
const LONELY = { x: 441_750, y: 6_338_250, cell: '100-4417-63382' };

/** Five instants with known properties (Swedish local time, sun at Värnamo's latitude). */
const TIMES = [
  { at: '2024-06-12T10:00:00Z', band: 'day', weekend: false, dark: false }, // Wednesday noon
  { at: '2024-06-15T10:00:00Z', band: 'day', weekend: true, dark: false }, // Saturday noon
  { at: '2024-12-11T20:00:00Z', band: 'evening', weekend: false, dark: true }, // Wednesday 21:00
  { at: '2024-12-14T23:30:00Z', band: 'night', weekend: true, dark: true }, // Sunday 00:30
  { at: '2024-06-12T05:00:00Z', band: 'morning', weekend: false, dark: false }, // Wednesday 07:00
] as const;

interface Spec {
  x: number;
  y: number;
  source: NewPoint['source'];
  category: NewPoint['category'];
  time: number;
  classification?: NewPoint['classification'];
  precision?: NewPoint['precision'];
}

let t: TestApp;
let collab: TestCollaboration;
let other: TestCollaboration;
let districtId: string;
let municipal: string;
let police: string;
let outsider: string;
const specs: Spec[] = [];

function square(x0: number, y0: number, x1: number, y1: number) {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => {
    const [lat, lon] = swerefToWgs84(x!, y!);
    return [lon, lat];
  });
  const lons = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return {
    geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
  };
}

function row(spec: Spec, collaborationId: string, extra: Partial<NewPoint> = {}): NewPoint {
  const [lat, lon] = swerefToWgs84(spec.x, spec.y);
  const time = TIMES[spec.time]!;
  return {
    collaboration_id: collaborationId,
    source: spec.source,
    category: spec.category,
    occurred_at: new Date(time.at),
    time_band: time.band,
    lat,
    lon,
    x: spec.x,
    y: spec.y,
    precision: spec.precision ?? 'exact',
    classification: spec.classification ?? 'internal',
    origin_kind: 'demo',
    ...extra,
  };
}

async function insert(rows: NewPoint[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await t.app.db
      .insertInto('point')
      .values(rows.slice(i, i + 500))
      .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'hotspots');
  other = await createCollaboration(t.app, 'hotspots-other');
  await t.app.db
    .insertInto('area')
    .values({ collaboration_id: collab.id, name: 'Staden', kind: 'boundary', ...square(X0, Y0, X0 + SIDE, Y0 + SIDE) })
    .execute();
  districtId = (
    await t.app.db
      .insertInto('area')
      .values({ collaboration_id: collab.id, name: '=Väster', kind: 'district', ...square(X0, Y0, X0 + 1000, Y0 + SIDE) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

  const rand = mulberry32(11);
  const categories = ['littering', 'lighting', 'vandalism_graffiti', 'disorder'] as const;
  for (let i = 0; i < 600; i++) {
    specs.push({
      x: X0 + 5 + rand() * (SIDE - 10),
      y: Y0 + 5 + rand() * (SIDE - 10),
      source: i % 2 === 0 ? 'survey' : 'municipality',
      category: categories[i % categories.length]!,
      time: i % 5,
    });
  }
  for (let i = 0; i < 150; i++) {
    specs.push({
      x: CLUSTER.x + (rand() - 0.5) * 80,
      y: CLUSTER.y + (rand() - 0.5) * 80,
      source: 'municipality',
      category: 'vandalism_graffiti',
      time: i % 5,
    });
  }
  // Police-only records spread over the town, never in the lonely cell, then three alone in it.
  for (let i = 0; i < 40; i++) {
    const x = X0 + 120 + ((i * 457) % 1760);
    const y = Y0 + 130 + ((i * 311) % 1740);
    if (Math.floor(x / 100) === 4417 && Math.floor(y / 100) === 63382) continue;
    specs.push({ x, y, source: 'police', category: 'violence', time: i % 5, classification: 'police_only' });
  }
  for (let i = 0; i < 3; i++) {
    specs.push({ x: LONELY.x + i * 10, y: LONELY.y, source: 'police', category: 'alcohol', time: 2, classification: 'police_only' });
  }
  await insert(specs.map((s) => row(s, collab.id)));
  // Area-level records stacked on the cluster: never in a cell.
  await insert(
    Array.from({ length: 20 }, () =>
      row(
        { x: CLUSTER.x, y: CLUSTER.y, source: 'police', category: 'drugs', time: 0, classification: 'police_only', precision: 'area' },
        collab.id,
      ),
    ),
  );
  // A pin of a discarded survey response: moderated away.
  const discarded = await t.app.db
    .insertInto('survey_response')
    .values({ collaboration_id: collab.id, locale: 'sv', channel: 'web', answers: '{}', status: 'discarded' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insert([
    row({ x: CLUSTER.x, y: CLUSTER.y, source: 'survey', category: 'drugs', time: 0 }, collab.id, {
      origin_kind: 'response',
      origin_id: discarded.id,
    }),
  ]);

  await createUser(t.app, collab, { email: 'kommun@hotspots.test', role: 'coordinator' });
  await createUser(t.app, collab, { email: 'polis@hotspots.test', role: 'coordinator', agency: 'police' });
  await createUser(t.app, other, { email: 'annan@hotspots.test', role: 'admin' });
  municipal = await loginAs(t.app, 'kommun@hotspots.test');
  police = await loginAs(t.app, 'polis@hotspots.test');
  outsider = await loginAs(t.app, 'annan@hotspots.test');
});
afterAll(async () => t.close());

const get = (url: string, cookie = municipal) => t.app.inject({ method: 'GET', url, headers: { cookie } });

async function hotspots(query: string, cookie = municipal): Promise<HotspotCollection> {
  const res = await get(`/api/hotspots?${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HotspotCollection;
}

function feature<F extends { id: string }>(fc: { features: F[] }, id: string): F | undefined {
  return fc.features.find((f) => f.id === id);
}

/** The records visible to police staff (everything exact) that match `keep`. */
function expected(keep: (s: Spec) => boolean): number {
  return specs.filter(keep).length;
}

describe('GET /api/hotspots', () => {
  it('answers GeoJSON cells with counts per source, z, p, class and meta, and finds the cluster at 99 %', async () => {
    const fc = await hotspots('cellSize=100', police);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.meta).toMatchObject({
      cellSize: 100,
      defaults: { cellSize: false, band: true },
      points: specs.length,
      pointsAreaOnly: 20,
      cellsInStudyArea: 400,
      alpha: 0.05,
      fdr: 'benjamini-hochberg',
      insufficient: null,
      studyArea: { kind: 'boundary', names: ['Staden'] },
      disclosure: { restricted: false },
    });
    expect(fc.meta.band).toBeGreaterThanOrEqual(100 * Math.SQRT2);
    const cluster = feature(fc, CLUSTER.cell)!;
    expect(cluster.properties).toMatchObject({ class: 3, municipality: expect.any(Number), police: 0 });
    expect(cluster.properties.count).toBeGreaterThanOrEqual(150);
    expect(cluster.properties.z).toBeGreaterThan(3);
    expect(cluster.properties.pFdr).toBeLessThanOrEqual(0.01);
    // Area-level and moderated-away records are in no cell: the sum of the cells is every exact record.
    expect(fc.features.reduce((sum, f) => sum + f.properties.count!, 0)).toBe(specs.length);
    // Polygons in WGS 84 around Värnamo, closed rings.
    const ring = cluster.geometry.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring[0]![0]).toBeGreaterThan(13.9);
    expect(ring[0]![1]).toBeGreaterThan(57.1);
    const heat = fc.meta.heat!;
    expect(heat.cols * heat.rows).toBeGreaterThanOrEqual(400);
    expect(Buffer.from(heat.data, 'base64')).toHaveLength(heat.cols * heat.rows);
  });

  it('lists hot-spot areas (connected significant cells) in meta, and answers meta alone with cells=none', async () => {
    const fc = await hotspots('cellSize=100&cells=none', police);
    expect(fc.features).toHaveLength(0);
    const hot = fc.meta.clusters.filter((c) => c.kind === 'hot');
    // The cluster's records spread over the four cells around its centre; the peak is one of them.
    expect(hot[0]).toMatchObject({ confidence: 0.99, peakCell: expect.stringMatching(/^100-440[56]-6339[01]$/), area: '=Väster' });
    expect(hot[0]!.records).toBeGreaterThanOrEqual(150);
    expect(hot[0]!.centre[0]).toBeGreaterThan(13.9);
  });

  it('chooses the cell size from the data when none is given, and says so', async () => {
    const fc = await hotspots('', police);
    expect(fc.meta.defaults).toEqual({ cellSize: true, band: true });
    expect([50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000]).toContain(fc.meta.cellSize);
  });

  it('returns every study-area cell with cells=all, empty ones included, and only significant ones with cells=significant', async () => {
    const all = await hotspots('cellSize=100&cells=all', police);
    expect(all.features).toHaveLength(400);
    expect(all.features.some((f) => f.properties.count === 0)).toBe(true);
    const significant = await hotspots('cellSize=100&cells=significant', police);
    expect(significant.features.length).toBeGreaterThan(0);
    expect(significant.features.every((f) => f.properties.class !== 0)).toBe(true);
  });

  it.each([
    ['from=2024-12-01', (s: Spec) => s.time === 2 || s.time === 3],
    ['to=2024-06-14', (s: Spec) => s.time === 0 || s.time === 4],
    ['from=2024-06-13&to=2024-06-15', (s: Spec) => s.time === 1],
    ['from=2024-12-11T20:00:00Z&to=2024-12-11T20:00:01Z', (s: Spec) => s.time === 2],
    ['sources=survey', (s: Spec) => s.source === 'survey'],
    ['sources=survey,police', (s: Spec) => s.source !== 'municipality'],
    ['sources=survey&sources=police', (s: Spec) => s.source !== 'municipality'],
    ['categories=lighting,violence', (s: Spec) => s.category === 'lighting' || s.category === 'violence'],
    ['times=evening&times=night', (s: Spec) => s.time === 2 || s.time === 3],
    ['times=morning', (s: Spec) => s.time === 4],
    ['days=weekday', (s: Spec) => !TIMES[s.time]!.weekend],
    ['days=weekend', (s: Spec) => TIMES[s.time]!.weekend],
    ['light=dark', (s: Spec) => TIMES[s.time]!.dark],
    ['light=daylight', (s: Spec) => !TIMES[s.time]!.dark],
    ['days=weekend&light=dark&sources=police', (s: Spec) => TIMES[s.time]!.weekend && TIMES[s.time]!.dark && s.source === 'police'],
  ])('filters %s', async (query, keep) => {
    const fc = await hotspots(`cellSize=100&${query}`, police);
    expect(fc.meta.points).toBe(expected(keep));
    expect(fc.features.reduce((sum, f) => sum + f.properties.count!, 0)).toBe(expected(keep));
  });

  it('filters by area: the study area becomes the chosen district', async () => {
    const fc = await hotspots(`cellSize=100&areas=${districtId}`, police);
    expect(fc.meta.studyArea).toEqual({ kind: 'areas', names: ['=Väster'] });
    expect(fc.meta.cellsInStudyArea).toBe(200);
    expect(fc.meta.points).toBe(expected((s) => s.x < X0 + 1000));
    const [, eastEdge] = swerefToWgs84(X0 + 1000, Y0);
    expect(fc.features.every((f) => f.geometry.coordinates[0]!.every(([lon]) => lon! <= eastEdge + 1e-6))).toBe(true);
  });

  it('echoes the normalised filter, in canonical order', async () => {
    const fc = await hotspots('cellSize=100&sources=police,survey&times=night,day&from=2024-01-01', police);
    expect(fc.meta.filter).toMatchObject({
      from: '2024-01-01',
      to: null,
      sources: ['survey', 'police'],
      times: ['day', 'night'],
      days: 'all',
      light: 'all',
    });
  });

  it('says why when there are too few points, and computes no statistics', async () => {
    const fc = await hotspots('cellSize=100&sources=police&categories=violence&days=weekend', police);
    expect(fc.meta.points).toBeLessThan(30);
    expect(fc.meta.insufficient).toMatchObject({ code: 'too_few_points', needed: 30 });
    expect(fc.meta.insufficient!.reason).toMatch(/at least 30/);
    expect(fc.features.every((f) => f.properties.class === 0 && f.properties.z === null)).toBe(true);
  });

  it.each([
    ['cellSize=20', 'querystring.cellSize'],
    ['cellSize=5000', 'querystring.cellSize'],
    ['cellSize=abc', 'querystring.cellSize'],
    ['band=10', 'querystring.band'],
    ['from=2024-06-01&to=2024-05-01', 'querystring.from'],
    ['from=2024-06-02&to=2024-06-01', 'querystring.from'],
    ['sources=survey,polis', 'querystring.sources'],
    ['sources=', 'querystring.sources'],
    ['categories=knark', 'querystring.categories'],
    ['times=lunch', 'querystring.times'],
    ['from=2024-13-01', 'querystring.from'],
    ['from=2024-02-30', 'querystring.from'],
    ['to=yesterday', 'querystring.to'],
    ['from=2024-06-01T10:00:00', 'querystring.from'],
    ['days=sometimes', 'querystring.days'],
    ['light=dusk', 'querystring.light'],
    ['areas=not-an-id', 'querystring.areas'],
    ['areas=7b0b8a4e-4b7c-4d8e-9f00-000000000000', 'querystring.areas'],
    ['colour=red', 'querystring.colour'],
  ])('refuses %s with 400 and a precise message', async (query, path) => {
    const res = await get(`/api/hotspots?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.details?.[0]?.path ?? body.message).toContain(path);
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('refuses a grid too large for its cell size', async () => {
    // Another collaboration whose boundary spans ~300 km: 50 m cells would be ~36 million.
    const big = await createCollaboration(t.app, 'hotspots-big');
    await t.app.db
      .insertInto('area')
      .values({ collaboration_id: big.id, name: 'Stort', kind: 'boundary', ...square(300_000, 6_300_000, 600_000, 6_600_000) })
      .execute();
    await createUser(t.app, big, { email: 'stor@hotspots.test', role: 'coordinator' });
    const res = await get('/api/hotspots?cellSize=50', await loginAs(t.app, 'stor@hotspots.test'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/cells/);
  });

  it('never shows another collaboration’s points', async () => {
    const fc = await hotspots('cellSize=100', outsider);
    expect(fc.meta.points).toBe(0);
    expect(fc.features).toHaveLength(0);
    expect(fc.meta.insufficient?.code).toBe('too_few_points');
  });

  it('runs the statistics on a worker thread', () => {
    expect(t.app.hotspots.mode()).toBe('worker');
  });
});

describe('caching', () => {
  it('serves the second identical request from the cache, equivalent filters too, and new data invalidates it', async () => {
    const query = '/api/hotspots?cellSize=125&sources=survey,municipality';
    const first = await get(query);
    expect(first.headers['x-lagesbild-cache']).toBe('miss');
    const second = await get(query);
    expect(second.headers['x-lagesbild-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const reordered = await get('/api/hotspots?sources=municipality&sources=survey&cellSize=125');
    expect(reordered.headers['x-lagesbild-cache']).toBe('hit');
    // Each viewer class has its own entry (the disclosure rule differs).
    expect((await get(query, police)).headers['x-lagesbild-cache']).toBe('miss');

    await insert([row({ x: X0 + 999, y: Y0 + 999, source: 'survey', category: 'lighting', time: 0 }, collab.id)]);
    specs.push({ x: X0 + 999, y: Y0 + 999, source: 'survey', category: 'lighting', time: 0 });
    const after = await get(query);
    expect(after.headers['x-lagesbild-cache']).toBe('miss');
    expect(after.json().meta.points).toBe(first.json().meta.points + 1);
    expect(Number(after.json().meta.dataVersion)).toBeGreaterThan(Number(first.json().meta.dataVersion));
    expect((await get(query)).headers['x-lagesbild-cache']).toBe('hit');
  });

  it('also invalidates on deletes and on area changes', async () => {
    const query = '/api/hotspots?cellSize=200';
    await get(query);
    expect((await get(query)).headers['x-lagesbild-cache']).toBe('hit');
    await t.app.db
      .updateTable('area')
      .set({ name: 'Staden' })
      .where('collaboration_id', '=', collab.id)
      .where('kind', '=', 'boundary')
      .execute();
    expect((await get(query)).headers['x-lagesbild-cache']).toBe('miss');
    await t.app.db
      .deleteFrom('point')
      .where('collaboration_id', '=', collab.id)
      .where('x', '=', X0 + 999)
      .execute();
    specs.pop();
    const res = await get(query);
    expect(res.headers['x-lagesbild-cache']).toBe('miss');
  });

  it('gzips big answers for clients that take gzip', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/hotspots?cellSize=50&cells=all',
      headers: { cookie: municipal, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).type).toBe('FeatureCollection');
  });
});

describe('disclosure of police-only records', () => {
  it('shows police staff the three police-only records of the lonely cell, and a municipal coordinator nothing of them', async () => {
    const asPolice = feature(await hotspots('cellSize=100', police), LONELY.cell)!;
    expect(asPolice.properties).toMatchObject({ policeOnly: 3, police: 3 });
    const municipalFc = await hotspots('cellSize=100', municipal);
    const asMunicipal = feature(municipalFc, LONELY.cell);
    // The cell holds other (visible) records too, or is not returned at all; either way no police-only trace.
    if (asMunicipal) {
      expect(asMunicipal.properties.policeOnly).toBeNull();
      expect(asMunicipal.properties.police).toBe(0);
      expect(asMunicipal.properties.count).toBe(asPolice.properties.count! - 3);
    }
    // Masked means "fewer than the threshold, possibly none": empty cells look the same.
    const empty = (await hotspots('cellSize=100&cells=all', municipal)).features.find(
      (f) => f.properties.count === 0 && f.properties.policeOnly === null,
    );
    expect(empty).toBeDefined();
    expect(municipalFc.meta.disclosure).toMatchObject({ restricted: true, threshold: 5 });
    // Rounded statistics for viewers outside the police.
    const cluster = feature(municipalFc, CLUSTER.cell)!;
    expect(Math.round(cluster.properties.z! * 10) / 10).toBe(cluster.properties.z);
  });

  it('withholds totals that would reveal a few police-only records by subtraction', async () => {
    const query = 'cellSize=100&sources=police&categories=alcohol';
    expect((await hotspots(query, police)).meta.points).toBe(3);
    const fc = await hotspots(query, municipal);
    expect(fc.meta.points).toBeNull();
    expect(fc.meta.pointsBySource.police).toBeNull();
    expect(fc.meta.insufficient?.points).toBeNull();
    expect(fc.features).toHaveLength(0);
    // Sources without police-only records keep their totals.
    const mixed = await hotspots('cellSize=100&categories=alcohol,lighting', municipal);
    expect(mixed.meta.pointsBySource.survey).toBe(expected((s) => s.category === 'lighting' && s.source === 'survey'));
    expect(mixed.meta.pointsBySource.police).toBeNull();
    expect(fc.meta.pointsAreaOnly).toBe(0);
  });

  it('keeps police-only records out of the cell panel for a municipal coordinator', async () => {
    const asPolice = (await get(`/api/hotspots/cells/${LONELY.cell}`, police)).json() as CellDetail;
    expect(asPolice.policeOnly).toEqual({ count: 3, brokenDown: true });
    expect(asPolice.records.filter((r) => r.policeOnly)).toHaveLength(3);
    expect(asPolice.byCategory.find((c) => c.category === 'alcohol')?.count).toBe(3);
    const res = await get(`/api/hotspots/cells/${LONELY.cell}`, municipal);
    expect(res.statusCode).toBe(200);
    const asMunicipal = res.json() as CellDetail;
    expect(asMunicipal.policeOnly).toEqual({ count: null, brokenDown: false });
    expect(asMunicipal.records.some((r) => r.policeOnly)).toBe(false);
    expect(asMunicipal.byCategory.find((c) => c.category === 'alcohol')).toBeUndefined();
    expect(asMunicipal.bySource.find((s) => s.source === 'police')?.count).toBe(0);
    expect(asMunicipal.total).toBe(asPolice.total! - 3);
    expect(asMunicipal.matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(asMunicipal.recordsTotal);
  });

  it('shows police-only records on the points layer to police staff only', async () => {
    const asPolice = (await get('/api/hotspots/points?sources=police', police)).json() as PointsCollection;
    expect(asPolice.meta).toMatchObject({ total: expected((s) => s.source === 'police'), policeOnlyShown: true });
    const asMunicipal = (await get('/api/hotspots/points?sources=police', municipal)).json() as PointsCollection;
    expect(asMunicipal.features).toHaveLength(0);
    expect(asMunicipal.meta.policeOnlyShown).toBe(false);
    const all = (await get('/api/hotspots/points', municipal)).json() as PointsCollection;
    expect(all.meta.total).toBe(expected((s) => s.classification !== 'police_only'));
    const limited = (await get('/api/hotspots/points?limit=10', municipal)).json() as PointsCollection;
    expect(limited.meta).toMatchObject({ returned: 10, truncated: true });
  });
});

describe('area-level points', () => {
  it('never enter a cell, the cell panel or the points layer, but are counted in meta', async () => {
    const fc = await hotspots('cellSize=100&sources=police&categories=drugs', police);
    expect(fc.meta.pointsAreaOnly).toBe(20);
    expect(fc.meta.points).toBe(0);
    expect(feature(fc, CLUSTER.cell)).toBeUndefined();
    const cell = (await get(`/api/hotspots/cells/${CLUSTER.cell}?sources=police`, police)).json() as CellDetail;
    expect(cell.total).toBe(0);
    const points = (await get('/api/hotspots/points?categories=drugs', police)).json() as PointsCollection;
    expect(points.meta.total).toBe(0);
    // Twenty police-only area-level records: a municipal coordinator may see that total.
    expect((await hotspots('cellSize=100&categories=drugs', municipal)).meta.pointsAreaOnly).toBe(20);
  });
});

describe('GET /api/hotspots/cells/:cellId', () => {
  it('breaks a cell down by source, category, time of day × weekday and lists its records', async () => {
    const res = await get(`/api/hotspots/cells/${CLUSTER.cell}?limit=5`);
    expect(res.statusCode).toBe(200);
    const cell = res.json() as CellDetail;
    expect(cell).toMatchObject({ cell: CLUSTER.cell, cellSize: 100, area: '=Väster', disclosureThreshold: 5 });
    expect(cell.total).toBeGreaterThanOrEqual(150);
    expect(cell.bySource.find((s) => s.source === 'municipality')!.count).toBeGreaterThanOrEqual(150);
    expect(cell.byCategory[0]!.category).toBe('vandalism_graffiti');
    expect(cell.matrix.bands).toEqual(['morning', 'day', 'evening', 'night']);
    expect(cell.matrix.counts).toHaveLength(4);
    expect(cell.matrix.counts[0]).toHaveLength(7);
    // Wednesday (index 2) at noon holds the "day" records of times 0; Sunday (6) the night ones.
    expect(cell.matrix.counts[1]![2]).toBeGreaterThan(0);
    expect(cell.matrix.counts[3]![6]).toBeGreaterThan(0);
    expect(cell.records).toHaveLength(5);
    expect(cell.recordsTotal).toBe(cell.total);
    expect(cell.records[0]).toMatchObject({ source: expect.any(String), precision: 'exact', policeOnly: false });
    // The map's filter applies to the panel too.
    const weekend = (await get(`/api/hotspots/cells/${CLUSTER.cell}?days=weekend`)).json() as CellDetail;
    expect(weekend.matrix.counts.every((r) => r.slice(0, 5).every((c) => c === 0))).toBe(true);
  });

  it('answers 404 for a cell outside the study area and 400 for a malformed id', async () => {
    expect((await get('/api/hotspots/cells/100-5000-70000')).statusCode).toBe(404);
    expect((await get(`/api/hotspots/cells/${CLUSTER.cell}?areas=${districtId}`)).statusCode).toBe(200);
    expect((await get(`/api/hotspots/cells/${LONELY.cell}?areas=${districtId}`)).statusCode).toBe(404);
    expect((await get('/api/hotspots/cells/not-a-cell')).statusCode).toBe(400);
    expect((await get(`/api/hotspots/cells/${CLUSTER.cell}`, outsider)).statusCode).toBe(404);
  });
});

describe('GET /api/hotspots/compare', () => {
  it('finds the cell whose records grew in the second period, on one grid for both periods', async () => {
    // A new problem in period B (December) in one cell: 40 walk reports, none in June.
    const grown = { x: 441_310, y: 6_339_610, cell: '100-4413-63396' };
    const inGrown = (s: Spec) => Math.floor(s.x / 100) === 4413 && Math.floor(s.y / 100) === 63396;
    await insert(
      Array.from({ length: 40 }, (_, i) =>
        row(
          { x: grown.x + (i % 8) * 10, y: grown.y + Math.floor(i / 8) * 10, source: 'walk', category: 'lighting', time: 2 + (i % 2) },
          collab.id,
        ),
      ),
    );
    const res = await get(
      '/api/hotspots/compare?from=2024-06-01&to=2024-06-30&compareFrom=2024-12-01&compareTo=2024-12-31&cellSize=100',
      police,
    );
    expect(res.statusCode, res.body).toBe(200);
    const fc = res.json() as CompareCollection;
    const cell = feature(fc, grown.cell)!;
    expect(cell.properties).toMatchObject({
      countA: expected((s) => inGrown(s) && [0, 1, 4].includes(s.time)),
      countB: expected((s) => inGrown(s) && [2, 3].includes(s.time)) + 40,
      change: 3,
    });
    expect(cell.properties.pFdr).toBeLessThan(0.01);
    expect(fc.meta.increased).toBeGreaterThanOrEqual(1);
    expect(fc.meta.cellSize).toBe(100);
    expect(fc.meta.periodA).toMatchObject({ from: '2024-06-01', to: '2024-06-30' });
    expect(fc.meta.periodB.points).toBe(expected((s) => s.time === 2 || s.time === 3) + 40);
    // The uniform background does not change: few other cells flagged.
    const flagged = fc.features.filter((f) => f.properties.change !== 0 && f.id !== grown.cell && f.id !== CLUSTER.cell);
    expect(flagged.length).toBeLessThanOrEqual(3);
    // Outside the police, p-values are not given when police-only records take part.
    const restricted = (
      await get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30&compareFrom=2024-12-01&compareTo=2024-12-31&cellSize=100')
    ).json() as CompareCollection;
    expect(feature(restricted, grown.cell)!.properties).toMatchObject({ change: 3, p: null, pFdr: null });
    await t.app.db.deleteFrom('point').where('collaboration_id', '=', collab.id).where('source', '=', 'walk').execute();
  });

  it('needs both periods', async () => {
    const res = await get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('querystring.compareFrom');
    const reversed = await get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30&compareFrom=2024-12-31&compareTo=2024-12-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details[0].path).toBe('querystring.compareFrom');
  });
});

describe('exports', () => {
  it('writes every cell as CSV for Swedish spreadsheets, safe against formula injection, and audits it', async () => {
    const res = await get('/api/hotspots/export?format=csv&cellSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="hotspots-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith('\uFEFFcell;area;centre_lat')).toBe(true);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(401);
    const cluster = lines.find((l) => l.startsWith(CLUSTER.cell))!;
    // The district is called "=Väster": a spreadsheet must not run it as a formula.
    expect(cluster.split(';')[1]).toBe("'=Väster");
    expect(cluster).toContain('hot spot 99 %');
    expect(cluster.split(';')[2]).toMatch(/^57,\d+$/);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'hotspots.export').execute();
    expect(audit.at(-1)?.details).toMatchObject({ format: 'csv', cells: 400, police: false });
  });

  it('writes every cell as a GeoJSON download', async () => {
    const res = await get('/api/hotspots/export?format=geojson&cellSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().features).toHaveLength(400);
    expect((await get('/api/hotspots/export?format=xlsx')).statusCode).toBe(400);
  });
});

describe('GET /api/map-config', () => {
  it('gives the blank style by default, the study area bounds and the areas', async () => {
    const res = await get('/api/map-config');
    expect(res.statusCode).toBe(200);
    const config = res.json();
    expect(config).toMatchObject({ styleUrl: null, disclosureThreshold: 5, police: false });
    expect(config.areas.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(['=Väster', 'Staden']);
    const [w, s, e, n] = config.bounds;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
    expect((await get('/api/map-config', police)).json().police).toBe(true);
  });

  it('reads MAP_STYLE_URL from the environment and refuses what is not an http(s) URL or a path', () => {
    const env = { NODE_ENV: 'test' };
    expect(loadConfig(env).mapStyleUrl).toBeUndefined();
    expect(loadConfig({ ...env, MAP_STYLE_URL: ' https://tiles.example.se/style.json ' }).mapStyleUrl).toBe(
      'https://tiles.example.se/style.json',
    );
    expect(loadConfig({ ...env, MAP_STYLE_URL: '/kartor/style.json' }).mapStyleUrl).toBe('/kartor/style.json');
    expect(() => loadConfig({ ...env, MAP_STYLE_URL: 'ftp://tiles.example.se/style.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, MAP_STYLE_URL: 'style.json' })).toThrow(/MAP_STYLE_URL/);
  });

  it('serves the configured base-map style', async () => {
    const styled = await createTestApp({ mapStyleUrl: 'https://tiles.example.se/style.json' });
    try {
      const c = await createCollaboration(styled.app, 'styled');
      await createUser(styled.app, c, { email: 'stil@hotspots.test', role: 'official' });
      const res = await styled.app.inject({
        method: 'GET',
        url: '/api/map-config',
        headers: { cookie: await loginAs(styled.app, 'stil@hotspots.test') },
      });
      expect(res.json()).toMatchObject({ styleUrl: 'https://tiles.example.se/style.json', bounds: null });
    } finally {
      await styled.close();
    }
  });
});
