import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../server/src/plugins/access';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createSurveyFixtures, type SurveyFixtures } from '../support/survey-fixtures';
import { createPledgeFixtures } from '../support/pledge-fixtures';
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
  /** The URL with its params filled in: `{survey}`, `{campaign}`, … are ids of collaboration A's survey records. */
  path?: string;
  headers?: Record<string, string>;
}

let t: TestApp;
let a: TestCollaboration;
let b: TestCollaboration;
let targetUserId: string;
let surveyIds: SurveyFixtures;
const cookies: Record<string, string> = {};

const samples: Record<string, Sample> = {
  'GET /api/health': {},
  'GET /api/public/campaigns/:slug': {},
  'GET /api/public/campaigns/:slug/results': {},
  'POST /api/public/campaigns/:slug/responses': { body: { locale: 'sv', answers: { safety_evening: 'fairly_safe' }, pins: [] } },
  'POST /api/auth/login': { body: { email: 'login-sample@matrix.test', password: PASSWORD } },
  'POST /api/auth/logout': { body: {} },
  'GET /api/auth/me': {},
  'POST /api/auth/accept': { body: { token: 'x'.repeat(43), password: 'a long unusual passphrase' } },
  'GET /api/users': {},
  'POST /api/users': { body: { email: 'new-{caller}@matrix.test', displayName: 'New', role: 'official', agencyId: '{agency}' } },
  'PATCH /api/users/:id': { body: { role: 'official' } },
  'POST /api/users/:id/reset-link': { body: {} },
  'GET /api/users/login-throttles': {},
  'DELETE /api/users/:id/login-throttle': { body: {} },
  'GET /api/audit': {},
  // Walks and dialogues: ':id' becomes a user id (no such walk → 404); other ids stay literal (400).
  'GET /api/walks': {},
  'POST /api/walks': { body: { title: 'Matrix', routeDescription: 'Storgatan', walkedOn: '2026-11-20', light: 'dark', participants: 5 } },
  'GET /api/walks/actions': {},
  'GET /api/walks/:id': {},
  'PATCH /api/walks/:id': { body: { status: 'done' } },
  'PUT /api/walks/:id/stops/:clientId': { body: { lat: 57.18, lon: 14.04, ratings: { lighting: 1 } } },
  'PATCH /api/walks/:id/stops/:clientId': { body: { actionStatus: 'adopted' } },
  'DELETE /api/walks/:id/stops/:clientId': { body: {} },
  'PUT /api/walks/:id/stops/:clientId/photos/:photoId': { body: {} },
  'GET /api/walks/:id/stops/:clientId/photos/:photoId': {},
  'GET /api/walks/:id/export': { query: '?format=docx' },
  'GET /api/dialogues': {},
  'POST /api/dialogues': { body: { heldOn: '2026-11-20', place: 'Medborgarhuset', audience: 'residents', present: 12 } },
  'GET /api/dialogues/:id': {},
  'PATCH /api/dialogues/:id': { body: { present: 14 } },
  'DELETE /api/dialogues/:id': { body: {} },
  'POST /api/dialogues/:id/concerns': { body: { text: 'Mörkt vid stationen', category: 'lighting', mentions: 3 } },
  'PATCH /api/dialogues/:id/concerns/:concernId': { body: { mentions: 4 } },
  'DELETE /api/dialogues/:id/concerns/:concernId': { body: {} },
  'GET /api/overview': {},
  // Surveys, campaigns, places and moderation: real ids of collaboration A (another collaboration's caller gets 404).
  'GET /api/surveys': {},
  'POST /api/surveys': { body: { name: 'Matrix {caller}', from: 'empty' } },
  'GET /api/surveys/:id': { path: '/api/surveys/{survey}' },
  'PATCH /api/surveys/:id': { path: '/api/surveys/{survey}', body: { name: 'Matrisenkät' } },
  'PUT /api/surveys/:id/questions': { path: '/api/surveys/{draftSurvey}/questions', body: { version: 1, questions: [] } },
  'POST /api/surveys/:id/publish': { path: '/api/surveys/{draftSurvey}/publish', body: { version: 1 } },
  'POST /api/surveys/:id/discard-draft': { path: '/api/surveys/{draftSurvey}/discard-draft', body: { version: 1 } },
  'GET /api/campaigns': {},
  'POST /api/campaigns': {
    body: {
      surveyVersionId: '{version}',
      slug: 'matrix-{caller}',
      title: { sv: 'Matris' },
      areaId: null,
      audience: 'residents',
      opensAt: '2026-01-01T00:00:00Z',
      closesAt: '2027-01-01T00:00:00Z',
    },
  },
  'GET /api/campaigns/:id': { path: '/api/campaigns/{campaign}' },
  'PATCH /api/campaigns/:id': { path: '/api/campaigns/{campaign}', body: { title: { sv: 'Matriskampanj' } } },
  'GET /api/campaigns/:id/qr.svg': { path: '/api/campaigns/{campaign}/qr.svg' },
  'GET /api/campaigns/:id/qr.png': { path: '/api/campaigns/{campaign}/qr.png' },
  'POST /api/campaigns/:id/paper-responses': {
    path: '/api/campaigns/{campaign}/paper-responses',
    headers: { 'idempotency-key': '00000000-0000-4000-8000-00000000000a' },
    body: { locale: 'sv', answers: { safety_evening: 'fairly_safe' }, pins: [] },
  },
  'GET /api/places': {},
  'POST /api/places': { body: { name: 'Matris {caller}', lat: 57.18, lon: 14.04 } },
  'PATCH /api/places/:id': { path: '/api/places/{place}', body: { name: 'Matrisplatsen' } },
  'DELETE /api/places/:id': { path: '/api/places/{placeToDelete}', body: {} },
  'GET /api/moderation/texts': {},
  'POST /api/moderation/texts/:id/decision': { path: '/api/moderation/texts/{text}/decision', body: { decision: 'approve' } },
  'GET /api/moderation/responses': {},
  'POST /api/moderation/responses/:id/decision': { path: '/api/moderation/responses/{flagged}/decision', body: { decision: 'accept' } },
  // Imports: a JSON body is a (here empty) GeoJSON upload; ':id' becomes a user id (no such import → 404).
  'POST /api/imports': { query: '?format=geojson&source=municipality', body: { type: 'FeatureCollection', features: [] } },
  'POST /api/imports/preview': { query: '?format=geojson', body: { type: 'FeatureCollection', features: [] } },
  'GET /api/imports': {},
  'GET /api/imports/:id': {},
  'POST /api/imports/:id/undo': { body: {} },
  'GET /api/imports/templates': {},
  'POST /api/imports/templates': { body: { name: 'Matrix {caller}', format: 'csv', options: { delimiter: ';' } } },
  'DELETE /api/imports/templates/:id': { body: {} },
  'GET /api/imports/mappings': {},
  'PUT /api/imports/mappings': { body: { source: 'municipality', externalType: 'Matrisärende', category: 'other' } },
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
  'GET /api/hotspots': { query: '?cellSize=250' },
  'GET /api/hotspots/compare': { query: '?from=2024-01-01&to=2024-06-30&compareFrom=2024-07-01&compareTo=2024-12-31' },
  'GET /api/hotspots/cells/:cellId': {},
  'GET /api/hotspots/points': {},
  'GET /api/hotspots/export': { query: '?format=csv&cellSize=250' },
  'GET /api/map-config': {},
  // Pledges: real ids of collaboration A ({pledge} is a draft, {signedPledge} is signed); another collaboration's caller gets 404.
  'GET /api/pledges': {},
  'POST /api/pledges': { body: { snapshotId: '{snapshot}', year: 2027, categories: ['drugs'] } },
  'GET /api/pledges/:id': { path: '/api/pledges/{pledge}' },
  'PATCH /api/pledges/:id': { path: '/api/pledges/{pledge}', body: { title: 'Matris {caller}' } },
  'DELETE /api/pledges/:id': { path: '/api/pledges/{pledgeToDelete}', body: {} },
  'POST /api/pledges/:id/activities': {
    path: '/api/pledges/{pledge}/activities',
    body: { what: 'Matris', who: { kind: 'municipality', name: '' } },
  },
  'PATCH /api/pledges/:id/activities/:activityId': { path: '/api/pledges/{pledge}/activities/{activity}', body: { target: '10 rundor' } },
  'DELETE /api/pledges/:id/activities/:activityId': { path: '/api/pledges/{pledge}/activities/{activityToDelete}', body: {} },
  'POST /api/pledges/:id/status': { path: '/api/pledges/{pledge}/status', body: { status: 'agreed' } },
  'POST /api/pledges/:id/revise': { path: '/api/pledges/{signedPledge}/revise', body: {} },
  'POST /api/pledges/:id/activities/:activityId/updates': {
    path: '/api/pledges/{signedPledge}/activities/{signedActivity}/updates',
    body: { on: new Date().toISOString().slice(0, 10), status: 'ongoing', note: '' },
  },
  'GET /api/pledges/:id/results': { path: '/api/pledges/{pledge}/results' },
  'GET /api/pledges/:id/hotspots': { path: '/api/pledges/{pledge}/hotspots' },
  'GET /api/pledges/:id/map.png': { path: '/api/pledges/{pledge}/map.png' },
  'GET /api/pledges/:id/export': { path: '/api/pledges/{pledge}/export', query: '?format=docx' },
  'GET /api/public/collaborations/:slug/pledges': { path: '/api/public/collaborations/matrix-a/pledges' },
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

beforeAll(async () => {
  t = await createTestApp();
  a = await createCollaboration(t.app, 'matrix-a');
  b = await createCollaboration(t.app, 'matrix-b');
  targetUserId = await createUser(t.app, a, { email: 'target@matrix.test', role: 'coordinator' });
  surveyIds = await createSurveyFixtures(t.app, a, 'matrix-survey');
  Object.assign(surveyIds, await createPledgeFixtures(t.app, a, targetUserId));
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
  const withIds = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => (surveyIds as unknown as Record<string, string>)[name] ?? whole);
  const body = sample.body
    ? JSON.parse(
        withIds(JSON.stringify(sample.body).replaceAll('{caller}', caller).replaceAll('{agency}', collaboration.agencies.municipality)),
      )
    : undefined;
  return t.app.inject({
    method: route.method as 'GET',
    url: (sample.path ? withIds(sample.path) : route.url.replace(':id', targetUserId)) + (sample.query ?? ''),
    headers: { origin: ORIGIN, ...sample.headers, ...(cookies[caller] ? { cookie: cookies[caller] } : {}) },
    ...(body ? { payload: body } : {}),
  });
}

describe('authorization matrix', () => {
  it('covers every API route', () => {
    const missing = routesOf(t.app.routeTable).filter((r) => !samples[r.key]);
    expect(missing.map((r) => r.key)).toEqual([]);
  });

  // Every route × 7 callers grows with the app (~900 requests): more than the default 30 s on a busy machine.
  it('answers every route × caller as its access rule says', async () => {
    const failures: string[] = [];
    for (const route of routesOf(t.app.routeTable)) {
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
    expect(JSON.stringify(audit.json())).not.toContain(targetUserId);
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
    expect(JSON.stringify(list.json())).not.toContain((surveyIds as unknown as Record<string, string>).pledge);
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
