import { must, type CellDetail, type HotspotCollection, type PointsCollection } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { describe, expect, it } from 'vitest';
import type { NewPoint } from '../../server/src/db/schema';
import { createCollaboration, createUser, loginAs } from '../support/fixtures';
import {
  ALL_SOURCES,
  CLUSTER,
  LONELY,
  createHotspotWorld,
  feature,
  insertPoints,
  reported,
  row,
  type Spec,
} from '../support/hotspot-world';
import { useWorld } from '../support/use-world';

/**
 * Police-only records and viewers outside the police (hotspot-disclosure.ts): their answers are
 * computed as if those records did not exist, so counts and statistics agree, exports can be
 * reproduced, and no difference of answers (nested periods) reveals a police-only count.
 */

const w = useWorld(() => createHotspotWorld());

describe('a viewer outside the police', () => {
  it('sees police staff’s lonely cell without any trace of its three police-only records', async () => {
    const asPolice = must(feature(await w.hotspots('cellSize=100', w.police), LONELY.cell), 'the lonely cell');
    expect(asPolice.properties).toMatchObject({ policeOnly: 3, police: 3 });
    const municipalFc = await w.hotspots('cellSize=100', w.municipal);
    const asMunicipal = feature(municipalFc, LONELY.cell);
    if (asMunicipal) {
      expect(asMunicipal.properties).toMatchObject({
        policeOnly: null,
        police: 0,
        count: must(asPolice.properties.count, 'the police count') - 3,
      });
    }
    expect(municipalFc.meta.disclosure).toMatchObject({ restricted: true, threshold: 5 });
    expect(municipalFc.meta.disclosure.rule).toMatch(/left out of the whole analysis/);
  });

  it('gets counts that fit its statistics: totals are the sum of its cells, none withheld', async () => {
    const fc = await w.hotspots(`cellSize=100&cells=all&${ALL_SOURCES}`);
    const visible = w.expected((s) => s.classification !== 'police_only');
    expect(fc.meta.points).toBe(visible);
    expect(fc.features.reduce((sum, f) => sum + (f.properties.count ?? NaN), 0)).toBe(visible);
    expect(fc.meta.pointsBySource.police).toBe(0);
    // The 20 area-level police-only records do not exist for this viewer either.
    expect(fc.meta.pointsAreaOnly).toBe(0);
    expect((await w.hotspots('cellSize=100&categories=drugs', w.police)).meta.pointsAreaOnly).toBe(20);
    const alcohol = await w.hotspots('cellSize=100&sources=police&categories=alcohol');
    expect(alcohol.meta).toMatchObject({ points: 0, pointsBySource: { police: 0 } });
    expect(alcohol.features).toHaveLength(0);
  });

  it('finds no trace of police-only records in the cell panel', async () => {
    const asPolice = (await w.get(`/api/hotspots/cells/${LONELY.cell}`, w.police)).json<CellDetail>();
    expect(asPolice.policeOnly).toEqual({ count: 3, brokenDown: true });
    expect(asPolice.records.filter((r) => r.policeOnly)).toHaveLength(3);
    const res = await w.get(`/api/hotspots/cells/${LONELY.cell}`);
    expect(res.statusCode).toBe(200);
    const asMunicipal = res.json<CellDetail>();
    expect(asMunicipal.policeOnly).toEqual({ count: null, brokenDown: false });
    expect(asMunicipal.records.some((r) => r.policeOnly)).toBe(false);
    expect(asMunicipal.byCategory.find((c) => c.category === 'alcohol')).toBeUndefined();
    expect(asMunicipal.bySource.find((s) => s.source === 'police')?.count).toBe(0);
    expect(asMunicipal.total).toBe(must(asPolice.total, 'the police total') - 3);
    expect(asMunicipal.matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(asMunicipal.recordsTotal);
  });

  it('gets police-only records on the points layer only as police staff', async () => {
    const asPolice = (await w.get('/api/hotspots/points?sources=police', w.police)).json<PointsCollection>();
    expect(asPolice.meta).toMatchObject({ total: w.expected((s) => s.source === 'police'), policeOnlyShown: true });
    const asMunicipal = (await w.get('/api/hotspots/points?sources=police')).json<PointsCollection>();
    expect(asMunicipal.features).toHaveLength(0);
    expect(asMunicipal.meta.policeOnlyShown).toBe(false);
    // The points layer takes every source by default: it draws felt and reported as layers.
    const all = (await w.get('/api/hotspots/points')).json<PointsCollection>();
    expect(all.meta.total).toBe(w.expected((s) => s.classification !== 'police_only'));
    const limited = (await w.get('/api/hotspots/points?limit=10')).json<PointsCollection>();
    expect(limited.meta).toMatchObject({ returned: 10, truncated: true });
  });
});

describe('area-level points', () => {
  it('never enter a cell, the cell panel or the points layer, but are counted in meta', async () => {
    const fc = await w.hotspots('cellSize=100&sources=police&categories=drugs', w.police);
    expect(fc.meta).toMatchObject({ pointsAreaOnly: 20, points: 0 });
    expect(feature(fc, CLUSTER.cell)).toBeUndefined();
    const cell = (await w.get(`/api/hotspots/cells/${CLUSTER.cell}?sources=police`, w.police)).json<CellDetail>();
    expect(cell.total).toBe(0);
    const points = (await w.get('/api/hotspots/points?categories=drugs', w.police)).json<PointsCollection>();
    expect(points.meta.total).toBe(0);
    expect(w.expected((s) => reported(s) && s.category === 'drugs')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// Generated property test: nested periods cannot be subtracted down to police-only records
// ---------------------------------------------------------------------------------------

const END = Date.UTC(2026, 2, 21); // the periods end on 2026-03-20, inclusive
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The tester's nested periods: 5, 7 and 11 days up to the same day. */
const NESTED = [5, 7, 11].map((n) => ({ from: day(END - n * DAY), to: day(END - DAY) }));

/** A random town: reports and pins in clusters and background over 40 days, a share of them police-only. */
function dataset(seed: number): { spec: Spec; at: Date }[] {
  const rand = mulberry32(seed);
  const x0 = 450_000 + Math.floor(rand() * 10_000);
  const y0 = 6_350_000 + Math.floor(rand() * 10_000);
  const centres = Array.from({ length: 3 }, () => [x0 + rand() * 1500, y0 + rand() * 1500] as const);
  const out: { spec: Spec; at: Date }[] = [];
  const sources = ['municipality', 'municipality', 'police', 'survey', 'walk'] as const;
  const n = 250 + Math.floor(rand() * 150);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = must(centres[Math.floor(rand() * centres.length)], 'a centre');
    const clustered = rand() < 0.5;
    const source = must(sources[Math.floor(rand() * sources.length)], 'a source');
    // Police-only records, a few of them far out where nothing else is (they must not shape the grid).
    const policeOnly = source === 'police' && rand() < 0.6;
    const far = policeOnly && rand() < 0.1 ? 2500 : 0;
    out.push({
      spec: {
        x: clustered ? cx + (rand() - 0.5) * 120 : x0 + rand() * 1500 + far,
        y: clustered ? cy + (rand() - 0.5) * 120 : y0 + rand() * 1500 + far,
        source,
        category: rand() < 0.5 ? 'vandalism_graffiti' : 'drugs',
        time: 0,
        classification: policeOnly ? 'police_only' : 'internal',
        precision: policeOnly && rand() < 0.1 ? 'area' : 'exact',
      },
      at: new Date(END - Math.floor(rand() * 40 * DAY) - DAY / 2),
    });
  }
  return out;
}

/**
 * An answer with what differs between two collaborations of equal content taken out: the data
 * version, the timing, record ids, and the order of records loaded in the same instant.
 */
function comparable(body: string): unknown {
  if (!body.startsWith('{')) return body;
  const json = JSON.parse(body) as { meta?: Record<string, unknown>; features?: unknown[]; records?: unknown[] };
  if (json.meta) {
    delete json.meta.dataVersion;
    delete json.meta.computedMs;
  }
  const sorted = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
  if (json.meta && 'returned' in json.meta && json.features) json.features = sorted(json.features);
  if (json.records) json.records = sorted(json.records.map((r) => ({ ...(r as object), id: null })));
  return json;
}

describe('generated: nested periods cannot reveal police-only counts', () => {
  it.each([3, 17, 29])(
    'seed %i: a viewer outside the police gets exactly the answers of the data without police-only records',
    async (seed) => {
      const records = dataset(seed);
      // Twin collaborations without areas (the study area is the box of the visible points): one
      // with every record, one without the police-only records.
      const twins = await Promise.all(
        (['with', 'without'] as const).map(async (kind) => {
          const collab = await createCollaboration(w.t.app, `twin-${kind}-${seed}`);
          const kept = kind === 'with' ? records : records.filter((r) => r.spec.classification !== 'police_only');
          const rows: NewPoint[] = kept.map((r) => ({ ...row(r.spec, collab.id), occurred_at: r.at, time_band: null }));
          await insertPoints(w.t, rows);
          await createUser(w.t.app, collab, { email: `kommun-${kind}-${seed}@twins.test`, role: 'coordinator' });
          await createUser(w.t.app, collab, { email: `polis-${kind}-${seed}@twins.test`, role: 'coordinator', agency: 'police' });
          return {
            municipal: await loginAs(w.t.app, `kommun-${kind}-${seed}@twins.test`),
            police: await loginAs(w.t.app, `polis-${kind}-${seed}@twins.test`),
          };
        }),
      );
      const [withPolice, withoutPolice] = twins as [(typeof twins)[number], (typeof twins)[number]];
      const answer = async (cookie: string, url: string) => {
        const res = await w.get(url, cookie);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        return res.body;
      };
      let policeDiffer = 0;
      for (const { from, to } of NESTED) {
        const period = `from=${from}&to=${to}`;
        const map = await answer(withoutPolice.municipal, `/api/hotspots?${period}&${ALL_SOURCES}`);
        const { meta, features } = JSON.parse(map) as HotspotCollection;
        const urls = [
          `/api/hotspots?${period}`,
          `/api/hotspots?${period}&${ALL_SOURCES}`,
          `/api/hotspots?${period}&sources=police&cells=all&cellSize=${meta.cellSize}&band=${meta.band}`,
          `/api/hotspots/export?format=csv&${period}`,
          `/api/hotspots/compare?${period}&compareFrom=2026-02-01&compareTo=2026-02-28`,
          `/api/hotspots/points?${period}`,
          ...features.slice(0, 3).map((f) => `/api/hotspots/cells/${f.id}?${period}&${ALL_SOURCES}`),
        ];
        for (const url of urls) {
          expect(comparable(await answer(withPolice.municipal, url)), url).toEqual(comparable(await answer(withoutPolice.municipal, url)));
          if (
            JSON.stringify(comparable(await answer(withPolice.police, url))) !==
            JSON.stringify(comparable(await answer(withoutPolice.police, url)))
          ) {
            policeDiffer++;
          }
        }
      }
      // The police-only records are there, and change what police staff see: the test can fail.
      expect(policeDiffer).toBeGreaterThan(NESTED.length * 4);
    },
  );
});
