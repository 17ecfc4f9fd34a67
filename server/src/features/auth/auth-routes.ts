import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AcceptTokenBody, CurrentUser, EmptyBody, LoginBody, NoQuery, OkResponse } from '@lagesbild/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, staffOf } from '../../lib/staff-route-kit';
import { acceptOneTimeToken } from '../users/user-service';
import { SESSION_COOKIE } from './auth-plugin';
import { login, logout } from './auth-service';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAge: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge,
  });
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Staff login; sets the session cookie',
        tags: ['auth'],
        querystring: NoQuery,
        body: LoginBody,
        response: { 200: CurrentUser, ...errors(400, 401, 429) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const result = await login(app.db, {
        email: request.body.email,
        password: request.body.password,
        clientAddress: request.clientAddress,
        secret: app.config.sessionSecret,
        previousToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(request, reply, result.token, result.maxAgeSeconds);
      return result.user;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Ends the session',
        tags: ['auth'],
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(app.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        summary: 'The signed-in staff member',
        tags: ['auth'],
        querystring: NoQuery,
        response: { 200: CurrentUser, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => staffOf(request),
  );

  app.post(
    '/api/auth/accept',
    {
      schema: {
        summary: 'Sets a password from a one-time invitation or reset link',
        tags: ['auth'],
        querystring: NoQuery,
        body: AcceptTokenBody,
        response: { 200: OkResponse, ...errors(400, 422) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      await acceptOneTimeToken(app.db, request.body.token, request.body.password);
      return { ok: true as const };
    },
  );
};
