import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditList, AuditQuery } from '@lagesbild/shared';
import { actorOf, denied } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { listAudit } from './audit-repository';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'Who did what and when in the collaboration, newest first',
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: AuditList, ...denied },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => {
      const rows = await listAudit(app.db, actorOf(request).collaborationId, request.query.limit ?? 100, request.query.before);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          at: r.created_at.toISOString(),
          actor: r.actor,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          details: r.details,
        })),
      };
    },
  );
};
