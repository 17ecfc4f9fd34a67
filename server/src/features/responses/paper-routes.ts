import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, IdempotencyHeaders, NoQuery, PaperResponseBody, SubmitResponseResult } from '@lagesbild/shared';
import { actorOf, changed } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { submitPaperResponse } from './response-service';

/**
 * Paper answers typed in by staff. The URL sits under the campaign, but storing an answer is
 * this feature's job, so the route lives here and campaigns need not know about responses.
 */
export const paperResponseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/campaigns/:id/paper-responses',
    {
      schema: {
        summary: 'Stores a paper questionnaire typed in by staff (channel paper); the Idempotency-Key makes a double click store once',
        tags: ['campaigns'],
        params: IdParams,
        querystring: NoQuery,
        headers: IdempotencyHeaders,
        body: PaperResponseBody,
        response: { 201: SubmitResponseResult, ...changed },
      },
      bodyLimit: 32 * 1024,
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await submitPaperResponse(app.db, {
        collaborationId: actor.collaborationId,
        actorUserId: actor.userId,
        campaignId: request.params.id,
        idempotencyKey: request.headers['idempotency-key'].toLowerCase(),
        body: request.body,
      });
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(201).send({ id: result.id });
    },
  );
};
