import { randomUUID } from 'node:crypto';
import type { WalkDetail, WalkSummary } from '@lagesbild/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_JPEG } from '../support/images';
import { IN_CENTRUM, createWalkWorld, type WalkWorld } from '../support/walk-world';
import { useWorld } from '../support/use-world';

/**
 * Who may do what with walks: another collaboration finds nothing on any route, officials read
 * but do not write, police coordinators write.
 */

const world = useWorld(createWalkWorld);

describe('who may do what with walks', () => {
  let walk: WalkSummary;
  let clientId: string;
  let photoId: string;

  beforeAll(async () => {
    walk = await world.newWalk({ title: 'Behörighetsvandring' });
    clientId = randomUUID();
    photoId = randomUUID();
    await world.putStop(walk.id, clientId, {
      ...IN_CENTRUM,
      ratings: { lighting: 0 },
      action: { text: 'Belysning', owner: 'municipality' },
    });
    await world.request('coordinator', 'PUT', `/api/walks/${walk.id}/stops/${clientId}/photos/${photoId}`, BASE_JPEG, {
      'content-type': 'image/jpeg',
    });
  });

  it("answers 404 to another collaboration's admin on every walk route", async () => {
    const base = `/api/walks/${walk.id}`;
    const calls: [Parameters<WalkWorld['request']>[1], string, unknown?, Record<string, string>?][] = [
      ['GET', base],
      ['PATCH', base, { status: 'done' }],
      ['PUT', `${base}/stops/${clientId}`, { ...IN_CENTRUM, ratings: {} }],
      ['PUT', `${base}/stops/${randomUUID()}`, { ...IN_CENTRUM, ratings: {} }],
      ['PATCH', `${base}/stops/${clientId}`, { actionStatus: 'dismissed' }],
      ['DELETE', `${base}/stops/${clientId}`, {}],
      ['PUT', `${base}/stops/${clientId}/photos/${randomUUID()}`, BASE_JPEG, { 'content-type': 'image/jpeg' }],
      ['GET', `${base}/stops/${clientId}/photos/${photoId}`],
      ['GET', `${base}/export?format=docx`],
    ];
    for (const [method, url, payload, headers] of calls) {
      const res = await world.request('adminB', method, url, payload, headers);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error).toBe('WALK_NOT_FOUND');
    }
    expect((await world.request('adminB', 'GET', '/api/walks')).json().walks).toEqual([]);
    expect((await world.request('adminB', 'GET', '/api/walks/actions')).json().actions).toEqual([]);
    // Nothing changed.
    const detail = (await world.request('coordinator', 'GET', base)).json<WalkDetail>();
    expect(detail.stops.map((s) => s.clientId)).toEqual([clientId]);
    expect(detail.walk.status).toBe('planned');
  });

  it('lets officials read but not write, and police coordinators write', async () => {
    const base = `/api/walks/${walk.id}`;
    expect((await world.request('official', 'GET', base)).statusCode).toBe(200);
    expect((await world.request('official', 'GET', `${base}/stops/${clientId}/photos/${photoId}`)).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['POST', '/api/walks', { title: 'X', routeDescription: 'Y', walkedOn: '2026-11-19', light: 'dark', participants: 2 }],
      ['PATCH', base, { status: 'done' }],
      ['PUT', `${base}/stops/${randomUUID()}`, { ...IN_CENTRUM, ratings: {} }],
      ['DELETE', `${base}/stops/${clientId}`, {}],
    ] as const) {
      expect((await world.request('official', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await world.putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { people: 0 } }, 'policeCoordinator')).statusCode).toBe(
      201,
    );
    const anonymous = await world.t.app.inject({ method: 'GET', url: `${base}/stops/${clientId}/photos/${photoId}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
