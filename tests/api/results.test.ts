import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { ORIGIN, createCollaboration, createVarnamoBoundary } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

async function submit(answers: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/campaigns/demo/responses',
    headers: { 'idempotency-key': randomUUID(), origin: ORIGIN },
    payload: { locale: 'sv', answers, pins: [] },
  });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp({ submissionRateLimit: 1000 });
  const collab = await createCollaboration(t.app, 'results');
  await createVarnamoBoundary(t.app, collab);
  await seedDemoCampaign(t.app.db, collab.id);
});
afterAll(async () => t.close());

/** Moves every answer so far back a day: yesterday's answers are what today's results may show. */
const letADayPass = () => sql`update survey_response set submitted_at = submitted_at - interval '1 day'`.execute(t.app.db);

const results = async () => (await t.app.inject({ method: 'GET', url: '/api/public/campaigns/demo/results' })).json();

describe('public results', () => {
  it('shows nothing while fewer than five have answered', async () => {
    for (let i = 0; i < 4; i++) await submit({ safety_evening: 'fairly_safe' });
    const body = await results();
    expect(body.respondents).toBeNull();
    const q = body.questions.find((x: { id: string }) => x.id === 'safety_evening');
    expect(q.groups[0].total).toBeNull();
    expect(q.groups[0].cells.every((c: { count: number | null }) => c.count === null)).toBe(true);
  });

  it('hides small groups and whatever would let them be worked out', async () => {
    for (let i = 0; i < 4; i++) await submit({ safety_evening: 'fairly_safe' });
    for (let i = 0; i < 7; i++) await submit({ safety_evening: 'very_safe', problems: { drugs: 'big' } });
    for (let i = 0; i < 2; i++) await submit({ safety_evening: 'very_unsafe', problems: { drugs: 'small' } });
    expect((await results()).respondents).toBeNull();
    await letADayPass();
    const body = await results();
    expect(body.publishedThrough).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.respondents).toBe(17);
    const q = body.questions.find((x: { id: string }) => x.id === 'safety_evening');
    const count = (value: string) => q.groups[0].cells.find((c: { value: string }) => c.value === value).count;
    expect(q.groups[0].total).toBe(17);
    expect(count('fairly_safe')).toBe(8);
    // 2 is below five, and with the total shown it would follow from the rest; so the next
    // smallest group (7) is hidden too.
    expect(count('very_unsafe')).toBeNull();
    expect(count('very_safe')).toBeNull();
    expect(count('fairly_unsafe')).toBe(0);
    const drugs = body.questions
      .find((x: { id: string }) => x.id === 'problems')
      .groups.find((g: { label: string }) => g.label === 'Narkotika');
    expect(drugs.total).toBe(9);
    expect(drugs.cells.filter((c: { count: number | null }) => c.count === null)).toHaveLength(2);
  });

  it('does not change after one more answer (a kiosk watcher learns nothing from it)', async () => {
    const before = await results();
    expect(before.respondents).toBe(17);
    await submit({ safety_evening: 'very_unsafe', problems: { drugs: 'big' } });
    expect(await results()).toEqual(before);
    // Not even once the day is over: one new answer is fewer than k.
    await letADayPass();
    expect(await results()).toEqual(before);
  });

  it('never shows free text', async () => {
    await submit({ other_comments: 'Min granne Kalle på Storgatan 5' });
    const text = JSON.stringify(await results());
    expect(text).not.toContain('Kalle');
    expect(text).not.toContain('other_comments');
  });
});
