import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaList, NoQuery } from '@lagesbild/shared';
import { actorOf, errors } from '../../lib/staff-route-kit';

export const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/areas',
    {
      schema: {
        summary: "The collaboration's areas (boundary and districts) without their geometry, for pickers and filters",
        tags: ['areas'],
        querystring: NoQuery,
        response: { 200: AreaList, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => {
      const rows = await app.db
        .selectFrom('area')
        .select(['id', 'name', 'kind', 'population'])
        .where('collaboration_id', '=', actorOf(request).collaborationId)
        .orderBy('kind')
        .orderBy('name')
        .execute();
      return { areas: rows };
    },
  );
};
