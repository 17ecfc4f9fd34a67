import type { Role } from '@lagesbild/shared';

/**
 * Who may call a route, declared in its `config.access`: anyone, any signed-in staff member,
 * or staff with one of the listed roles. The auth plugin enforces it; every API route must
 * declare it (app.ts refuses to start otherwise) and the authorization-matrix test reads it.
 */
export type RouteAccess = 'public' | 'staff' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The route reads its body as a stream (imports) and declares no body schema. */
    rawBody?: boolean;
  }
}

export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const COORDINATORS: readonly Role[] = ['admin', 'coordinator'];

/** The methods that change state: they carry a body and must pass the Origin check. */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
