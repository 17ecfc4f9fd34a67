import { describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../server/src/plugins/access';
import { ORIGIN } from '../support/fixtures';
import { callers, createRouteWorld, routesOf, sampleRequest, samples, type Caller, type RouteKey } from '../support/route-samples';
import { useWorld } from '../support/use-world';
import { must } from '@lagesbild/shared';

/**
 * Generated from the app's own route table: every API route × every kind of caller, each with
 * its sample request (tests/support/route-samples.ts), so no route ships without its access
 * rule being exercised.
 */
const SESSION_ROUTES = ['POST /api/auth/login', 'POST /api/auth/logout'];

const world = useWorld(createRouteWorld);
const call = (route: RouteKey, caller: Caller) => world.t.app.inject(sampleRequest(world, route, caller));

function roleOf(caller: Caller): string | undefined {
  return caller === 'anonymous' ? undefined : caller.split('-')[0];
}

/**
 * What the rule says this caller gets: 401, 403, or through — any answer of the route itself,
 * which is below 500: a 500 is a route failing, not a caller let through.
 */
function expected(access: RouteAccess, caller: Caller): 401 | 403 | 'through' {
  if (access === 'public') return 'through';
  const role = roleOf(caller);
  if (!role) return 401;
  if (access === 'staff') return 'through';
  return access.includes(role as never) ? 'through' : 403;
}

describe('authorization matrix', () => {
  it('covers every API route', () => {
    const missing = routesOf(world.t.app.routeTable).filter((r) => !samples[r.key]);
    expect(missing.map((r) => r.key)).toEqual([]);
  });

  // Every route × 7 callers grows with the app (~900 requests): more than the default 30 s on a busy machine.
  it('answers every route × caller as its access rule says', async () => {
    const failures: string[] = [];
    for (const route of routesOf(world.t.app.routeTable)) {
      // Logging in or out would replace or end the caller's own session mid-matrix: tested below.
      if (SESSION_ROUTES.includes(route.key)) continue;
      for (const caller of callers) {
        const res = await call(route, caller);
        const want = expected(route.access, caller);
        const ok = want === 'through' ? res.statusCode < 500 && res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want;
        if (!ok) failures.push(`${route.key} as ${caller}: got ${res.statusCode}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route × seven callers through the real app: minutes on a busy two-core machine.
  }, 300_000);

  it('lets anyone reach login and logout', async () => {
    for (const key of SESSION_ROUTES) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'anonymous');
      expect(res.statusCode, key).toBe(200);
    }
  });

  it("never lets an admin of another collaboration touch this one's data", async () => {
    for (const key of ['PATCH /api/users/:id', 'POST /api/users/:id/reset-link', 'DELETE /api/users/:id/login-throttle']) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'admin-other-collaboration');
      expect(res.statusCode, key).toBe(404);
    }
    const list = await call({ key: 'GET /api/users', method: 'GET', url: '/api/users' }, 'admin-other-collaboration');
    const emails = (list.json().users as { email: string }[]).map((u) => u.email);
    expect(emails).not.toContain('target@matrix.test');
    const audit = await call({ key: 'GET /api/audit', method: 'GET', url: '/api/audit' }, 'admin-other-collaboration');
    expect(JSON.stringify(audit.json())).not.toContain(world.targetUserId);
  });

  it("never shows or changes another collaboration's surveys, campaigns, places or free text", async () => {
    const keys = Object.keys(samples).filter(
      (k) => /^\w+ \/api\/(surveys|campaigns|places|moderation)\/.*:id/.test(k) && k !== 'DELETE /api/places/:id',
    );
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'admin-other-collaboration');
      expect(res.statusCode, key).toBe(404);
    }
    for (const url of [
      '/api/surveys',
      '/api/campaigns',
      '/api/places',
      '/api/moderation/texts?status=approved',
      '/api/moderation/responses',
    ]) {
      const res = await call({ key: `GET ${url.split('?')[0]}`, method: 'GET', url }, 'admin-other-collaboration');
      expect(res.statusCode, url).toBe(200);
      expect(JSON.stringify(res.json()), url).not.toMatch(/matrix-survey|Mörkt vid torget/);
    }
  });

  it("never shows or changes another collaboration's pledges", async () => {
    const keys = Object.keys(samples).filter((k) => /^\w+ \/api\/pledges\/:id/.test(k));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'admin-other-collaboration');
      expect(res.statusCode, key).toBe(404);
    }
    const list = await call({ key: 'GET /api/pledges', method: 'GET', url: '/api/pledges' }, 'admin-other-collaboration');
    expect(JSON.stringify(list.json())).not.toContain(world.ids.pledge);
  });

  it('lets an admin invite only into their own agencies', async () => {
    const res = await world.t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { origin: ORIGIN, cookie: must(world.cookies['admin-other-collaboration'], 'the other admin cookie') },
      payload: { email: 'sneaky@matrix.test', displayName: 'Sneaky', role: 'admin', agencyId: world.a.agencies.police },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('UNKNOWN_AGENCY');
  });
});
