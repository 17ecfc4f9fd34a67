import type { CurrentUser } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { findUserForLogin } from '../users/user-repository';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, toCurrentUser } from './auth-plugin';
import { decoyPasswordHash, verifyPassword } from './password';
import * as limits from './rate-limit-repository';
import { deleteSession, findLiveSession, insertSession } from './session-repository';
import { newToken, pseudonym, tokenHash } from './tokens';

/** Per account: 10 failed logins in 15 minutes; per client: 30 attempts a minute. */
export const LOGIN_LIMITS = {
  account: { max: 10, windowSeconds: 15 * 60 },
  client: { max: 30, windowSeconds: 60 },
} as const;

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

export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string; secret: string; previousToken?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `login:account:${pseudonym(input.secret, email)}`;
  const clientKey = `login:client:${pseudonym(input.secret, input.clientAddress)}`;

  const client = await limits.hit(db, clientKey, LOGIN_LIMITS.client.windowSeconds);
  if (client.hits > LOGIN_LIMITS.client.max) throw tooMany(client.resetAt);
  const account = await limits.peek(db, accountKey, LOGIN_LIMITS.account.windowSeconds);
  if (account && account.hits >= LOGIN_LIMITS.account.max) throw tooMany(account.resetAt);

  const user = await findUserForLogin(db, email);
  const passwordOk = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await decoyPasswordHash(), input.password), false);

  if (!user || !passwordOk || user.status !== 'active') {
    await limits.hit(db, accountKey, LOGIN_LIMITS.account.windowSeconds);
    await recordAudit(db, {
      collaborationId: user?.collaboration_id ?? null,
      actorUserId: null,
      action: 'login.failed',
      ...(user ? { targetType: 'user', targetId: user.id } : {}),
      details: { reason: !user ? 'unknown_account' : user.status !== 'active' ? `account_${user.status}` : 'wrong_password' },
    });
    throw new HttpError(401, 'INVALID_CREDENTIALS', 'wrong e-mail address or password');
  }

  await limits.clear(db, accountKey);
  // A new session id at every login: a token planted before login is worthless after it.
  if (input.previousToken) await deleteSession(db, tokenHash(input.previousToken));
  const token = newToken();
  await insertSession(db, tokenHash(token), user.id, new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000));
  const row = await findLiveSession(db, tokenHash(token), SESSION_IDLE_SECONDS);
  if (!row) throw new Error('the session just created cannot be read back');
  await recordAudit(db, { collaborationId: user.collaboration_id, actorUserId: user.id, action: 'login' });
  return { token, user: toCurrentUser(row), maxAgeSeconds: SESSION_ABSOLUTE_SECONDS };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  const hash = tokenHash(token);
  const row = await findLiveSession(db, hash, SESSION_IDLE_SECONDS);
  await deleteSession(db, hash);
  if (row) await recordAudit(db, { collaborationId: row.collaboration_id, actorUserId: row.user_id, action: 'logout' });
}
