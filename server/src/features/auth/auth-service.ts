import type { CurrentUser } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit, type AuditEvent } from '../audit/audit-repository';
import { accountsForLogin } from '../users/user-service';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, toCurrentUser } from './auth-plugin';
import { decoyPasswordHash, verifyPassword } from '../../lib/password';
import { LOGIN_LIMITS, accountKeyOf, clientKeyOf, waitRule } from './login-throttle';
import * as throttles from './login-throttle-repository';
import { newToken, tokenHash } from '../../lib/tokens';
import * as limits from '../rate-limits/rate-limit-service';
import { deleteSession, findLiveSession, insertSession } from '../sessions/session-service';

export interface LoginResult {
  token: string;
  user: CurrentUser;
  maxAgeSeconds: number;
}

function tooMany(resetAt: Date): HttpError {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return new HttpError(429, 'TOO_MANY_ATTEMPTS', `too many login attempts; try again in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

type LoginFailure = Pick<AuditEvent, 'collaborationId' | 'targetType' | 'targetId' | 'details'>;

/**
 * The active account this password opens, or what to audit: one failure per account with this
 * address (each in its own collaboration's log), or one without a collaboration when there is
 * none. Every account's hash is checked, concurrently, so the answer takes about as long
 * whichever account matches; an unknown address is checked against a decoy hash.
 */
async function checkPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<{ user: { id: string; collaboration_id: string } | undefined; failures: LoginFailure[] }> {
  const accounts = await accountsForLogin(db, email);
  const decoy = await decoyPasswordHash();
  if (accounts.length === 0) {
    await verifyPassword(decoy, password);
    return { user: undefined, failures: [{ collaborationId: null, details: { reason: 'unknown_account' } }] };
  }
  // An invited account has no hash yet: the decoy takes as long and never matches.
  const matches = await Promise.all(
    accounts.map(async (a) => (await verifyPassword(a.password_hash ?? decoy, password)) && a.password_hash !== null),
  );
  const user = accounts.find((a, i) => matches[i] && a.status === 'active');
  const failures = accounts.map((a, i) => ({
    collaborationId: a.collaboration_id,
    targetType: 'user',
    targetId: a.id,
    details: { reason: matches[i] ? `account_${a.status}` : 'wrong_password' },
  }));
  return { user, failures };
}

/** One attempt in this many also sweeps forgotten counters away (there is no job scheduler). */
const SWEEP_ONE_IN = 100;

export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string; secret: string; previousToken?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = accountKeyOf(input.secret, email);
  const clientKey = clientKeyOf(input.secret, input.clientAddress);

  const client = await limits.hit(db, `login:client:${clientKey}`, LOGIN_LIMITS.client.windowSeconds);
  if (client.hits > LOGIN_LIMITS.client.max) throw tooMany(client.resetAt);
  if (Math.random() * SWEEP_ONE_IN < 1) await sweep(db);
  const failuresBefore = await throttles.recentFailures(db, accountKey, LOGIN_LIMITS.underAttack.windowSeconds);
  const underAttack = failuresBefore >= LOGIN_LIMITS.underAttack.failures;
  const attempt = await throttles.takeAttempt(db, accountKey, clientKey, waitRule(underAttack));
  if (!attempt.allowed) throw tooMany(attempt.retryAt);

  const { user, failures } = await checkPassword(db, email, input.password);
  if (!user) {
    for (const failure of failures) {
      await recordAudit(db, { actorUserId: null, action: 'login.failed', ...failure });
      // Throttling starts: for this client alone, or (once) for every failing client of the account.
      if (!underAttack && attempt.failures === LOGIN_LIMITS.pair.freeFailures) {
        await recordAudit(db, { ...failure, actorUserId: null, action: 'login.throttled', details: { failures: attempt.failures } });
      }
      if (!underAttack && failuresBefore + 1 >= LOGIN_LIMITS.underAttack.failures) {
        await recordAudit(db, { ...failure, actorUserId: null, action: 'login.slowed', details: { failures: failuresBefore + 1 } });
      }
    }
    throw new HttpError(401, 'INVALID_CREDENTIALS', 'wrong e-mail address or password');
  }

  await throttles.clearPair(db, accountKey, clientKey);
  // A new session id at every login: a token planted before login is worthless after it.
  if (input.previousToken) await deleteSession(db, tokenHash(input.previousToken));
  const token = newToken();
  await insertSession(db, tokenHash(token), user.id, new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000));
  const row = await findLiveSession(db, tokenHash(token), SESSION_IDLE_SECONDS);
  if (!row) throw new Error('the session just created cannot be read back');
  await recordAudit(db, { collaborationId: user.collaboration_id, actorUserId: user.id, action: 'login' });
  return { token, user: toCurrentUser(row), maxAgeSeconds: SESSION_ABSOLUTE_SECONDS };
}

async function sweep(db: Kysely<Database>): Promise<void> {
  await throttles.deleteStale(db, LOGIN_LIMITS.memorySeconds);
  await limits.deleteExpired(db, 60 * 60);
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  const hash = tokenHash(token);
  const row = await findLiveSession(db, hash, SESSION_IDLE_SECONDS);
  await deleteSession(db, hash);
  if (row) await recordAudit(db, { collaborationId: row.collaboration_id, actorUserId: row.user_id, action: 'logout' });
}
