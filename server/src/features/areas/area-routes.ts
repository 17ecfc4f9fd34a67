import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaList, NoQuery, errorResponses } from '@lagesbild/shared';

export const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/areas',
    {
      schema: {
        summary: "The collaboration's areas (boundary and districts) without their geometry, for pickers and filters",
        tags: ['areas'],
        querystring: NoQuery,
        response: { 200: AreaList, 401: errorResponses[401] },
      },
      config: { access: 'staff' },
    },
    async (request) => {
      const rows = await app.db
        .selectFrom('area')
        .select(['id', 'name', 'kind', 'population'])
        .where('collaboration_id', '=', request.user!.collaboration.id)
        .orderBy('kind')
        .orderBy('name')
        .execute();
      return { areas: rows };
    },
  );
};
