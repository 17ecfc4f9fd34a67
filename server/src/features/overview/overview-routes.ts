import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NoQuery, Overview } from '@lagesbild/shared';
import { errors, staffOf } from '../../lib/staff-route-kit';
import { overviewFor } from './overview-service';

export const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/overview',
    {
      schema: {
        summary: "The collaboration's evidence at a glance: responses and points per source",
        tags: ['overview'],
        querystring: NoQuery,
        response: { 200: Overview, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => overviewFor(app.db, staffOf(request)),
  );
};
