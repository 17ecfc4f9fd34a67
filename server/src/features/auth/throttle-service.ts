import { must, type LiftedLoginThrottle, type LoginThrottle } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../audit/audit-repository';
import { userOrNotFound, usersOfCollaboration } from '../users/user-service';
import { LOGIN_LIMITS, accountKeyOf } from './login-throttle';
import * as throttles from './login-throttle-repository';

/**
 * What an admin sees of the login limits on their own collaboration's accounts: counts per
 * account, never which clients. The counters are keyed by the e-mail's pseudonym, so they are
 * found from the collaboration's users; an account elsewhere with the same address shares them.
 */
export async function listLoginThrottles(db: Kysely<Database>, actor: Actor, secret: string): Promise<LoginThrottle[]> {
  const byKey = new Map((await usersOfCollaboration(db, actor.collaborationId)).map((u) => [accountKeyOf(secret, u.email), u]));
  const rows = await throttles.throttlesOf(db, [...byKey.keys()], LOGIN_LIMITS.memorySeconds, LOGIN_LIMITS.underAttack.windowSeconds);
  return rows
    .map((row) => {
      const user = must(byKey.get(row.account_key), 'the user of a throttled account');
      return {
        userId: user.id,
        displayName: user.display_name,
        clients: row.clients,
        failures: row.failures,
        waitingClients: row.waiting_clients,
        waitsUntil: row.waiting_clients > 0 ? row.retry_at.toISOString() : null,
        underAttack: row.recent_failures >= LOGIN_LIMITS.underAttack.failures,
        lastAttemptAt: row.last_attempt_at.toISOString(),
      };
    })
    .sort((a, b) => b.lastAttemptAt.localeCompare(a.lastAttemptAt));
}

/** Forgets every failure on the account, so each client may try again at once; audited. */
export async function liftLoginThrottle(db: Kysely<Database>, actor: Actor, userId: string, secret: string): Promise<LiftedLoginThrottle> {
  return db.transaction().execute(async (trx) => {
    const user = await userOrNotFound(trx, actor, userId);
    const lifted = await throttles.clearAccount(trx, accountKeyOf(secret, user.email));
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'login.throttle_lifted',
      targetType: 'user',
      targetId: user.id,
      details: lifted,
    });
    return { userId: user.id, ...lifted };
  });
}
