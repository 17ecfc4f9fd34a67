import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';
import { HttpError } from './errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers for API answers (pages get theirs from SvelteKit) and CSRF protection:
 * a state-changing API request must carry an Origin naming this site. The API parses only
 * the content types its routes declare (JSON unless a route adds another), so an HTML form
 * or a text/plain "simple request" from another site is refused with 415 before any handler.
 */
export const securityPlugin = fp<{ config: AppConfig }>(
  async (app, { config }) => {
    await app.register(helmet, {
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      hsts: config.env === 'production' ? undefined : false,
    });
    app.removeContentTypeParser('text/plain');

    app.addHook('onRequest', async (request) => {
      if (!STATE_CHANGING.has(request.method)) return;
      const origin = request.headers.origin;
      // The anonymous resident API (/api/public/…) uses no cookie, so there is nothing to forge:
      // non-browser clients may call it without Origin. Browsers always send one on POST, so a
      // page on another site is still refused below.
      if (!origin && request.routeOptions.url?.startsWith('/api/public/')) return;
      if (!origin) throw new HttpError(403, 'ORIGIN_REQUIRED', 'state-changing requests must carry an Origin header');
      const expected = config.origin ? new URL(config.origin).origin : `${request.protocol}://${request.host}`;
      if (origin !== expected) throw new HttpError(403, 'CROSS_ORIGIN', 'requests from another site are refused');
    });
  },
  { name: 'security' },
);
