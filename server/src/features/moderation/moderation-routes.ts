import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  FlaggedList,
  FlaggedQuery,
  IdParams,
  ModerationItem,
  ModerationQuery,
  ModerationQueue,
  NoQuery,
  ResponseDecisionBody,
  ResponseDecisionResult,
  TextDecisionBody,
} from '@lagesbild/shared';
import { actorOf, changed, errors } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { decideResponse, decideText, flaggedResponses, moderationQueue } from './moderation-service';

/**
 * Residents' free text as written, and repeat answers awaiting a decision: the raw staff view.
 * Only coordinators (who decide) read it; nothing here is ever public.
 */
export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/moderation/texts',
    {
      schema: {
        summary: 'Free text (pin comments and text answers) by moderation status, with counts',
        tags: ['moderation'],
        querystring: ModerationQuery,
        response: { 200: ModerationQueue, ...errors(400, 401, 403) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return moderationQueue(app.db, actorOf(request).collaborationId, request.query);
    },
  );

  app.post(
    '/api/moderation/texts/:id/decision',
    {
      schema: {
        summary: 'Approves, redacts or rejects a free text; audited without the text',
        tags: ['moderation'],
        params: IdParams,
        querystring: NoQuery,
        body: TextDecisionBody,
        response: { 200: ModerationItem, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => decideText(app.db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/moderation/responses',
    {
      schema: {
        summary: 'Answers flagged as repeats from one device, awaiting accept or discard',
        tags: ['moderation'],
        querystring: FlaggedQuery,
        response: { 200: FlaggedList, ...errors(400, 401, 403) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return flaggedResponses(app.db, actorOf(request).collaborationId, request.query.campaignId);
    },
  );

  app.post(
    '/api/moderation/responses/:id/decision',
    {
      schema: {
        summary: 'Accepts a flagged answer (its pins enter the point store) or discards it (kept, marked)',
        tags: ['moderation'],
        params: IdParams,
        querystring: NoQuery,
        body: ResponseDecisionBody,
        response: { 200: ResponseDecisionResult, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => decideResponse(app.db, actorOf(request), request.params.id, request.body),
  );
};
