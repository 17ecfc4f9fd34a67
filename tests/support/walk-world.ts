import type { WalkSummary } from '@lagesbild/shared';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs } from './fixtures';
import { createTestApp } from './test-app';

/**
 * The two collaborations the safety-walk API tests share, in a fresh database: A (Värnamo, with
 * the district Centrum) with a coordinator, a police coordinator and an official; B with an
 * admin, who must never see A's walks.
 */

/** Centrum, a district of Värnamo: about 1.8 × 2.2 km. */
export const CENTRUM = [14.03, 57.17, 14.06, 57.19] as const;
export const IN_CENTRUM = { lat: 57.18, lon: 14.045 };

type Who = 'coordinator' | 'official' | 'adminB' | 'policeCoordinator';

/** What the walk tests get: the app, both collaborations, the sign-in cookies and helpers. */
export type WalkWorld = Awaited<ReturnType<typeof createWalkWorld>>;

export async function createWalkWorld() {
  const t = await createTestApp();
  const a = await createCollaboration(t.app, 'walks-a');
  const b = await createCollaboration(t.app, 'walks-b');
  const cookie: Record<Who, string> = {} as never;

  /** One request as the signed-in user named. */
  async function request(
    who: Who,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    return t.app.inject({
      method,
      url,
      headers: { origin: ORIGIN, cookie: cookie[who], ...headers },
      ...(payload !== undefined ? { payload: payload as never } : {}),
    });
  }

  /** A walk in Centrum by the coordinator, with the fields given replaced. */
  async function newWalk(body: Record<string, unknown> = {}): Promise<WalkSummary> {
    const res = await request('coordinator', 'POST', '/api/walks', {
      title: 'Kvällsvandring i centrum',
      areaId: centrumId,
      walkedOn: '2026-11-19',
      light: 'dark',
      participants: 14,
      partners: ['Värnamo kommun, gatuavdelningen', 'Polisen', 'Bostadsbolaget "Hem", Värnamo'],
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function putStop(walkId: string, clientId: string, body: Record<string, unknown>, who: Who = 'coordinator') {
    return request(who, 'PUT', `/api/walks/${walkId}/stops/${clientId}`, body);
  }

  /** A's walk points in the point store, optionally of some stops or some point ids only. */
  async function walkPoints(filter: { stopIds?: string[]; pointIds?: string[] } = {}) {
    let query = t.app.db
      .selectFrom('point')
      .select([
        'id',
        'source',
        'category',
        'classification',
        'precision',
        'area_id',
        'time_band',
        'occurred_at',
        'origin_kind',
        'origin_id',
        'weight',
        'lat',
        'lon',
      ])
      .where('collaboration_id', '=', a.id)
      .where('source', '=', 'walk');
    if (filter.stopIds) query = query.where('origin_id', 'in', filter.stopIds);
    if (filter.pointIds) query = filter.pointIds.length > 0 ? query.where('id', 'in', filter.pointIds) : query.where(sql<boolean>`false`);
    return query.orderBy('category').execute();
  }

  await createVarnamoBoundary(t.app, a);
  const ring = [
    [CENTRUM[0], CENTRUM[1]],
    [CENTRUM[2], CENTRUM[1]],
    [CENTRUM[2], CENTRUM[3]],
    [CENTRUM[0], CENTRUM[3]],
    [CENTRUM[0], CENTRUM[1]],
  ];
  const centrum = await t.app.db
    .insertInto('area')
    .values({
      collaboration_id: a.id,
      name: 'Centrum',
      kind: 'district',
      geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      bbox: [...CENTRUM],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const centrumId = centrum.id;
  const otherAreaId = await createVarnamoBoundary(t.app, b);
  await createUser(t.app, a, { email: 'coordinator@walks.test', role: 'coordinator' });
  await createUser(t.app, a, { email: 'police@walks.test', role: 'coordinator', agency: 'police' });
  await createUser(t.app, a, { email: 'official@walks.test', role: 'official' });
  await createUser(t.app, b, { email: 'admin@walks-b.test', role: 'admin' });
  cookie.coordinator = await loginAs(t.app, 'coordinator@walks.test');
  cookie.policeCoordinator = await loginAs(t.app, 'police@walks.test');
  cookie.official = await loginAs(t.app, 'official@walks.test');
  cookie.adminB = await loginAs(t.app, 'admin@walks-b.test');

  return { t, a, b, centrumId, otherAreaId, cookie, request, newWalk, putStop, walkPoints };
}
