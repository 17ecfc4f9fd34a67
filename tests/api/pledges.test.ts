import { wgs84ToSweref, type Pledge, type PledgeActivity, type PublicPledges } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The pledge's rules through the API: drafts from a snapshot, activities and their
 * validation, the lifecycle (editing a signed pledge is a 409; a revision links to its
 * predecessor and copies its activities), follow-up updates, the audit trail, and the public
 * API's disclosure control. The collaboration is built by hand:
 *   baseline (the snapshot, 2026-01-01 … 2026-06-30): 60 respondents, 20 feel unsafe,
 *     30 call drugs a big problem; 40 drug points clustered near the station;
 *   follow-up (from 2026-07-01): 8 respondents, 3 feel unsafe → the share is withheld.
 */

let t: TestApp;
let collab: TestCollaboration;
let other: TestCollaboration;
let official: string;
let coordinator: string;
let otherAdmin: string;
let snapshotId: string;
let districtId: string;
let otherArea: string;

const json = (cookie: string) => ({ origin: ORIGIN, cookie });

async function call<T = unknown>(cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: json(cookie), ...(payload !== undefined ? { payload: payload as object } : method === 'GET' ? {} : { payload: {} }) });
  return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T & { error?: string; message?: string; details?: { path: string; message: string }[] } };
}

async function addResponses(count: number, day: (i: number) => Date, answers: (i: number) => Record<string, unknown>) {
  await t.app.db
    .insertInto('survey_response')
    .values(Array.from({ length: count }, (_, i) => ({ collaboration_id: collab.id, submitted_at: day(i), locale: 'sv', channel: 'web' as const, answers: JSON.stringify(answers(i)) })))
    .execute();
}

async function addPoints(count: number) {
  await t.app.db
    .insertInto('point')
    .values(
      Array.from({ length: count }, (_, i) => {
        const lat = 57.186 + (i % 5) * 0.0004;
        const lon = 14.04 + Math.floor(i / 5) * 0.0004;
        const [x, y] = wgs84ToSweref(lat, lon);
        return {
          collaboration_id: collab.id,
          source: 'municipality' as const,
          category: 'drugs' as const,
          occurred_at: new Date(Date.UTC(2026, 2, 1 + (i % 28))),
          lat,
          lon,
          x,
          y,
          precision: 'exact' as const,
          classification: 'internal' as const,
          origin_kind: 'demo' as const,
        };
      }),
    )
    .execute();
}

const activity = (overrides: Record<string, unknown> = {}) => ({
  problemCategory: 'drugs',
  what: 'Trygghetsrundor vid resecentrum',
  who: { kind: 'police', name: 'Lokalpolisområdet' },
  where: { areaIds: [districtId], cellIds: [], places: ['Resecentrum'] },
  when: 'Fredagar kl. 20–01',
  indicator: 'Antal rundor',
  target: '40 rundor',
  followUpOn: '2027-12-15',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'pledges');
  other = await createCollaboration(t.app, 'pledges-other');
  await createVarnamoBoundary(t.app, collab);
  districtId = (
    await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: 'Centrum',
        kind: 'district',
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [[[14.0, 57.17], [14.08, 57.17], [14.08, 57.2], [14.0, 57.2], [14.0, 57.17]]] }),
        bbox: [14.0, 57.17, 14.08, 57.2],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  otherArea = await createVarnamoBoundary(t.app, other);
  await createUser(t.app, collab, { email: 'official@pledges.test', role: 'official' });
  await createUser(t.app, collab, { email: 'coordinator@pledges.test', role: 'coordinator' });
  await createUser(t.app, other, { email: 'admin@other.test', role: 'admin' });
  official = await loginAs(t.app, 'official@pledges.test');
  coordinator = await loginAs(t.app, 'coordinator@pledges.test');
  otherAdmin = await loginAs(t.app, 'admin@other.test');
  await addResponses(
    60,
    (i) => new Date(Date.UTC(2026, 1, 1 + (i % 25), 12)),
    (i) => ({ safety_evening: i < 20 ? 'very_unsafe' : 'fairly_safe', problems: { drugs: i < 30 ? 'big' : 'small', lighting: i < 6 ? 'big' : 'none' } }),
  );
  await addResponses(8, (i) => new Date(Date.UTC(2026, 7, 3 + i, 12)), (i) => ({ safety_evening: i < 3 ? 'fairly_unsafe' : 'very_safe' }));
  await addPoints(40);
  const snapshot = await call<{ id: string }>(coordinator, 'POST', '/api/snapshots', { title: 'Lägesbild våren 2026', from: '2026-01-01', to: '2026-06-30' });
  expect(snapshot.status).toBe(201);
  snapshotId = snapshot.body.id;
});
afterAll(async () => t?.close());

async function newDraft(year = 2027, categories = ['drugs', 'lighting']): Promise<Pledge> {
  const res = await call<Pledge>(coordinator, 'POST', '/api/pledges', { snapshotId, year, categories });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('a draft from a snapshot', () => {
  it('takes the chosen problems with their evidence, default parties and a generated Swedish background', async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({ year: 2027, status: 'draft', version: 1, predecessorId: null, successorId: null, title: 'Medborgarlöfte 2027 – Samverkan pledges' });
    expect(draft.snapshot).toEqual({ id: snapshotId, title: 'Lägesbild våren 2026', from: '2026-01-01', to: '2026-06-30' });
    expect(draft.problems.map((p) => p.category)).toEqual(['drugs', 'lighting']);
    expect(draft.problems[0]!.evidence.survey.share).toBeCloseTo(0.5);
    expect(draft.parties).toEqual({
      municipality: { name: 'Samverkan pledges kommun', signatory: 'Kommunstyrelsens ordförande' },
      police: { name: 'Lokalpolisområde pledges', signatory: 'Lokalpolisområdeschef' },
      others: [],
    });
    expect(draft.background).toContain('Medborgarlöftet för 2027 utgår från lägesbilden ”Lägesbild våren 2026” för perioden 1 januari 2026 – 30 juni 2026.');
    expect(draft.background).toContain('Under perioden besvarade 60 personer trygghetsundersökningen.');
    expect(draft.background).toContain('Kommunen och polisen har valt att i löftet arbeta med narkotika och belysning och mörka platser.');
    expect(draft.background).toMatch(/Narkotika \(1:a i lägesbilden\): 50\s%/);
    const en = await call<Pledge>(official, 'GET', `/api/pledges/${draft.id}?locale=en`);
    expect(en.body.problems[0]!.label).toBe('Drugs');
    expect(en.body.problems[0]!.evidence.explanation).toMatch(/^1st/);
  });

  it('refuses an unknown category, no categories, an unknown snapshot and another collaboration’s snapshot precisely', async () => {
    const unknown = await call(coordinator, 'POST', '/api/pledges', { snapshotId, year: 2027, categories: ['drugs', 'aliens'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details!.some((d) => d.path === 'body.categories.1')).toBe(true);
    const none = await call(coordinator, 'POST', '/api/pledges', { snapshotId, year: 2027, categories: [] });
    expect(none.status).toBe(400);
    const twice = await call(coordinator, 'POST', '/api/pledges', { snapshotId, year: 2027, categories: ['drugs', 'drugs'] });
    expect(twice.status).toBe(400);
    const year = await call(coordinator, 'POST', '/api/pledges', { snapshotId, year: 1999, categories: ['drugs'] });
    expect(year.status).toBe(400);
    expect(year.body.details![0]!.path).toBe('body.year');
    const missing = await call(coordinator, 'POST', '/api/pledges', { snapshotId: '00000000-0000-4000-8000-000000000000', year: 2027, categories: ['drugs'] });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('SNAPSHOT_NOT_FOUND');
    const theirs = await call(otherAdmin, 'POST', '/api/pledges', { snapshotId, year: 2027, categories: ['drugs'] });
    expect(theirs.status).toBe(404);
  });

  it('is edited while a draft: title, parties, background, problems', async () => {
    const draft = await newDraft();
    const res = await call<Pledge>(official, 'PATCH', `/api/pledges/${draft.id}`, {
      title: 'Tryggare centrum 2027',
      parties: {
        municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
        police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
        others: [{ name: 'Bostadsbolaget', signatory: 'Vd' }],
      },
      background: 'Egen bakgrund.\r\n\r\nAndra stycket.',
      categories: ['lighting', 'drugs', 'traffic'],
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Tryggare centrum 2027');
    expect(res.body.background).toBe('Egen bakgrund.\n\nAndra stycket.');
    expect(res.body.parties.others).toEqual([{ name: 'Bostadsbolaget', signatory: 'Vd' }]);
    expect(res.body.problems.map((p) => p.category)).toEqual(['lighting', 'drugs', 'traffic']);
    const blank = await call(official, 'PATCH', `/api/pledges/${draft.id}`, { title: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details![0]!.path).toBe('body.title');
    const empty = await call(official, 'PATCH', `/api/pledges/${draft.id}`, {});
    expect(empty.status).toBe(400);
    const extra = await call(official, 'PATCH', `/api/pledges/${draft.id}`, { status: 'signed' });
    expect(extra.status).toBe(400);
    expect(extra.body.details![0]!.path).toBe('body.status');
  });
});

describe('activities', () => {
  it('are added, changed and removed on a draft', async () => {
    const draft = await newDraft();
    const added = await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity());
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      problemCategory: 'drugs',
      what: 'Trygghetsrundor vid resecentrum',
      who: { kind: 'police', name: 'Lokalpolisområdet' },
      where: { areaIds: [districtId], areas: [{ id: districtId, name: 'Centrum' }], cellIds: [], places: ['Resecentrum'] },
      followUpOn: '2027-12-15',
      status: 'planned',
      updates: [],
    });
    const changed = await call<PledgeActivity>(official, 'PATCH', `/api/pledges/${draft.id}/activities/${added.body.id}`, { target: '50 rundor', followUpOn: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ target: '50 rundor', followUpOn: null, what: 'Trygghetsrundor vid resecentrum' });
    const removed = await call(official, 'DELETE', `/api/pledges/${draft.id}/activities/${added.body.id}`);
    expect(removed.status).toBe(200);
    const gone = await call(official, 'DELETE', `/api/pledges/${draft.id}/activities/${added.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('ACTIVITY_NOT_FOUND');
  });

  it('are validated precisely', async () => {
    const draft = await newDraft();
    const url = `/api/pledges/${draft.id}/activities`;
    const cases: [Record<string, unknown>, number, string, string][] = [
      [activity({ what: '' }), 400, 'VALIDATION_FAILED', 'body.what'],
      [activity({ what: '   ' }), 422, 'EMPTY_WHAT', 'body.what'],
      [activity({ followUpOn: '2026-12-31' }), 422, 'FOLLOW_UP_BEFORE_YEAR', 'body.followUpOn'],
      [activity({ followUpOn: '2029-01-01' }), 422, 'FOLLOW_UP_TOO_LATE', 'body.followUpOn'],
      [activity({ followUpOn: '2027-02-30' }), 400, 'VALIDATION_FAILED', 'body.followUpOn'],
      [activity({ problemCategory: 'traffic' }), 422, 'UNKNOWN_PROBLEM', 'body.problemCategory'],
      [activity({ problemCategory: 'aliens' }), 400, 'VALIDATION_FAILED', 'body.problemCategory'],
      [activity({ who: { kind: 'other', name: ' ' } }), 422, 'RESPONSIBLE_NAME_REQUIRED', 'body.who.name'],
      [activity({ who: { kind: 'army', name: 'x' } }), 400, 'VALIDATION_FAILED', 'body.who.kind'],
      [activity({ where: { areaIds: [otherArea], cellIds: [], places: [] } }), 422, 'UNKNOWN_AREA', 'body.where.areaIds.0'],
      [activity({ where: { areaIds: [], cellIds: ['not-a-cell'], places: [] } }), 400, 'VALIDATION_FAILED', 'body.where.cellIds.0'],
      [activity({ where: { areaIds: [], cellIds: [], places: [' '] } }), 422, 'EMPTY_PLACE', 'body.where.places.0'],
    ];
    for (const [body, status, error, path] of cases) {
      const res = await call(coordinator, 'POST', url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toBe(error);
      expect(res.body.details?.map((d) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect((await call<Pledge>(official, 'GET', `/api/pledges/${draft.id}`)).body.activities).toEqual([]);
    const inUse = await call(coordinator, 'POST', url, activity());
    expect(inUse.status).toBe(201);
    const remove = await call(coordinator, 'PATCH', `/api/pledges/${draft.id}`, { categories: ['lighting'] });
    expect(remove.status).toBe(409);
    expect(remove.body.error).toBe('PROBLEM_IN_USE');
  });
});

describe('the lifecycle', () => {
  it('goes draft → agreed → signed → followed up; a signed pledge is never edited (409), only revised', async () => {
    const empty = await newDraft();
    const incomplete = await call(official, 'POST', `/api/pledges/${empty.id}/status`, { status: 'agreed' });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error).toBe('PLEDGE_INCOMPLETE');

    const draft = await newDraft();
    const added = await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity());
    const status = (body: Record<string, unknown>, cookie = official) => call<Pledge>(cookie, 'POST', `/api/pledges/${draft.id}/status`, body);

    expect((await status({ status: 'agreed' }, coordinator)).status).toBe(403);
    const skip = await status({ status: 'signed' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ error: 'INVALID_TRANSITION', message: 'a draft must first be agreed by the parties' });

    const agreed = await status({ status: 'agreed' });
    expect(agreed.status).toBe(200);
    expect(agreed.body.status).toBe('agreed');
    expect(agreed.body.agreedAt).not.toBeNull();
    const locked = await call(official, 'PATCH', `/api/pledges/${draft.id}`, { title: 'Ändrad' });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toBe('PLEDGE_AGREED');
    expect((await status({ status: 'draft' })).body.status).toBe('draft');
    expect((await status({ status: 'agreed' })).body.status).toBe('agreed');

    const future = await status({ status: 'signed', date: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.error).toBe('DATE_IN_FUTURE');
    const today = new Date().toISOString().slice(0, 10);
    const signed = await status({ status: 'signed', date: today });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    expect(signed.body.signedAt!.slice(0, 10)).toBe(today);

    const edits: [string, 'PATCH' | 'POST' | 'DELETE', unknown][] = [
      [`/api/pledges/${draft.id}`, 'PATCH', { title: 'Ändrad' }],
      [`/api/pledges/${draft.id}`, 'PATCH', { background: 'Ny bakgrund' }],
      [`/api/pledges/${draft.id}/activities`, 'POST', activity()],
      [`/api/pledges/${draft.id}/activities/${added.body.id}`, 'PATCH', { what: 'Något annat' }],
      [`/api/pledges/${draft.id}/activities/${added.body.id}`, 'DELETE', {}],
      [`/api/pledges/${draft.id}`, 'DELETE', {}],
    ];
    for (const [url, method, body] of edits) {
      const res = await call(coordinator, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(res.body.error).toBe('PLEDGE_SIGNED');
      if (method !== 'DELETE') expect(res.body.message).toBe('a signed pledge can never be changed: revise it to make a new draft version');
    }
    const back = await status({ status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.message).toBe('a signed pledge cannot go back: revise it to make a new draft version');

    const followed = await status({ status: 'followed_up' });
    expect(followed.body).toMatchObject({ status: 'followed_up' });
    expect(followed.body.followedUpAt).not.toBeNull();
    expect((await status({ status: 'signed' })).status).toBe(409);
  });

  it('revises a signed pledge into a new draft version linked to its predecessor, with problems and activities copied', async () => {
    const draft = await newDraft();
    await call(coordinator, 'PATCH', `/api/pledges/${draft.id}`, { title: 'Medborgarlöfte 2027 – Centrum' });
    await call(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity());
    await call(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity({ what: 'Byt belysning i tunneln', problemCategory: 'lighting', who: { kind: 'municipality', name: '' }, followUpOn: '2028-02-29' }));
    expect((await call(official, 'POST', `/api/pledges/${draft.id}/revise`, {})).body.error).toBe('NOT_SIGNED');
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed' });
    const before = (await call<Pledge>(official, 'GET', `/api/pledges/${draft.id}`)).body;

    const earlier = await call(coordinator, 'POST', `/api/pledges/${draft.id}/revise`, { year: 2026 });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error).toBe('YEAR_BEFORE_PREDECESSOR');
    const revised = await call<Pledge>(coordinator, 'POST', `/api/pledges/${draft.id}/revise`, { year: 2028 });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ status: 'draft', version: 2, year: 2028, predecessorId: draft.id, successorId: null, title: 'Medborgarlöfte 2028 – Centrum' });
    expect(revised.body.problems).toEqual(before.problems);
    expect(revised.body.activities.map((a) => [a.what, a.who, a.where, a.when, a.indicator, a.target])).toEqual(
      before.activities.map((a) => [a.what, a.who, a.where, a.when, a.indicator, a.target]),
    );
    expect(revised.body.activities.map((a) => a.followUpOn)).toEqual(['2028-12-15', '2029-02-28']);
    expect(revised.body.activities.every((a) => !before.activities.some((b) => b.id === a.id))).toBe(true);
    expect(revised.body.versions.map((v) => [v.id, v.version])).toEqual([
      [draft.id, 1],
      [revised.body.id, 2],
    ]);
    const predecessor = (await call<Pledge>(official, 'GET', `/api/pledges/${draft.id}`)).body;
    expect(predecessor).toMatchObject({ status: 'signed', successorId: revised.body.id });
    expect(predecessor.activities).toEqual(before.activities);

    const again = await call(coordinator, 'POST', `/api/pledges/${draft.id}/revise`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('ALREADY_REVISED');
    // The new version is a draft like any other.
    expect((await call(coordinator, 'PATCH', `/api/pledges/${revised.body.id}`, { title: 'Medborgarlöfte 2028' })).status).toBe(200);
  });
});

describe('next year from a newer lägesbild', () => {
  it('revises with another snapshot: the copied problems take its figures and its period becomes the baseline', async () => {
    const later = await call<{ id: string }>(coordinator, 'POST', '/api/snapshots', { title: 'Lägesbild februari 2026', from: '2026-02-01', to: '2026-02-14' });
    const draft = await newDraft(2026, ['drugs']);
    await call(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity({ followUpOn: null }));
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed', date: '2026-02-01' });
    const revised = await call<Pledge>(coordinator, 'POST', `/api/pledges/${draft.id}/revise`, { year: 2027, snapshotId: later.body.id });
    expect(revised.status).toBe(201);
    expect(revised.body.snapshot).toMatchObject({ id: later.body.id, from: '2026-02-01', to: '2026-02-14' });
    expect(revised.body.baseline).toEqual({ from: '2026-02-01', to: '2026-02-14' });
    // Survey figures cover whole calendar months (disclosure control: no day-level differences),
    // so the second snapshot's 1–14 February counts all 60 February answers, like the first.
    expect(draft.problems[0]!.evidence.survey.rated).toBe(60);
    expect(revised.body.problems[0]!.evidence.survey.rated).toBe(60);
    const unknown = await call(coordinator, 'POST', `/api/pledges/${revised.body.id}/revise`, { snapshotId: later.body.id });
    expect(unknown.body.error).toBe('NOT_SIGNED');
  });
});

describe('follow-up', () => {
  it('records dated status updates per activity on a signed pledge only', async () => {
    const draft = await newDraft(2026, ['drugs']);
    const a = (await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity({ followUpOn: '2026-12-15' }))).body;
    const url = `/api/pledges/${draft.id}/activities/${a.id}/updates`;
    const early = await call(coordinator, 'POST', url, { on: '2026-05-01', status: 'ongoing', note: 'Startat' });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('NOT_SIGNED');
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await call(official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed', date: '2026-04-15' });
    const before = await call(coordinator, 'POST', url, { on: '2026-04-01', status: 'ongoing', note: 'x' });
    expect(before.status).toBe(422);
    expect(before.body.error).toBe('BEFORE_SIGNING');
    const future = await call(coordinator, 'POST', url, { on: '2999-01-01', status: 'ongoing', note: 'x' });
    expect(future.body.error).toBe('DATE_IN_FUTURE');
    const badStatus = await call(coordinator, 'POST', url, { on: '2026-05-01', status: 'finished', note: 'x' });
    expect(badStatus.status).toBe(400);
    expect((await call(coordinator, 'POST', url, { on: '2026-05-01', status: 'ongoing', note: 'Tio rundor gjorda, Anna på fältet leder.' })).status).toBe(201);
    const done = await call<PledgeActivity>(official, 'POST', url, { on: '2026-08-20', status: 'done', note: 'Klart.' });
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('done');
    expect(done.body.updates.map((u) => [u.on, u.status, u.by])).toEqual([
      ['2026-05-01', 'ongoing', 'coordinator'],
      ['2026-08-20', 'done', 'official'],
    ]);

    // The public page: the status and its date, the survey against the baseline, no notes.
    const res = await t.app.inject({ method: 'GET', url: '/api/public/collaborations/pledges/pledges?locale=sv' });
    const body: PublicPledges = res.json();
    const published = body.pledges.find((p) => p.id === draft.id)!;
    expect(published.activities[0]).toMatchObject({ status: 'done', statusOn: '2026-08-20', where: ['Centrum', 'Resecentrum'] });
    expect(res.body).not.toContain('Anna på fältet');
    expect(res.body).not.toContain('coordinator');
    const unsafe = published.results.measures.find((m) => m.id === 'safety_evening')!;
    expect(published.results.baseline).toEqual({ from: '2026-01-01', to: '2026-06-30', respondents: 60 });
    expect(published.results.followUp!.from).toBe('2026-07-01');
    expect(unsafe.baseline).toEqual({ answered: 60, share: 20 / 60 });
    // 3 of 8 feel unsafe: fewer than five, so the share (which would reveal them) is withheld.
    expect(unsafe.followUp).toEqual({ answered: 8, share: null });
    expect(unsafe.change).toBeNull();
    const drugs = published.results.measures.find((m) => m.id === 'problems.drugs')!;
    expect(drugs.baseline).toEqual({ answered: 60, share: 0.5 });
    expect(drugs.followUp).toEqual({ answered: null, share: null });
    expect(body.pledges.every((p) => p.status === 'signed' || p.status === 'followed_up')).toBe(true);

    // Three answers in September: a month of fewer than five counts nowhere, so the figure seen
    // at the end of August and the one seen later cannot be subtracted to reveal those three.
    await addResponses(3, (i) => new Date(Date.UTC(2026, 8, 10 + i, 12)), () => ({ safety_evening: 'very_unsafe' }));
    const later: PublicPledges = (await t.app.inject({ method: 'GET', url: '/api/public/collaborations/pledges/pledges?locale=sv' })).json();
    const again = later.pledges.find((p) => p.id === draft.id)!.results;
    expect(again.measures.find((m) => m.id === 'safety_evening')!.followUp).toEqual({ answered: 8, share: null });
    expect(again.followUp!.respondents).toBe(8);
  });
});

describe('scope and audit', () => {
  it("answers 404 for another collaboration's pledge on every route", async () => {
    const draft = await newDraft();
    const a = (await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity())).body;
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', `/api/pledges/${draft.id}`],
      ['PATCH', `/api/pledges/${draft.id}`, { title: 'x' }],
      ['DELETE', `/api/pledges/${draft.id}`, {}],
      ['POST', `/api/pledges/${draft.id}/activities`, activity()],
      ['PATCH', `/api/pledges/${draft.id}/activities/${a.id}`, { what: 'x' }],
      ['DELETE', `/api/pledges/${draft.id}/activities/${a.id}`, {}],
      ['POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' }],
      ['POST', `/api/pledges/${draft.id}/revise`, {}],
      ['POST', `/api/pledges/${draft.id}/activities/${a.id}/updates`, { on: '2026-05-01', status: 'ongoing', note: '' }],
      ['GET', `/api/pledges/${draft.id}/export?format=docx`],
      ['GET', `/api/pledges/${draft.id}/export?format=html`],
      ['GET', `/api/pledges/${draft.id}/map.png`],
      ['GET', `/api/pledges/${draft.id}/hotspots`],
      ['GET', `/api/pledges/${draft.id}/results`],
    ];
    for (const [method, url, body] of routes) {
      const res = await call(otherAdmin, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const list = await call<{ pledges: unknown[] }>(otherAdmin, 'GET', '/api/pledges');
    expect(list.body.pledges).toEqual([]);
  });

  it('logs every change with ids and counts only', async () => {
    const rows = await t.app.db.selectFrom('audit_log').select(['action', 'target_type', 'details']).where('collaboration_id', '=', collab.id).where('action', 'like', 'pledge.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['pledge.create', 'pledge.update', 'pledge.activity.create', 'pledge.activity.update', 'pledge.activity.delete', 'pledge.status', 'pledge.revise', 'pledge.activity.follow_up']) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(rows);
    for (const free of ['Trygghetsrundor', 'Resecentrum', 'Tio rundor', 'Egen bakgrund', 'Tryggare centrum', 'Bostadsbolaget']) expect(text).not.toContain(free);
  });

  it('deletes a draft, and only a draft', async () => {
    const draft = await newDraft();
    expect((await call(coordinator, 'DELETE', `/api/pledges/${draft.id}`)).status).toBe(200);
    expect((await call(coordinator, 'GET', `/api/pledges/${draft.id}`)).status).toBe(404);
  });

  it('exports a draft to Word and to a print page, and maps its hot spots', async () => {
    const draft = await newDraft();
    const docx = await t.app.inject({ method: 'GET', url: `/api/pledges/${draft.id}/export?format=docx`, headers: { cookie: coordinator } });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = await t.app.inject({ method: 'GET', url: `/api/pledges/${draft.id}/export?format=pdf`, headers: { cookie: coordinator } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('querystring.format');
    const hot = await call<{ cells: { cellId: string; class: number; areaName: string | null }[] }>(coordinator, 'GET', `/api/pledges/${draft.id}/hotspots`);
    expect(hot.status).toBe(200);
    expect(hot.body.cells.length).toBeGreaterThan(0);
    expect(hot.body.cells[0]).toMatchObject({ class: 3, areaName: 'Centrum' });
    const withCell = await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity({ where: { areaIds: [], cellIds: [hot.body.cells[0]!.cellId], places: [] } }));
    expect(withCell.body.where.cellIds).toEqual([hot.body.cells[0]!.cellId]);
  });
});
