import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { EmptyBody, IdParams, InviteUserBody, NoQuery, OneTimeLink, UpdateUserBody, UserList, UserSummary } from '@lagesbild/shared';
import { actorOf, denied, errors, publicOrigin } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { listAgencies } from '../agencies/agency-service';
import { listUsers } from './user-repository';
import { inviteUser, resetLink, toUserSummary, updateUser } from './user-service';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const delivery = (request: FastifyRequest) => ({ baseUrl: publicOrigin(request), mail: app.config.mail !== undefined });

  app.get(
    '/api/users',
    {
      schema: {
        summary: 'Users and agencies of the collaboration',
        tags: ['users'],
        querystring: NoQuery,
        response: { 200: UserList, ...denied },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => {
      const { collaborationId } = actorOf(request);
      const [rows, { agencies }] = await Promise.all([listUsers(app.db, collaborationId), listAgencies(app.db, collaborationId)]);
      // The invitation form offers the agencies a new user may join.
      return {
        users: rows.map(toUserSummary),
        agencies: agencies.filter((a) => a.active).map(({ id, kind, name }) => ({ id, kind, name })),
      };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        summary: 'Invites a user; answers with a one-time link to pass on',
        tags: ['users'],
        querystring: NoQuery,
        body: InviteUserBody,
        response: { 201: OneTimeLink, ...errors(400, 401, 403, 409, 422) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request, reply) => {
      const link = await inviteUser(app.db, actorOf(request), request.body, delivery(request));
      return reply.status(201).send(link);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        summary: "Changes a user's role or disables/enables the account (disabling ends its sessions)",
        tags: ['users'],
        params: IdParams,
        querystring: NoQuery,
        body: UpdateUserBody,
        response: { 200: UserSummary, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => updateUser(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-link',
    {
      schema: {
        summary: 'A new one-time link to set the password',
        tags: ['users'],
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OneTimeLink, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => resetLink(app.db, actorOf(request), request.params.id, delivery(request)),
  );
};
