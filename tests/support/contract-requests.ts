import fc, { type Arbitrary } from 'fast-check';
import type { OpenApiDocument, Operation, Parameter } from './openapi-document';
import { invalidValueOf, valueOf, type JsonSchema, type SchemaContext } from './schema-arbitrary';
import { must } from '@lagesbild/shared';

/**
 * Requests generated from one operation of the OpenAPI document: path parameters (ids that exist
 * where the fixtures have them), query, headers and a body of one of the documented media types.
 * A valid request follows every schema; an invalid one breaks one part of it.
 */
export interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Ids that exist, by the path segment before the parameter and its name: `surveys/{id}`. */
export type IdPool = Record<string, readonly string[]>;

export function schemaContext(document: OpenApiDocument, knownIds: readonly string[]): SchemaContext {
  const prefix = '#/components/schemas/';
  return {
    knownIds,
    resolve: (ref) => {
      const found = ref.startsWith(prefix) ? document.components?.schemas?.[ref.slice(prefix.length)] : undefined;
      if (found === undefined) throw new Error(`unresolvable $ref ${ref}`);
      return found as JsonSchema;
    },
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A path segment percent-encoded; a lone surrogate, which UTF-8 cannot hold, as the bytes a careless client would send. */
const encodeSegment = (value: string) => value.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');

function pathValue(path: string, p: Parameter, pool: IdPool, context: SchemaContext, invalid: boolean): Arbitrary<string> {
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${p.name}}`) - 1];
  const known = pool[`${before}/{${p.name}}`] ?? [];
  const generated = (invalid ? invalidValueOf(p.schema, context) : valueOf(p.schema, context)).map(text);
  // An empty segment would route elsewhere (or nowhere): the answer would not be this operation's.
  const usable = generated.filter((v) => v.length > 0);
  return known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: usable }) : usable;
}

function queryPairs(params: Parameter[], context: SchemaContext, broken: string | undefined): Arbitrary<[string, string][]> {
  return fc
    .tuple(
      ...params.map((p) => {
        const value = p.name === broken ? invalidValueOf(p.schema, context) : valueOf(p.schema, context);
        const present = p.required || p.name === broken ? fc.constant(true) : fc.boolean();
        return fc.tuple(present, value).map(([here, v]): [string, string][] => {
          if (!here || v === undefined) return [];
          return Array.isArray(v) ? v.map((item) => [p.name, text(item)]) : [[p.name, text(v)]];
        });
      }),
    )
    .map((lists) => lists.flat());
}

function multipart(file: Uint8Array): { payload: Buffer; type: string } {
  const boundary = 'contract-fuzz-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fuzz.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

interface Body {
  type?: string;
  payload?: string | Buffer;
}

function bodyOf(operation: Operation, context: SchemaContext, invalid: boolean): Arbitrary<Body> {
  const content = operation.requestBody?.content;
  if (!content) return fc.constant({});
  const ofType = (type: string): Arbitrary<Body> => {
    const schema = (content[type]?.schema ?? true) as JsonSchema;
    if (type === 'multipart/form-data') return fc.uint8Array({ maxLength: 200 }).map((bytes) => multipart(bytes));
    if (!isJson(type) || schema === true || (typeof schema === 'object' && schema.format === 'binary')) {
      // A raw upload: random text or bytes of the declared type (the routes sniff and parse them).
      return fc
        .oneof(
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        )
        .map((payload) => ({ type, payload }));
    }
    const value = invalid
      ? fc.oneof(
          { weight: 4, arbitrary: invalidValueOf(schema, context).map(text) },
          { weight: 1, arbitrary: fc.constantFrom('{"a":', '', 'null') },
        )
      : valueOf(schema, context).map((v) => JSON.stringify(v));
    return value.map((payload) => ({ type, payload }));
  };
  return fc.oneof(...Object.keys(content).map(ofType));
}

/** Requests for one operation; `invalid` breaks exactly one of its parts (a parameter or the body). */
export function requestsOf(
  op: { method: string; path: string; operation: Operation },
  pool: IdPool,
  context: SchemaContext,
  invalid: boolean,
): Arbitrary<GeneratedRequest> {
  const params = op.operation.parameters ?? [];
  const path = params.filter((p) => p.in === 'path');
  const query = params.filter((p) => p.in === 'query');
  const headers = params.filter((p) => p.in === 'header');
  const parts = [
    ...path.map((p) => `path:${p.name}`),
    ...query.map((p) => `query:${p.name}`),
    'query:unexpected',
    ...(op.operation.requestBody ? ['body'] : []),
  ];
  const variant = (broken: string | undefined) =>
    fc
      .record({
        path: fc.tuple(...path.map((p) => pathValue(op.path, p, pool, context, broken === `path:${p.name}`))),
        query: queryPairs(query, context, broken?.startsWith('query:') ? broken.slice(6) : undefined),
        headers: fc.tuple(...headers.map((p) => valueOf(p.schema, context).map((v) => [p.name, text(v)] as const))),
        body: bodyOf(op.operation, context, broken === 'body'),
      })
      .map(({ path: values, query: pairs, headers: headerPairs, body }) => {
        let url = op.path;
        path.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeSegment(must(values[i], `the value of ${p.name}`)))));
        if (broken === 'query:unexpected') pairs.push(['unexpected', '1']);
        const search = new URLSearchParams(pairs).toString();
        return {
          method: op.method,
          url: search ? `${url}?${search}` : url,
          headers: { ...Object.fromEntries(headerPairs), ...(body.type ? { 'content-type': body.type } : {}) },
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
        };
      });
  return invalid ? fc.oneof(...parts.map(variant)) : variant(undefined);
}
