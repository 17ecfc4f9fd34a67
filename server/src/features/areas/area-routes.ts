import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaList, NoQuery } from '@lagesbild/shared';
import { actorOf, errors } from '../../lib/staff-route-kit';
import { listAreas } from './area-service';

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
    async (request) => ({ areas: await listAreas(app.db, actorOf(request).collaborationId) }),
  );
};
