import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ConcernParams,
  CreateConcernBody,
  CreateMeetingBody,
  DialogueConcern,
  EmptyBody,
  IdParams,
  MeetingDetail,
  MeetingList,
  MeetingSummary,
  NoQuery,
  OkResponse,
  UpdateConcernBody,
  UpdateMeetingBody,
} from '@lagesbild/shared';
import { actorOf, errors } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import {
  createConcern,
  createMeeting,
  deleteConcern,
  deleteMeeting,
  getMeeting,
  listMeetings,
  updateConcern,
  updateMeeting,
} from './dialogue-service';

const tags = ['dialogues'];

/**
 * Dialogue meetings (medborgardialog, medarbetardialog) and their concerns. Every concern is one
 * point of source "dialogue" whose weight is how many raised it. Reads: all staff; writes:
 * admins and coordinators.
 */
export const dialogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/dialogues',
    {
      schema: {
        summary: 'Dialogue meetings of the collaboration, newest first, and its areas',
        tags,
        querystring: NoQuery,
        response: { 200: MeetingList, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => listMeetings(app.db, actorOf(request)),
  );

  app.post(
    '/api/dialogues',
    {
      schema: {
        summary: 'Records a dialogue meeting (date, place, audience: residents or staff, number present)',
        tags,
        querystring: NoQuery,
        body: CreateMeetingBody,
        response: { 201: MeetingSummary, ...errors(400, 401, 403, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => reply.status(201).send(await createMeeting(app.db, actorOf(request), request.body)),
  );

  app.get(
    '/api/dialogues/:id',
    {
      schema: {
        summary: 'A meeting with its concerns',
        tags,
        params: IdParams,
        querystring: NoQuery,
        response: { 200: MeetingDetail, ...errors(400, 401, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => getMeeting(app.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/dialogues/:id',
    {
      schema: {
        summary: 'Changes a meeting (a new date or area moves its concerns in the point store)',
        tags,
        params: IdParams,
        querystring: NoQuery,
        body: UpdateMeetingBody,
        response: { 200: MeetingSummary, ...errors(400, 401, 403, 404, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => updateMeeting(app.db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/dialogues/:id',
    {
      schema: {
        summary: 'Deletes a meeting with its concerns and their points',
        tags,
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      await deleteMeeting(app.db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/dialogues/:id/concerns',
    {
      schema: {
        summary: 'Adds a concern: text, category, how many raised it, optionally a place (lat/lon) or an area',
        description:
          'The concern becomes one point of source "dialogue" with weight = mentions. Without a place it lies at the centre of its ' +
          'area, else the meeting\'s area, else the collaboration\'s boundary, with precision "area".',
        tags,
        params: IdParams,
        querystring: NoQuery,
        body: CreateConcernBody,
        response: { 201: DialogueConcern, ...errors(400, 401, 403, 404, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => reply.status(201).send(await createConcern(app.db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/dialogues/:id/concerns/:concernId',
    {
      schema: {
        summary: 'Changes a concern (and its point)',
        tags,
        params: ConcernParams,
        querystring: NoQuery,
        body: UpdateConcernBody,
        response: { 200: DialogueConcern, ...errors(400, 401, 403, 404, 422) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => updateConcern(app.db, actorOf(request), request.params.id, request.params.concernId, request.body),
  );

  app.delete(
    '/api/dialogues/:id/concerns/:concernId',
    {
      schema: {
        summary: 'Deletes a concern; its point leaves the point store',
        tags,
        params: ConcernParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      await deleteConcern(app.db, actorOf(request), request.params.id, request.params.concernId);
      return { ok: true as const };
    },
  );
};
