import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, HOME_AREA_ELSEWHERE, HOME_AREA_QUESTION_ID, standardQuestions } from '@lagesbild/shared';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let placeId: string;
const url = '/api/public/campaigns/demo/responses';

beforeAll(async () => {
  t = await createTestApp({ submissionRateLimit: 1000 });
  collab = await createCollaboration(t.app, 'responses');
  await createVarnamoBoundary(t.app, collab);
  await seedDemoCampaign(t.app.db, collab.id);
  placeId = (await t.app.db.selectFrom('named_place').select('id').where('name', '=', 'Stadsparken').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

const answer = (overrides: Record<string, unknown> = {}) => ({
  locale: 'sv',
  answers: {
    safety_evening: 'fairly_unsafe',
    avoided_places: 'yes',
    avoided_how: ['other_route'],
    problems: { drugs: 'big', lighting: 'small' },
  },
  pins: [
    { lat: 57.1835, lon: 14.0355, category: 'lighting', times: ['evening', 'night'], comment: 'Mörkt vid <b>tunneln</b>' },
    { placeId, category: 'youth_gangs', times: ['night'] },
  ],
  ...overrides,
});

function post(body: unknown, key: string = randomUUID(), headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { 'idempotency-key': key, origin: ORIGIN, ...headers }, payload: body as object });
}

describe('GET /api/public/campaigns/:slug', () => {
  it('gives the survey in Swedish by default and in English on request', async () => {
    const sv = await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo' });
    expect(sv.statusCode).toBe(200);
    const body = sv.json();
    expect(body).toMatchObject({ slug: 'demo', locale: 'sv', open: true, title: 'Hur trygg känner du dig i Värnamo?' });
    const q = body.questions.find((x: { id: string }) => x.id === 'safety_evening');
    expect(q).toMatchObject({ type: 'likert', required: false, label: expect.stringContaining('trygg') });
    expect(q.options[0]).toEqual({ value: 'very_safe', label: 'Mycket trygg' });
    expect(body.bounds).toEqual([13.9, 57.1, 14.2, 57.3]);
    expect(body.places.map((p: { name: string }) => p.name)).toContain('Stadsparken');
    expect(body.pinCategories).toContainEqual({ value: 'lighting', label: 'Belysning och mörka platser' });

    const en = await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo?locale=en' });
    expect(en.json().questions[0].options[0]).toEqual({ value: 'very_safe', label: 'Very safe' });
    const negotiated = await t.app.inject({
      method: 'GET',
      url: '/api/public/campaigns/demo',
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(negotiated.json().locale).toBe('en');
  });

  it('answers an unknown campaign with 404 and a malformed slug with 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/public/campaigns/nope' })).json().error).toBe('CAMPAIGN_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/campaigns/Bad%20Slug' })).statusCode).toBe(400);
  });
});

describe('POST /api/public/campaigns/:slug/responses', () => {
  it('stores the answer, its pins in the point store and its comment for moderation', async () => {
    const res = await post(answer());
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const response = await t.app.db.selectFrom('survey_response').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(response).toMatchObject({ status: 'accepted', channel: 'web', locale: 'sv' });
    expect(response.answers).toEqual({
      safety_evening: 'fairly_unsafe',
      avoided_places: 'yes',
      avoided_how: ['other_route'],
      problems: { drugs: 'big', lighting: 'small' },
    });
    const points = await t.app.db
      .selectFrom('point')
      .select(['source', 'category', 'precision', 'classification', 'time_band'])
      .where('origin_id', '=', id)
      .orderBy('category')
      .execute();
    expect(points).toEqual([
      { source: 'survey', category: 'lighting', precision: 'exact', classification: 'internal', time_band: 'evening' },
      { source: 'survey', category: 'youth_gangs', precision: 'generalised', classification: 'internal', time_band: 'night' },
    ]);
    const texts = await t.app.db.selectFrom('free_text').select(['original', 'status']).where('response_id', '=', id).execute();
    // Markup is kept as the text it is; it is never rendered as HTML.
    expect(texts).toEqual([{ original: 'Mörkt vid <b>tunneln</b>', status: 'pending' }]);
  });

  it('keeps free-text answers out of the answers and behind moderation', async () => {
    const res = await post(answer({ answers: { other_comments: 'Ring mig på 070-123 45 67' }, pins: [] }));
    expect(res.statusCode).toBe(201);
    const row = await t.app.db.selectFrom('survey_response').select('answers').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual({});
    const text = await t.app.db
      .selectFrom('free_text')
      .select(['question_id', 'status'])
      .where('response_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(text).toEqual({ question_id: 'other_comments', status: 'pending' });
  });

  it('returns the same id for the same key and body, and stores it once', async () => {
    const key = randomUUID();
    const first = await post(answer(), key);
    const again = await post(answer(), key);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const rows = await t.app.db.selectFrom('survey_response').select('id').where('idempotency_key', '=', key).execute();
    expect(rows).toHaveLength(1);
  });

  it('10 concurrent identical posts make one row and one id', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => post(answer(), key)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.app.db.selectFrom('survey_response').select('id').where('idempotency_key', '=', key).execute();
    expect(rows).toHaveLength(1);
    const pins = await t.app.db.selectFrom('survey_pin').select('id').where('response_id', '=', must(rows[0], 'the response').id).execute();
    expect(pins).toHaveLength(2);
  });

  it('refuses the same key with another body (422)', async () => {
    const key = randomUUID();
    await post(answer(), key);
    const other = await post(answer({ answers: { safety_evening: 'very_safe' } }), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    [
      'no Idempotency-Key',
      () => t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN }, payload: answer() }),
      400,
      'headers.idempotency-key',
    ],
    ['a key that is not a UUID', () => post(answer(), 'abc'), 400, 'headers.idempotency-key'],
    ['an unknown top-level property', () => post({ ...answer(), ip: '1.2.3.4' }), 400, 'body.ip'],
    [
      'a comment over the limit',
      () => post(answer({ pins: [{ lat: 57.18, lon: 14.03, category: 'other', comment: 'x'.repeat(501) }] })),
      400,
      'body.pins.0.comment',
    ],
    ['an unknown category', () => post(answer({ pins: [{ lat: 57.18, lon: 14.03, category: 'aliens' }] })), 400, 'body.pins.0.category'],
    ['an unknown question', () => post(answer({ answers: { favourite_colour: 'blue' } })), 422, 'body.answers.favourite_colour'],
    ['an unknown option', () => post(answer({ answers: { safety_evening: 'terrified' } })), 422, 'body.answers.safety_evening'],
    ['an unknown matrix row', () => post(answer({ answers: { problems: { aliens: 'big' } } })), 422, 'body.answers.problems'],
    [
      'an answer to a hidden question',
      () => post(answer({ answers: { avoided_places: 'no', avoided_how: ['stayed_home'] } })),
      422,
      'body.answers.avoided_how',
    ],
    ['a pin outside the area', () => post(answer({ pins: [{ lat: 59.33, lon: 18.06, category: 'violence' }] })), 422, 'body.pins.0'],
    ['a pin with lat but no lon', () => post(answer({ pins: [{ lat: 57.18, category: 'violence' }] })), 422, 'body.pins.0'],
    [
      'a pin with an unknown place',
      () => post(answer({ pins: [{ placeId: randomUUID(), category: 'violence' }] })),
      422,
      'body.pins.0.placeId',
    ],
    [
      'a pin with both a place and coordinates',
      () => post(answer({ pins: [{ placeId, lat: 57.18, lon: 14.03, category: 'violence' }] })),
      422,
      'body.pins.0',
    ],
    ['an unsupported language', () => post(answer({ locale: 'xx' })), 422, 'body.locale'],
  ])('names the field for %s', async (_name, send, status, path) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses an answer with nothing in it (422) and does not count it, from a resident or on paper', async () => {
    const stored = async () =>
      (await t.app.db.selectFrom('survey_response').select('id').where('collaboration_id', '=', collab.id).execute()).length;
    const before = await stored();
    const blanks = [{}, { other_comments: '   ', problems: {}, avoided_how: [] }];
    for (const answers of blanks) {
      const res = await post({ locale: 'sv', answers, pins: [] });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ error: 'EMPTY_ANSWER' });
    }
    await createUser(t.app, collab, { email: 'typist@responses.test', role: 'coordinator' });
    const cookie = await loginAs(t.app, 'typist@responses.test');
    const campaign = await t.app.db.selectFrom('campaign').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    const paper = await t.app.inject({
      method: 'POST',
      url: `/api/campaigns/${campaign.id}/paper-responses`,
      headers: { origin: ORIGIN, cookie, 'idempotency-key': randomUUID() },
      payload: { locale: 'sv', answers: {}, pins: [] },
    });
    expect(paper.statusCode, paper.body).toBe(422);
    expect(paper.json()).toMatchObject({ error: 'EMPTY_ANSWER' });
    expect(await stored()).toBe(before);
    // One answered question, or one place alone, is an answer.
    expect((await post({ locale: 'sv', answers: { safety_evening: 'very_safe' }, pins: [] })).statusCode).toBe(201);
    expect((await post({ locale: 'sv', answers: {}, pins: [{ placeId, category: 'lighting' }] })).statusCode).toBe(201);
    expect(await stored()).toBe(before + 2);
  });

  it('answers an unknown, a closed and a not-yet-open campaign precisely', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/public/campaigns/nope/responses',
      headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
      payload: answer(),
    });
    expect(unknown.statusCode).toBe(404);
    const reschedule = async (opens: number, closes: number) => {
      await t.app.db
        .updateTable('campaign')
        .set({ opens_at: new Date(Date.now() + opens), closes_at: new Date(Date.now() + closes) })
        .where('slug', '=', 'demo')
        .execute();
      // Changed behind the app's back: drop its short-lived copy as the staff screens do.
      t.app.campaignContexts.delete('demo');
    };
    await reschedule(-86_400_000, -1000);
    expect((await post(answer())).json()).toMatchObject({ error: 'CAMPAIGN_CLOSED' });
    expect((await post(answer())).statusCode).toBe(410);
    await reschedule(86_400_000, 2 * 86_400_000);
    expect((await post(answer())).statusCode).toBe(409);
    await reschedule(-86_400_000, 86_400_000);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post({ ...answer(), answers: { other_comments: 'x'.repeat(40_000) } });
    expect(res.statusCode).toBe(413);
  });

  it('accepts a non-browser client without Origin, but never a foreign Origin', async () => {
    const res = await t.app.inject({ method: 'POST', url, headers: { 'idempotency-key': randomUUID() }, payload: answer() });
    expect(res.statusCode).toBe(201);
    const foreign = await post(answer(), randomUUID(), { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
  });

  it('flags a second answer from the same device and keeps its pins out of the point store', async () => {
    const deviceToken = 'device-token-abcdefghijklmnop';
    const first = await post(answer({ deviceToken }));
    const second = await post(answer({ deviceToken }));
    expect(second.statusCode).toBe(201);
    const rows = await t.app.db
      .selectFrom('survey_response')
      .select(['id', 'status', 'flag_reason', 'device_hash'])
      .where('id', 'in', [first.json().id, second.json().id])
      .execute();
    const flagged = must(
      rows.find((r) => r.id === second.json().id),
      'the flagged response',
    );
    expect(flagged).toMatchObject({ status: 'flagged', flag_reason: 'repeat_device' });
    expect(flagged.device_hash).not.toContain(deviceToken);
    expect(rows.find((r) => r.id === first.json().id)?.status).toBe('accepted');
    const points = await t.app.db.selectFrom('point').select('id').where('origin_id', '=', second.json().id).execute();
    expect(points).toHaveLength(0);
  });
});

describe('area of residence', () => {
  it('files the answer under the district the respondent lives in; elsewhere or no answer leaves it unfiled', async () => {
    const district = await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: 'Norr',
        kind: 'district',
        geometry: JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [14, 57.2],
              [14.1, 57.2],
              [14.1, 57.25],
              [14, 57.2],
            ],
          ],
        }),
        bbox: [14, 57.2, 14.1, 57.25],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const survey = await t.app.db
      .insertInto('survey')
      .values({ collaboration_id: collab.id, name: 'Med område' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await t.app.db
      .insertInto('survey_version')
      .values({
        survey_id: survey.id,
        version: 1,
        status: 'published',
        questions: JSON.stringify(standardQuestions([{ id: district.id, name: 'Norr' }])),
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.app.db
      .insertInto('campaign')
      .values({
        collaboration_id: collab.id,
        survey_version_id: version.id,
        slug: 'home-area',
        title: JSON.stringify({ sv: 'Område' }),
        audience: 'residents',
        opens_at: new Date(Date.now() - 86_400_000),
        closes_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
    const send = (answers: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/campaigns/home-area/responses',
        headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
        payload: { locale: 'sv', answers, pins: [] },
      });

    const home = await send({ safety_evening: 'very_safe', [HOME_AREA_QUESTION_ID]: district.id });
    const elsewhere = await send({ [HOME_AREA_QUESTION_ID]: HOME_AREA_ELSEWHERE });
    const silent = await send({ safety_evening: 'very_safe' });
    expect([home.statusCode, elsewhere.statusCode, silent.statusCode]).toEqual([201, 201, 201]);
    const rows = await t.app.db
      .selectFrom('survey_response')
      .select(['id', 'area_id'])
      .where('id', 'in', [home.json().id, elsewhere.json().id, silent.json().id])
      .execute();
    const areaOf = (id: string) => rows.find((r) => r.id === id)?.area_id;
    expect(areaOf(home.json().id)).toBe(district.id);
    expect(areaOf(elsewhere.json().id)).toBeNull();
    expect(areaOf(silent.json().id)).toBeNull();

    const foreign = await send({ [HOME_AREA_QUESTION_ID]: randomUUID() });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().details[0].path).toBe(`body.answers.${HOME_AREA_QUESTION_ID}`);
  });
});

describe('a campaign with an area of its own', () => {
  it('takes answers inside its area only and frames its map to it', async () => {
    const ring = [
      [13.95, 57.12],
      [14.0, 57.12],
      [14.0, 57.16],
      [13.95, 57.16],
      [13.95, 57.12],
    ];
    const area = await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: 'Söder',
        kind: 'custom',
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        bbox: [13.95, 57.12, 14.0, 57.16],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const demo = await t.app.db.selectFrom('campaign').select('survey_version_id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    await t.app.db
      .insertInto('campaign')
      .values({
        collaboration_id: collab.id,
        survey_version_id: demo.survey_version_id,
        slug: 'soder',
        title: JSON.stringify({ sv: 'Söder' }),
        area_id: area.id,
        audience: 'residents',
        opens_at: new Date(Date.now() - 86_400_000),
        closes_at: new Date(Date.now() + 86_400_000),
      })
      .execute();

    const page = await t.app.inject({ method: 'GET', url: '/api/public/campaigns/soder' });
    expect(page.json().bounds).toEqual([13.95, 57.12, 14.0, 57.16]);
    const send = (lat: number, lon: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/campaigns/soder/responses',
        headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
        payload: { locale: 'sv', answers: {}, pins: [{ lat, lon, category: 'lighting' }] },
      });
    expect((await send(57.14, 13.97)).statusCode).toBe(201);
    // Inside the municipality, outside the campaign's area.
    const outside = await send(57.25, 14.15);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details[0].path).toBe('body.pins.0');
  });
});

describe('submission rate limit', () => {
  it('answers 429 with Retry-After past the limit per client, and stores no address', async () => {
    const limited = await createTestApp({ submissionRateLimit: 3 });
    try {
      const c = await createCollaboration(limited.app, 'limited');
      await createVarnamoBoundary(limited.app, c);
      await seedDemoCampaign(limited.app.db, c.id);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url,
          remoteAddress: '203.0.113.9',
          headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
          payload: answer({ pins: [] }),
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const other = await limited.app.inject({
        method: 'POST',
        url,
        remoteAddress: '203.0.113.10',
        headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
        payload: answer({ pins: [] }),
      });
      expect(other.statusCode).toBe(201);
      const keys = await limited.app.db.selectFrom('rate_limit_counter').select('key').execute();
      expect(keys.some((k) => k.key.includes('203.0.113'))).toBe(false);
    } finally {
      await limited.close();
    }
  });
});
