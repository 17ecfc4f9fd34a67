import { wgs84ToSweref, type Pledge } from '@lagesbild/shared';
import { expect } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

/**
 * The collaboration the pledge API tests share, built by hand in a fresh database:
 *   baseline (the snapshot, 2026-01-01 … 2026-06-30): 60 respondents, 20 feel unsafe,
 *     30 call drugs a big problem; 40 drug points clustered near the station;
 *   follow-up (from 2026-07-01): 8 respondents, 3 feel unsafe → the share is withheld.
 * A second collaboration (with its own area and admin) checks that nothing crosses over.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Answer<T> = { status: number; body: T & { error?: string; message?: string; details?: { path: string; message: string }[] } };

export interface PledgeWorld {
  t: TestApp;
  collab: TestCollaboration;
  other: TestCollaboration;
  official: string;
  coordinator: string;
  otherAdmin: string;
  snapshotId: string;
  districtId: string;
  otherArea: string;
  /** One JSON request as the signed-in user with this cookie. */
  call: <T = unknown>(cookie: string, method: Method, url: string, payload?: unknown) => Promise<Answer<T>>;
  /** Survey answers of the shared collaboration, one per day given. */
  addResponses: (count: number, day: (i: number) => Date, answers: (i: number) => Record<string, unknown>) => Promise<void>;
  /** A draft pledge from the shared snapshot. */
  newDraft: (year?: number, categories?: string[]) => Promise<Pledge>;
  /** A valid activity body for the district, with the fields given replaced. */
  activity: (overrides?: Record<string, unknown>) => Record<string, unknown>;
}

export async function createPledgeWorld(): Promise<PledgeWorld> {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, 'pledges');
  const other = await createCollaboration(t.app, 'pledges-other');
  const json = (cookie: string) => ({ origin: ORIGIN, cookie });
  const call: PledgeWorld['call'] = async <T = unknown>(cookie: string, method: Method, url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: json(cookie),
      ...(payload !== undefined ? { payload: payload as object } : method === 'GET' ? {} : { payload: {} }),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as Answer<T>['body'] };
  };

  async function addResponses(count: number, day: (i: number) => Date, answers: (i: number) => Record<string, unknown>) {
    await t.app.db
      .insertInto('survey_response')
      .values(
        Array.from({ length: count }, (_, i) => ({
          collaboration_id: collab.id,
          submitted_at: day(i),
          locale: 'sv',
          channel: 'web' as const,
          answers: JSON.stringify(answers(i)),
        })),
      )
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

  await createVarnamoBoundary(t.app, collab);
  const districtId = (
    await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: 'Centrum',
        kind: 'district',
        geometry: JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [14.0, 57.17],
              [14.08, 57.17],
              [14.08, 57.2],
              [14.0, 57.2],
              [14.0, 57.17],
            ],
          ],
        }),
        bbox: [14.0, 57.17, 14.08, 57.2],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

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

  const otherArea = await createVarnamoBoundary(t.app, other);
  await createUser(t.app, collab, { email: 'official@pledges.test', role: 'official' });
  await createUser(t.app, collab, { email: 'coordinator@pledges.test', role: 'coordinator' });
  await createUser(t.app, other, { email: 'admin@other.test', role: 'admin' });
  const official = await loginAs(t.app, 'official@pledges.test');
  const coordinator = await loginAs(t.app, 'coordinator@pledges.test');
  const otherAdmin = await loginAs(t.app, 'admin@other.test');
  await addResponses(
    60,
    (i) => new Date(Date.UTC(2026, 1, 1 + (i % 25), 12)),
    (i) => ({
      safety_evening: i < 20 ? 'very_unsafe' : 'fairly_safe',
      problems: { drugs: i < 30 ? 'big' : 'small', lighting: i < 6 ? 'big' : 'none' },
    }),
  );
  await addResponses(
    8,
    (i) => new Date(Date.UTC(2026, 7, 3 + i, 12)),
    (i) => ({ safety_evening: i < 3 ? 'fairly_unsafe' : 'very_safe' }),
  );
  await addPoints(40);
  const snapshot = await call<{ id: string }>(coordinator, 'POST', '/api/snapshots', {
    title: 'Lägesbild våren 2026',
    from: '2026-01-01',
    to: '2026-06-30',
  });
  expect(snapshot.status).toBe(201);
  const snapshotId = snapshot.body.id;

  async function newDraft(year = 2027, categories = ['drugs', 'lighting']): Promise<Pledge> {
    const res = await call<Pledge>(coordinator, 'POST', '/api/pledges', { snapshotId, year, categories });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  return { t, collab, other, official, coordinator, otherAdmin, snapshotId, districtId, otherArea, call, addResponses, newDraft, activity };
}
