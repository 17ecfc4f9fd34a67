import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NoQuery, PopulationGridImported, PopulationGridSummary, PopulationGridUpload } from '@lagesbild/shared';
import { COORDINATORS } from '../../plugins/access';
import { actorOf, changed, errors } from '../../lib/staff-route-kit';
import { importPopulationGrid, populationGridSummary } from './population-grid-service';

/** A 250 m grid of a large municipality is about 20 000 rows of some 25 bytes. */
const UPLOAD_LIMIT = 4_500_000;

export const populationGridRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/population-grid',
    {
      schema: {
        summary: 'The residents grid the hot-spot map compares against in rate mode (size, squares, residents, year)',
        tags: ['population-grid'],
        querystring: NoQuery,
        response: { 200: PopulationGridSummary, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => populationGridSummary(app.db, actorOf(request).collaborationId),
  );

  app.put(
    '/api/population-grid',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        summary: "Replaces the residents grid with SCB's CSV of residents per 250 m or 1 km square",
        tags: ['population-grid'],
        querystring: NoQuery,
        body: PopulationGridUpload,
        response: { 200: PopulationGridImported, ...changed, ...errors(413) },
      },
      config: { access: COORDINATORS },
    },
    async (request) => importPopulationGrid(app.db, actorOf(request), request.body),
  );
};
