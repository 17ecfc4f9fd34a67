import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';
import { STRICT_TRANSPORT_SECURITY } from '../lib/proxy-trust';
import { STATE_CHANGING } from './access';
import { HttpError } from './errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `http://localhost:80` and `http://localhost` are one origin; anything unparsable is no origin. */
function normalOrigin(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Without ORIGIN (development only: production requires it), the origins this process itself
 * listens on. Never the request's Host header, which the client writes. A loopback or wildcard
 * HOST answers on every loopback name, so all of them are this server.
 */
function listenOrigins(app: FastifyInstance, config: AppConfig): Set<string> {
  const address = app.server.address();
  // The bound port (a test may listen on port 0); before listen (app.inject) the configured one.
  const port = address && typeof address === 'object' ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const names = ['localhost', '0.0.0.0', '[::]', ...LOOPBACK_NAMES].includes(host) ? LOOPBACK_NAMES : [host];
  return new Set(names.flatMap((name) => normalOrigin(`http://${name}:${port}`) ?? []));
}

/**
 * Security headers for API answers (pages get theirs from SvelteKit and web-handler.ts) and
 * CSRF protection: a state-changing API request must carry an Origin naming this site. The API
 * parses only the content types its routes declare (JSON unless a route adds another), so an
 * HTML form or a text/plain "simple request" from another site is refused with 415 before any
 * handler.
 */
export const securityPlugin = fp<{ config: AppConfig }>(
  async (app, { config }) => {
    await app.register(helmet, {
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // Sent below, only over HTTPS (helmet would send it on plain http too, where it means nothing).
      hsts: false,
    });
    app.addHook('onRequest', async (request, reply) => {
      if (request.protocol === 'https') reply.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
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
      const given = normalOrigin(origin);
      const accepted = config.origin ? given === normalOrigin(config.origin) : given !== undefined && listenOrigins(app, config).has(given);
      if (!accepted) throw new HttpError(403, 'CROSS_ORIGIN', 'requests from another site are refused');
    });
  },
  { name: 'security' },
);
