import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { standardErrorStatuses } from '../../server/src/plugins/standard-errors';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs } from '../support/fixtures';
import { openApiDocument, operationsOf, schemaCompiler, schemaObjectsOf, type OpenApiDocument } from '../support/openapi-document';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';
import { must } from '@lagesbild/shared';

const world = useWorld(async () => {
  const t = await createTestApp();
  const collaboration = await createCollaboration(t.app, 'openapi');
  await createVarnamoBoundary(t.app, collaboration);
  await createUser(t.app, collaboration, { email: 'coordinator@openapi.test', role: 'coordinator' });
  const cookie = await loginAs(t.app, 'coordinator@openapi.test');
  const document = await openApiDocument(t.app);
  return { t, cookie, document };
});

/** The document's path for a route URL: `/api/x/:id` → `/api/x/{id}`. */
const documentPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

function operation(document: OpenApiDocument, method: string, url: string) {
  const found = document.paths[documentPath(url)]?.[method.toLowerCase()];
  if (!found) throw new Error(`${method} ${url} is not in the document`);
  return found;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(world.document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('writes every schema in JSON Schema 2020-12, the dialect of OpenAPI 3.1', () => {
    const compile = schemaCompiler(world.document);
    const failures: string[] = [];
    for (const { where, schema } of schemaObjectsOf(world.document)) {
      try {
        compile(schema);
      } catch (error) {
        failures.push(`${where}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents map bounds as a 2020-12 tuple', () => {
    const media = must(
      operation(world.document, 'GET', '/api/public/campaigns/:slug').responses['200']?.content?.['application/json'],
      'the JSON answer',
    );
    const bounds = must((media.schema?.properties as Record<string, Record<string, unknown>> | undefined)?.bounds, 'the bounds property');
    expect(bounds).toMatchObject({ type: 'array', minItems: 4, maxItems: 4, prefixItems: [{}, {}, {}, {}] });
    expect(bounds).not.toHaveProperty('additionalItems');
  });

  it('documents the error answers every route can give, by the kind of route', () => {
    const missing: string[] = [];
    for (const route of world.t.app.routeTable) {
      for (const method of ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD')) {
        const documented = Object.keys(operation(world.document, method, route.url).responses).map(Number);
        const absent = standardErrorStatuses(route).filter((s) => !documented.includes(s));
        if (absent.length > 0) missing.push(`${method} ${route.url}: ${absent.join(', ')}`);
      }
    }
    expect(missing).toEqual([]);
    const health = operation(world.document, 'GET', '/api/health').responses;
    expect(Object.keys(health)).toEqual(expect.arrayContaining(['400', '414', '431', '500']));
    const survey = operation(world.document, 'PATCH', '/api/surveys/:id').responses;
    expect(Object.keys(survey)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '413', '414', '415', '431']));
    expect(survey['414']?.description).toMatch(/URL/);
  });

  it('documents what the server answers to bad input', async () => {
    const { app } = world.t;
    const answers = [
      { method: 'GET', url: '/api/health', res: await app.inject({ method: 'GET', url: '/api/health?debug=1' }) },
      { method: 'GET', url: '/api/surveys/:id', res: await app.inject({ method: 'GET', url: `/api/surveys/${'x'.repeat(200)}` }) },
    ];
    expect(answers.map((a) => a.res.statusCode)).toEqual([400, 414]);
    for (const { method, url, res } of answers) {
      expect(Object.keys(operation(world.document, method, url).responses)).toContain(String(res.statusCode));
    }
  });

  it('documents the request body of uploads with the media types they take', () => {
    const imports = must(operation(world.document, 'POST', '/api/imports').requestBody, 'the import body');
    expect(Object.keys(imports.content)).toEqual(expect.arrayContaining(['text/csv', 'application/geo+json', 'multipart/form-data']));
    const photo = must(operation(world.document, 'PUT', '/api/walks/:id/stops/:clientId/photos/:photoId').requestBody, 'the photo body');
    expect(Object.keys(photo.content).sort()).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    const result = must(operation(world.document, 'POST', '/api/imports').responses['200']?.content, 'the import answer');
    expect(Object.keys(result)).toEqual(['application/json', 'application/x-ndjson']);
  });

  it('documents the problem-picture export as the files it is', async () => {
    const exported = must(operation(world.document, 'GET', '/api/problem-picture/export').responses['200']?.content, 'the export answer');
    expect(Object.keys(exported).sort()).toEqual(['application/geo+json', 'text/csv']);
    const validate = schemaCompiler(world.document)(must(exported['application/geo+json']?.schema, 'the GeoJSON schema'));
    for (const format of ['csv', 'geojson']) {
      const res = await world.t.app.inject({
        method: 'GET',
        url: `/api/problem-picture/export?format=${format}`,
        headers: { origin: ORIGIN, cookie: world.cookie },
      });
      expect(res.statusCode).toBe(200);
      const type = String(res.headers['content-type']).split(';')[0];
      expect(Object.keys(exported)).toContain(type);
      if (type === 'application/geo+json') expect(validate(res.json()), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('documents every file answer with its own media type, never as JSON text', () => {
    const textAsJson = operationsOf(world.document).filter(({ operation: op }) =>
      Object.values(op.responses).some((r) => r.content?.['application/json']?.schema?.type === 'string'),
    );
    expect(textAsJson.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });
});
