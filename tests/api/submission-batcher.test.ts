import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import type { NewSubmission } from '../../server/src/features/responses/response-repository';
import { SubmissionBatcher } from '../../server/src/features/responses/submission-batcher';
import { createCollaboration, createVarnamoBoundary, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let campaign: { id: string; survey_version_id: string };

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'batcher');
  await createVarnamoBoundary(t.app, collab);
  await seedDemoCampaign(t.app.db, collab.id);
  campaign = await t.app.db.selectFrom('campaign').select(['id', 'survey_version_id']).where('slug', '=', 'demo').executeTakeFirstOrThrow();
});
afterAll(async () => t.close());

function submission(over: { key?: string; areaId?: string | null; comment?: string } = {}): NewSubmission {
  const id = randomUUID();
  return {
    response: {
      id,
      collaborationId: collab.id,
      campaignId: campaign.id,
      surveyVersionId: campaign.survey_version_id,
      areaId: over.areaId ?? null,
      locale: 'sv',
      channel: 'web',
      answers: { safety_evening: 'fairly_safe' },
      idempotencyKey: over.key ?? randomUUID(),
      bodyHash: 'hash',
      deviceHash: null,
    },
    pins: [
      {
        id: randomUUID(),
        category: 'lighting',
        times: ['evening'],
        lat: 57.18,
        lon: 14.04,
        placeId: null,
        placeDescription: null,
        comment: over.comment ?? null,
        point: {
          id: randomUUID(),
          collaboration_id: collab.id,
          source: 'survey',
          category: 'lighting',
          occurred_at: null,
          time_band: 'evening',
          lat: 57.18,
          lon: 14.04,
          x: 450_000,
          y: 6_340_000,
          precision: 'exact',
          area_id: null,
          classification: 'internal',
          origin_kind: 'response',
        },
      },
    ],
    texts: [],
  };
}

async function stored(ids: string[]) {
  const responses = await t.app.db.selectFrom('survey_response').select('id').where('id', 'in', ids).execute();
  const points = await t.app.db.selectFrom('point').select('origin_id').where('origin_id', 'in', ids).execute();
  const pins = await t.app.db.selectFrom('survey_pin').select('response_id').where('response_id', 'in', ids).execute();
  return { responses: responses.length, points: points.length, pins: pins.length };
}

describe('SubmissionBatcher', () => {
  it('writes submissions that arrive together, each with its pin and point, and answers each', async () => {
    const batcher = new SubmissionBatcher(t.app.db, 1);
    const many = Array.from({ length: 30 }, (_, i) => submission(i % 3 === 0 ? { comment: `Mörkt ${i}` } : {}));
    const results = await Promise.all(many.map((s) => batcher.store(s)));
    expect(results).toEqual(many.map(() => 'accepted'));
    const ids = many.map((s) => s.response.id);
    expect(await stored(ids)).toEqual({ responses: 30, points: 30, pins: 30 });
    const texts = await t.app.db.selectFrom('free_text').select('original').where('response_id', 'in', ids).execute();
    expect(texts).toHaveLength(10);
    // One statement, one transaction, one now(): the first went alone, the other 29 together.
    const times = await t.app.db.selectFrom('survey_response').select('submitted_at').where('id', 'in', ids).execute();
    expect(new Set(times.map((r) => r.submitted_at.getTime())).size).toBe(2);
  });

  it('stores a key sent twice in one batch once, and tells the second it was there already', async () => {
    const batcher = new SubmissionBatcher(t.app.db, 1);
    const key = randomUUID();
    const [first, second] = [submission({ key }), submission({ key })];
    const results = await Promise.all([batcher.store(submission()), batcher.store(first), batcher.store(second)]);
    expect(results.slice(1).sort()).toEqual(['accepted', undefined].sort());
    const rows = await t.app.db.selectFrom('survey_response').select('id').where('idempotency_key', '=', key).execute();
    expect(rows).toHaveLength(1);
  });

  it('does not let one bad submission fail the others of its batch', async () => {
    const batcher = new SubmissionBatcher(t.app.db, 1);
    const good = Array.from({ length: 5 }, () => submission());
    // An area that does not exist breaks a foreign key: that statement fails as a whole.
    const bad = submission({ areaId: randomUUID() });
    const outcomes = await Promise.allSettled([batcher.store(submission()), ...good.map((s) => batcher.store(s)), batcher.store(bad)]);
    expect(outcomes.slice(1, 6).map((o) => o.status)).toEqual(Array(5).fill('fulfilled'));
    expect(outcomes[6]?.status).toBe('rejected');
    expect(await stored(good.map((s) => s.response.id))).toEqual({ responses: 5, points: 5, pins: 5 });
    expect(await stored([bad.response.id])).toEqual({ responses: 0, points: 0, pins: 0 });
  });
});
