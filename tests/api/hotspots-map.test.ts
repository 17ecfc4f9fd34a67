import { must, HotspotCollection, reportedSources, swerefToWgs84 } from '@lagesbild/shared';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createCollaboration, createUser, loginAs } from '../support/fixtures';
import { ALL_SOURCES, CLUSTER, TIMES, X0, Y0, createHotspotWorld, feature, reported, square, type Spec } from '../support/hotspot-world';
import { useWorld } from '../support/use-world';

/** GET /api/hotspots on the constructed town: the answer, its method and scale, the filters, bad input. */

const w = useWorld(() => createHotspotWorld());
const timeOf = (s: Spec) => must(TIMES[s.time], `the time ${s.time}`);

describe('GET /api/hotspots', () => {
  it('answers GeoJSON cells with counts per source, exact p, class and meta, and finds the cluster at adjusted p ≤ 0.01', async () => {
    const fc = await w.hotspots(`cellSize=100&${ALL_SOURCES}`, w.police);
    expect(Value.Errors(HotspotCollection, fc)).toEqual([]);
    expect(fc.meta).toMatchObject({
      cellSize: 100,
      defaults: { cellSize: false, band: true },
      points: w.specs.length,
      pointsAreaOnly: 20,
      cellsInStudyArea: 400,
      alpha: 0.05,
      fdr: 'benjamini-hochberg',
      levels: [0.01, 0.05, 0.1],
      insufficient: null,
      studyArea: { kind: 'boundary', names: ['Staden'] },
      disclosure: { restricted: false },
      analysis: { kind: 'combined' },
    });
    expect(fc.meta.method).toMatchObject({
      statistic: 'getis-ord-gi*',
      pValue: 'exact-binomial',
      midP: false,
      family: 'testable one-sided tests',
    });
    expect(fc.meta.band).toBeGreaterThanOrEqual(100 * Math.SQRT2);
    const cluster = must(feature(fc, CLUSTER.cell), 'the cluster cell');
    expect(cluster.properties).toMatchObject({ class: 3, municipality: expect.any(Number), police: 0 });
    expect(cluster.properties.count).toBeGreaterThanOrEqual(150);
    expect(cluster.properties.z).toBeGreaterThan(3);
    expect(cluster.properties.pFdr).toBeLessThanOrEqual(0.01);
    // Area-level and moderated-away records are in no cell: the sum of the cells is every exact record.
    expect(fc.features.reduce((sum, f) => sum + (f.properties.count ?? NaN), 0)).toBe(w.specs.length);
    const ring = must(cluster.geometry.coordinates[0], 'the cell outline');
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring[0]?.[0]).toBeGreaterThan(13.9);
    expect(ring[0]?.[1]).toBeGreaterThan(57.1);
    const heat = must(fc.meta.heat, 'the heat layer');
    expect(heat.cols * heat.rows).toBeGreaterThanOrEqual(400);
    expect(Buffer.from(heat.data, 'base64')).toHaveLength(heat.cols * heat.rows);
  });

  it('words the legend in adjusted p, never as "sure", in both languages', async () => {
    const { legend } = (await w.hotspots('cells=none')).meta;
    expect(legend.sv.classes['3']).toBe('Fler än väntat, justerat p ≤ 0,01');
    expect(legend.en.classes['-2']).toBe('Fewer than expected, adjusted p ≤ 0.05');
    expect(JSON.stringify(legend)).not.toMatch(/säker|sure|99 %/);
  });

  it('analyses reported records apart from survey pins unless the sources combine them', async () => {
    const byDefault = await w.hotspots('cellSize=100&cells=none', w.police);
    expect(byDefault.meta.analysis).toMatchObject({ kind: 'reported', sources: [...reportedSources] });
    expect(byDefault.meta.points).toBe(w.expected(reported));
    expect(byDefault.meta.pointsBySource.survey).toBe(0);
    const felt = await w.hotspots('cellSize=100&cells=none&sources=survey', w.police);
    expect(felt.meta.analysis.kind).toBe('felt');
    expect(felt.meta.points).toBe(w.expected((s) => s.source === 'survey'));
    expect((await w.hotspots('cellSize=100&cells=none&sources=survey,walk')).meta.analysis.kind).toBe('combined');
  });

  it('lists compact hot places in meta, with their excess and peak times, and answers meta alone with cells=none', async () => {
    const fc = await w.hotspots(`cellSize=100&cells=none&${ALL_SOURCES}`, w.police);
    expect(fc.features).toHaveLength(0);
    const hot = fc.meta.clusters.filter((c) => c.kind === 'hot');
    // The cluster's records spread over the four cells around its centre; the peak is one of them.
    // A compact place around the cluster's cell, not the blob a wide band makes of it; the most
    // records on Wednesdays (3 of its 5 instants) and by day (2 of 5), named after its district.
    expect(hot[0]).toMatchObject({ level: 0.01, peakCell: CLUSTER.cell, name: '=Väster', area: '=Väster', peakTime: 'day', peakDay: 2 });
    expect(hot[0]?.hectares).toBeLessThanOrEqual(5);
    expect(hot[0]?.records).toBeGreaterThanOrEqual(150);
    expect(hot[0]?.excess).toBeGreaterThan(140);
    expect(hot[0]?.centre[0]).toBeGreaterThan(13.9);
  });

  it('names a place after the nearest named place, and a new named place renews the answer', async () => {
    const query = `/api/hotspots?cellSize=100&cells=none&${ALL_SOURCES}`;
    await w.get(query);
    const [lat, lon] = swerefToWgs84(CLUSTER.x + 150, CLUSTER.y);
    await w.t.app.db.insertInto('named_place').values({ collaboration_id: w.collab.id, name: 'Skolgården', lat, lon }).execute();
    const res = await w.get(query);
    expect(res.headers['x-lagesbild-cache']).toBe('miss');
    expect(res.json<HotspotCollection>().meta.clusters[0]).toMatchObject({ name: 'Skolgården', area: '=Väster' });
    await w.t.app.db.deleteFrom('named_place').where('collaboration_id', '=', w.collab.id).execute();
  });

  it('chooses the band and the cell size from the data when none is given, and says how and why in meta', async () => {
    const { meta } = await w.hotspots('cells=none', w.police);
    expect(meta.defaults).toEqual({ cellSize: true, band: true });
    const { band, cellSize, locationalOutliers } = meta.choices;
    expect(['isa-first-peak', 'knn-mean-distance']).toContain(band.source);
    expect(band.reason.length).toBeGreaterThan(20);
    expect(band.value).toBe(meta.band);
    expect(cellSize).toMatchObject({ value: meta.cellSize, source: 'band-fraction', minMeanCount: 1 });
    expect(meta.cellSize).toBeGreaterThanOrEqual(must(cellSize.range[0], 'the smallest cell size'));
    expect(meta.cellSize).toBeLessThanOrEqual(must(cellSize.range[1], 'the largest cell size'));
    expect(locationalOutliers?.rule).toMatch(/nearest/);
  });

  it('keeps a scale passed back from an earlier answer, so maps of other filters compare', async () => {
    const first = (await w.hotspots('cells=none')).meta;
    const night = (await w.hotspots(`cells=none&times=night&cellSize=${first.cellSize}&band=${first.band}`)).meta;
    expect(night).toMatchObject({ cellSize: first.cellSize, band: first.band, defaults: { cellSize: false, band: false } });
    expect(night.choices.band).toMatchObject({ source: 'given', value: first.band });
    // Without them each filter chooses again.
    expect((await w.hotspots('cells=none&times=night')).meta.defaults).toEqual({ cellSize: true, band: true });
  });

  it('claims cold spots only where a shortfall is detectable', async () => {
    // 50 m cells, 75 m band: about 2.8 records expected in a neighbourhood, and even none at all
    // (P = e^-2.8 > 0.05) would not be remarkable, so no cell gets a cold test and none is cold.
    const { meta } = await w.hotspots('cellSize=50&band=75&cells=none', w.police);
    expect(meta.method.testability.minimumExpectedForCold).toBeCloseTo(3, 0);
    expect(meta.coldSpots).toBe(0);
    expect(meta.method.tests).toMatchObject({ coldTests: 0, cellsWithoutColdTest: meta.cellsInStudyArea });
    expect(meta.legend.en.coldSpots).toMatch(/only where at least 3\.0 records/);
    // A wider band expects enough for a cold test in every cell.
    expect((await w.hotspots('cellSize=100&band=500&cells=none', w.police)).meta.method.tests.cellsWithoutColdTest).toBe(0);
  });

  it('returns every study-area cell with cells=all, empty ones included, and only significant ones with cells=significant', async () => {
    const all = await w.hotspots('cellSize=100&cells=all', w.police);
    expect(all.features).toHaveLength(400);
    expect(all.features.some((f) => f.properties.count === 0)).toBe(true);
    const significant = await w.hotspots('cellSize=100&cells=significant', w.police);
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
    ['days=weekday', (s: Spec) => !timeOf(s).weekend],
    ['days=weekend', (s: Spec) => timeOf(s).weekend],
    ['light=dark', (s: Spec) => timeOf(s).dark],
    ['light=daylight', (s: Spec) => !timeOf(s).dark],
    ['days=weekend&light=dark&sources=police', (s: Spec) => timeOf(s).weekend && timeOf(s).dark && s.source === 'police'],
  ])('filters %s', async (query, keep) => {
    const fc = await w.hotspots(`cellSize=100&${query}`, w.police);
    // Without a choice of sources, the reported ones.
    const match = query.includes('sources=') ? keep : (s: Spec) => keep(s) && reported(s);
    expect(fc.meta.points).toBe(w.expected(match));
    expect(fc.features.reduce((sum, f) => sum + (f.properties.count ?? NaN), 0)).toBe(w.expected(match));
  });

  it('filters by area: the study area becomes the chosen district', async () => {
    const fc = await w.hotspots(`cellSize=100&areas=${w.districtId}`, w.police);
    expect(fc.meta.studyArea).toEqual({ kind: 'areas', names: ['=Väster'], populatedOnly: false });
    expect(fc.meta.cellsInStudyArea).toBe(200);
    expect(fc.meta.points).toBe(w.expected((s) => s.x < X0 + 1000 && reported(s)));
    const [, eastEdge] = swerefToWgs84(X0 + 1000, Y0);
    expect(fc.features.every((f) => (f.geometry.coordinates[0] ?? []).every(([lon = NaN]) => lon <= eastEdge + 1e-6))).toBe(true);
  });

  it('echoes the normalised filter, in canonical order', async () => {
    const fc = await w.hotspots('cellSize=100&sources=police,survey&times=night,day&from=2024-01-01', w.police);
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
    const fc = await w.hotspots('cellSize=100&sources=police&categories=violence&days=weekend', w.police);
    expect(fc.meta.points).toBeLessThan(30);
    expect(fc.meta.insufficient).toMatchObject({ code: 'too_few_points', needed: 30 });
    expect(fc.meta.insufficient?.reason).toMatch(/at least 30/);
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
    const res = await w.get(`/api/hotspots?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.details?.[0]?.path ?? body.message).toContain(path);
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('refuses a grid too large for its cell size', async () => {
    // Another collaboration whose boundary spans ~300 km: 50 m cells would be ~36 million.
    const big = await createCollaboration(w.t.app, 'hotspots-big');
    await w.t.app.db
      .insertInto('area')
      .values({ collaboration_id: big.id, name: 'Stort', kind: 'boundary', ...square(300_000, 6_300_000, 600_000, 6_600_000) })
      .execute();
    await createUser(w.t.app, big, { email: 'stor@hotspots.test', role: 'coordinator' });
    const res = await w.get('/api/hotspots?cellSize=50', await loginAs(w.t.app, 'stor@hotspots.test'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/cells/);
  });

  it('never shows another collaboration’s points', async () => {
    const fc = await w.hotspots('cellSize=100', w.outsider);
    expect(fc.meta.points).toBe(0);
    expect(fc.features).toHaveLength(0);
    expect(fc.meta.insufficient?.code).toBe('too_few_points');
  });

  it('runs the statistics on a worker thread', () => {
    expect(w.t.app.hotspots.mode()).toBe('worker');
  });
});
