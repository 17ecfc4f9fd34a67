import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { readTeamKitJson, teamKitMissing, type PoliceEvent } from '../support/team-kit';
import { createTestApp, type TestApp } from '../support/test-app';
import { must } from '@lagesbild/shared';

/**
 * The police feed as it is today: every event at its county ("Jönköpings län") and the county's
 * centre, the municipality only at the end of the name. The current-format file is written here
 * from the team kit's 2023 sample, whose events carry their municipality in `location.name`.
 */

interface Municipality {
  type: 'Feature';
  properties: { kom_namn: string; lan_code: string };
  geometry: Parameters<typeof booleanPointInPolygon>[1];
}

const missing = teamKitMissing('polisen-events-2023.json') ?? teamKitMissing('swedish_municipalities.geojson');
const isCounty = (name: string) => name.endsWith(' län');

/** Every kept 2023 event rewritten to the current form; `municipality` is where it belongs. */
function currentForm(events: PoliceEvent[], municipalities: Municipality[]): { event: PoliceEvent; municipality: string }[] {
  // The county of each centre the 2023 feed uses, found from the municipality that holds it.
  const counties = new Map<string, { name: string; gps: string }>();
  for (const e of events.filter((x) => isCounty(x.location.name))) {
    const [lat = NaN, lon = NaN] = e.location.gps.split(',').map(Number);
    const home = municipalities.find((m) => booleanPointInPolygon([lon, lat], m.geometry));
    if (home) counties.set(home.properties.lan_code, { name: e.location.name, gps: e.location.gps });
  }
  const countyOf = new Map(municipalities.map((m) => [m.properties.kom_namn.toLowerCase(), counties.get(m.properties.lan_code)]));
  return events.flatMap((e) => {
    const county = isCounty(e.location.name) ? undefined : countyOf.get(e.location.name.toLowerCase());
    if (!county) return [];
    const name = e.name.endsWith(`, ${e.location.name}`) ? e.name : `${e.name}, ${e.location.name}`;
    return { event: { ...e, name, location: { name: county.name, gps: county.gps } }, municipality: e.location.name };
  });
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

let t: TestApp;
let municipalities: Municipality[];
let rewritten: { event: PoliceEvent; municipality: string }[];

async function collaborationWith(slug: string, features: Municipality[], kind: 'district' | 'boundary'): Promise<string> {
  const collab: TestCollaboration = await createCollaboration(t.app, slug);
  await createUser(t.app, collab, { email: `samordnare@${slug}.test`, role: 'coordinator' });
  const cookie = await loginAs(t.app, `samordnare@${slug}.test`);
  const areas = await upload(cookie, `format=areas&nameField=kom_namn&kind=${kind}`, { type: 'FeatureCollection', features });
  expect(areas.statusCode, areas.body).toBe(200);
  return cookie;
}

function upload(cookie: string, query: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: `/api/imports?${query}`,
    headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

async function pointsOf(importId: string) {
  return t.app.db
    .selectFrom('point')
    .innerJoin('area', 'area.id', 'point.area_id')
    .select(['area.name', 'point.precision', 'point.lat', 'point.lon', 'point.external_id'])
    .where('point.import_id', '=', importId)
    .execute();
}

describe.skipIf(missing)(`the police feed in its current form${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    municipalities = readTeamKitJson<{ features: Municipality[] }>('swedish_municipalities.geojson').features;
    rewritten = currentForm(
      readTeamKitJson<PoliceEvent[]>('polisen-events-2023.json').filter((e) => e.type === 'Trafikolycka' || e.type === 'Stöld'),
      municipalities,
    );
  });
  afterAll(async () => t?.close());

  it('puts every county-level event in the municipality its name ends with, at municipality precision', async () => {
    expect(rewritten.length).toBeGreaterThan(500);
    const cookie = await collaborationWith('sverige', municipalities, 'district');
    const res = await upload(
      cookie,
      'format=police',
      rewritten.map((r) => r.event),
    );
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ rowsTotal: rewritten.length, rowsImported: rewritten.length, rowsSkipped: 0, rowsFailed: 0 });
    expect(result.warnings).toContainEqual({ code: 'placed_by_name', count: rewritten.length });

    const rows = await pointsOf(result.id);
    const landed = countBy(rows, (r) => r.name.toLowerCase());
    expect(landed).toEqual(countBy(rewritten, (r) => r.municipality.toLowerCase()));
    // Known only to the municipality: never a point in a hot spot; and placed inside it.
    expect(rows.every((r) => r.precision === 'area')).toBe(true);
    const shape = new Map(municipalities.map((m) => [m.properties.kom_namn, m.geometry]));
    for (const r of rows) expect(booleanPointInPolygon([r.lon, r.lat], must(shape.get(r.name), r.name)), r.name).toBe(true);
  });

  it('keeps only its own municipality from a nationwide current-form file', async () => {
    const home = 'Värnamo';
    const cookie = await collaborationWith(
      'varnamo',
      municipalities.filter((m) => m.properties.kom_namn === home),
      'boundary',
    );
    const ours = rewritten.filter((r) => r.municipality === home);
    expect(ours.length).toBeGreaterThan(0);
    const nationwide = async () =>
      (
        await upload(
          cookie,
          'format=police',
          rewritten.map((r) => r.event),
        )
      ).json();
    const result = await nationwide();
    expect(result).toMatchObject({ rowsImported: ours.length, rowsSkipped: rewritten.length - ours.length, rowsFailed: 0 });
    expect(result.skipped).toEqual([{ code: 'outside_boundary', count: rewritten.length - ours.length }]);
    const rows = await pointsOf(result.id);
    expect(rows.map((r) => r.external_id).sort()).toEqual(ours.map((r) => `polisen:${r.event.id}`).sort());
    expect(new Set(rows.map((r) => `${r.name} ${r.precision}`))).toEqual(new Set([`${home} area`]));
    expect(result.warnings).not.toContainEqual(expect.objectContaining({ code: 'nothing_kept' }));

    // The same file again adds nothing, but nothing is missing either: no alarm.
    const again = await nationwide();
    expect(again).toMatchObject({ rowsImported: 0, skipped: expect.arrayContaining([{ code: 'duplicate', count: ours.length }]) });
    expect(again.warnings).not.toContainEqual(expect.objectContaining({ code: 'nothing_kept' }));

    // A file with only other municipalities' events keeps nothing, and says so.
    const others = rewritten.filter((r) => r.municipality !== home).map((r) => r.event);
    const none = await upload(cookie, 'format=police&sourceName=others', others);
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({ rowsImported: 0, rowsSkipped: others.length });
    expect(none.json().warnings).toContainEqual({ code: 'nothing_kept', count: others.length });
    const stored = await t.app.inject({ method: 'GET', url: `/api/imports/${none.json().id}`, headers: { cookie } });
    expect(stored.json().warnings).toContainEqual({ code: 'nothing_kept', count: others.length });
  });

  it('leaves out an event that names only its county, and warns that nothing was kept', async () => {
    const cookie = await collaborationWith('lan', municipalities.slice(0, 3), 'district');
    const { event } = must(rewritten[0], 'a rewritten event');
    const countyOnly = { ...event, id: 1, name: `${event.name.split(',')[0]}, Brand, ${event.location.name}` };
    const result = (await upload(cookie, 'format=police', [countyOnly])).json();
    expect(result).toMatchObject({
      rowsImported: 0,
      rowsSkipped: 1,
      skipped: [{ code: 'county_level', count: 1 }],
      warnings: [{ code: 'nothing_kept', count: 1 }],
    });
  });
});
