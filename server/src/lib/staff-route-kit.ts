import { negotiateLocale, type CurrentUser, type Locale } from '@lagesbild/shared';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../plugins/errors';
import { ErrorBodyRef } from '../plugins/standard-errors';
import type { Actor } from './actor';

/**
 * What every staff route file needs: the signed-in user, the actor the services take, and the
 * error answers its schema declares. One copy here instead of one per feature.
 */

/** The answer to a staff route without a live session (the auth hook and the helpers below). */
export function unauthenticated(): HttpError {
  return new HttpError(401, 'UNAUTHENTICATED', 'log in to use this');
}

/**
 * The signed-in staff member. The auth hook has already refused staff routes without one; a
 * route read without it (declared public by mistake) answers 401 rather than failing on null.
 */
export function staffOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthenticated();
  return request.user;
}

export function actorOf(request: FastifyRequest): Actor {
  const user = staffOf(request);
  return { userId: user.id, collaborationId: user.collaboration.id };
}

/** The statuses our error body (plugins/errors.ts) is sent with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** The response schemas of error answers: `errors(400, 404)` → `{ 400: ErrorBody, 404: ErrorBody }`. */
export function errors<const S extends readonly ErrorStatus[]>(...statuses: S): { [K in S[number]]: typeof ErrorBodyRef } {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodyRef])) as { [K in S[number]]: typeof ErrorBodyRef };
}

/** What the auth hook answers on a route with a role rule. */
export const denied = errors(401, 403);
/** What a write by id answers besides its result: bad input, access, not found, conflict, refused. */
export const changed = errors(400, 401, 403, 404, 409, 422);

/** A file answer (sent as a Buffer, not serialized). */
export const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** The language asked for in the query, else the one the browser prefers. */
export function localeOf(request: FastifyRequest, given?: Locale): Locale {
  return given ?? negotiateLocale(request.headers['accept-language']);
}

/** Absolute links (posters, invitations): the configured public origin, else this request's. */
export function publicOrigin(request: FastifyRequest): string {
  const configured = request.server.config.origin;
  return configured ? configured.replace(/\/$/, '') : `${request.protocol}://${request.host}`;
}
