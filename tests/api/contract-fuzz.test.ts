import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertSession } from '../../server/src/features/sessions/session-service';
import { newToken, tokenHash } from '../../server/src/lib/tokens';
import { requestsOf, schemaContext, type IdPool } from '../support/contract-requests';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs } from '../support/fixtures';
import { answerProblem, openApiDocument, operationsOf, schemaCompiler } from '../support/openapi-document';
import { createPledgeFixtures } from '../support/pledge-fixtures';
import { createSurveyFixtures } from '../support/survey-fixtures';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';
import { must } from '@lagesbild/shared';

/**
 * A bounded contract fuzz over the OpenAPI document: every operation, with requests generated
 * from its own schemas (valid ones, and ones broken in one part), as four callers. Every answer
 * must be below 500, of a status the operation documents, in a documented media type, and match
 * that status's schema. The seed is new each run and printed; FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Cases per operation, caller and kind (valid, invalid): few for a caller the route turns away at the door. */
const CASES = { served: { valid: 4, invalid: 3 }, refused: { valid: 1, invalid: 1 } };

type Caller = 'anonymous' | 'resident' | 'admin' | 'police';
const STAFF: Record<'admin' | 'police', string> = { admin: 'admin@fuzz.test', police: 'police@fuzz.test' };
/** Each caller its own address, so one caller's throttles (logins, submissions) do not spill onto another. */
const ADDRESS: Record<Caller, string> = {
  anonymous: '198.51.100.1',
  resident: '198.51.100.2',
  admin: '198.51.100.3',
  police: '198.51.100.4',
};

const world = useWorld(async () => {
  const t = await createTestApp();
  const a = await createCollaboration(t.app, 'fuzz');
  const areaId = await createVarnamoBoundary(t.app, a);
  const staff = {
    admin: await createUser(t.app, a, { email: STAFF.admin, role: 'admin' }),
    police: await createUser(t.app, a, { email: STAFF.police, role: 'official', agency: 'police' }),
  };
  /**
   * A session opened in the store, as a login would: a fuzzed logout ends one, and signing in
   * again over the API that often would trip the login throttle.
   */
  const sessionOf = async (who: keyof typeof staff) => {
    const token = newToken();
    await insertSession(t.app.db, tokenHash(token), staff[who], new Date(Date.now() + 3_600_000));
    return `lb_session=${token}`;
  };
  const target = await createUser(t.app, a, { email: 'target@fuzz.test', role: 'coordinator' });
  const survey = await createSurveyFixtures(t.app, a, 'fuzz');
  const pledge = await createPledgeFixtures(t.app, a, staff.admin);
  const cookies: Partial<Record<Caller, string>> = { admin: await loginAs(t.app, STAFF.admin), police: await sessionOf('police') };

  const create = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { origin: ORIGIN, cookie: must(cookies.admin, 'the admin cookie') },
      payload: payload as object,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  const walk = await create('POST', '/api/walks', { title: 'Fuzz', areaId, walkedOn: '2026-11-20', light: 'dark', participants: 5 });
  const stop = randomUUID();
  await create('PUT', `/api/walks/${walk.id}/stops/${stop}`, { lat: 57.18, lon: 14.04, ratings: { lighting: 1 } });
  const dialogue = await create('POST', '/api/dialogues', { heldOn: '2026-11-20', place: 'Torget', audience: 'residents', present: 9 });
  const concern = await create('POST', `/api/dialogues/${dialogue.id}/concerns`, { text: 'Mörkt', category: 'lighting', mentions: 2 });
  const point = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [14.04, 57.18] },
    properties: { typ: 'Klotter', datum: '2026-03-01' },
  };
  const imported = await create('POST', '/api/imports?format=geojson&typeField=typ&dateField=datum', {
    type: 'FeatureCollection',
    features: [point],
  });
  const template = await create('POST', '/api/imports/templates', { name: 'Fuzz', format: 'csv', options: { delimiter: ';' } });

  const pool: IdPool = {
    'users/{id}': [target],
    'surveys/{id}': [survey.survey, survey.draftSurvey],
    'campaigns/{id}': [survey.campaign],
    'campaigns/{slug}': ['fuzz'],
    'collaborations/{slug}': ['fuzz'],
    'places/{id}': [survey.place, survey.placeToDelete],
    'texts/{id}': [survey.text],
    'responses/{id}': [survey.flagged],
    'snapshots/{id}': [pledge.snapshot],
    'pledges/{id}': [pledge.pledge, pledge.signedPledge, pledge.pledgeToDelete],
    'activities/{activityId}': [pledge.activity, pledge.signedActivity, pledge.activityToDelete],
    'walks/{id}': [walk.id],
    'stops/{clientId}': [stop],
    'dialogues/{id}': [dialogue.id],
    'concerns/{concernId}': [concern.id],
    'imports/{id}': [imported.id],
    'templates/{id}': [template.id],
  };
  // Never the callers' own user ids: a fuzzed PATCH could demote or disable the caller mid-run.
  const knownIds = [...new Set([...Object.values(pool).flat(), areaId, survey.version, a.agencies.municipality, a.agencies.police])];
  const document = await openApiDocument(t.app);
  return { t, cookies, sessionOf, pool, knownIds, document };
});

/** FNV-1a: a stable seed per operation and caller from the run's seed, so one case replays alone. */
function seedOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const excerpt = (payload: string | Buffer | undefined) =>
  payload === undefined ? '' : ` ${(typeof payload === 'string' ? payload : `<${payload.length} bytes>`).slice(0, 300)}`;

describe('contract fuzz', () => {
  it('answers every generated request below 500, as the document says', async () => {
    const { t, document, pool, knownIds, cookies, sessionOf } = world;
    const started = Date.now();
    const cpu = process.cpuUsage();
    const context = schemaContext(document, knownIds);
    const compile = schemaCompiler(document);
    const access = new Map(
      t.app.routeTable.flatMap((r) =>
        ([] as string[])
          .concat(r.method)
          .map((m) => [`${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`, must(r.config?.access, `the access rule of ${r.url}`)] as const),
      ),
    );
    // FUZZ_ONLY=<regex> narrows a replay to the operations it matches, e.g. 'POST /api/imports'.
    const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
    const operations = operationsOf(document).filter((op) => !only || only.test(`${op.method} ${op.path}`));
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let cases = 0;
    /** Operations that answered 2xx at least once: the fuzz reaches past validation and access checks. */
    const reached = new Set<string>();
    for (const op of operations) {
      const isPublic = access.get(`${op.method} ${op.path}`) === 'public';
      for (const caller of ['anonymous', 'resident', 'admin', 'police'] as const) {
        const served = isPublic || caller === 'admin' || caller === 'police';
        for (const kind of ['valid', 'invalid'] as const) {
          const numRuns = CASES[served ? 'served' : 'refused'][kind];
          const seed = seedOf(`${SEED} ${op.method} ${op.path} ${caller} ${kind}`);
          for (const request of fc.sample(requestsOf(op, pool, context, kind === 'invalid'), { seed, numRuns })) {
            // A resident's phone sends no Origin (the public API allows that); a browser always does.
            const headers: Record<string, string> = { ...(caller === 'resident' ? { 'accept-language': 'sv' } : { origin: ORIGIN }) };
            if (cookies[caller]) headers.cookie = cookies[caller];
            const res = await t.app.inject({
              method: request.method as 'GET',
              url: request.url,
              headers: { ...headers, ...request.headers },
              remoteAddress: ADDRESS[caller],
              ...(request.payload !== undefined ? { payload: request.payload } : {}),
            });
            cases++;
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            if (res.statusCode < 300) reached.add(`${op.method} ${op.path}`);
            const problem = answerProblem(op.operation, res, compile);
            if (problem) failures.push(`${caller} ${request.method} ${request.url}${excerpt(request.payload)} → ${problem}`);
            // A logout (or a login) replaced the caller's session: a new one for the next case.
            if ((caller === 'admin' || caller === 'police') && res.cookies.some((c) => c.name === 'lb_session')) {
              cookies[caller] = await sessionOf(caller);
            }
          }
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const used = process.cpuUsage(cpu);
    const cpuSeconds = ((used.user + used.system) / 1e6).toFixed(1);
    console.log(
      `contract fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays), ${operations.length} operations, ${cases} cases in ${seconds} s (${cpuSeconds} s CPU), ` +
        `${reached.size} answered 2xx, ${failures.length} failures; statuses ${JSON.stringify(statuses)}`,
    );
    expect(failures).toEqual([]);
    // Most operations must get past validation and access checks, or the fuzz tests only the door.
    if (!only) expect(reached.size).toBeGreaterThan(operations.length / 2);
  }, 240_000);
});
