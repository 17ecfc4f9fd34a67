import { ErrorBody } from '@lagesbild/shared';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { STATE_CHANGING } from './access';

/**
 * ErrorBody by reference. The app registers ErrorBody once (registerErrorBody), so the OpenAPI
 * document names it once, in components, instead of repeating it under every error answer.
 */
export const ErrorBodyRef = Type.Unsafe<ErrorBody>({ $ref: 'ErrorBody' });

export function registerErrorBody(app: FastifyInstance): void {
  app.addSchema(ErrorBody);
}

/**
 * The error answers a route gives whatever its handler does, by the kind of route it is, so the
 * OpenAPI document lists them without each route repeating them:
 * - every route: 400 (its querystring, params or body do not match their schema), 408, 414 and
 *   431 (a request too slow, a URL or path parameter too long, headers too large: see
 *   clientErrorHandler in errors.ts) and 500;
 * - a route with path parameters: 404 (no such thing);
 * - a staff route: 401 without a session; a route with a role rule: 403;
 * - a state-changing route: 403 (the Origin check), 413 (body too large), 415 (a media type it
 *   does not parse).
 * A route's own answers (409, 422, 429, …) stay declared beside it.
 */
export function standardErrorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): number[] {
  const methods = ([] as string[]).concat(route.method);
  const access = route.config?.access;
  const writes = methods.some((m) => STATE_CHANGING.has(m));
  const statuses = [400, 408, 414, 431, 500];
  if (route.url.includes('/:')) statuses.push(404);
  if (access !== 'public') statuses.push(401);
  if (Array.isArray(access) || writes) statuses.push(403);
  if (writes) statuses.push(413, 415);
  return statuses;
}

/** Adds the standard error answers to the route's response schemas (in status order), keeping those it declares. */
export function addStandardErrorResponses(route: RouteOptions): void {
  const response: Record<string, unknown> = { ...(route.schema?.response as Record<string, unknown> | undefined) };
  for (const status of standardErrorStatuses(route)) response[status] ??= ErrorBodyRef;
  const ordered = Object.keys(response).sort();
  route.schema = { ...route.schema, response: Object.fromEntries(ordered.map((status) => [status, response[status]])) };
}
