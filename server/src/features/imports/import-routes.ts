import { PassThrough, type Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CategoryMappingBody,
  CategoryMappingList,
  CategoryMappingQuery,
  CategoryMappingResult,
  EmptyBody,
  IdParams,
  ImportList,
  ImportListQuery,
  ImportPreview,
  ImportQuery,
  ImportResult,
  ImportStreamLine,
  ImportTemplate,
  ImportTemplateBody,
  ImportTemplateList,
  NoQuery,
  OkResponse,
  PreviewQuery,
  type ErrorBody,
} from '@lagesbild/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { denied, errors, staffOf } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { HttpError } from '../../plugins/errors';
import { ImportFileError } from './import-errors';
import { listMappings, setMapping } from './category-mappings';
import type { ImportActor } from './import-context';
import { PREVIEW_BYTES, previewImport } from './import-preview';
import { runImport } from './import-run';
import { getImport, listImports, undoImport } from './import-service';
import { deleteTemplate, listTemplates, saveTemplate } from './import-templates';

/**
 * Imports API. Uploads are streamed: the file is the raw request body (text/csv, JSON, GeoJSON or
 * application/octet-stream) or the one file of a multipart/form-data request, never buffered
 * whole. With `Accept: application/x-ndjson` the answer streams progress lines while the rows are
 * written and ends with the result (see ImportProgress); otherwise it is the result as JSON.
 */
function importActorOf(request: FastifyRequest): ImportActor {
  const user = staffOf(request);
  return { collaborationId: user.collaboration.id, userId: user.id, agencyKind: user.agency.kind, via: 'api' };
}

const UPLOAD_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'application/geo+json',
  'application/octet-stream',
  'application/vnd.ms-excel',
];
/** What an upload may be sent as (documented as the request body of the raw-body routes). */
const UPLOAD_MEDIA = [...UPLOAD_TYPES, 'multipart/form-data'];

interface Upload {
  body: AsyncIterable<Buffer>;
  contentType: string | undefined;
  fileName?: string;
  /** Reads and drops whatever the import did not read, so the connection can answer and be reused. */
  discard(): void;
}

/**
 * The uploaded bytes, from a raw body or the file part of a multipart body. Iterated without
 * destroying the stream when reading stops early (a refused file, a preview): destroying it would
 * leave the rest of the upload unread on the connection, which then never finishes.
 */
async function uploadOf(app: FastifyInstance, request: FastifyRequest): Promise<Upload> {
  const limit = app.config.importMaxBytes;
  const tooLarge = () =>
    new ImportFileError(413, 'FILE_TOO_LARGE', `The file is larger than ${Math.round(limit / 1_048_576)} MB, the most one import takes.`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + 64 * 1024) {
    throw new HttpError(413, 'FILE_TOO_LARGE', tooLarge().message);
  }
  if (request.isMultipart()) {
    const part = await request.file({ limits: { fileSize: limit, files: 1, fields: 20, parts: 25 } });
    if (!part) throw new HttpError(422, 'EMPTY_FILE', 'The form holds no file.');
    const stream = part.file;
    async function* bytes(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw error;
      }
      // Busboy stops a file at the limit and marks it truncated: never import the first part of a file.
      if (stream.truncated) throw tooLarge();
    }
    return { body: bytes(), contentType: part.mimetype, fileName: part.filename || undefined, discard: () => void stream.resume() };
  }
  // Without a body Fastify runs no parser at all, so there is no stream to read.
  const raw = request.body as Readable | undefined;
  if (!raw) throw new HttpError(400, 'EMPTY_BODY', 'The request has no body: send the file as the body or as a multipart form.');
  return {
    body: raw.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>,
    contentType: request.headers['content-type'],
    discard: () => {
      if (!raw.readableEnded) raw.resume();
    },
  };
}

/** Without an upload (refused before reading): drop the request body the same way. */
function drain(request: FastifyRequest): void {
  if (!request.raw.readableEnded) request.raw.resume();
}

const uploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Uploads arrive as streams: every accepted type hands the route the raw body unread. This
  // scope's own JSON parser is replaced; the other import routes keep the app's.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
  await app.register(multipart, { throwFileSizeLimit: true });

  app.post(
    '/api/imports',
    {
      schema: {
        summary: 'Imports a file: CSV, GeoJSON points, the police events feed, Open311 requests, or area boundaries',
        description:
          'The body is the file (text/csv, application/json, application/geo+json, application/octet-stream) or a multipart form with one file. ' +
          'Re-importing the same rows adds nothing (external id, else content hash). With strict=true any row error imports nothing (422). ' +
          'Accept: application/x-ndjson streams {"type":"progress",…} lines while writing, then {"type":"result","result":…} or {"type":"error",…}.',
        tags: ['imports'],
        querystring: ImportQuery,
        consumes: UPLOAD_MEDIA,
        response: {
          200: {
            description: 'the result; with Accept: application/x-ndjson, progress lines and then the result, one JSON object a line',
            content: { 'application/json': { schema: ImportResult }, 'application/x-ndjson': { schema: ImportStreamLine } },
          },
          ...errors(400, 401, 403, 404, 413, 415, 422),
        },
      },
      config: { access: COORDINATORS, rawBody: true },
    },
    async (request, reply) => {
      const actor = importActorOf(request);
      let upload: Upload;
      try {
        upload = await uploadOf(app, request);
      } catch (error) {
        drain(request);
        throw error;
      }
      const streaming = (request.headers.accept ?? '').includes('application/x-ndjson');
      let out: PassThrough | undefined;
      const line = (value: unknown) => out?.write(`${JSON.stringify(value)}\n`);
      try {
        const result = await runImport(app.db, actor, {
          query: { ...request.query, ...(request.query.fileName || !upload.fileName ? {} : { fileName: upload.fileName.slice(0, 255) }) },
          body: upload.body,
          contentType: upload.contentType,
          limits: { maxBytes: app.config.importMaxBytes },
          onWriting: () => {
            if (!streaming) return;
            out = new PassThrough();
            void reply
              .type('application/x-ndjson; charset=utf-8')
              .header('cache-control', 'no-store')
              .send(out as never);
          },
          onProgress: (progress) => line({ type: 'progress', ...progress }),
        });
        if (out) {
          out.end(`${JSON.stringify({ type: 'result', result })}\n`);
          return reply;
        }
        return result;
      } catch (error) {
        upload.discard();
        if (out) {
          const status = error instanceof HttpError ? error.statusCode : 500;
          const body: ErrorBody =
            error instanceof HttpError
              ? { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }
              : { error: 'INTERNAL', message: 'Something went wrong on our side; nothing was changed.' };
          if (!(error instanceof HttpError)) request.log.error({ err: error }, 'import failed');
          out.end(`${JSON.stringify({ type: 'error', status, body })}\n`);
          return reply;
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/imports/preview',
    {
      schema: {
        summary: 'Reads the start of a file: detected format, encoding, delimiter and coordinate system, the first rows, and the mapping',
        description: `Only the first ${PREVIEW_BYTES / 1024} KB are read; send just the start of a large file. Nothing is stored.`,
        tags: ['imports'],
        querystring: PreviewQuery,
        consumes: UPLOAD_MEDIA,
        response: { 200: ImportPreview, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
      config: { access: COORDINATORS, rawBody: true },
    },
    async (request) => {
      let upload: Upload | undefined;
      try {
        upload = await uploadOf(app, request);
        return await previewImport(
          app.db,
          importActorOf(request),
          request.query,
          upload.body,
          upload.contentType,
          app.config.importMaxBytes,
        );
      } finally {
        if (upload) upload.discard();
        else drain(request);
      }
    },
  );
};

const recordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/imports',
    {
      schema: {
        summary: 'Past imports of the collaboration, newest first',
        tags: ['imports'],
        querystring: ImportListQuery,
        response: { 200: ImportList, ...denied },
      },
      config: { access: COORDINATORS },
    },
    async (request) => ({ imports: await listImports(app.db, importActorOf(request), request.query.limit ?? 50) }),
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        summary: 'One import with its row errors',
        tags: ['imports'],
        params: IdParams,
        querystring: NoQuery,
        response: { 200: ImportResult, ...errors(401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => getImport(app.db, importActorOf(request), request.params.id),
  );

  app.post(
    '/api/imports/:id/undo',
    {
      schema: {
        summary: 'Undoes an import: removes exactly the rows (or areas) it added',
        tags: ['imports'],
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: ImportResult, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => undoImport(app.db, importActorOf(request), request.params.id),
  );

  app.get(
    '/api/imports/templates',
    {
      schema: {
        summary: 'Saved column mappings, by source name',
        tags: ['imports'],
        querystring: NoQuery,
        response: { 200: ImportTemplateList, ...denied },
      },
      config: { access: COORDINATORS },
    },
    async (request) => ({ templates: await listTemplates(app.db, importActorOf(request)) }),
  );

  app.post(
    '/api/imports/templates',
    {
      schema: {
        summary: 'Saves a column mapping under a source name (replacing one of the same name)',
        tags: ['imports'],
        querystring: NoQuery,
        body: ImportTemplateBody,
        response: { 200: ImportTemplate, ...errors(400, 401, 403, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => saveTemplate(app.db, importActorOf(request), request.body),
  );

  app.delete(
    '/api/imports/templates/:id',
    {
      schema: {
        summary: 'Deletes a saved column mapping',
        tags: ['imports'],
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      await deleteTemplate(app.db, importActorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/imports/mappings',
    {
      schema: {
        summary:
          "Each imported source type and the taxonomy category it maps to (the collaboration's own, the default, or unmapped → other)",
        tags: ['imports'],
        querystring: CategoryMappingQuery,
        response: { 200: CategoryMappingList, ...denied },
      },
      config: { access: COORDINATORS },
    },
    async (request) => ({ mappings: await listMappings(app.db, importActorOf(request), request.query.source) }),
  );

  app.put(
    '/api/imports/mappings',
    {
      schema: {
        summary: 'Maps a source type onto a category; rows already imported with that type are re-categorised',
        tags: ['imports'],
        querystring: NoQuery,
        body: CategoryMappingBody,
        response: { 200: CategoryMappingResult, ...errors(400, 401, 403, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => setMapping(app.db, importActorOf(request), request.body),
  );
};

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Two scopes: the upload routes parse bodies as streams, the others as JSON.
  await app.register(uploadRoutes);
  await app.register(recordRoutes);
};
