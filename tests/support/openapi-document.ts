import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { DISPLAY_TEXT } from '@lagesbild/shared';

/** The parts of an OpenAPI 3.1 document the tests read. */
export interface MediaType {
  schema?: Record<string, unknown>;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Record<string, unknown>;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

export async function openApiDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/docs/json answered ${res.statusCode}`);
  return res.json<OpenApiDocument>();
}

/** Every operation: `method` in upper case, `path` as the document writes it (`/api/x/{id}`). */
export function operationsOf(document: OpenApiDocument): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

/** Every Schema Object of the document with where it sits, e.g. `GET /api/x responses 200 application/json`. */
export function schemaObjectsOf(document: OpenApiDocument): { where: string; schema: Record<string, unknown> }[] {
  const found: { where: string; schema: Record<string, unknown> }[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    found.push({ where: `components.schemas.${name}`, schema: schema as Record<string, unknown> });
  }
  for (const { method, path, operation } of operationsOf(document)) {
    const at = `${method} ${path}`;
    for (const p of operation.parameters ?? []) found.push({ where: `${at} ${p.in} ${p.name}`, schema: p.schema });
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      if (media.schema) found.push({ where: `${at} body ${type}`, schema: media.schema });
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (media.schema) found.push({ where: `${at} ${status} ${type}`, schema: media.schema });
      }
    }
  }
  return found;
}

/**
 * Compiles the document's schemas as JSON Schema 2020-12, the dialect OpenAPI 3.1 declares:
 * strict about keywords, so a draft-07 leftover (`items: [...]`, `additionalItems`) is refused
 * rather than silently ignored. `$ref`s to the document's components resolve to them.
 */
export function schemaCompiler(document: OpenApiDocument): (schema: Record<string, unknown>) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  // The contract's mark on strings residents see (an x- extension; the server's validator cleans them).
  ajv.addKeyword(DISPLAY_TEXT);
  const PREFIX = '#/components/schemas/';
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith(PREFIX) ? `openapi:${v.slice(PREFIX.length)}` : rewrite(v),
      ]),
    );
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
    ajv.addSchema(rewrite(schema) as object, `openapi:${name}`);
  // The document repeats schemas (the error body on every route): compile each distinct one once.
  const compiled = new Map<string, ValidateFunction>();
  return (schema) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(rewrite(schema) as Record<string, unknown>)));
    return validate;
  };
}

const isJsonType = (type: string) => type === 'application/json' || type.endsWith('+json');

/**
 * What is wrong with an answer by the document, or undefined: a server error, a status the
 * operation does not document, a media type it does not list, or a JSON body its schema refuses.
 */
export function answerProblem(
  operation: Operation,
  answer: { statusCode: number; headers: Record<string, unknown>; body: string },
  compile: (schema: Record<string, unknown>) => ValidateFunction,
): string | undefined {
  const { statusCode: status, body } = answer;
  if (status >= 500) return `server error ${status}: ${body.slice(0, 300)}`;
  const documented = operation.responses[String(status)];
  if (!documented)
    return `undocumented status ${status} (documented: ${Object.keys(operation.responses).join(', ')}): ${body.slice(0, 200)}`;
  if (!documented.content || body.length === 0) return undefined;
  const header = answer.headers['content-type'];
  const type = (typeof header === 'string' ? header : '').split(';')[0]?.trim() ?? '';
  const media = documented.content[type];
  if (!media) return `${status} answered as ${type || 'no content type'}, documented as ${Object.keys(documented.content).join(', ')}`;
  if (!media.schema || !isJsonType(type)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `${status} ${type} is not JSON: ${body.slice(0, 200)}`;
  }
  const validate = compile(media.schema);
  if (validate(value)) return undefined;
  const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
  return `${status} body does not match its schema: ${errors.join('; ')}`;
}
