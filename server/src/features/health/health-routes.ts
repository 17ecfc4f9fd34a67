import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '@lagesbild/shared';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { errors } from '../../lib/staff-route-kit';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and database check',
        tags: ['system'],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: HealthResponse, ...errors(503) },
      },
      config: { access: 'public' },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.db);
      } catch {
        return reply.status(503).send({ error: 'DATABASE_UNAVAILABLE', message: 'the database does not answer' });
      }
      return { status: 'ok' as const, database: app.databaseKind };
    },
  );
};
