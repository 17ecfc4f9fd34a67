import type { HTTPMethods, RouteOptions } from 'fastify';
import type { RouteAccess } from '../../server/src/plugins/access';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs, type TestCollaboration } from './fixtures';
import { createPledgeFixtures, type PledgeFixtures } from './pledge-fixtures';
import { createSurveyFixtures, type SurveyFixtures } from './survey-fixtures';
import { createTestApp, type TestApp } from './test-app';
import { must } from '@lagesbild/shared';

/**
 * A sample request for every API route of the route table, valid enough to get past the
 * route's schema for a caller the route admits. The authorization matrix sends each as every
 * kind of caller; the text-input test spoils one string field of each at a time. A new route
 * without a sample here fails the matrix's "every route is covered" test.
 */
export interface Sample {
  body?: Record<string, unknown>;
  query?: string;
  /** The URL with its params filled in: `{survey}`, `{campaign}`, … are ids of collaboration A's survey records. */
  path?: string;
  headers?: Record<string, string>;
}

export const samples: Record<string, Sample> = {
  'GET /api/health': {},
  'GET /api/public/base-map': {},
  // The matrix's app serves no archive: the answer is 404, for everyone alike.
  'GET /api/public/base-map/tiles.pmtiles': {},
  // The open campaign of collaboration A's survey fixtures.
  'GET /api/public/campaigns/:slug': { path: '/api/public/campaigns/matrix-survey' },
  'GET /api/public/campaigns/:slug/results': { path: '/api/public/campaigns/matrix-survey/results' },
  'POST /api/public/campaigns/:slug/responses': {
    path: '/api/public/campaigns/matrix-survey/responses',
    headers: { 'idempotency-key': '00000000-0000-4000-8000-00000000000b' },
    body: { locale: 'sv', answers: { safety_evening: 'fairly_safe' }, pins: [] },
  },
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
  'GET /api/agencies': {},
  'GET /api/population-grid': {},
  'PUT /api/population-grid': { body: { csv: 'Rutid;Beftot\r\n6339000440500;25' } },
  'POST /api/agencies': { body: { kind: 'partner', name: 'Partner {caller}', partnerKind: 'housing' } },
  // ':id' becomes a user id: no such agency → 404.
  'PATCH /api/agencies/:id': { body: { name: 'Omdöpt' } },
  'GET /api/collaboration': {},
  'PATCH /api/collaboration': { body: { languages: ['sv', 'en'] } },
  'GET /api/mail/outbox': {},
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

export const callers = [
  'anonymous',
  'admin-municipality',
  'coordinator-municipality',
  'coordinator-police',
  'official-municipality',
  'official-police',
  'admin-other-collaboration',
] as const;
export type Caller = (typeof callers)[number];

export interface RouteKey {
  key: string;
  method: string;
  url: string;
}

export function routesOf(table: RouteOptions[]): (RouteKey & { access: RouteAccess })[] {
  return table.flatMap((r) =>
    ([] as string[])
      .concat(r.method)
      .filter((m) => m !== 'HEAD')
      .map((method) => ({ key: `${method} ${r.url}`, method, url: r.url, access: must(r.config?.access, `the access rule of ${r.url}`) })),
  );
}

/** The app, two collaborations, the records the samples name, and a session for every caller. */
export interface RouteWorld {
  t: TestApp;
  a: TestCollaboration;
  b: TestCollaboration;
  targetUserId: string;
  ids: SurveyFixtures & PledgeFixtures;
  cookies: Partial<Record<Caller, string>>;
}

export async function createRouteWorld(): Promise<RouteWorld> {
  const t = await createTestApp();
  const a = await createCollaboration(t.app, 'matrix-a');
  const b = await createCollaboration(t.app, 'matrix-b');
  const targetUserId = await createUser(t.app, a, { email: 'target@matrix.test', role: 'coordinator' });
  const surveyIds = await createSurveyFixtures(t.app, a, 'matrix-survey');
  const ids = { ...surveyIds, ...(await createPledgeFixtures(t.app, a, targetUserId)) };
  await createUser(t.app, a, { email: 'login-sample@matrix.test', role: 'official' });
  const cookies: RouteWorld['cookies'] = {};
  for (const caller of callers) {
    if (caller === 'anonymous') continue;
    const [role, agency] = caller.split('-') as ['admin' | 'coordinator' | 'official', string];
    const collaboration = caller === 'admin-other-collaboration' ? b : a;
    const email = `${caller}@matrix.test`;
    // Second admins, so that demoting the target never trips the last-admin rule.
    await createUser(t.app, collaboration, { email, role, agency: agency === 'police' ? 'police' : 'municipality' });
    cookies[caller] = await loginAs(t.app, email);
  }
  return { t, a, b, targetUserId, ids, cookies };
}

export interface SampleRequest {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: object;
}

/** A route's sample as `app.inject` options for this caller, its placeholders filled in. */
export function sampleRequest(world: RouteWorld, route: RouteKey, caller: Caller): SampleRequest {
  const sample = must(samples[route.key], `the sample request for ${route.key}`);
  const collaboration = caller === 'admin-other-collaboration' ? world.b : world.a;
  const withIds = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => (world.ids as unknown as Record<string, string>)[name] ?? whole);
  const body = sample.body
    ? (JSON.parse(
        withIds(JSON.stringify(sample.body).replaceAll('{caller}', caller).replaceAll('{agency}', collaboration.agencies.municipality)),
      ) as Record<string, unknown>)
    : undefined;
  const cookie = world.cookies[caller];
  return {
    method: route.method,
    url: (sample.path ? withIds(sample.path) : route.url.replace(':id', world.targetUserId)) + (sample.query ?? ''),
    headers: { origin: ORIGIN, ...sample.headers, ...(cookie ? { cookie } : {}) },
    ...(body ? { payload: body } : {}),
  };
}
