import { STATUS_CODES } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/** What each error status means on this API, in the document's response descriptions. */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'the request does not match its schema (details name each field)',
  401: 'no staff session: log in first',
  403: 'the role may not do this, or the Origin is not this site',
  404: 'no such resource in the active collaboration',
  409: 'the resource is not in a state that allows this',
  413: 'the body is larger than this route takes',
  408: 'the request took too long to arrive',
  414: 'the URL, or a path parameter, is longer than the server reads',
  415: 'the body is of a media type this route does not take',
  422: 'the request is well-formed but breaks a rule',
  429: 'too many requests from this client: wait for Retry-After',
  431: 'the request headers are too large',
  500: 'a fault on the server; nothing was changed',
  503: 'the database is not reachable',
};

/**
 * The request body of a route that reads its body raw (uploads): one entry per media type it
 * declares in `schema.consumes`. Fastify validates no body schema on these routes, so the body is
 * added to the document only.
 */
function documentRawBody(schema: FastifySchema, route: RouteOptions): FastifySchema {
  if (!route.config?.rawBody || schema.body) return schema;
  const file = { type: 'string', format: 'binary' };
  const content = Object.fromEntries(
    (schema.consumes ?? ['application/octet-stream']).map((type) => [
      type,
      { schema: type === 'multipart/form-data' ? { type: 'object', properties: { file }, required: ['file'] } : file },
    ]),
  );
  return { ...schema, body: { content } };
}

interface Operation {
  responses?: Record<string, { description?: string }>;
}

/** Replaces @fastify/swagger's placeholder description of error answers with what they mean here. */
function describeErrors(document: { paths?: Record<string, Record<string, Operation>> }): void {
  for (const path of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(path)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description !== 'Default Response' || Number(status) < 400) continue;
        response.description = ERROR_MEANINGS[Number(status)] ?? STATUS_CODES[Number(status)] ?? response.description;
      }
    }
  }
}

export const openApiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Lägesbild API',
          description: 'Safety surveys, incident imports, hot spots and citizen pledges for municipalities and police.',
          version: '0.1.0',
        },
      },
      // Shared schemas (ErrorBody) appear in components under their own $id, not as def-N.
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
      transform: ({ schema, url, route }) => ({ schema: schema && documentRawBody(schema, route), url }),
      transformObject: (documents) => {
        const document = 'openapiObject' in documents ? documents.openapiObject : documents.swaggerObject;
        describeErrors(document as Parameters<typeof describeErrors>[0]);
        return document;
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'openapi' },
);
