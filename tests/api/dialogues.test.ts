import { must, POINT_COUNT_RULE, type DialogueConcern, type MeetingDetail, type MeetingSummary } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let a: TestCollaboration;
let b: TestCollaboration;
let boundaryId: string;
let gröndalId: string;
const cookie: Record<'coordinator' | 'official' | 'adminB', string> = {} as never;

/** Gröndal, a district of Värnamo. */
const GRONDAL = [14.06, 57.18, 14.08, 57.2] as const;

async function request(who: keyof typeof cookie, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { origin: ORIGIN, cookie: cookie[who] },
    ...(payload !== undefined ? { payload: payload as never } : {}),
  });
}

async function newMeeting(body: Record<string, unknown> = {}): Promise<MeetingSummary> {
  const res = await request('coordinator', 'POST', '/api/dialogues', {
    heldOn: '2026-10-14',
    place: 'Gröndals fritidsgård',
    audience: 'residents',
    present: 31,
    notes: 'Medborgardialog om tryggheten i Gröndal.',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addConcern(meetingId: string, body: Record<string, unknown>) {
  return request('coordinator', 'POST', `/api/dialogues/${meetingId}/concerns`, body);
}

async function pointOf(concernId: string) {
  return t.app.db
    .selectFrom('point')
    .select(['id', 'source', 'category', 'weight', 'precision', 'lat', 'lon', 'area_id', 'classification', 'occurred_at', 'time_band'])
    .where('origin_kind', '=', 'dialogue')
    .where('origin_id', '=', concernId)
    .execute();
}

/** The problem picture's evidence from dialogues for one category (concerns, each once). */
async function dialogueEvidence(category: string): Promise<number> {
  const res = await request('official', 'GET', '/api/problem-picture?from=2026-01-01&to=2026-12-31');
  expect(res.statusCode, res.body).toBe(200);
  const entry = (res.json().problems as { category: string; reports: { bySource: { dialogue: number | null } } }[]).find(
    (p) => p.category === category,
  );
  return entry?.reports.bySource.dialogue ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createCollaboration(t.app, 'dialogue-a');
  b = await createCollaboration(t.app, 'dialogue-b');
  boundaryId = await createVarnamoBoundary(t.app, a);
  await createVarnamoBoundary(t.app, b);
  const ring = [
    [GRONDAL[0], GRONDAL[1]],
    [GRONDAL[2], GRONDAL[1]],
    [GRONDAL[2], GRONDAL[3]],
    [GRONDAL[0], GRONDAL[3]],
    [GRONDAL[0], GRONDAL[1]],
  ];
  gröndalId = (
    await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: a.id,
        name: 'Gröndal',
        kind: 'district',
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        bbox: [...GRONDAL],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await createUser(t.app, a, { email: 'coordinator@dialogue.test', role: 'coordinator', agency: 'police' });
  await createUser(t.app, a, { email: 'official@dialogue.test', role: 'official' });
  await createUser(t.app, b, { email: 'admin@dialogue-b.test', role: 'admin' });
  cookie.coordinator = await loginAs(t.app, 'coordinator@dialogue.test');
  cookie.official = await loginAs(t.app, 'official@dialogue.test');
  cookie.adminB = await loginAs(t.app, 'admin@dialogue-b.test');
});
afterAll(async () => t?.close());

describe('dialogue meetings', () => {
  it('records a meeting that all staff can read', async () => {
    const meeting = await newMeeting({ areaId: gröndalId });
    expect(meeting).toMatchObject({
      heldOn: '2026-10-14',
      place: 'Gröndals fritidsgård',
      areaId: gröndalId,
      areaName: 'Gröndal',
      audience: 'residents',
      present: 31,
      concerns: 0,
      mentions: 0,
    });
    const list = (await request('official', 'GET', '/api/dialogues')).json();
    expect(list.meetings.map((m: MeetingSummary) => m.id)).toContain(meeting.id);
    const detail = (await request('official', 'GET', `/api/dialogues/${meeting.id}`)).json<MeetingDetail>();
    expect(detail.concerns).toEqual([]);
    expect(detail.bounds).toEqual([13.9, 57.1, 14.2, 57.3]);
    expect(detail.areas.map((x) => x.name)).toEqual(['Gröndal', 'Värnamo kommun']);

    const staff = await newMeeting({ audience: 'staff', place: 'Polisstationen', present: 9 });
    expect(staff.audience).toBe('staff');
    const bad = await request('coordinator', 'POST', '/api/dialogues', { heldOn: '14/10/2026', place: '', audience: 'press', present: -1 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().details as { path: string }[]).map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.heldOn', 'body.place', 'body.audience', 'body.present']),
    );
  });

  it('turns each concern into one "dialogue" point carrying its mentions as weight, counted once and never as a respondent', async () => {
    const meeting = await newMeeting();
    const before = await dialogueEvidence('drugs');
    const placed = await addConcern(meeting.id, {
      text: 'Langning vid skolans baksida på kvällarna',
      category: 'drugs',
      mentions: 7,
      lat: 57.19,
      lon: 14.07,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const concern = placed.json<DialogueConcern>();
    expect(concern).toMatchObject({ category: 'drugs', mentions: 7, precision: 'exact', areaId: null, lat: 57.19, lon: 14.07 });
    const [point] = await pointOf(concern.id);
    expect(point).toMatchObject({
      id: concern.pointId,
      source: 'dialogue',
      category: 'drugs',
      weight: 7,
      precision: 'exact',
      area_id: gröndalId,
      classification: 'internal',
      lat: 57.19,
      lon: 14.07,
    });
    expect(new Date(must(point?.occurred_at, 'the point date')).toISOString()).toBe('2026-10-14T10:00:00.000Z'); // noon, Swedish summer time

    // The problem picture counts the concern once, as the map does (POINT_COUNT_RULE), and never as a respondent.
    expect(await dialogueEvidence('drugs')).toBe(before + 1);
    const pictureBefore = (await request('official', 'GET', '/api/problem-picture?from=2026-01-01&to=2026-12-31')).json();
    expect(pictureBefore.respondents ?? 0).toBe(0);

    const more = await request('coordinator', 'PATCH', `/api/dialogues/${meeting.id}/concerns/${concern.id}`, { mentions: 12 });
    expect(more.statusCode).toBe(200);
    expect((await pointOf(concern.id))[0]?.weight).toBe(12);
    expect(await dialogueEvidence('drugs')).toBe(before + 1);
    // One rule for both: the map counts the concern once too, and says so.
    const map = (await request('official', 'GET', '/api/hotspots?sources=dialogue&categories=drugs&cells=none')).json();
    expect(map.meta).toMatchObject({ points: 1, counting: POINT_COUNT_RULE });

    const summary = (await request('official', 'GET', `/api/dialogues/${meeting.id}`)).json<MeetingDetail>();
    expect(summary.meeting).toMatchObject({ concerns: 1, mentions: 12 });

    const removed = await request('coordinator', 'DELETE', `/api/dialogues/${meeting.id}/concerns/${concern.id}`, {});
    expect(removed.statusCode).toBe(200);
    expect(await pointOf(concern.id)).toEqual([]);
    expect(await dialogueEvidence('drugs')).toBe(before);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'dialogue.concern_delete')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Langning');
  });

  it('places a concern without a place at the centre of its area, the meeting’s area or the boundary', async () => {
    const meeting = await newMeeting({ areaId: gröndalId });
    const inMeetingArea = (
      await addConcern(meeting.id, { text: 'Mopeder i gångtunneln', category: 'traffic', mentions: 4 })
    ).json<DialogueConcern>();
    expect(inMeetingArea).toMatchObject({ precision: 'area', lat: null, lon: null });
    const [p1] = await pointOf(inMeetingArea.id);
    expect(p1).toMatchObject({ precision: 'area', area_id: gröndalId, weight: 4 });
    expect(p1?.lat).toBeCloseTo(57.19, 6);
    expect(p1?.lon).toBeCloseTo(14.07, 6);

    const elsewhere = await newMeeting();
    const wholeTown = (
      await addConcern(elsewhere.id, { text: 'Otrygt att gå hem från bussen', category: 'other' })
    ).json<DialogueConcern>();
    expect(wholeTown.mentions).toBe(1);
    const [p2] = await pointOf(wholeTown.id);
    expect(p2).toMatchObject({ precision: 'area', area_id: boundaryId, weight: 1 });
    expect(p2?.lat).toBeCloseTo(57.2, 6);
    expect(p2?.lon).toBeCloseTo(14.05, 6);

    // Given a place later, it becomes exact; taking the place away puts it back at the area.
    const placed = await request('coordinator', 'PATCH', `/api/dialogues/${elsewhere.id}/concerns/${wholeTown.id}`, {
      lat: 57.15,
      lon: 14.0,
      category: 'lighting',
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect((await pointOf(wholeTown.id))[0]).toMatchObject({ precision: 'exact', lat: 57.15, lon: 14.0, category: 'lighting' });
    const unplaced = await request('coordinator', 'PATCH', `/api/dialogues/${elsewhere.id}/concerns/${wholeTown.id}`, {
      lat: null,
      lon: null,
    });
    expect(unplaced.json().precision).toBe('area');
    expect((await pointOf(wholeTown.id))[0]?.precision).toBe('area');

    // The meeting's date dates its concerns.
    await request('coordinator', 'PATCH', `/api/dialogues/${meeting.id}`, { heldOn: '2026-12-01' });
    expect(new Date(must((await pointOf(inMeetingArea.id))[0]?.occurred_at, 'the point date')).toISOString()).toBe(
      '2026-12-01T11:00:00.000Z',
    );

    // Deleting the meeting takes every concern's point with it.
    const gone = await request('coordinator', 'DELETE', `/api/dialogues/${meeting.id}`, {});
    expect(gone.statusCode).toBe(200);
    expect(await pointOf(inMeetingArea.id)).toEqual([]);
    expect((await request('official', 'GET', `/api/dialogues/${meeting.id}`)).statusCode).toBe(404);
  });

  it('refuses bad concerns clearly', async () => {
    const meeting = await newMeeting();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ text: 'x', category: 'drugs', mentions: 0 }, 400, 'body.mentions'],
      [{ text: '', category: 'drugs' }, 400, 'body.text'],
      [{ text: 'x', category: 'ufo' }, 400, 'body.category'],
      [{ text: 'x', category: 'drugs', lat: 57.19 }, 422, 'body.lon'],
      [{ text: 'x', category: 'drugs', lat: 59.33, lon: 18.07 }, 422, 'body.lat'],
      [{ text: 'x', category: 'drugs', respondents: 3 }, 400, 'body.respondents'],
    ];
    for (const [body, status, path] of cases) {
      const res = await addConcern(meeting.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(
        (res.json().details as { path: string }[]).map((d) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await request('official', 'GET', `/api/dialogues/${meeting.id}`)).json().concerns).toEqual([]);
  });

  it('answers 404 to another collaboration and 403 to officials who try to write', async () => {
    const meeting = await newMeeting();
    const concern = (
      await addConcern(meeting.id, { text: 'Klotter på skolan', category: 'vandalism_graffiti', mentions: 2 })
    ).json<DialogueConcern>();
    const base = `/api/dialogues/${meeting.id}`;
    const calls: [Parameters<typeof request>[1], string, unknown?][] = [
      ['GET', base],
      ['PATCH', base, { present: 1 }],
      ['DELETE', base, {}],
      ['POST', `${base}/concerns`, { text: 'x', category: 'drugs' }],
      ['PATCH', `${base}/concerns/${concern.id}`, { mentions: 99 }],
      ['DELETE', `${base}/concerns/${concern.id}`, {}],
    ];
    for (const [method, url, payload] of calls) {
      const res = await request('adminB', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error).toBe('MEETING_NOT_FOUND');
    }
    expect((await request('adminB', 'GET', '/api/dialogues')).json().meetings).toEqual([]);
    const foreignArea = await request('coordinator', 'POST', '/api/dialogues', {
      heldOn: '2026-10-01',
      place: 'X',
      audience: 'staff',
      present: 3,
      areaId: (await t.app.db.selectFrom('area').select('id').where('collaboration_id', '=', b.id).executeTakeFirstOrThrow()).id,
    });
    expect(foreignArea.statusCode).toBe(422);
    for (const [method, url, payload] of calls.filter(([m]) => m !== 'GET')) {
      expect((await request('official', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await pointOf(concern.id))[0]?.weight).toBe(2);
  });
});
