import cookie from '@fastify/cookie';
import type { CurrentUser } from '@lagesbild/shared';
import fp from 'fastify-plugin';
import { unauthenticated } from '../../lib/staff-route-kit';
import { HttpError } from '../../plugins/errors';
import { tokenHash } from '../../lib/tokens';
import { findLiveSession, touchSession, type SessionUserRow } from '../sessions/session-service';

export const SESSION_COOKIE = 'lb_session';
/** A session ends after 2 hours without use, and after 12 hours (a working day) regardless. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
// Writing last_seen_at on every request would make each read a write; a minute is precise enough.
const TOUCH_AFTER_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionTokenHash: string | null;
  }
}

export function toCurrentUser(row: SessionUserRow): CurrentUser {
  return {
    id: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    agency: { id: row.agency_id, kind: row.agency_kind, name: row.agency_name },
    collaboration: { id: row.collaboration_id, slug: row.collaboration_slug, name: row.collaboration_name },
  };
}

/** Reads the session cookie and enforces each route's declared access rule. */
export const authPlugin = fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorateRequest('sessionTokenHash', null);

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      // Unmatched URLs have no rule and fall through to the 404 handler.
      if (access === undefined || access === 'public') return;
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const hash = tokenHash(token);
        const row = await findLiveSession(app.db, hash, SESSION_IDLE_SECONDS);
        if (row) {
          request.user = toCurrentUser(row);
          request.sessionTokenHash = hash;
          if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) await touchSession(app.db, hash);
        }
      }
      if (!request.user) throw unauthenticated();
      if (access !== 'staff' && !access.includes(request.user.role)) {
        throw new HttpError(403, 'FORBIDDEN', `this needs the role ${access.join(' or ')}`);
      }
    });

    // Nothing personal may linger in a shared or proxy cache.
    app.addHook('onSend', async (request, reply) => {
      if (request.user || request.cookies?.[SESSION_COOKIE]) reply.header('Cache-Control', 'no-store');
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
