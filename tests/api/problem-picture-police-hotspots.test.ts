import { wgs84ToSweref } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The problem picture's hot-spot count follows the map's rule for who sees police-only records:
 * staff outside the police get it computed without them (a count of places is a figure derived
 * from those records too), so it agrees with their map and cannot be compared to reveal them.
 */
let t: TestApp;
let collab: TestCollaboration;
let municipal: string;
let police: string;

/** A seeded generator, so the pattern is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function addPoliceOnly(points: [number, number][]) {
  await t.app.db
    .insertInto('point')
    .values(
      points.map(([lat, lon], i) => {
        const [x, y] = wgs84ToSweref(lat, lon);
        return {
          collaboration_id: collab.id,
          source: 'police' as const,
          category: 'drugs' as const,
          occurred_at: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000),
          lat,
          lon,
          x,
          y,
          precision: 'exact' as const,
          classification: 'police_only' as const,
          origin_kind: 'demo' as const,
        };
      }),
    )
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'policehot');
  await createVarnamoBoundary(t.app, collab);
  await createUser(t.app, collab, { email: 'official@policehot.test', role: 'official', agency: 'municipality' });
  await createUser(t.app, collab, { email: 'police@policehot.test', role: 'official', agency: 'police' });
  municipal = await loginAs(t.app, 'official@policehot.test');
  police = await loginAs(t.app, 'police@policehot.test');
  const next = random(20);
  // Background spread over the town, and one tight cluster by the station.
  const background = Array.from({ length: 150 }, (): [number, number] => [57.16 + next() * 0.04, 14.0 + next() * 0.08]);
  const cluster = Array.from({ length: 40 }, (): [number, number] => [57.1835 + next() * 0.0006, 14.0437 + next() * 0.001]);
  await addPoliceOnly([...background, ...cluster]);
});
afterAll(async () => t.close());

const drugs = async (cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/problem-picture?from=2026-01-01&to=2026-06-30', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ problems: { category: string; hotspots: number }[] }>().problems.find((p) => p.category === 'drugs');
};

describe('hot spots in the problem picture and police-only records', () => {
  it('counts them for the police, and leaves them out for municipal staff', async () => {
    expect((await drugs(police))?.hotspots).toBeGreaterThanOrEqual(1);
    expect((await drugs(municipal))?.hotspots ?? 0).toBe(0);
  });
});
