import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let coordinator: string;
let official: string;
let stranger: string;
let versionId: string;
let draftVersionId: string;
let foreignAreaId: string;
let ownAreaId: string;
let demoCampaignId: string;
let placeId: string;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ submissionRateLimit: 1000 });
  collab = await createCollaboration(t.app, 'campaigns');
  ownAreaId = await createVarnamoBoundary(t.app, collab);
  await seedDemoCampaign(t.app.db, collab.id);
  const other = await createCollaboration(t.app, 'campaigns-other');
  foreignAreaId = await createVarnamoBoundary(t.app, other);
  await createUser(t.app, collab, { email: 'coordinator@campaigns.test', role: 'coordinator', agency: 'police' });
  await createUser(t.app, collab, { email: 'official@campaigns.test', role: 'official' });
  await createUser(t.app, other, { email: 'admin@other.test', role: 'admin' });
  coordinator = await loginAs(t.app, 'coordinator@campaigns.test');
  official = await loginAs(t.app, 'official@campaigns.test');
  stranger = await loginAs(t.app, 'admin@other.test');
  const demo = await t.app.db
    .selectFrom('campaign')
    .select(['id', 'survey_version_id'])
    .where('slug', '=', 'demo')
    .executeTakeFirstOrThrow();
  versionId = demo.survey_version_id;
  demoCampaignId = demo.id;
  const draft = await call(coordinator, 'POST', '/api/surveys', { name: 'Utkast', from: 'standard' });
  draftVersionId = draft.json().current.id;
  placeId = (await t.app.db.selectFrom('named_place').select('id').where('name', '=', 'Stadsparken').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

function call(
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return t.app.inject({ method, url, headers: { origin: ORIGIN, cookie, ...headers }, ...(payload ? { payload } : {}) });
}

const campaign = (over: Record<string, unknown> = {}) => ({
  surveyVersionId: versionId,
  slug: `kampanj-${randomUUID().slice(0, 8)}`,
  title: { sv: 'Trygghet i centrum', en: 'Safety in the centre' },
  areaId: null,
  audience: 'residents',
  opensAt: new Date(Date.now() - DAY).toISOString(),
  closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
  ...over,
});

describe('campaigns', () => {
  it('creates a campaign with links, and lists it with its status and counts', async () => {
    const res = await call(coordinator, 'POST', '/api/campaigns', campaign({ slug: 'centrum-2026', areaId: ownAreaId }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      slug: 'centrum-2026',
      status: 'open',
      area: { id: ownAreaId, name: 'Värnamo kommun' },
      survey: { name: 'Trygghetsundersökning', version: 1 },
      responses: { accepted: 0, flagged: 0, discarded: 0, paper: 0 },
      links: { public: 'http://localhost:80/s/centrum-2026', kiosk: 'http://localhost:80/s/centrum-2026?kiosk' },
    });
    // The public survey is there at once.
    expect((await t.app.inject({ method: 'GET', url: '/api/public/campaigns/centrum-2026' })).json().title).toBe('Trygghet i centrum');

    const list = await call(official, 'GET', '/api/campaigns');
    expect(list.statusCode).toBe(200);
    const statuses = Object.fromEntries(list.json().campaigns.map((c: { slug: string; status: string }) => [c.slug, c.status]));
    expect(statuses).toMatchObject({ 'centrum-2026': 'open', demo: 'open', 'trygghet-tidigare': 'closed' });
    expect(list.json().choices.surveyVersions).toEqual([
      { id: versionId, surveyId: expect.any(String), surveyName: 'Trygghetsundersökning', version: 1 },
    ]);
    expect(list.json().choices.areas).toEqual([{ id: ownAreaId, name: 'Värnamo kommun', kind: 'boundary' }]);
  });

  it('says upcoming before the period', async () => {
    const res = await call(
      coordinator,
      'POST',
      '/api/campaigns',
      campaign({ opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString() }),
    );
    expect(res.json().status).toBe('upcoming');
  });

  it.each([
    ['a taken slug', () => campaign({ slug: 'demo' }), 409, 'SLUG_TAKEN', 'body.slug'],
    [
      'closing before opening',
      () => campaign({ opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date().toISOString() }),
      422,
      'INVALID_PERIOD',
      'body.closesAt',
    ],
    [
      'a survey version that is a draft',
      () => campaign({ surveyVersionId: draftVersionId }),
      422,
      'SURVEY_VERSION_NOT_PUBLISHED',
      'body.surveyVersionId',
    ],
    ['an unknown survey version', () => campaign({ surveyVersionId: randomUUID() }), 422, 'UNKNOWN_SURVEY_VERSION', 'body.surveyVersionId'],
    ["another collaboration's area", () => campaign({ areaId: foreignAreaId }), 422, 'UNKNOWN_AREA', 'body.areaId'],
    ['a malformed slug', () => campaign({ slug: 'Not A Slug' }), 400, 'VALIDATION_FAILED', 'body.slug'],
    ['an unknown audience', () => campaign({ audience: 'everyone' }), 400, 'VALIDATION_FAILED', 'body.audience'],
  ])('refuses %s', async (_name, body, status, code, path) => {
    const res = await call(coordinator, 'POST', '/api/campaigns', body());
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toBe(code);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('edits a campaign and checks the merged result', async () => {
    const created = (await call(coordinator, 'POST', '/api/campaigns', campaign({ slug: 'andras' }))).json();
    const res = await call(coordinator, 'PATCH', `/api/campaigns/${created.id}`, {
      slug: 'andrad',
      audience: 'staff',
      title: { sv: 'Medarbetardialog' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ slug: 'andrad', audience: 'staff', title: { sv: 'Medarbetardialog' } });
    // The old link is gone at once (no stale cached copy).
    expect((await t.app.inject({ method: 'GET', url: '/api/public/campaigns/andras' })).statusCode).toBe(404);
    const bad = await call(coordinator, 'PATCH', `/api/campaigns/${created.id}`, {
      closesAt: new Date(Date.now() - 10 * DAY).toISOString(),
    });
    expect(bad.statusCode).toBe(422);
    expect((await call(coordinator, 'PATCH', `/api/campaigns/${created.id}`, { slug: 'demo' })).statusCode).toBe(409);
    expect((await call(official, 'PATCH', `/api/campaigns/${created.id}`, { slug: 'x-official' })).statusCode).toBe(403);
  });

  it("answers another collaboration's campaign with 404 and lists none of it", async () => {
    expect((await call(stranger, 'GET', `/api/campaigns/${demoCampaignId}`)).statusCode).toBe(404);
    expect((await call(stranger, 'PATCH', `/api/campaigns/${demoCampaignId}`, { slug: 'stolen' })).statusCode).toBe(404);
    expect((await call(stranger, 'GET', `/api/campaigns/${demoCampaignId}/qr.svg`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', '/api/campaigns')).json().campaigns).toEqual([]);
    const foreignVersion = await call(stranger, 'POST', '/api/campaigns', campaign());
    expect(foreignVersion.json().error).toBe('UNKNOWN_SURVEY_VERSION');
  });
});

describe('QR codes', () => {
  it('gives the public link as SVG and as PNG', async () => {
    const svg = await call(official, 'GET', `/api/campaigns/${demoCampaignId}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toContain('<path');
    expect(svg.body.trim().endsWith('</svg>')).toBe(true);

    const png = await call(official, 'GET', `/api/campaigns/${demoCampaignId}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.rawPayload.length).toBeGreaterThan(1000);
  });

  it('is for staff only', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/campaigns/${demoCampaignId}/qr.png` })).statusCode).toBe(401);
  });
});

describe('paper questionnaires', () => {
  const paper = (over: Record<string, unknown> = {}) => ({
    locale: 'sv',
    answers: { safety_evening: 'very_unsafe', other_comments: 'Skrivet på papper' },
    pins: [{ placeId, category: 'lighting', times: ['night'], comment: 'Mörkt' }],
    ...over,
  });
  const post = (body: object, key: string = randomUUID(), cookie = coordinator, id = demoCampaignId) =>
    call(cookie, 'POST', `/api/campaigns/${id}/paper-responses`, body, { 'idempotency-key': key });

  it('stores a paper answer marked as paper, with its pin points and text, in the audit log', async () => {
    const res = await post(paper());
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const row = await t.app.db
      .selectFrom('survey_response')
      .select(['channel', 'status', 'device_hash', 'answers'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'paper', status: 'accepted', device_hash: null, answers: { safety_evening: 'very_unsafe' } });
    expect(await t.app.db.selectFrom('point').select('precision').where('origin_id', '=', id).execute()).toEqual([
      { precision: 'generalised' },
    ]);
    expect(await t.app.db.selectFrom('free_text').select('status').where('response_id', '=', id).execute()).toHaveLength(2);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'response.paper', details: { campaignId: demoCampaignId } }]);
    expect(JSON.stringify(audit)).not.toContain('papper');
  });

  it('stores a double click once (same Idempotency-Key), and refuses the key with another body', async () => {
    const key = randomUUID();
    const results = await Promise.all([post(paper(), key), post(paper(), key)]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results[0].json().id).toBe(results[1].json().id);
    expect(await t.app.db.selectFrom('survey_response').select('id').where('idempotency_key', '=', key).execute()).toHaveLength(1);
    expect(await t.app.db.selectFrom('audit_log').select('id').where('target_id', '=', results[0].json().id).execute()).toHaveLength(1);
    const other = await post(paper({ answers: { safety_evening: 'very_safe' } }), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('needs an Idempotency-Key, validates like the public route, and takes no device token', async () => {
    const noKey = await call(coordinator, 'POST', `/api/campaigns/${demoCampaignId}/paper-responses`, paper());
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().details[0].path).toBe('headers.idempotency-key');
    const bad = await post(paper({ answers: { safety_evening: 'terrified' } }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].path).toBe('body.answers.safety_evening');
    const token = await post({ ...paper(), deviceToken: 'abcdefghijklmnopqrstuvwxyz' });
    expect(token.statusCode).toBe(400);
    expect(token.json().details[0].path).toBe('body.deviceToken');
  });

  it('has no per-client limit: a pile of paper goes in at once', async () => {
    const limited = await createTestApp({ submissionRateLimit: 2 });
    try {
      const c = await createCollaboration(limited.app, 'paper-limit');
      await createVarnamoBoundary(limited.app, c);
      await seedDemoCampaign(limited.app.db, c.id);
      await createUser(limited.app, c, { email: 'typist@paper.test', role: 'coordinator' });
      const cookie = await loginAs(limited.app, 'typist@paper.test');
      const id = (await limited.app.db.selectFrom('campaign').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: `/api/campaigns/${id}/paper-responses`,
          headers: { origin: ORIGIN, cookie, 'idempotency-key': randomUUID() },
          payload: { locale: 'sv', answers: { safety_evening: 'fairly_safe' }, pins: [] },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201]);
    } finally {
      await limited.close();
    }
  });

  it('takes paper after the campaign closed (typed in later), but not before it opens', async () => {
    const closed = await t.app.db.selectFrom('campaign').select('id').where('slug', '=', 'trygghet-tidigare').executeTakeFirstOrThrow();
    expect((await post(paper({ pins: [] }), randomUUID(), coordinator, closed.id)).statusCode).toBe(201);
    const upcoming = (
      await call(
        coordinator,
        'POST',
        '/api/campaigns',
        campaign({ opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString() }),
      )
    ).json();
    expect((await post(paper({ pins: [] }), randomUUID(), coordinator, upcoming.id)).statusCode).toBe(409);
  });

  it("is for coordinators of the campaign's own collaboration", async () => {
    expect((await post(paper(), randomUUID(), official)).statusCode).toBe(403);
    expect((await post(paper(), randomUUID(), stranger)).statusCode).toBe(404);
  });

  it('counts paper answers on the campaign', async () => {
    const res = await call(coordinator, 'GET', `/api/campaigns/${demoCampaignId}`);
    expect(res.json().responses.paper).toBeGreaterThanOrEqual(2);
  });
});

describe('named places', () => {
  it('lists, adds, renames, moves and removes places, inside the boundary only', async () => {
    const list = await call(official, 'GET', '/api/places');
    expect(list.statusCode).toBe(200);
    expect(list.json().bounds).toEqual([13.9, 57.1, 14.2, 57.3]);
    expect(list.json().places.map((p: { name: string }) => p.name)).toContain('Stadsparken');

    const created = await call(coordinator, 'POST', '/api/places', { name: '  Resecentrum  ', lat: 57.1856, lon: 14.0421 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Resecentrum', pins: 0 });
    // Residents see it in the non-map alternative at once.
    const publicPlaces = (await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo' })).json().places;
    expect(publicPlaces.map((p: { name: string }) => p.name)).toContain('Resecentrum');

    expect((await call(coordinator, 'POST', '/api/places', { name: 'resecentrum', lat: 57.18, lon: 14.04 })).statusCode).toBe(409);
    const stockholm = await call(coordinator, 'POST', '/api/places', { name: 'Sergels torg', lat: 59.332, lon: 18.064 });
    expect(stockholm.statusCode).toBe(422);
    expect(stockholm.json().error).toBe('OUTSIDE_AREA');
    const berlin = await call(coordinator, 'POST', '/api/places', { name: 'Berlin', lat: 52.52, lon: 13.4 });
    expect(berlin.json().error).toBe('OUTSIDE_SWEDEN');

    const moved = await call(coordinator, 'PATCH', `/api/places/${created.json().id}`, { name: 'Resecentrum Värnamo', lat: 57.186 });
    expect(moved.json()).toMatchObject({ name: 'Resecentrum Värnamo', lat: 57.186, lon: 14.0421 });
    expect((await call(official, 'DELETE', `/api/places/${created.json().id}`, {})).statusCode).toBe(403);
    expect((await call(stranger, 'DELETE', `/api/places/${created.json().id}`, {})).statusCode).toBe(404);
    expect((await call(stranger, 'PATCH', `/api/places/${created.json().id}`, { name: 'Mine' })).statusCode).toBe(404);
    expect((await call(coordinator, 'DELETE', `/api/places/${created.json().id}`, {})).json()).toEqual({ ok: true });
    expect((await call(coordinator, 'DELETE', `/api/places/${created.json().id}`, {})).statusCode).toBe(404);
    const actions = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', created.json().id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['place.create', 'place.update', 'place.delete']);
  });

  it('keeps the coordinates of answers that chose a removed place', async () => {
    const place = (await call(coordinator, 'POST', '/api/places', { name: 'Tillfällig', lat: 57.19, lon: 14.05 })).json();
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/public/campaigns/demo/responses',
      headers: { origin: ORIGIN, 'idempotency-key': randomUUID() },
      payload: { locale: 'sv', answers: {}, pins: [{ placeId: place.id, category: 'other' }] },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await call(coordinator, 'GET', '/api/places')).json().places.find((p: { id: string }) => p.id === place.id).pins).toBe(1);
    await call(coordinator, 'DELETE', `/api/places/${place.id}`, {});
    const pin = await t.app.db
      .selectFrom('survey_pin')
      .select(['lat', 'lon', 'place_id'])
      .where('response_id', '=', answer.json().id)
      .executeTakeFirstOrThrow();
    expect(pin).toEqual({ lat: 57.19, lon: 14.05, place_id: null });
  });
});
