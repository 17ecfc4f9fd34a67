import { must, swerefToWgs84, type HotspotCollection } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { expect } from 'vitest';
import type { NewPoint } from '../../server/src/db/schema';
import { createCollaboration, createUser, loginAs } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

/**
 * The constructed town the hot-spot API tests share, in a fresh database: a 2 × 2 km square
 * (SWEREF 99 TM 440 000–442 000 E, 6 338 000–6 340 000 N) with a district covering its western
 * half, uniform background reports and survey pins, a dense cluster, three police-only records
 * alone in one cell, area-level police records stacked on the cluster and a discarded survey
 * response's pin.
 */

export const X0 = 440_000;
export const Y0 = 6_338_000;
export const SIDE = 2000;
export const CLUSTER = { x: 440_550, y: 6_339_050, cell: '100-4405-63390' };
export const LONELY = { x: 441_750, y: 6_338_250, cell: '100-4417-63382' };
/** Every source: a request that combines felt and reported on purpose. */
export const ALL_SOURCES = 'sources=survey,municipality,police,walk,dialogue';

/** Five instants with known properties (Swedish local time, sun at Värnamo's latitude). */
export const TIMES = [
  { at: '2024-06-12T10:00:00Z', band: 'day', weekend: false, dark: false }, // Wednesday noon
  { at: '2024-06-15T10:00:00Z', band: 'day', weekend: true, dark: false }, // Saturday noon
  { at: '2024-12-11T20:00:00Z', band: 'evening', weekend: false, dark: true }, // Wednesday 21:00
  { at: '2024-12-14T23:30:00Z', band: 'night', weekend: true, dark: true }, // Sunday 00:30
  { at: '2024-06-12T05:00:00Z', band: 'morning', weekend: false, dark: false }, // Wednesday 07:00
] as const;

export interface Spec {
  x: number;
  y: number;
  source: NewPoint['source'];
  category: NewPoint['category'];
  time: number;
  classification?: NewPoint['classification'];
  precision?: NewPoint['precision'];
}

/** A square area between two SWEREF 99 TM corners, as the area table stores it. */
export function square(x0: number, y0: number, x1: number, y1: number) {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x = NaN, y = NaN]): [number, number] => {
    const [lat, lon] = swerefToWgs84(x, y);
    return [lon, lat];
  });
  const lons = ring.map(([lon]) => lon);
  const lats = ring.map(([, lat]) => lat);
  return {
    geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
  };
}

export function row(spec: Spec, collaborationId: string, extra: Partial<NewPoint> = {}): NewPoint {
  const [lat, lon] = swerefToWgs84(spec.x, spec.y);
  const time = must(TIMES[spec.time], `the time ${spec.time}`);
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

export async function insertPoints(t: TestApp, rows: NewPoint[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await t.app.db
      .insertInto('point')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The town's exact records: background, cluster, police-only records (three alone in LONELY's cell). */
function townSpecs(): Spec[] {
  const specs: Spec[] = [];
  const rand = mulberry32(11);
  const categories = ['littering', 'lighting', 'vandalism_graffiti', 'disorder'] as const;
  for (let i = 0; i < 600; i++) {
    specs.push({
      x: X0 + 5 + rand() * (SIDE - 10),
      y: Y0 + 5 + rand() * (SIDE - 10),
      source: i % 2 === 0 ? 'survey' : 'municipality',
      category: must(categories[i % categories.length], 'a category'),
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
  for (let i = 0; i < 40; i++) {
    const x = X0 + 120 + ((i * 457) % 1760);
    const y = Y0 + 130 + ((i * 311) % 1740);
    if (Math.floor(x / 100) === 4417 && Math.floor(y / 100) === 63382) continue;
    specs.push({ x, y, source: 'police', category: 'violence', time: i % 5, classification: 'police_only' });
  }
  for (let i = 0; i < 3; i++) {
    specs.push({ x: LONELY.x + i * 10, y: LONELY.y, source: 'police', category: 'alcohol', time: 2, classification: 'police_only' });
  }
  return specs;
}

export type HotspotWorld = Awaited<ReturnType<typeof createHotspotWorld>>;

export async function createHotspotWorld(name = 'hotspots') {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, name);
  const other = await createCollaboration(t.app, `${name}-other`);
  await t.app.db
    .insertInto('area')
    .values({ collaboration_id: collab.id, name: 'Staden', kind: 'boundary', ...square(X0, Y0, X0 + SIDE, Y0 + SIDE) })
    .execute();
  const districtId = (
    await t.app.db
      .insertInto('area')
      .values({ collaboration_id: collab.id, name: '=Väster', kind: 'district', ...square(X0, Y0, X0 + 1000, Y0 + SIDE) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const specs = townSpecs();
  await insertPoints(
    t,
    specs.map((s) => row(s, collab.id)),
  );
  // Area-level records stacked on the cluster: never in a cell.
  const stacked: Spec = {
    x: CLUSTER.x,
    y: CLUSTER.y,
    source: 'police',
    category: 'drugs',
    time: 0,
    classification: 'police_only',
    precision: 'area',
  };
  await insertPoints(
    t,
    Array.from({ length: 20 }, () => row(stacked, collab.id)),
  );
  // A pin of a discarded survey response: moderated away.
  const discarded = await t.app.db
    .insertInto('survey_response')
    .values({ collaboration_id: collab.id, locale: 'sv', channel: 'web', answers: '{}', status: 'discarded' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertPoints(t, [
    row({ x: CLUSTER.x, y: CLUSTER.y, source: 'survey', category: 'drugs', time: 0 }, collab.id, {
      origin_kind: 'response',
      origin_id: discarded.id,
    }),
  ]);

  await createUser(t.app, collab, { email: `kommun@${name}.test`, role: 'coordinator' });
  await createUser(t.app, collab, { email: `polis@${name}.test`, role: 'coordinator', agency: 'police' });
  await createUser(t.app, other, { email: `annan@${name}.test`, role: 'admin' });
  const municipal = await loginAs(t.app, `kommun@${name}.test`);
  const police = await loginAs(t.app, `polis@${name}.test`);
  const outsider = await loginAs(t.app, `annan@${name}.test`);

  const get = (url: string, cookie = municipal) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  async function hotspots(query: string, cookie = municipal): Promise<HotspotCollection> {
    const res = await get(`/api/hotspots?${query}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HotspotCollection>();
  }
  /** The exact records that match `keep` (as police staff count them: police-only included). */
  const expected = (keep: (s: Spec) => boolean) => specs.filter(keep).length;
  return { t, collab, other, districtId, specs, municipal, police, outsider, get, hotspots, expected };
}

export function feature<F extends { id: string }>(fc: { features: F[] }, id: string): F | undefined {
  return fc.features.find((f) => f.id === id);
}

/** Reported sources: what an analysis takes without a choice of sources. */
export const reported = (s: Spec) => s.source !== 'survey';
