import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../server/src/plugins/access';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Generated from the app's own route table: every API route × every kind of caller. A new
 * route without a sample request here fails the "every route is covered" test, so no route
 * ships without its access rule being exercised.
 */
interface Sample {
  /** Path with `:id` filled from the target user of collaboration A. */
  body?: Record<string, unknown>;
  query?: string;
}

let t: TestApp;
let a: TestCollaboration;
let b: TestCollaboration;
let targetUserId: string;
const cookies: Record<string, string> = {};

const samples: Record<string, Sample> = {
  'GET /api/health': {},
  'GET /api/public/campaigns/:slug': {},
  'GET /api/public/campaigns/:slug/results': {},
  'POST /api/public/campaigns/:slug/responses': { body: { locale: 'sv', answers: {}, pins: [] } },
  'POST /api/auth/login': { body: { email: 'login-sample@matrix.test', password: PASSWORD } },
  'POST /api/auth/logout': { body: {} },
  'GET /api/auth/me': {},
  'POST /api/auth/accept': { body: { token: 'x'.repeat(43), password: 'a long unusual passphrase' } },
  'GET /api/users': {},
  'POST /api/users': { body: { email: 'new-{caller}@matrix.test', displayName: 'New', role: 'official', agencyId: '{agency}' } },
  'PATCH /api/users/:id': { body: { role: 'official' } },
  'POST /api/users/:id/reset-link': { body: {} },
  'GET /api/audit': {},
  'GET /api/overview': {},
  'GET /api/areas': {},
  'GET /api/problem-picture': {},
  'GET /api/problem-picture/export': { query: '?format=csv' },
  'GET /api/problem-picture/safety-index': {},
  'GET /api/problem-picture/weights': {},
  'PUT /api/problem-picture/weights': { body: { survey: 35, pins: 15, reports: 25, trend: 15, hotspots: 10 } },
  'POST /api/snapshots': { body: { title: 'Matrix' } },
  'GET /api/snapshots': {},
  'GET /api/snapshots/compare': { query: '?a=00000000-0000-4000-8000-000000000001&b=00000000-0000-4000-8000-000000000002' },
  'GET /api/snapshots/:id': {},
};

const SESSION_ROUTES = ['POST /api/auth/login', 'POST /api/auth/logout'];

const callers = [
  'anonymous',
  'admin-municipality',
  'coordinator-municipality',
  'coordinator-police',
  'official-municipality',
  'official-police',
  'admin-other-collaboration',
] as const;
type Caller = (typeof callers)[number];

function routesOf(table: RouteOptions[]): { key: string; method: string; url: string; access: RouteAccess }[] {
  return table.flatMap((r) =>
    ([] as string[])
      .concat(r.method)
      .filter((m) => m !== 'HEAD')
      .map((method) => ({ key: `${method} ${r.url}`, method, url: r.url, access: r.config!.access! })),
  );
}

function roleOf(caller: Caller): string | undefined {
  return caller === 'anonymous' ? undefined : caller.split('-')[0];
}

/** What the rule says this caller gets: 401, 403, or through (anything but 401/403). */
function expected(access: RouteAccess, caller: Caller): 401 | 403 | 'through' {
  if (access === 'public') return 'through';
  const role = roleOf(caller);
  if (!role) return 401;
  if (access === 'staff') return 'through';
  return access.includes(role as never) ? 'through' : 403;
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createCollaboration(t.app, 'matrix-a');
  b = await createCollaboration(t.app, 'matrix-b');
  targetUserId = await createUser(t.app, a, { email: 'target@matrix.test', role: 'coordinator' });
  await createUser(t.app, a, { email: 'login-sample@matrix.test', role: 'official' });
  for (const caller of callers) {
    if (caller === 'anonymous') continue;
    const [role, agency] = caller.split('-') as ['admin' | 'coordinator' | 'official', string];
    const collaboration = caller === 'admin-other-collaboration' ? b : a;
    const email = `${caller}@matrix.test`;
    // Second admins, so that demoting the target never trips the last-admin rule.
    await createUser(t.app, collaboration, { email, role, agency: agency === 'police' ? 'police' : 'municipality' });
    cookies[caller] = await loginAs(t.app, email);
  }
});
afterAll(async () => t.close());

async function call(route: { method: string; url: string; key: string }, caller: Caller) {
  const sample = samples[route.key]!;
  const collaboration = caller === 'admin-other-collaboration' ? b : a;
  const body = sample.body
    ? JSON.parse(
        JSON.stringify(sample.body).replaceAll('{caller}', caller).replaceAll('{agency}', collaboration.agencies.municipality),
      )
    : undefined;
  return t.app.inject({
    method: route.method as 'GET',
    url: route.url.replace(':id', targetUserId) + (sample.query ?? ''),
    headers: { origin: ORIGIN, ...(cookies[caller] ? { cookie: cookies[caller] } : {}) },
    ...(body ? { payload: body } : {}),
  });
}

describe('authorization matrix', () => {
  it('covers every API route', () => {
    const missing = routesOf(t.app.routeTable).filter((r) => !samples[r.key]);
    expect(missing.map((r) => r.key)).toEqual([]);
  });

  it('answers every route × caller as its access rule says', async () => {
    const failures: string[] = [];
    for (const route of routesOf(t.app.routeTable)) {
      // Logging in or out would replace or end the caller's own session mid-matrix: tested below.
      if (SESSION_ROUTES.includes(route.key)) continue;
      for (const caller of callers) {
        const res = await call(route, caller);
        const want = expected(route.access, caller);
        const ok = want === 'through' ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want;
        if (!ok) failures.push(`${route.key} as ${caller}: got ${res.statusCode}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets anyone reach login and logout', async () => {
    for (const key of SESSION_ROUTES) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'anonymous');
      expect(res.statusCode, key).toBe(200);
    }
  });

  it("never lets an admin of another collaboration touch this one's data", async () => {
    for (const key of ['PATCH /api/users/:id', 'POST /api/users/:id/reset-link']) {
      const [method, url] = key.split(' ') as [string, string];
      const res = await call({ key, method, url }, 'admin-other-collaboration');
      expect(res.statusCode, key).toBe(404);
    }
    const list = await call({ key: 'GET /api/users', method: 'GET', url: '/api/users' }, 'admin-other-collaboration');
    const emails = (list.json().users as { email: string }[]).map((u) => u.email);
    expect(emails).not.toContain('target@matrix.test');
    const audit = await call({ key: 'GET /api/audit', method: 'GET', url: '/api/audit' }, 'admin-other-collaboration');
    expect(JSON.stringify(audit.json())).not.toContain(targetUserId);
  });

  it('lets an admin invite only into their own agencies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { origin: ORIGIN, cookie: cookies['admin-other-collaboration']! },
      payload: { email: 'sneaky@matrix.test', displayName: 'Sneaky', role: 'admin', agencyId: a.agencies.police },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('UNKNOWN_AGENCY');
  });
});
