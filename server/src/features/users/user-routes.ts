import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EmptyBody,
  IdParams,
  InviteUserBody,
  NoQuery,
  OneTimeLink,
  UpdateUserBody,
  UserList,
  UserSummary,
  errorResponses,
} from '@lagesbild/shared';
import type { FastifyRequest } from 'fastify';
import { ADMIN_ONLY } from '../../plugins/access';
import { listAgencies, listUsers } from './user-repository';
import { inviteUser, resetLink, toUserSummary, updateUser, type Actor } from './user-service';

function actorOf(request: FastifyRequest): Actor {
  // The auth hook has already refused requests without a user on these routes.
  const user = request.user!;
  return { userId: user.id, collaborationId: user.collaboration.id };
}

function baseUrl(request: FastifyRequest, configured: string | undefined): string {
  return configured ? configured.replace(/\/$/, '') : `${request.protocol}://${request.host}`;
}

const denied = { 401: errorResponses[401], 403: errorResponses[403] };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users',
    {
      schema: { summary: 'Users and agencies of the collaboration', tags: ['users'], querystring: NoQuery, response: { 200: UserList, ...denied } },
      config: { access: ADMIN_ONLY },
    },
    async (request) => {
      const { collaborationId } = actorOf(request);
      const [rows, agencies] = await Promise.all([listUsers(app.db, collaborationId), listAgencies(app.db, collaborationId)]);
      return { users: rows.map(toUserSummary), agencies };
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
        response: { 201: OneTimeLink, 400: errorResponses[400], ...denied, 409: errorResponses[409], 422: errorResponses[422] },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request, reply) => {
      const link = await inviteUser(app.db, actorOf(request), request.body, baseUrl(request, app.config.origin));
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
        response: { 200: UserSummary, 400: errorResponses[400], ...denied, 404: errorResponses[404], 409: errorResponses[409] },
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
        response: { 200: OneTimeLink, 400: errorResponses[400], ...denied, 404: errorResponses[404], 409: errorResponses[409] },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => resetLink(app.db, actorOf(request), request.params.id, baseUrl(request, app.config.origin)),
  );
};
