import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../../server/src/plugins/json-body';
import { ORIGIN, createCollaboration, createUser, loginAs } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/** Deeply nested JSON is refused before anything parses or walks it (issue 20: a 20 KB body overflowed the stack). */
const world = useWorld(async () => {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, 'json-depth');
  await createUser(t.app, collab, { email: 'admin@depth.test', role: 'admin' });
  return { t, cookie: await loginAs(t.app, 'admin@depth.test') };
});

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
/** 10 000 levels in 20 KB, as the outside test sent. */
const DEEP = nested(10_000);

describe('the depth check', () => {
  it('counts brackets, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":"${'['.repeat(100)}","b":"\\"${'{'.repeat(100)}"}`, MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(`[${'[],'.repeat(1000)}[]]`, 2)).toBe(false);
  });
});

describe('JSON request bodies', () => {
  it('refuses a body nested too deeply with 400 on every route that reads JSON', async () => {
    const { t, cookie } = world;
    const routes = t.app.routeTable.flatMap((r) =>
      r.schema?.body ? ([] as string[]).concat(r.method).map((method) => ({ method, url: r.url.replace(/:(\w+)/g, 'x') })) : [],
    );
    expect(routes.length).toBeGreaterThan(30);
    const answers = await Promise.all(
      routes.map(async ({ method, url }) => {
        const res = await t.app.inject({
          method: method as 'POST',
          url,
          headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
          payload: DEEP,
        });
        return `${method} ${url} ${res.statusCode} ${res.json().error}`;
      }),
    );
    expect(answers).toEqual(routes.map(({ method, url }) => `${method} ${url} 400 JSON_TOO_DEEP`));
  });

  it('still reads a body at the limit', async () => {
    const res = await world.t.app.inject({
      method: 'POST',
      url: '/api/snapshots',
      headers: { origin: ORIGIN, cookie: world.cookie, 'content-type': 'application/json' },
      payload: `{"title":${nested(MAX_JSON_DEPTH - 1, '"x"')}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ path: 'body.title' }] });
  });
});

describe('imported files', () => {
  const point = (properties: string, coordinates = '[14.04,57.18]') =>
    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${properties},"geometry":{"type":"Point","coordinates":${coordinates}}}]}`;
  const police = (extra: string) =>
    `[{"id":1,"name":"x","datetime":"2024-03-05 18:30:00 +01:00","type":"Stöld","summary":"s","url":"/u","location":{"name":"Värnamo","gps":"57.18,14.04"},"z":${extra}}]`;
  const open311 = (extra: string) =>
    `[{"service_request_id":"1","service_name":"Klotter","requested_datetime":"2024-03-05T18:30:00Z","lat":57.18,"long":14.04,"z":${extra}}]`;
  const area = (extra: string) =>
    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"namn":"x","y":${extra}},"geometry":{"type":"Polygon","coordinates":[[[14,57],[14.1,57],[14.1,57.1],[14,57]]]}}]}`;

  it.each([
    ['GeoJSON with a deep property', 'geojson', point(`{"datum":"2024-03-05","typ":${DEEP}}`)],
    ['GeoJSON with deep coordinates', 'geojson', point('{"datum":"2024-03-05","typ":"Klotter"}', DEEP)],
    ['GeoJSON with a deep crs', 'geojson', `{"type":"FeatureCollection","crs":${DEEP},"features":[]}`],
    ['areas with a deep property', 'areas', area(DEEP)],
    ['the police feed with a deep field', 'police', police(DEEP)],
    ['Open311 with a deep field', 'open311', open311(DEEP)],
  ])('refuses %s with 422, in the import and its preview', async (_what, format, body) => {
    for (const url of ['/api/imports', '/api/imports/preview']) {
      const res = await world.t.app.inject({
        method: 'POST',
        url: `${url}?format=${format}`,
        headers: { origin: ORIGIN, cookie: world.cookie, 'content-type': 'application/geo+json' },
        payload: body,
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
      expect(res.json().error).toBe('JSON_TOO_DEEP');
    }
  });
});
