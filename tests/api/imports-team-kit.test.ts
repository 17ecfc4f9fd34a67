import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { teamKitMissing, teamKitPath, readTeamKitJson, type PoliceEvent } from '../support/team-kit';
import { createTestApp, type TestApp } from '../support/test-app';
import { must } from '@lagesbild/shared';

/**
 * The real police events sample and the real municipality boundaries from the team kit. The
 * expectations are computed here from the files themselves, independently of the import code.
 */
const missing = teamKitMissing('polisen-events-2023.json') ?? teamKitMissing('swedish_municipalities.geojson');

// What the feed holds besides incidents: left out by default (the import's documented list).
const NON_INCIDENTS = new Set([
  'Uppdatering',
  'Övrigt',
  'Trafikkontroll',
  'Kontroll person/fordon',
  'Polisinsats/kommendering',
  'Fjällräddning',
  'Räddningsinsats',
  'Försvunnen person',
  'Efterlyst person',
  'Anträffad död',
  'Anträffat gods',
  'Sjukdom/olycksfall',
  'Arbetsplatsolycka',
  'Varningslarm/haveri',
]);
const excluded = (e: PoliceEvent) => e.type.startsWith('Sammanfattning') || NON_INCIDENTS.has(e.type.trim());
const countyLevel = (e: PoliceEvent) => e.location.name.endsWith(' län');

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** "20 mars 15:58" as the instant's day, month and time on a Stockholm clock. */
function stockholmLabel(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

/** "2023-03-21 6:28:29 +01:00" → the instant. */
function publication(datetime: string): number {
  const m = must(/^(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ?([+-]\d{2}:\d{2})$/.exec(datetime), `a police datetime: ${datetime}`);
  return Date.parse(`${m[1]}T${must(m[2], 'the hour').padStart(2, '0')}:${m[3]}:${m[4]}${m[5]}`);
}

let t: TestApp;
let collab: TestCollaboration;
let cookie: string;
let events: PoliceEvent[];
let expected: PoliceEvent[];

describe.skipIf(missing)(`the team kit's real data${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    collab = await createCollaboration(t.app, 'team-kit');
    await createUser(t.app, collab, { email: 'samordnare@kit.test', role: 'coordinator' });
    cookie = await loginAs(t.app, 'samordnare@kit.test');
    events = readTeamKitJson<PoliceEvent[]>('polisen-events-2023.json');
    expected = events.filter((e) => !excluded(e) && !countyLevel(e));
  });
  afterAll(async () => t?.close());

  const upload = (query: string, file: string, type = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports?${query}`,
      headers: { origin: ORIGIN, cookie, 'content-type': type },
      payload: readFileSync(teamKitPath(file)),
    });

  let policeImport: string;
  let areasImport: string;

  it('imports the police events sample: incidents only, counted by type, with event times from the name', async () => {
    const res = await upload('format=police', 'polisen-events-2023.json');
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    policeImport = result.id;
    expect(result).toMatchObject({
      format: 'police',
      source: 'police',
      classification: 'public_aggregate',
      rowsTotal: events.length,
      rowsImported: expected.length,
      rowsSkipped: events.length - expected.length,
      rowsFailed: 0,
      unmappedTypes: [],
    });
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { code: 'excluded_type', count: events.filter(excluded).length },
        { code: 'county_level', count: events.filter((e) => countyLevel(e) && !excluded(e)).length },
      ]),
    );

    const rows = await t.app.db
      .selectFrom('point')
      .select([
        'external_id',
        'external_type',
        'occurred_at',
        'published_at',
        'precision',
        'classification',
        'source',
        'lat',
        'lon',
        'category',
        'description',
      ])
      .where('import_id', '=', policeImport)
      .execute();
    expect(rows).toHaveLength(expected.length);
    // By type, exactly as in the file.
    const byType = countBy(rows, (r) => must(r.external_type, 'the external type'));
    expect(Object.fromEntries(byType)).toEqual(Object.fromEntries(countBy(expected, (e) => e.type.trim())));
    // Every position is a municipality's centre: area precision, never a point hot spot.
    expect(rows.every((r) => r.precision === 'area' && r.source === 'police' && r.classification === 'public_aggregate')).toBe(true);
    // The main crime types land where they belong.
    const category = new Map(rows.map((r) => [r.external_type, r.category]));
    expect(
      ['Misshandel', 'Stöld', 'Inbrott', 'Rattfylleri', 'Narkotikabrott', 'Skadegörelse', 'Trafikolycka', 'Brand'].map((type) =>
        category.get(type),
      ),
    ).toEqual(['violence', 'theft_burglary', 'theft_burglary', 'traffic', 'drugs', 'vandalism_graffiti', 'traffic', 'other']);
    // The event time is the one in the name, on a Stockholm clock; the publication time is kept.
    const byId = new Map(expected.map((e) => [`polisen:${e.id}`, e]));
    for (const row of rows) {
      const event = must(byId.get(row.external_id ?? ''), `the event ${row.external_id}`);
      expect(stockholmLabel(must(row.occurred_at, 'the event time'))).toBe(event.name.split(',')[0]?.replace(/^0/, ''));
      expect(row.published_at?.getTime()).toBe(publication(event.datetime));
      expect(row.occurred_at?.getTime()).toBeLessThanOrEqual(must(row.published_at, 'the publication time').getTime() + 86_400_000);
      expect(row.occurred_at?.getUTCFullYear()).toBe(2023);
      const [lat, lon] = event.location.gps.split(',').map(Number);
      expect([row.lat, row.lon]).toEqual([lat, lon]);
      expect(row.description).toBe(event.summary.trim().replace(/\s+/g, ' ').slice(0, 2000) || null);
    }
  });

  it('imports the 290 municipality boundaries and puts every event in its municipality', async () => {
    const res = await upload('format=areas&nameField=kom_namn', 'swedish_municipalities.geojson', 'application/geo+json');
    expect(res.statusCode, res.body).toBe(200);
    areasImport = res.json().id;
    expect(res.json()).toMatchObject({ rowsTotal: 290, rowsImported: 290, rowsFailed: 0, pointsReassigned: expected.length });
    const areas = await t.app.db
      .selectFrom('area')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('collaboration_id', '=', collab.id)
      .executeTakeFirstOrThrow();
    expect(areas.n).toBe(290);

    const perArea = await t.app.db
      .selectFrom('point')
      .innerJoin('area', 'area.id', 'point.area_id')
      .select(['area.name', sql<number>`count(*)::int`.as('n')])
      .where('point.import_id', '=', policeImport)
      .groupBy('area.name')
      .execute();
    const counted = Object.fromEntries(perArea.map((r) => [r.name.toLowerCase(), r.n]));
    expect(counted).toEqual(Object.fromEntries(countBy(expected, (e) => e.location.name.toLowerCase())));

    // The same boundaries again add nothing.
    const again = (await upload('format=areas&nameField=kom_namn', 'swedish_municipalities.geojson', 'application/geo+json')).json();
    expect(again).toMatchObject({ rowsImported: 0, rowsSkipped: 290, skipped: [{ code: 'duplicate', count: 290 }], pointsReassigned: 0 });
  });

  it('re-importing the feed imports nothing; undoing the boundaries and the feed removes exactly them', async () => {
    const again = (await upload('format=police', 'polisen-events-2023.json')).json();
    expect(again).toMatchObject({ rowsImported: 0, sameFileAs: policeImport });
    expect(again.skipped).toContainEqual({ code: 'duplicate', count: expected.length });

    const undoAreas = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${areasImport}/undo`,
      headers: { origin: ORIGIN, cookie },
      payload: {},
    });
    expect(undoAreas.statusCode).toBe(200);
    const left = await t.app.db
      .selectFrom('point')
      .select([sql<number>`count(*)::int`.as('n'), sql<number>`count(area_id)::int`.as('with_area')])
      .where('import_id', '=', policeImport)
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ n: expected.length, with_area: 0 });

    const undoFeed = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${policeImport}/undo`,
      headers: { origin: ORIGIN, cookie },
      payload: {},
    });
    expect(undoFeed.statusCode).toBe(200);
    const remaining = await t.app.db
      .selectFrom('point')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('collaboration_id', '=', collab.id)
      .executeTakeFirstOrThrow();
    expect(remaining.n).toBe(0);
  });
});
