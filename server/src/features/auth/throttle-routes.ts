import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EmptyBody, IdParams, LiftedLoginThrottle, LoginThrottleList, NoQuery } from '@lagesbild/shared';
import { actorOf, denied, errors } from '../../lib/staff-route-kit';
import { ADMIN_ONLY } from '../../plugins/access';
import { liftLoginThrottle, listLoginThrottles } from './throttle-service';

export const throttleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users/login-throttles',
    {
      schema: {
        summary: 'Accounts of the collaboration that clients have recently failed to log in to (counts only)',
        tags: ['users'],
        querystring: NoQuery,
        response: { 200: LoginThrottleList, ...denied },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => ({ throttles: await listLoginThrottles(app.db, actorOf(request), app.config.sessionSecret) }),
  );

  app.delete(
    '/api/users/:id/login-throttle',
    {
      schema: {
        summary: "Lifts the login limits on a user's account: every client may try again at once",
        tags: ['users'],
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: LiftedLoginThrottle, ...errors(400, 401, 403, 404) },
      },
      config: { access: ADMIN_ONLY },
    },
    async (request) => liftLoginThrottle(app.db, actorOf(request), request.params.id, app.config.sessionSecret),
  );
};
