import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';

/** Set by the page server (web-handler.ts, hooks.server.ts) on its own calls to the API. */
export const CLIENT_ADDRESS_HEADER = 'x-lagesbild-client';
export const INTERNAL_TOKEN_HEADER = 'x-lagesbild-internal';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The client the rate limits key on: `request.ip` (the right hop under TRUST_PROXY), or,
     * on the page server's own calls over loopback (form actions such as the login form), the
     * browser's address it forwards. Without that, every form login would share one key.
     */
    readonly clientAddress: string;
  }
}

export const clientAddressPlugin = fp<{ config: AppConfig }>(
  async (app, { config }) => {
    const token = Buffer.from(config.internalToken);
    const fromPageServer = (given: string | string[] | undefined): boolean =>
      typeof given === 'string' && given.length === token.length && timingSafeEqual(Buffer.from(given), token);
    app.decorateRequest('clientAddress', {
      getter(this: FastifyRequest) {
        const forwarded = this.headers[CLIENT_ADDRESS_HEADER];
        if (typeof forwarded === 'string' && isIP(forwarded) && fromPageServer(this.headers[INTERNAL_TOKEN_HEADER])) return forwarded;
        return this.ip;
      },
    });
  },
  { name: 'client-address' },
);
