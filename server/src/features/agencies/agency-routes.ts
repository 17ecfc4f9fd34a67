import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Agency, AgencyList, CreateAgencyBody, IdParams, NoQuery, UpdateAgencyBody } from '@lagesbild/shared';
import { actorOf, changed, denied, errors } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { createAgency, listAgencies, updateAgency } from './agency-service';

/** The collaboration's agencies: its municipality, police and EST partners (README of this feature). */
export const agencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/agencies',
    {
      schema: {
        summary: "The collaboration's agencies, deactivated ones included",
        tags: ['agencies'],
        querystring: NoQuery,
        response: { 200: AgencyList, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => listAgencies(app.db, actorOf(request).collaborationId),
  );

  app.post(
    '/api/agencies',
    {
      schema: {
        summary: 'Adds an agency: the municipality, the police or a partner (with its partnerKind)',
        tags: ['agencies'],
        querystring: NoQuery,
        body: CreateAgencyBody,
        response: { 201: Agency, ...errors(400, 401, 403, 409) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request, reply) => reply.status(201).send(await createAgency(app.db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/agencies/:id',
    {
      schema: {
        summary: 'Renames, re-kinds a partner, deactivates or reactivates an agency',
        tags: ['agencies'],
        params: IdParams,
        querystring: NoQuery,
        body: UpdateAgencyBody,
        response: { 200: Agency, ...changed },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => updateAgency(app.db, actorOf(request), request.params.id, request.body),
  );
};
