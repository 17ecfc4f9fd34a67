import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MailOutbox, NoQuery } from '@lagesbild/shared';
import { actorOf, denied } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { outbox } from './mail-service';

export const mailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/mail/outbox',
    {
      schema: {
        summary: "Mails of the collaboration still waiting to be sent (masked addresses), and last week's count",
        tags: ['mail'],
        querystring: NoQuery,
        response: { 200: MailOutbox, ...denied },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => outbox(app.db, actorOf(request).collaborationId, app.config.mail !== undefined),
  );
};
