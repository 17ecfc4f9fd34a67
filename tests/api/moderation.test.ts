import { randomUUID } from 'node:crypto';
import { must, type ModerationItem } from '@lagesbild/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { publishableTexts } from '../../server/src/features/moderation/moderation-repository';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let coordinator: string;
let official: string;
let stranger: string;

const SECRET_TEXT = 'Ring Peter på 070-123 45 67, han bor på Storgatan 5';

beforeAll(async () => {
  t = await createTestApp({ submissionRateLimit: 1000 });
  collab = await createCollaboration(t.app, 'moderation');
  await createVarnamoBoundary(t.app, collab);
  await seedDemoCampaign(t.app.db, collab.id);
  const other = await createCollaboration(t.app, 'moderation-other');
  await createUser(t.app, collab, { email: 'coordinator@moderation.test', role: 'coordinator' });
  await createUser(t.app, collab, { email: 'official@moderation.test', role: 'official' });
  await createUser(t.app, other, { email: 'admin@other.test', role: 'admin' });
  coordinator = await loginAs(t.app, 'coordinator@moderation.test');
  official = await loginAs(t.app, 'official@moderation.test');
  stranger = await loginAs(t.app, 'admin@other.test');
});
afterAll(async () => t.close());

function call(cookie: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { origin: ORIGIN, cookie }, ...(payload ? { payload } : {}) });
}

async function submit(body: Record<string, unknown>): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/campaigns/demo/responses',
    headers: { origin: ORIGIN, 'idempotency-key': randomUUID() },
    payload: { locale: 'sv', answers: { safety_evening: 'fairly_safe' }, pins: [], ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function queueItem(responseId: string, status = 'pending'): Promise<ModerationItem> {
  const res = await call(coordinator, 'GET', `/api/moderation/texts?status=${status}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  const item = (res.json().items as ModerationItem[]).find((i) => i.response.id === responseId);
  return must(item, `the queue item of ${responseId}`);
}

describe('free-text moderation', () => {
  it('queues pin comments and text answers with their context', async () => {
    const id = await submit({
      answers: { other_comments: SECRET_TEXT },
      pins: [{ lat: 57.1835, lon: 14.0355, category: 'lighting', times: ['night'], comment: 'Mörkt vid <b>tunneln</b>' }],
    });
    const res = await call(coordinator, 'GET', '/api/moderation/texts');
    const mine = (res.json().items as ModerationItem[]).filter((i) => i.response.id === id);
    expect(mine).toHaveLength(2);
    const answer = must(
      mine.find((i) => i.kind === 'text_answer'),
      'the text answer',
    );
    expect(answer).toMatchObject({
      text: SECRET_TEXT,
      status: 'pending',
      question: { id: 'other_comments', label: { sv: expect.stringContaining('trygghet') } },
    });
    const comment = must(
      mine.find((i) => i.kind === 'pin_comment'),
      'the pin comment',
    );
    expect(comment).toMatchObject({
      text: 'Mörkt vid <b>tunneln</b>',
      pin: { category: 'lighting', times: ['night'], lat: 57.1835, lon: 14.0355 },
      campaign: { slug: 'demo' },
    });
    expect(res.json().counts.pending).toBeGreaterThanOrEqual(2);
  });

  it('redacts: stores the redacted text beside the original, audits ids and decision only', async () => {
    const id = await submit({ answers: { other_comments: SECRET_TEXT } });
    const item = await queueItem(id);
    const res = await call(coordinator, 'POST', `/api/moderation/texts/${item.id}/decision`, {
      decision: 'redact',
      redacted: 'Ring […], han bor på […]',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'redacted',
      redacted: 'Ring […], han bor på […]',
      text: SECRET_TEXT,
      decidedBy: 'coordinator',
    });
    const row = await t.app.db
      .selectFrom('free_text')
      .select(['status', 'redacted', 'original', 'decided_at'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'redacted', redacted: 'Ring […], han bor på […]', original: SECRET_TEXT });
    expect(row.decided_at).toBeInstanceOf(Date);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'details'])
      .where('target_id', '=', item.id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'moderation.redact',
        target_type: 'free_text',
        details: { responseId: id, campaignId: item.campaign.id, previous: 'pending' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Peter|070-123|Storgatan|Ring /);
    expect((await queueItem(id, 'redacted')).redacted).toBe('Ring […], han bor på […]');
  });

  it('approves and rejects, and lets a decision be changed', async () => {
    const id = await submit({ answers: { other_comments: 'Bra belysning på torget nu' } });
    const item = await queueItem(id);
    expect((await call(coordinator, 'POST', `/api/moderation/texts/${item.id}/decision`, { decision: 'approve' })).json().status).toBe(
      'approved',
    );
    expect((await call(coordinator, 'POST', `/api/moderation/texts/${item.id}/decision`, { decision: 'reject' })).json().status).toBe(
      'rejected',
    );
    const actions = await t.app.db.selectFrom('audit_log').select('action').where('target_id', '=', item.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['moderation.approve', 'moderation.reject']);
  });

  it.each([
    ['a redaction without text', { decision: 'redact' }, 422, 'body.redacted'],
    ['a redaction that changes nothing', { decision: 'redact', redacted: SECRET_TEXT }, 422, 'body.redacted'],
    ['an approval with a text', { decision: 'approve', redacted: 'x' }, 422, 'body.redacted'],
    ['an unknown decision', { decision: 'publish' }, 400, 'body.decision'],
  ])('refuses %s', async (_name, body, status, path) => {
    const id = await submit({ answers: { other_comments: SECRET_TEXT } });
    const item = await queueItem(id);
    const res = await call(coordinator, 'POST', `/api/moderation/texts/${item.id}/decision`, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('is for coordinators of the own collaboration only', async () => {
    const id = await submit({ answers: { other_comments: SECRET_TEXT } });
    const item = await queueItem(id);
    expect((await call(official, 'GET', '/api/moderation/texts')).statusCode).toBe(403);
    expect((await call(official, 'POST', `/api/moderation/texts/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await call(stranger, 'POST', `/api/moderation/texts/${item.id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    const foreign = await call(stranger, 'GET', '/api/moderation/texts');
    expect(foreign.json().items).toEqual([]);
    expect(JSON.stringify(foreign.json())).not.toContain('Peter');
  });

  it('hands on only approved text as written and redacted text as rewritten', async () => {
    const id = await submit({
      answers: { other_comments: SECRET_TEXT },
      pins: [{ lat: 57.18, lon: 14.03, category: 'other', comment: 'Bra som det är' }],
    });
    const items = (await call(coordinator, 'GET', '/api/moderation/texts?limit=200')).json().items as ModerationItem[];
    const answer = must(
      items.find((i) => i.response.id === id && i.kind === 'text_answer'),
      'the text answer',
    );
    const comment = must(
      items.find((i) => i.response.id === id && i.kind === 'pin_comment'),
      'the pin comment',
    );
    const campaignId = answer.campaign.id;
    const mine = async () =>
      (await publishableTexts(t.app.db, collab.id, campaignId)).filter((r) => [answer.id, comment.id].includes(r.id));
    expect(await mine()).toEqual([]);
    await call(coordinator, 'POST', `/api/moderation/texts/${answer.id}/decision`, { decision: 'redact', redacted: 'Ring […]' });
    await call(coordinator, 'POST', `/api/moderation/texts/${comment.id}/decision`, { decision: 'approve' });
    expect((await mine()).map((r) => r.text).sort()).toEqual(['Bra som det är', 'Ring […]']);
    await call(coordinator, 'POST', `/api/moderation/texts/${comment.id}/decision`, { decision: 'reject' });
    expect((await mine()).map((r) => r.text)).toEqual(['Ring […]']);
  });

  it('never lets free text out through a public route', async () => {
    await submit({
      answers: { other_comments: SECRET_TEXT },
      pins: [{ lat: 57.18, lon: 14.03, category: 'other', comment: 'Hemlig kommentar' }],
    });
    for (const url of ['/api/public/campaigns/demo', '/api/public/campaigns/demo/results', '/api/public/campaigns/demo?locale=en']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('Peter');
      expect(res.body).not.toContain('Hemlig');
    }
  });
});

describe('flagged repeat answers', () => {
  const deviceToken = () => `device-${randomUUID().replaceAll('-', '')}`;

  async function flaggedPair(withComment = false): Promise<string> {
    const token = deviceToken();
    await submit({ deviceToken: token });
    return submit({
      deviceToken: token,
      answers: { safety_evening: 'very_unsafe' },
      pins: [
        { lat: 57.1835, lon: 14.0355, category: 'lighting', times: ['evening'], ...(withComment ? { comment: 'Igen' } : {}) },
        { placeDescription: 'bakom skolan', category: 'vandalism_graffiti' },
      ],
    });
  }

  it('lists flagged answers with their pins', async () => {
    const id = await flaggedPair();
    const res = await call(coordinator, 'GET', '/api/moderation/responses');
    expect(res.statusCode).toBe(200);
    const flagged = res.json().responses.find((r: { id: string }) => r.id === id);
    expect(flagged).toMatchObject({ flagReason: 'repeat_device', answers: { safety_evening: 'very_unsafe' }, campaign: { slug: 'demo' } });
    expect(flagged.pins).toHaveLength(2);
    expect((await call(coordinator, 'GET', '/api/moderation/texts')).json().counts.flagged).toBeGreaterThanOrEqual(1);
  });

  it("accepting creates the pins' points in the point store and counts the answer", async () => {
    const id = await flaggedPair();
    expect(await t.app.db.selectFrom('point').select('id').where('origin_id', '=', id).execute()).toHaveLength(0);
    const res = await call(coordinator, 'POST', `/api/moderation/responses/${id}/decision`, { decision: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, status: 'accepted', pointsCreated: 1, textsRejected: 0 });
    const points = await t.app.db
      .selectFrom('point')
      .select(['id', 'source', 'category', 'time_band', 'precision', 'classification'])
      .where('origin_id', '=', id)
      .execute();
    expect(points).toMatchObject([
      { source: 'survey', category: 'lighting', time_band: 'evening', precision: 'exact', classification: 'internal' },
    ]);
    const pin = await t.app.db
      .selectFrom('survey_pin')
      .select('point_id')
      .where('response_id', '=', id)
      .where('category', '=', 'lighting')
      .executeTakeFirstOrThrow();
    expect(pin.point_id).toBe(points[0]?.id);
    const response = await t.app.db.selectFrom('survey_response').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(response.status).toBe('accepted');
    // Decided once: a second decision is refused.
    expect((await call(coordinator, 'POST', `/api/moderation/responses/${id}/decision`, { decision: 'discard' })).statusCode).toBe(409);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', id).execute();
    expect(audit).toEqual([
      { action: 'moderation.accept_response', details: { campaignId: expect.any(String), pointsCreated: 1, textsRejected: 0 } },
    ]);
  });

  it('discarding keeps the row as discarded, out of results and the point store, and rejects its texts', async () => {
    const id = await flaggedPair(true);
    const before = (await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo/results' })).json();
    const res = await call(coordinator, 'POST', `/api/moderation/responses/${id}/decision`, { decision: 'discard' });
    expect(res.json()).toEqual({ id, status: 'discarded', pointsCreated: 0, textsRejected: 1 });
    const row = await t.app.db.selectFrom('survey_response').select(['status', 'answers']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'discarded', answers: { safety_evening: 'very_unsafe' } });
    expect(await t.app.db.selectFrom('point').select('id').where('origin_id', '=', id).execute()).toHaveLength(0);
    expect(await t.app.db.selectFrom('free_text').select('status').where('response_id', '=', id).execute()).toEqual([
      { status: 'rejected' },
    ]);
    // Public results move only in steps of k answers after a day has passed: add five, let the
    // day pass, and the new state counts every accepted answer but not the discarded one.
    for (let i = 0; i < 5; i++) await submit({});
    await sql`update survey_response set submitted_at = submitted_at - interval '1 day'`.execute(t.app.db);
    const after = (await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo/results' })).json();
    const stored = await t.app.db
      .selectFrom('survey_response')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    const accepted = Number(stored.find((s) => s.status === 'accepted')?.n ?? 0);
    expect(Number(stored.find((s) => s.status === 'discarded')?.n ?? 0)).toBeGreaterThan(0);
    expect(after.respondents).not.toBe(before.respondents);
    expect(after.respondents).toBe(accepted);
    expect((await call(coordinator, 'GET', '/api/moderation/responses')).json().responses.map((r: { id: string }) => r.id)).not.toContain(
      id,
    );
  });

  it("answers another collaboration's answer with 404 and an accepted one with 409", async () => {
    const id = await flaggedPair();
    expect((await call(stranger, 'POST', `/api/moderation/responses/${id}/decision`, { decision: 'accept' })).statusCode).toBe(404);
    expect((await call(stranger, 'GET', '/api/moderation/responses')).json().responses).toEqual([]);
    expect((await call(official, 'POST', `/api/moderation/responses/${id}/decision`, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await submit({});
    expect((await call(coordinator, 'POST', `/api/moderation/responses/${accepted}/decision`, { decision: 'discard' })).statusCode).toBe(
      409,
    );
  });
});
