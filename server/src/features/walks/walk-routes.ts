import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateWalkBody,
  EmptyBody,
  NoQuery,
  OkResponse,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PIXELS,
  PHOTO_TYPES,
  PhotoParams,
  PutStopBody,
  StopParams,
  UpdateStopBody,
  UpdateWalkBody,
  WalkActionList,
  WalkActionsQuery,
  WalkDetail,
  WalkExportQuery,
  WalkList,
  WalkParams,
  WalkPhoto,
  WalkStop,
  WalkSummary,
} from '@lagesbild/shared';
import { Binary, actorOf, changed, errors } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { HttpError } from '../../plugins/errors';
import { listActions, updateStopAction } from './walk-action-service';
import { exportWalk } from './walk-export-service';
import { getPhoto, putPhoto } from './walk-photo-service';
import { createWalk, getWalk, listWalks, updateWalk } from './walk-service';
import { deleteStop, putStop } from './walk-stop-service';

const tags = ['walks'];
const megabytes = (bytes: number) => Math.round(bytes / 1_048_576);

/**
 * Safety walks. Reads are for all staff, writes for admins and coordinators. Stops are PUT by
 * the id the phone made for them, photos as the raw image body (image/jpeg, image/png,
 * image/webp: parsers registered in this plugin only, with their own size limit).
 */
export const walkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.get(
    '/api/walks',
    {
      schema: {
        summary: 'Safety walks of the collaboration, newest first, and its areas',
        tags,
        querystring: NoQuery,
        response: { 200: WalkList, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => listWalks(app.db, actorOf(request)),
  );

  app.post(
    '/api/walks',
    {
      schema: {
        summary: 'Creates a safety walk (an area or a route description, the date, daylight or dark, participants, partners)',
        tags,
        querystring: NoQuery,
        body: CreateWalkBody,
        response: { 201: WalkSummary, ...errors(400, 401, 403, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => reply.status(201).send(await createWalk(app.db, actorOf(request), request.body)),
  );

  app.get(
    '/api/walks/actions',
    {
      schema: {
        summary: 'Suggested actions from walk stops (default: the open ones), with owner, place and walk, for the pledge draft',
        tags,
        querystring: WalkActionsQuery,
        response: { 200: WalkActionList, ...errors(400, 401) },
      },
      config: { access: 'staff' },
    },
    async (request) => ({ actions: await listActions(app.db, actorOf(request), request.query.status ?? 'open') }),
  );

  app.get(
    '/api/walks/:id',
    {
      schema: {
        summary: 'A walk with its stops (ratings, derived categories, point ids, photos) and where stops may be placed',
        tags,
        params: WalkParams,
        querystring: NoQuery,
        response: { 200: WalkDetail, ...errors(400, 401, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => getWalk(app.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/walks/:id',
    {
      schema: {
        summary: 'Changes a walk (a new date or light moves its stops in time in the point store)',
        tags,
        params: WalkParams,
        querystring: NoQuery,
        body: UpdateWalkBody,
        response: { 200: WalkSummary, ...errors(400, 401, 403, 404, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => updateWalk(app.db, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/walks/:id/stops/:clientId',
    {
      schema: {
        summary: 'Stores a stop exactly once under the id the phone made for it',
        description:
          '201 when stored, 200 with the stored stop when the same content arrives again (a phone that syncs twice stores once), ' +
          '409 when other content was already stored under this id. Ratings are 0–3 (400 otherwise). A stop more than 2 km outside ' +
          "the walk's area (or outside the collaboration's boundary) is refused with 422. Low ratings (≤ 1) become points of source " +
          '"walk" in the point store.',
        tags,
        params: StopParams,
        querystring: NoQuery,
        body: PutStopBody,
        response: {
          200: WalkStop,
          201: WalkStop,
          ...changed,
        },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      const { stop, created } = await putStop(app.db, actorOf(request), request.params.id, request.params.clientId, request.body);
      return reply.status(created ? 201 : 200).send(stop);
    },
  );

  app.patch(
    '/api/walks/:id/stops/:clientId',
    {
      schema: {
        summary: "Decides on a stop's suggested action: open, adopted (carried into a pledge) or dismissed",
        tags,
        params: StopParams,
        querystring: NoQuery,
        body: UpdateStopBody,
        response: { 200: WalkStop, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => updateStopAction(app.db, actorOf(request), request.params.id, request.params.clientId, request.body.actionStatus),
  );

  app.delete(
    '/api/walks/:id/stops/:clientId',
    {
      schema: {
        summary: 'Deletes a stop with its photos and its points',
        tags,
        params: StopParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      await deleteStop(app.db, actorOf(request), request.params.id, request.params.clientId);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/walks/:id/stops/:clientId/photos/:photoId',
    {
      bodyLimit: PHOTO_MAX_BYTES,
      schema: {
        summary: 'Uploads a photo of a stop (the raw image); EXIF, GPS, XMP and IPTC metadata are removed before it is stored',
        description:
          `Body: the image as image/jpeg, image/png or image/webp, at most ${megabytes(PHOTO_MAX_BYTES)} MB (413 beyond). ` +
          'Its first bytes must show it is one of these (415 otherwise); its header may declare at most ' +
          `${PHOTO_MAX_PIXELS / 1_000_000} megapixels (422 IMAGE_TOO_LARGE beyond). 201 when stored, 200 when the same photo arrives again, ` +
          '409 when another photo was stored under this id.',
        tags,
        params: PhotoParams,
        querystring: NoQuery,
        consumes: PHOTO_TYPES,
        response: {
          200: WalkPhoto,
          201: WalkPhoto,
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
      config: { access: COORDINATORS, rawBody: true },
      preParsing: async (request) => {
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > PHOTO_MAX_BYTES) {
          // Read the rest unparsed, so the connection stays usable after the early answer.
          request.raw.resume();
          throw new HttpError(
            413,
            'PHOTO_TOO_LARGE',
            `The photo is ${(declared / 1_048_576).toFixed(1)} MB; a photo may be at most ${megabytes(PHOTO_MAX_BYTES)} MB.`,
          );
        }
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new HttpError(415, 'NOT_AN_IMAGE', `Send the photo itself as the body, with Content-Type ${PHOTO_TYPES.join(', ')}.`);
      }
      const { photo, created } = await putPhoto(
        app.db,
        actorOf(request),
        request.params.id,
        request.params.clientId,
        request.params.photoId,
        body,
      );
      return reply.status(created ? 201 : 200).send(photo);
    },
  );

  app.get(
    '/api/walks/:id/stops/:clientId/photos/:photoId',
    {
      schema: {
        summary: 'A stop photo (as stored: without metadata)',
        tags,
        params: PhotoParams,
        querystring: NoQuery,
        response: {
          200: {
            description: 'the image',
            content: Object.fromEntries(PHOTO_TYPES.map((t) => [t, { schema: Binary }])),
          },
          ...errors(400, 401, 404),
        },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const photo = await getPhoto(app.db, actorOf(request), request.params.id, request.params.clientId, request.params.photoId);
      reply.header('content-type', photo.contentType);
      reply.header('content-disposition', 'inline');
      return reply.send(photo.bytes);
    },
  );

  app.get(
    '/api/walks/:id/export',
    {
      schema: {
        summary: 'The walk protocol as a Word document (Swedish): walk, participants, stops with ratings and actions, photos',
        tags,
        params: WalkParams,
        querystring: WalkExportQuery,
        response: {
          200: {
            description: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document, as an attachment',
            content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: Binary } },
          },
          ...errors(400, 401, 404),
        },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const { bytes, fileName } = await exportWalk(app.db, actorOf(request), request.params.id);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      return reply.send(bytes);
    },
  );
};
