import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateSnapshotBody,
  IdParams,
  NoQuery,
  ProblemPicture,
  ProblemPictureFeatures,
  ProblemPictureQuery,
  SafetyIndex,
  SafetyIndexQuery,
  Snapshot,
  SnapshotComparison,
  SnapshotSummary,
  WeightsSchema,
} from '@lagesbild/shared';
import { Type } from 'typebox';
import { actorOf, denied, errors, localeOf, staffOf } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { exportProblemPicture } from './problem-picture-export';
import { problemPicture, safetyIndex, viewerOf } from './problem-picture-service';
import { compareSnapshots, getSnapshot, saveSnapshot, snapshots } from './snapshot-service';
import { currentWeights, saveWeights } from './weights-service';

const ExportQuery = Type.Object(
  { ...ProblemPictureQuery.properties, format: Type.Enum(['csv', 'geojson']) },
  { additionalProperties: false },
);

export const problemPictureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/problem-picture',
    {
      schema: {
        summary: 'The ranked problem picture for a period and an area, with the evidence behind every rank',
        tags: ['problem picture'],
        querystring: ProblemPictureQuery,
        response: { 200: ProblemPicture, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) =>
      problemPicture(app.db, viewerOf(staffOf(request)), { ...request.query, locale: localeOf(request, request.query.locale) }),
  );

  app.get(
    '/api/problem-picture/export',
    {
      schema: {
        summary: 'The problem picture as CSV (spreadsheet-safe) or GeoJSON (areas with their figures)',
        tags: ['problem picture'],
        querystring: ExportQuery,
        response: {
          200: {
            description: 'a file (attachment): the ranking as CSV, or the areas with their figures as GeoJSON',
            content: { 'text/csv': { schema: Type.String() }, 'application/geo+json': { schema: ProblemPictureFeatures } },
          },
          ...errors(400, 401, 403, 404),
        },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const file = await exportProblemPicture(app.db, staffOf(request), { ...query, locale: localeOf(request, query.locale) }, format);
      reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`);
      return file.body;
    },
  );

  app.get(
    '/api/problem-picture/safety-index',
    {
      schema: {
        summary: 'Share feeling unsafe late in the evening per half-year, optionally by gender or age band',
        tags: ['problem picture'],
        querystring: SafetyIndexQuery,
        response: { 200: SafetyIndex, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => safetyIndex(app.db, viewerOf(staffOf(request)), request.query.areaId, request.query.breakdown ?? 'none'),
  );

  app.get(
    '/api/problem-picture/weights',
    {
      schema: {
        summary: 'The ranking weights of the collaboration',
        tags: ['problem picture'],
        querystring: NoQuery,
        response: { 200: WeightsSchema, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => currentWeights(app.db, actorOf(request).collaborationId),
  );

  app.put(
    '/api/problem-picture/weights',
    {
      schema: {
        summary: 'Changes the ranking weights (0–100 each)',
        tags: ['problem picture'],
        querystring: NoQuery,
        body: WeightsSchema,
        response: { 200: WeightsSchema, ...errors(400, 401, 403) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => saveWeights(app.db, actorOf(request), request.body),
  );

  app.post(
    '/api/snapshots',
    {
      schema: {
        summary: 'Saves the lägesbild as it is now (immutable; disclosure rules applied)',
        description: 'from and to are days, both included: from = to is a one-day lägesbild; from after to is refused (400).',
        tags: ['snapshots'],
        querystring: NoQuery,
        body: CreateSnapshotBody,
        response: { 201: SnapshotSummary, ...errors(400, 401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      const saved = await saveSnapshot(app.db, actorOf(request), request.body);
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/snapshots',
    {
      schema: {
        summary: 'Saved snapshots, newest first',
        tags: ['snapshots'],
        querystring: NoQuery,
        response: { 200: Type.Array(SnapshotSummary), ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => snapshots(app.db, actorOf(request).collaborationId),
  );

  app.get(
    '/api/snapshots/compare',
    {
      schema: {
        summary: 'How ranks moved between two snapshots',
        tags: ['snapshots'],
        querystring: Type.Object(
          { a: Type.String({ format: 'uuid' }), b: Type.String({ format: 'uuid' }), locale: Type.Optional(Type.Enum(['sv', 'en'])) },
          { additionalProperties: false },
        ),
        response: { 200: SnapshotComparison, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) =>
      compareSnapshots(app.db, actorOf(request).collaborationId, request.query.a, request.query.b, localeOf(request, request.query.locale)),
  );

  app.get(
    '/api/snapshots/:id',
    {
      schema: {
        summary: 'One saved snapshot',
        tags: ['snapshots'],
        params: IdParams,
        querystring: Type.Object({ locale: Type.Optional(Type.Enum(['sv', 'en'])) }, { additionalProperties: false }),
        response: { 200: Snapshot, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => getSnapshot(app.db, actorOf(request).collaborationId, request.params.id, localeOf(request, request.query.locale)),
  );
};
