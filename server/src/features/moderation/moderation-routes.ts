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
  errorResponses,
} from '@lagesbild/shared';
import type { FastifyRequest } from 'fastify';
import { COORDINATORS } from '../../plugins/access';
import { decideResponse, decideText, flaggedResponses, moderationQueue, type Actor } from './moderation-service';

function actorOf(request: FastifyRequest): Actor {
  // The auth hook has already refused requests without a user on these routes.
  const user = request.user!;
  return { userId: user.id, collaborationId: user.collaboration.id };
}

const denied = { 401: errorResponses[401], 403: errorResponses[403] };
const changed = { 400: errorResponses[400], ...denied, 404: errorResponses[404], 409: errorResponses[409], 422: errorResponses[422] };

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
        response: { 200: ModerationQueue, 400: errorResponses[400], ...denied },
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
        response: { 200: FlaggedList, 400: errorResponses[400], ...denied },
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
