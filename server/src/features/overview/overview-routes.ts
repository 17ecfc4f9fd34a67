import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NoQuery, Overview, errorResponses, type CurrentUser } from '@lagesbild/shared';
import { overviewFor } from './overview-service';

export const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/overview',
    {
      schema: {
        summary: "The collaboration's evidence at a glance: responses and points per source",
        tags: ['overview'],
        querystring: NoQuery,
        response: { 200: Overview, 401: errorResponses[401] },
      },
      config: { access: 'staff' },
    },
    async (request) => overviewFor(app.db, request.user as CurrentUser),
  );
};
