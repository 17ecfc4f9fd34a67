import { randomUUID } from 'node:crypto';
import type { WalkDetail, WalkStop, WalkSummary } from '@lagesbild/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import {
  BASE_JPEG,
  PLANTED,
  containsText,
  jpegMetadata,
  jpegWithMetadata,
  pngChunkTypes,
  pngWithMetadata,
  webpChunks,
  webpWithMetadata,
} from '../support/images';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let a: TestCollaboration;
let b: TestCollaboration;
let centrumId: string;
let otherAreaId: string;
const cookie: Record<'coordinator' | 'official' | 'adminB' | 'policeCoordinator', string> = {} as never;

/** Centrum, a district of Värnamo: about 1.8 × 2.2 km. */
const CENTRUM = [14.03, 57.17, 14.06, 57.19] as const;
const IN_CENTRUM = { lat: 57.18, lon: 14.045 };

async function request(
  who: keyof typeof cookie,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { origin: ORIGIN, cookie: cookie[who], ...headers },
    ...(payload !== undefined ? { payload: payload as never } : {}),
  });
}

async function newWalk(body: Record<string, unknown> = {}): Promise<WalkSummary> {
  const res = await request('coordinator', 'POST', '/api/walks', {
    title: 'Kvällsvandring i centrum',
    areaId: centrumId,
    walkedOn: '2026-11-19',
    light: 'dark',
    participants: 14,
    partners: ['Värnamo kommun, gatuavdelningen', 'Polisen', 'Bostadsbolaget "Hem", Värnamo'],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function putStop(walkId: string, clientId: string, body: Record<string, unknown>, who: keyof typeof cookie = 'coordinator') {
  return request(who, 'PUT', `/api/walks/${walkId}/stops/${clientId}`, body);
}

async function walkPoints(filter: { stopIds?: string[]; pointIds?: string[] } = {}) {
  let query = t.app.db
    .selectFrom('point')
    .select(['id', 'source', 'category', 'classification', 'precision', 'area_id', 'time_band', 'occurred_at', 'origin_kind', 'origin_id', 'weight', 'lat', 'lon'])
    .where('collaboration_id', '=', a.id)
    .where('source', '=', 'walk');
  if (filter.stopIds) query = query.where('origin_id', 'in', filter.stopIds);
  if (filter.pointIds) query = filter.pointIds.length > 0 ? query.where('id', 'in', filter.pointIds) : query.where(sql<boolean>`false`);
  return query.orderBy('category').execute();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createCollaboration(t.app, 'walks-a');
  b = await createCollaboration(t.app, 'walks-b');
  await createVarnamoBoundary(t.app, a);
  const ring = [
    [CENTRUM[0], CENTRUM[1]],
    [CENTRUM[2], CENTRUM[1]],
    [CENTRUM[2], CENTRUM[3]],
    [CENTRUM[0], CENTRUM[3]],
    [CENTRUM[0], CENTRUM[1]],
  ];
  const centrum = await t.app.db
    .insertInto('area')
    .values({ collaboration_id: a.id, name: 'Centrum', kind: 'district', geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), bbox: [...CENTRUM] })
    .returning('id')
    .executeTakeFirstOrThrow();
  centrumId = centrum.id;
  otherAreaId = await createVarnamoBoundary(t.app, b);
  await createUser(t.app, a, { email: 'coordinator@walks.test', role: 'coordinator' });
  await createUser(t.app, a, { email: 'police@walks.test', role: 'coordinator', agency: 'police' });
  await createUser(t.app, a, { email: 'official@walks.test', role: 'official' });
  await createUser(t.app, b, { email: 'admin@walks-b.test', role: 'admin' });
  cookie.coordinator = await loginAs(t.app, 'coordinator@walks.test');
  cookie.policeCoordinator = await loginAs(t.app, 'police@walks.test');
  cookie.official = await loginAs(t.app, 'official@walks.test');
  cookie.adminB = await loginAs(t.app, 'admin@walks-b.test');
});
afterAll(async () => t?.close());

describe('safety walks', () => {
  it('a coordinator creates a walk; every staff member of the collaboration sees it', async () => {
    const walk = await newWalk();
    expect(walk).toMatchObject({
      title: 'Kvällsvandring i centrum',
      areaId: centrumId,
      areaName: 'Centrum',
      walkedOn: '2026-11-19',
      light: 'dark',
      participants: 14,
      partners: ['Värnamo kommun, gatuavdelningen', 'Polisen', 'Bostadsbolaget "Hem", Värnamo'],
      status: 'planned',
      stops: 0,
      createdBy: 'coordinator',
    });
    const list = await request('official', 'GET', '/api/walks');
    expect(list.statusCode).toBe(200);
    expect(list.json().walks.map((w: WalkSummary) => w.id)).toContain(walk.id);
    expect(list.json().areas.map((x: { name: string }) => x.name)).toEqual(['Centrum', 'Värnamo kommun']);
    const detail = await request('official', 'GET', `/api/walks/${walk.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().bounds).toEqual([...CENTRUM]);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', walk.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['walk.create']);
    expect(JSON.stringify(audit)).not.toContain('Kvällsvandring');
  });

  it('needs an area or a route, and only the collaboration’s own areas', async () => {
    const none = await request('coordinator', 'POST', '/api/walks', { title: 'X', walkedOn: '2026-11-19', light: 'daylight', participants: 3 });
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toBe('ROUTE_OR_AREA_REQUIRED');
    const foreign = await request('coordinator', 'POST', '/api/walks', { title: 'X', areaId: otherAreaId, walkedOn: '2026-11-19', light: 'daylight', participants: 3 });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error).toBe('UNKNOWN_AREA');
    const badDate = await request('coordinator', 'POST', '/api/walks', { title: 'X', routeDescription: 'Torget', walkedOn: '2026-02-30', light: 'dusk', participants: 0 });
    expect(badDate.statusCode).toBe(400);
    const paths = (badDate.json().details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.walkedOn', 'body.light', 'body.participants']));
  });

  it('stores a stop exactly once per client id; other content under the same id is a conflict', async () => {
    const walk = await newWalk();
    const clientId = randomUUID();
    const body = { ...IN_CENTRUM, ratings: { lighting: 0, feeling: 1 }, notes: 'Trasig gatlykta vid gångtunneln', recordedAt: '2026-11-19T17:42:00.000Z' };
    const first = await putStop(walk.id, clientId, body);
    expect(first.statusCode, first.body).toBe(201);
    // The phone lost the answer and syncs again, spelling unrated parameters out as null.
    const again = await putStop(walk.id, clientId, { ...body, ratings: { lighting: 0, feeling: 1, people: null } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const third = await putStop(walk.id, clientId, body);
    expect(third.statusCode).toBe(200);
    const rows = await t.app.db.selectFrom('walk_stop').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
    expect((await walkPoints({ stopIds: [rows[0]!.id] })).length).toBe(1);

    const conflict = await putStop(walk.id, clientId, { ...body, ratings: { lighting: 3 } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toBe('STOP_CONFLICT');

    const detail = (await request('coordinator', 'GET', `/api/walks/${walk.id}`)).json() as WalkDetail;
    expect(detail.stops).toHaveLength(1);
    expect(detail.walk.stops).toBe(1);
    expect(detail.stops[0]).toMatchObject({ clientId, notes: 'Trasig gatlykta vid gångtunneln', ratings: { lighting: 0, feeling: 1, people: null } });
  });

  it('stores stops sent at the same moment once', async () => {
    const walk = await newWalk();
    const clientId = randomUUID();
    const body = { ...IN_CENTRUM, ratings: { openness: 1 } };
    const answers = await Promise.all([putStop(walk.id, clientId, body), putStop(walk.id, clientId, body), putStop(walk.id, clientId, body)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const rows = await t.app.db.selectFrom('walk_stop').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
    expect(await walkPoints({ stopIds: [rows[0]!.id] })).toHaveLength(1);
  });

  it('refuses ratings outside 0–3 and unknown parameters with 400', async () => {
    const walk = await newWalk();
    for (const ratings of [{ lighting: 4 }, { feeling: -1 }, { people: 1.5 }, { security: '2' }, { sightlines: 2 }]) {
      const res = await putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings });
      expect(res.statusCode, JSON.stringify(ratings)).toBe(400);
      expect(res.json().error).toBe('VALIDATION_FAILED');
      expect(res.json().details[0].path).toMatch(/^body\.ratings\./);
    }
    const badId = await putStop(walk.id, 'not-a-uuid', { ...IN_CENTRUM, ratings: {} });
    expect(badId.statusCode).toBe(400);
    expect(await t.app.db.selectFrom('walk_stop').select('id').where('walk_id', '=', walk.id).execute()).toEqual([]);
  });

  it('refuses a stop far from the walk’s area, and one outside the collaboration', async () => {
    const walk = await newWalk();
    // 1 km north of Centrum's box: still accepted (GPS drift, a stop just outside the district).
    const near = await putStop(walk.id, randomUUID(), { lat: CENTRUM[3] + 0.009, lon: 14.045, ratings: {} });
    expect(near.statusCode, near.body).toBe(201);
    // 5 km east of it: a mistake.
    const far = await putStop(walk.id, randomUUID(), { lat: 57.18, lon: CENTRUM[2] + 0.083, ratings: { lighting: 0 } });
    expect(far.statusCode).toBe(422);
    expect(far.json().error).toBe('STOP_TOO_FAR');
    expect(far.json().message).toMatch(/5(\.0)? km outside the walk's area "Centrum"/);
    expect(far.json().details.map((d: { path: string }) => d.path)).toEqual(['body.lat', 'body.lon']);

    const routeOnly = await newWalk({ areaId: null, routeDescription: 'Från stationen längs ån till Vandalorum' });
    const stockholm = await putStop(routeOnly.id, randomUUID(), { lat: 59.33, lon: 18.07, ratings: {} });
    expect(stockholm.statusCode).toBe(422);
    expect(stockholm.json().message).toContain("outside the collaboration's boundary (Värnamo kommun)");
    const inBoundary = await putStop(routeOnly.id, randomUUID(), { lat: 57.15, lon: 14.1, ratings: {} });
    expect(inBoundary.statusCode).toBe(201);
  });

  it('feeds low ratings into the point store as source "walk", one point per derived category', async () => {
    const walk = await newWalk();
    const res = await putStop(walk.id, randomUUID(), {
      ...IN_CENTRUM,
      ratings: { lighting: 0, openness: 1, people: 1, security: 0, walk_path: 1, transport: 0, feeling: 0, mixed_use: 2, visibility: 3 },
      recordedAt: '2026-11-19T20:15:00.000Z', // 21:15 in Värnamo
    });
    expect(res.statusCode).toBe(201);
    const stop = res.json() as WalkStop;
    expect(stop.categories).toEqual(['lighting', 'traffic', 'disorder']);
    const points = await walkPoints({ pointIds: stop.pointIds });
    expect(points.map((p) => p.category)).toEqual(['disorder', 'lighting', 'traffic']);
    expect(points.map((p) => p.id).sort()).toEqual([...stop.pointIds].sort());
    for (const point of points) {
      expect(point).toMatchObject({
        source: 'walk',
        classification: 'internal',
        precision: 'exact',
        area_id: centrumId,
        time_band: 'evening',
        origin_kind: 'walk_stop',
        weight: 1,
        lat: IN_CENTRUM.lat,
        lon: IN_CENTRUM.lon,
      });
      expect(new Date(point.occurred_at!).toISOString()).toBe('2026-11-19T20:15:00.000Z');
    }

    // Rated fine everywhere: part of the protocol, no evidence of a problem.
    const fine = (await putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { lighting: 3, feeling: 2 } })).json() as WalkStop;
    expect(fine.categories).toEqual([]);
    expect(fine.pointIds).toEqual([]);

    // Without a recorded time a dark walk's stop is dated the walk's evening.
    const untimed = (await putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { feeling: 0 } })).json() as WalkStop;
    const [other] = await walkPoints({ pointIds: untimed.pointIds });
    expect(other).toMatchObject({ category: 'other', time_band: 'evening' });
    expect(new Date(other!.occurred_at!).toISOString()).toBe('2026-11-19T19:00:00.000Z'); // 20:00 CET

    // Daylight instead of dark: the walk's points move to daytime.
    const patched = await request('coordinator', 'PATCH', `/api/walks/${walk.id}`, { light: 'daylight', status: 'done' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ light: 'daylight', status: 'done' });
    const after = (await request('coordinator', 'GET', `/api/walks/${walk.id}`)).json() as WalkDetail;
    const [moved] = await walkPoints({ pointIds: after.stops.find((s) => s.clientId === untimed.clientId)!.pointIds });
    expect(moved!.time_band).toBe('day');
    expect(new Date(moved!.occurred_at!).toISOString()).toBe('2026-11-19T11:00:00.000Z');

    const overview = (await request('official', 'GET', '/api/overview')).json() as { sources: { source: string; total: number }[] };
    expect(overview.sources.find((s) => s.source === 'walk')!.total).toBe((await walkPoints()).length);

    const removed = await request('coordinator', 'DELETE', `/api/walks/${walk.id}/stops/${stop.clientId}`, {});
    expect(removed.statusCode).toBe(200);
    expect(await walkPoints({ pointIds: stop.pointIds })).toEqual([]);
    const gone = await request('coordinator', 'DELETE', `/api/walks/${walk.id}/stops/${stop.clientId}`, {});
    expect(gone.statusCode).toBe(404);
  });

  it('lists open suggested actions for the pledge draft, and lets coordinators decide on them', async () => {
    const walk = await newWalk({ title: 'Åtgärdsvandring' });
    const clientId = randomUUID();
    await putStop(walk.id, clientId, {
      ...IN_CENTRUM,
      ratings: { lighting: 0 },
      action: { text: 'Byt armaturer i gångtunneln', owner: 'municipality', ownerName: 'Gatuavdelningen' },
    });
    const open = await request('official', 'GET', '/api/walks/actions');
    expect(open.statusCode).toBe(200);
    const mine = open.json().actions.find((x: { stopClientId: string }) => x.stopClientId === clientId);
    expect(mine).toMatchObject({
      walkId: walk.id,
      walkTitle: 'Åtgärdsvandring',
      walkedOn: '2026-11-19',
      text: 'Byt armaturer i gångtunneln',
      owner: 'municipality',
      ownerName: 'Gatuavdelningen',
      status: 'open',
      areaId: centrumId,
      areaName: 'Centrum',
      categories: ['lighting'],
      lat: IN_CENTRUM.lat,
      lon: IN_CENTRUM.lon,
    });
    expect((await request('coordinator', 'GET', `/api/walks/${walk.id}`)).json().walk.openActions).toBe(1);

    const adopted = await request('coordinator', 'PATCH', `/api/walks/${walk.id}/stops/${clientId}`, { actionStatus: 'adopted' });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json().action.status).toBe('adopted');
    const stillOpen = (await request('official', 'GET', '/api/walks/actions')).json().actions;
    expect(stillOpen.map((x: { stopClientId: string }) => x.stopClientId)).not.toContain(clientId);
    const taken = (await request('official', 'GET', '/api/walks/actions?status=adopted')).json().actions;
    expect(taken.map((x: { stopClientId: string }) => x.stopClientId)).toContain(clientId);

    const noAction = randomUUID();
    await putStop(walk.id, noAction, { ...IN_CENTRUM, ratings: {} });
    expect((await request('coordinator', 'PATCH', `/api/walks/${walk.id}/stops/${noAction}`, { actionStatus: 'adopted' })).statusCode).toBe(409);
  });
});

describe('stop photos', () => {
  let walk: WalkSummary;
  let stopId: string;
  const photoUrl = (photoId: string, stop = stopId) => `/api/walks/${walk.id}/stops/${stop}/photos/${photoId}`;
  const upload = (photoId: string, bytes: Buffer, type = 'image/jpeg', who: keyof typeof cookie = 'coordinator') =>
    request(who, 'PUT', photoUrl(photoId), bytes, { 'content-type': type });

  beforeAll(async () => {
    walk = await newWalk({ title: 'Fotovandring' });
    stopId = randomUUID();
    expect((await putStop(walk.id, stopId, { ...IN_CENTRUM, ratings: { lighting: 1 } })).statusCode).toBe(201);
  });

  it('stores a JPEG without its EXIF, GPS, XMP, IPTC or comments, and serves it to staff', async () => {
    const photoId = randomUUID();
    const planted = jpegWithMetadata();
    expect(jpegMetadata(planted).gps).toBe(true);
    const res = await upload(photoId, planted);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: photoId, contentType: 'image/jpeg', width: 120, height: 90, bytes: BASE_JPEG.length });
    expect(res.json().removed).toEqual(expect.arrayContaining(['EXIF', 'XMP', 'IPTC', 'comment']));

    // Straight from the database: what is stored has nothing left to give a place away.
    const row = await t.app.db.selectFrom('walk_photo').select(['bytes', 'size', 'sha256']).where('client_id', '=', photoId).executeTakeFirstOrThrow();
    const stored = Buffer.from(row.bytes);
    expect(jpegMetadata(stored)).toEqual({ exifTags: [], gps: false, xmp: false, iptc: false, comment: false, orientation: null });
    for (const text of PLANTED) expect(containsText(stored, text), text).toBe(false);

    const served = await request('official', 'GET', photoUrl(photoId));
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(served.rawPayload, stored)).toBe(0);
    expect(served.headers['cache-control']).toBe('no-store');

    const detail = (await request('official', 'GET', `/api/walks/${walk.id}`)).json() as WalkDetail;
    expect(detail.stops[0]!.photos.map((p) => p.id)).toEqual([photoId]);
  });

  it('stores a repeated upload once, and refuses another photo under the same id', async () => {
    const photoId = randomUUID();
    expect((await upload(photoId, jpegWithMetadata(6))).statusCode).toBe(201);
    const again = await upload(photoId, jpegWithMetadata(6));
    expect(again.statusCode).toBe(200);
    const other = await upload(photoId, pngWithMetadata(), 'image/png');
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('PHOTO_CONFLICT');
    const rows = await t.app.db.selectFrom('walk_photo').select('bytes').where('client_id', '=', photoId).execute();
    expect(rows).toHaveLength(1);
    // Only the orientation survives, so the portrait photo still stands upright.
    expect(jpegMetadata(Buffer.from(rows[0]!.bytes))).toMatchObject({ exifTags: [0x0112], orientation: 6, gps: false });
  });

  it('strips PNG text chunks and WebP EXIF/XMP too', async () => {
    const png = await upload(randomUUID(), pngWithMetadata(), 'image/png');
    expect(png.statusCode).toBe(201);
    const webp = await upload(randomUUID(), webpWithMetadata(), 'image/webp');
    expect(webp.statusCode).toBe(201);
    const stored = await t.app.db
      .selectFrom('walk_photo')
      .select(['client_id', 'content_type', 'bytes'])
      .where('client_id', 'in', [png.json().id, webp.json().id])
      .execute();
    for (const row of stored) {
      const bytes = Buffer.from(row.bytes);
      for (const text of PLANTED) expect(containsText(bytes, text), `${row.content_type} ${text}`).toBe(false);
      if (row.content_type === 'image/png') expect(pngChunkTypes(bytes)).not.toEqual(expect.arrayContaining(['eXIf']));
      if (row.content_type === 'image/webp') expect(webpChunks(bytes).fourccs).not.toContain('EXIF');
    }
  });

  it('refuses what is not an image (415) and what is too large (413), clearly', async () => {
    const text = await upload(randomUUID(), Buffer.from('<html><body>hello</body></html>'), 'image/jpeg');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: 'NOT_AN_IMAGE', message: 'The file is not a JPEG, PNG or WebP image.' });
    const pdf = await upload(randomUUID(), Buffer.from('%PDF-1.7\n'), 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    const cut = await upload(randomUUID(), BASE_JPEG.subarray(0, 600), 'image/jpeg');
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error).toBe('UNREADABLE_IMAGE');

    const huge = Buffer.concat([BASE_JPEG.subarray(0, BASE_JPEG.length - 2), Buffer.alloc(8 * 1024 * 1024), Buffer.from([0xff, 0xd9])]);
    const big = await upload(randomUUID(), huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('PHOTO_TOO_LARGE');
    expect(big.json().message).toMatch(/^The photo is 8\.0 MB; a photo may be at most 8 MB\.$/);

    const count = await t.app.db
      .selectFrom('walk_photo')
      .innerJoin('walk_stop', 'walk_stop.id', 'walk_photo.stop_id')
      .select('walk_photo.id')
      .where('walk_stop.client_id', '=', stopId)
      .execute();
    expect(count.length).toBe(5 - 1); // the four stored by the tests above
  });

  it('takes at most five photos per stop and needs the stop to exist', async () => {
    expect((await upload(randomUUID(), BASE_JPEG)).statusCode).toBe(201);
    const sixth = await upload(randomUUID(), BASE_JPEG);
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json().error).toBe('TOO_MANY_PHOTOS');
    const orphan = await request('coordinator', 'PUT', photoUrl(randomUUID(), randomUUID()), BASE_JPEG, { 'content-type': 'image/jpeg' });
    expect(orphan.statusCode).toBe(404);
    expect(orphan.json().error).toBe('STOP_NOT_FOUND');
  });
});

describe('who may do what with walks', () => {
  let walk: WalkSummary;
  let clientId: string;
  let photoId: string;

  beforeAll(async () => {
    walk = await newWalk({ title: 'Behörighetsvandring' });
    clientId = randomUUID();
    photoId = randomUUID();
    await putStop(walk.id, clientId, { ...IN_CENTRUM, ratings: { lighting: 0 }, action: { text: 'Belysning', owner: 'municipality' } });
    await request('coordinator', 'PUT', `/api/walks/${walk.id}/stops/${clientId}/photos/${photoId}`, BASE_JPEG, { 'content-type': 'image/jpeg' });
  });

  it("answers 404 to another collaboration's admin on every walk route", async () => {
    const base = `/api/walks/${walk.id}`;
    const calls: [Parameters<typeof request>[1], string, unknown?, Record<string, string>?][] = [
      ['GET', base],
      ['PATCH', base, { status: 'done' }],
      ['PUT', `${base}/stops/${clientId}`, { ...IN_CENTRUM, ratings: {} }],
      ['PUT', `${base}/stops/${randomUUID()}`, { ...IN_CENTRUM, ratings: {} }],
      ['PATCH', `${base}/stops/${clientId}`, { actionStatus: 'dismissed' }],
      ['DELETE', `${base}/stops/${clientId}`, {}],
      ['PUT', `${base}/stops/${clientId}/photos/${randomUUID()}`, BASE_JPEG, { 'content-type': 'image/jpeg' }],
      ['GET', `${base}/stops/${clientId}/photos/${photoId}`],
      ['GET', `${base}/export?format=docx`],
    ];
    for (const [method, url, payload, headers] of calls) {
      const res = await request('adminB', method, url, payload, headers);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error).toBe('WALK_NOT_FOUND');
    }
    expect((await request('adminB', 'GET', '/api/walks')).json().walks).toEqual([]);
    expect((await request('adminB', 'GET', '/api/walks/actions')).json().actions).toEqual([]);
    // Nothing changed.
    const detail = (await request('coordinator', 'GET', base)).json() as WalkDetail;
    expect(detail.stops.map((s) => s.clientId)).toEqual([clientId]);
    expect(detail.walk.status).toBe('planned');
  });

  it('lets officials read but not write, and police coordinators write', async () => {
    const base = `/api/walks/${walk.id}`;
    expect((await request('official', 'GET', base)).statusCode).toBe(200);
    expect((await request('official', 'GET', `${base}/stops/${clientId}/photos/${photoId}`)).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['POST', '/api/walks', { title: 'X', routeDescription: 'Y', walkedOn: '2026-11-19', light: 'dark', participants: 2 }],
      ['PATCH', base, { status: 'done' }],
      ['PUT', `${base}/stops/${randomUUID()}`, { ...IN_CENTRUM, ratings: {} }],
      ['DELETE', `${base}/stops/${clientId}`, {}],
    ] as const) {
      expect((await request('official', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { people: 0 } }, 'policeCoordinator')).statusCode).toBe(201);
    const anonymous = await t.app.inject({ method: 'GET', url: `${base}/stops/${clientId}/photos/${photoId}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
