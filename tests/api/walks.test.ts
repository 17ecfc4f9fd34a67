import { randomUUID } from 'node:crypto';
import { must, type WalkDetail, type WalkStop, type WalkSummary } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { CENTRUM, IN_CENTRUM, createWalkWorld } from '../support/walk-world';
import { useWorld } from '../support/use-world';

/**
 * Safety walks through the API: walks, their stops (stored exactly once, near the walk), the
 * points their low ratings feed into the point store, and the suggested actions.
 */

const world = useWorld(createWalkWorld);

describe('safety walks', () => {
  it('a coordinator creates a walk; every staff member of the collaboration sees it', async () => {
    const walk = await world.newWalk();
    expect(walk).toMatchObject({
      title: 'Kvällsvandring i centrum',
      areaId: world.centrumId,
      areaName: 'Centrum',
      walkedOn: '2026-11-19',
      light: 'dark',
      participants: 14,
      partners: ['Värnamo kommun, gatuavdelningen', 'Polisen', 'Bostadsbolaget "Hem", Värnamo'],
      status: 'planned',
      stops: 0,
      createdBy: 'coordinator',
    });
    const list = await world.request('official', 'GET', '/api/walks');
    expect(list.statusCode).toBe(200);
    expect(list.json().walks.map((w: WalkSummary) => w.id)).toContain(walk.id);
    expect(list.json().areas.map((x: { name: string }) => x.name)).toEqual(['Centrum', 'Värnamo kommun']);
    const detail = await world.request('official', 'GET', `/api/walks/${walk.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().bounds).toEqual([...CENTRUM]);
    const audit = await world.t.app.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', walk.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['walk.create']);
    expect(JSON.stringify(audit)).not.toContain('Kvällsvandring');
  });

  it('needs an area or a route, and only the collaboration’s own areas', async () => {
    const none = await world.request('coordinator', 'POST', '/api/walks', {
      title: 'X',
      walkedOn: '2026-11-19',
      light: 'daylight',
      participants: 3,
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toBe('ROUTE_OR_AREA_REQUIRED');
    const foreign = await world.request('coordinator', 'POST', '/api/walks', {
      title: 'X',
      areaId: world.otherAreaId,
      walkedOn: '2026-11-19',
      light: 'daylight',
      participants: 3,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error).toBe('UNKNOWN_AREA');
    const badDate = await world.request('coordinator', 'POST', '/api/walks', {
      title: 'X',
      routeDescription: 'Torget',
      walkedOn: '2026-02-30',
      light: 'dusk',
      participants: 0,
    });
    expect(badDate.statusCode).toBe(400);
    const paths = (badDate.json().details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.walkedOn', 'body.light', 'body.participants']));
  });

  it('stores a stop exactly once per client id; other content under the same id is a conflict', async () => {
    const walk = await world.newWalk();
    const clientId = randomUUID();
    const body = {
      ...IN_CENTRUM,
      ratings: { lighting: 0, feeling: 1 },
      notes: 'Trasig gatlykta vid gångtunneln',
      recordedAt: '2026-11-19T17:42:00.000Z',
    };
    const first = await world.putStop(walk.id, clientId, body);
    expect(first.statusCode, first.body).toBe(201);
    // The phone lost the answer and syncs again, spelling unrated parameters out as null.
    const again = await world.putStop(walk.id, clientId, { ...body, ratings: { lighting: 0, feeling: 1, people: null } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const third = await world.putStop(walk.id, clientId, body);
    expect(third.statusCode).toBe(200);
    const rows = await world.t.app.db.selectFrom('walk_stop').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
    expect((await world.walkPoints({ stopIds: [must(rows[0], 'the stop').id] })).length).toBe(1);

    const conflict = await world.putStop(walk.id, clientId, { ...body, ratings: { lighting: 3 } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toBe('STOP_CONFLICT');

    const detail = (await world.request('coordinator', 'GET', `/api/walks/${walk.id}`)).json<WalkDetail>();
    expect(detail.stops).toHaveLength(1);
    expect(detail.walk.stops).toBe(1);
    expect(detail.stops[0]).toMatchObject({
      clientId,
      notes: 'Trasig gatlykta vid gångtunneln',
      ratings: { lighting: 0, feeling: 1, people: null },
    });
  });

  it('stores stops sent at the same moment once', async () => {
    const walk = await world.newWalk();
    const clientId = randomUUID();
    const body = { ...IN_CENTRUM, ratings: { openness: 1 } };
    const answers = await Promise.all([
      world.putStop(walk.id, clientId, body),
      world.putStop(walk.id, clientId, body),
      world.putStop(walk.id, clientId, body),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const rows = await world.t.app.db.selectFrom('walk_stop').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toHaveLength(1);
    expect(await world.walkPoints({ stopIds: [must(rows[0], 'the stop').id] })).toHaveLength(1);
  });

  it('refuses ratings outside 0–3 and unknown parameters with 400', async () => {
    const walk = await world.newWalk();
    for (const ratings of [{ lighting: 4 }, { feeling: -1 }, { people: 1.5 }, { security: '2' }, { sightlines: 2 }]) {
      const res = await world.putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings });
      expect(res.statusCode, JSON.stringify(ratings)).toBe(400);
      expect(res.json().error).toBe('VALIDATION_FAILED');
      expect(res.json().details[0].path).toMatch(/^body\.ratings\./);
    }
    const badId = await world.putStop(walk.id, 'not-a-uuid', { ...IN_CENTRUM, ratings: {} });
    expect(badId.statusCode).toBe(400);
    expect(await world.t.app.db.selectFrom('walk_stop').select('id').where('walk_id', '=', walk.id).execute()).toEqual([]);
  });

  it('refuses a stop far from the walk’s area, and one outside the collaboration', async () => {
    const walk = await world.newWalk();
    // 1 km north of Centrum's box: still accepted (GPS drift, a stop just outside the district).
    const near = await world.putStop(walk.id, randomUUID(), { lat: CENTRUM[3] + 0.009, lon: 14.045, ratings: {} });
    expect(near.statusCode, near.body).toBe(201);
    // 5 km east of it: a mistake.
    const far = await world.putStop(walk.id, randomUUID(), { lat: 57.18, lon: CENTRUM[2] + 0.083, ratings: { lighting: 0 } });
    expect(far.statusCode).toBe(422);
    expect(far.json().error).toBe('STOP_TOO_FAR');
    expect(far.json().message).toMatch(/5(\.0)? km outside the walk's area "Centrum"/);
    expect(far.json().details.map((d: { path: string }) => d.path)).toEqual(['body.lat', 'body.lon']);

    const routeOnly = await world.newWalk({ areaId: null, routeDescription: 'Från stationen längs ån till Vandalorum' });
    const stockholm = await world.putStop(routeOnly.id, randomUUID(), { lat: 59.33, lon: 18.07, ratings: {} });
    expect(stockholm.statusCode).toBe(422);
    expect(stockholm.json().message).toContain("outside the collaboration's boundary (Värnamo kommun)");
    const inBoundary = await world.putStop(routeOnly.id, randomUUID(), { lat: 57.15, lon: 14.1, ratings: {} });
    expect(inBoundary.statusCode).toBe(201);
  });

  it('feeds low ratings into the point store as source "walk", one point per derived category', async () => {
    const walk = await world.newWalk();
    const res = await world.putStop(walk.id, randomUUID(), {
      ...IN_CENTRUM,
      ratings: { lighting: 0, openness: 1, people: 1, security: 0, walk_path: 1, transport: 0, feeling: 0, mixed_use: 2, visibility: 3 },
      recordedAt: '2026-11-19T20:15:00.000Z', // 21:15 in Värnamo
    });
    expect(res.statusCode).toBe(201);
    const stop = res.json<WalkStop>();
    expect(stop.categories).toEqual(['lighting', 'traffic', 'disorder']);
    const points = await world.walkPoints({ pointIds: stop.pointIds });
    expect(points.map((p) => p.category)).toEqual(['disorder', 'lighting', 'traffic']);
    expect(points.map((p) => p.id).sort()).toEqual([...stop.pointIds].sort());
    for (const point of points) {
      expect(point).toMatchObject({
        source: 'walk',
        classification: 'internal',
        precision: 'exact',
        area_id: world.centrumId,
        time_band: 'evening',
        origin_kind: 'walk_stop',
        weight: 1,
        lat: IN_CENTRUM.lat,
        lon: IN_CENTRUM.lon,
      });
      expect(new Date(must(point.occurred_at, 'the point date')).toISOString()).toBe('2026-11-19T20:15:00.000Z');
    }

    // Rated fine everywhere: part of the protocol, no evidence of a problem.
    const fine = (await world.putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { lighting: 3, feeling: 2 } })).json<WalkStop>();
    expect(fine.categories).toEqual([]);
    expect(fine.pointIds).toEqual([]);

    // Without a recorded time a dark walk's stop is dated the walk's evening.
    const untimed = (await world.putStop(walk.id, randomUUID(), { ...IN_CENTRUM, ratings: { feeling: 0 } })).json<WalkStop>();
    const [other] = await world.walkPoints({ pointIds: untimed.pointIds });
    expect(other).toMatchObject({ category: 'other', time_band: 'evening' });
    expect(new Date(must(other?.occurred_at, 'the point date')).toISOString()).toBe('2026-11-19T19:00:00.000Z'); // 20:00 CET

    // Daylight instead of dark: the walk's points move to daytime.
    const patched = await world.request('coordinator', 'PATCH', `/api/walks/${walk.id}`, { light: 'daylight', status: 'done' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ light: 'daylight', status: 'done' });
    const after = (await world.request('coordinator', 'GET', `/api/walks/${walk.id}`)).json<WalkDetail>();
    const [moved] = await world.walkPoints({
      pointIds: must(
        after.stops.find((s) => s.clientId === untimed.clientId),
        'the stop',
      ).pointIds,
    });
    expect(moved?.time_band).toBe('day');
    expect(new Date(must(moved?.occurred_at, 'the point date')).toISOString()).toBe('2026-11-19T11:00:00.000Z');

    const overview = (await world.request('official', 'GET', '/api/overview')).json<{ sources: { source: string; total: number }[] }>();
    expect(overview.sources.find((s) => s.source === 'walk')?.total).toBe((await world.walkPoints()).length);

    const removed = await world.request('coordinator', 'DELETE', `/api/walks/${walk.id}/stops/${stop.clientId}`, {});
    expect(removed.statusCode).toBe(200);
    expect(await world.walkPoints({ pointIds: stop.pointIds })).toEqual([]);
    const gone = await world.request('coordinator', 'DELETE', `/api/walks/${walk.id}/stops/${stop.clientId}`, {});
    expect(gone.statusCode).toBe(404);
  });

  it('lists open suggested actions for the pledge draft, and lets coordinators decide on them', async () => {
    const walk = await world.newWalk({ title: 'Åtgärdsvandring' });
    const clientId = randomUUID();
    await world.putStop(walk.id, clientId, {
      ...IN_CENTRUM,
      ratings: { lighting: 0 },
      action: { text: 'Byt armaturer i gångtunneln', owner: 'municipality', ownerName: 'Gatuavdelningen' },
    });
    const open = await world.request('official', 'GET', '/api/walks/actions');
    expect(open.statusCode).toBe(200);
    const mine = open.json().actions.find((x: { stopClientId: string }) => x.stopClientId === clientId);
    expect(mine).toMatchObject({
      walkId: walk.id,
      walkTitle: 'Åtgärdsvandring',
      walkedOn: '2026-11-19',
      text: 'Byt armaturer i gångtunneln',
      owner: 'municipality',
      ownerName: 'Gatuavdelningen',
      status: 'open',
      areaId: world.centrumId,
      areaName: 'Centrum',
      categories: ['lighting'],
      lat: IN_CENTRUM.lat,
      lon: IN_CENTRUM.lon,
    });
    expect((await world.request('coordinator', 'GET', `/api/walks/${walk.id}`)).json().walk.openActions).toBe(1);

    const adopted = await world.request('coordinator', 'PATCH', `/api/walks/${walk.id}/stops/${clientId}`, { actionStatus: 'adopted' });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json().action.status).toBe('adopted');
    const stillOpen = (await world.request('official', 'GET', '/api/walks/actions')).json().actions;
    expect(stillOpen.map((x: { stopClientId: string }) => x.stopClientId)).not.toContain(clientId);
    const taken = (await world.request('official', 'GET', '/api/walks/actions?status=adopted')).json().actions;
    expect(taken.map((x: { stopClientId: string }) => x.stopClientId)).toContain(clientId);

    const noAction = randomUUID();
    await world.putStop(walk.id, noAction, { ...IN_CENTRUM, ratings: {} });
    expect(
      (await world.request('coordinator', 'PATCH', `/api/walks/${walk.id}/stops/${noAction}`, { actionStatus: 'adopted' })).statusCode,
    ).toBe(409);
  });
});
