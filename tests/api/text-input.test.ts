import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  callers,
  createRouteWorld,
  routesOf,
  sampleRequest,
  type Caller,
  type RouteKey,
  type SampleRequest,
} from '../support/route-samples';
import { useWorld } from '../support/use-world';
import { must } from '@lagesbild/shared';

/**
 * Generated from the route table: every string field of every route's body, query and path
 * parameters, spoiled one at a time in the route's sample request (sent by a caller the route
 * admits) with a NUL and with an unpaired surrogate. Each must be 400 naming that field; before
 * the one text rule (plugins/text-input.ts) several reached PostgreSQL and answered 500.
 */
type Schema = Record<string, unknown>;
type Segment = string | number;

const NUL = 'before\u0000after';
const LONE_SURROGATE = 'before\uD800after';

const world = useWorld(createRouteWorld);

/** The paths of every string a value of `schema` can hold, keyed like the error details (`a.0.b`). */
function stringFields(schema: Schema | undefined, sample: unknown, path: Segment[] = [], depth = 0): Segment[][] {
  if (!schema || depth > 12) return [];
  const variants = ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (schema[k] as Schema[] | undefined) ?? []);
  const found = variants.flatMap((v) => stringFields(v, sample, path, depth + 1));
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.includes('string')) found.push(path);
  const at = (key: Segment) => (sample !== null && typeof sample === 'object' ? (sample as Record<Segment, unknown>)[key] : undefined);
  if (types.includes('object') || schema.properties) {
    for (const [key, child] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      found.push(...stringFields(child, at(key), [...path, key], depth + 1));
    }
    // A record (answers, problems…): one of the sample's own keys, else any key.
    const open = [
      ...Object.values((schema.patternProperties as Record<string, Schema> | undefined) ?? {}),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties as Schema] : []),
    ];
    const key = Object.keys((sample as object | null) ?? {})[0] ?? 'x';
    for (const child of open) found.push(...stringFields(child, at(key), [...path, key], depth + 1));
  }
  if (types.includes('array')) {
    const tuple = schema.prefixItems as Schema[] | undefined;
    if (tuple) tuple.forEach((child, i) => found.push(...stringFields(child, at(i), [...path, i], depth + 1)));
    else found.push(...stringFields(schema.items as Schema | undefined, at(0), [...path, 0], depth + 1));
  }
  const seen = new Set<string>();
  return found.filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

/** A copy of `value` with `text` at `path`, creating the objects and arrays on the way. */
function withTextAt(value: unknown, path: Segment[], text: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return text;
  if (typeof head === 'number') {
    const items = Array.isArray(value) ? [...(value as unknown[])] : [];
    items[head] = withTextAt(items[head], rest, text);
    return items;
  }
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  fields[head] = withTextAt(fields[head], rest, text);
  return fields;
}

function callerFor(route: ReturnType<typeof routesOf>[number]): Caller {
  if (route.access === 'public') return 'anonymous';
  const { access } = route;
  return must(
    callers.find((c) => c !== 'anonymous' && (access === 'staff' || access.includes(c.split('-')[0] as never))),
    'a caller let through',
  );
}

interface Case {
  route: RouteKey;
  field: string;
  bad: string;
  request: SampleRequest;
}

function casesOf(route: ReturnType<typeof routesOf>[number]): Case[] {
  const options = must(
    world.t.app.routeTable.find((r) => r.url === route.url && ([] as string[]).concat(r.method).includes(route.method)),
    `the route ${route.method} ${route.url}`,
  );
  const schema = (options.schema ?? {}) as Record<string, Schema | undefined>;
  const base = sampleRequest(world, route, callerFor(route));
  const [pathname, search = ''] = base.url.split('?') as [string, string?];
  const cases: Case[] = [];
  if (!options.config?.rawBody) {
    for (const field of stringFields(schema.body, base.payload)) {
      for (const bad of [NUL, LONE_SURROGATE]) {
        const headers = { ...base.headers, ...(base.headers['idempotency-key'] ? { 'idempotency-key': randomUUID() } : {}) };
        cases.push({
          route,
          field: ['body', ...field].join('.'),
          bad,
          request: { ...base, headers, payload: withTextAt(base.payload ?? {}, field, bad) as object },
        });
      }
    }
  }
  // A URL cannot carry an unpaired surrogate (percent-decoding is UTF-8), so query and path get the NUL.
  for (const [name] of stringFields(schema.querystring, undefined).filter((p) => p.length === 1)) {
    const query = new URLSearchParams(search);
    query.set(String(name), NUL);
    cases.push({ route, field: `query.${name}`, bad: NUL, request: { ...base, url: `${pathname}?${query.toString()}` } });
  }
  const segments = route.url.split('/');
  for (const [name] of stringFields(schema.params, undefined).filter((p) => p.length === 1)) {
    const url = pathname
      .split('/')
      .map((part, i) => (segments[i] === `:${name}` ? encodeURIComponent(NUL) : part))
      .join('/');
    cases.push({ route, field: `params.${name}`, bad: NUL, request: { ...base, url: `${url}${search ? `?${search}` : ''}` } });
  }
  return cases;
}

describe('one rule for all text input', () => {
  it('answers 400 naming the field for a NUL or an unpaired surrogate in any string of any route', async () => {
    const cases = routesOf(world.t.app.routeTable).flatMap(casesOf);
    const failures: string[] = [];
    for (const c of cases) {
      const res = await world.t.app.inject(c.request);
      const details = res.statusCode === 400 ? ((res.json().details ?? []) as { path: string }[]) : [];
      if (!details.some((d) => d.path === c.field)) {
        const kind = c.bad === NUL ? 'NUL' : 'lone surrogate';
        failures.push(`${c.route.key} ${c.field} (${kind}): ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    const routes = new Set(cases.map((c) => c.route.key)).size;
    console.log(`text input: ${cases.length} cases over ${routes} routes`);
    expect(cases.length).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 300_000);

  it('names the object whose property name is unstorable', async () => {
    const route = { key: 'POST /api/public/campaigns/:slug/responses', method: 'POST', url: '/api/public/campaigns/:slug/responses' };
    const base = sampleRequest(world, route, 'anonymous');
    const res = await world.t.app.inject({
      ...base,
      headers: { ...base.headers, 'idempotency-key': randomUUID() },
      payload: { locale: 'sv', answers: { [NUL]: 'x' }, pins: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ path: 'body.answers' }] });
  });
});
