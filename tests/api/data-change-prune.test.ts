import { must, wgs84ToSweref } from '@lagesbild/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaborationState, pruneDataChanges } from '../../server/src/features/hotspots/hotspot-repository';
import { createCollaboration, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let first: TestCollaboration;
let second: TestCollaboration;

beforeAll(async () => {
  t = await createTestApp();
  first = await createCollaboration(t.app, 'prune-first');
  second = await createCollaboration(t.app, 'prune-second');
});
afterAll(async () => t.close());

async function addPoint(collaborationId: string) {
  const [x, y] = wgs84ToSweref(57.18, 14.04);
  await t.app.db
    .insertInto('point')
    .values({
      collaboration_id: collaborationId,
      source: 'municipality',
      category: 'littering',
      occurred_at: new Date(),
      lat: 57.18,
      lon: 14.04,
      x,
      y,
      precision: 'exact',
      classification: 'internal',
      origin_kind: 'import',
    })
    .execute();
}

// The log is written by triggers only, so it is not in the Kysely schema.
const logged = async (collaborationId: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from collaboration_data_change where collaboration_id = ${collaborationId}`.execute(
      t.app.db,
    )
  ).rows[0]?.n;

describe('the data-change log', () => {
  it('keeps only the newest change per collaboration, so the data versions stay as they were', async () => {
    for (let i = 0; i < 4; i++) await addPoint(first.id);
    for (let i = 0; i < 3; i++) await addPoint(second.id);
    const before = [await collaborationState(t.app.db, first.id), await collaborationState(t.app.db, second.id)];
    expect(await logged(first.id)).toBeGreaterThanOrEqual(4);

    await pruneDataChanges(t.app.db);

    expect([await logged(first.id), await logged(second.id)]).toEqual([1, 1]);
    expect([await collaborationState(t.app.db, first.id), await collaborationState(t.app.db, second.id)]).toEqual(before);
    // A new change still moves the version on.
    await addPoint(first.id);
    expect(BigInt((await collaborationState(t.app.db, first.id)).version)).toBeGreaterThan(
      BigInt(must(before[0], 'the state before').version),
    );
  });
});
