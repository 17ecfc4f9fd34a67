import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Collaboration, NoQuery, UpdateCollaborationBody } from '@lagesbild/shared';
import { actorOf, denied, errors } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { collaborationOf, updateCollaboration } from './collaboration-service';

export const collaborationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/collaboration',
    {
      schema: {
        summary: 'The active collaboration: its municipalities, lokalpolisområde, languages and disclosure threshold',
        tags: ['collaboration'],
        querystring: NoQuery,
        response: { 200: Collaboration, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => collaborationOf(app.db, actorOf(request).collaborationId),
  );

  app.patch(
    '/api/collaboration',
    {
      schema: {
        summary: 'Edits the active collaboration (municipalities by kommunkod; the threshold never below 5)',
        tags: ['collaboration'],
        querystring: NoQuery,
        body: UpdateCollaborationBody,
        response: { 200: Collaboration, ...errors(400, 401, 403) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => updateCollaboration(app.db, actorOf(request), request.body),
  );
};
