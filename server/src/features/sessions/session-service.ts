import * as repo from './session-repository';

/**
 * The session store, below both `auth` (which opens, reads and ends sessions) and `users`
 * (which ends a user's sessions when the account is disabled or its password set), so neither
 * of those imports the other's internals. Each function takes `db` or a transaction.
 */

export type { SessionUserRow } from './session-repository';

/** Stores a new session by its token's hash. */
export const insertSession = repo.insertSession;

/** The live session's user: not expired absolutely, not idle too long, user still active. */
export const findLiveSession = repo.findLiveSession;

/** Marks the session used now (idle expiry counts from here). */
export const touchSession = repo.touchSession;

export const deleteSession = repo.deleteSession;

/** Ends every session of a user: signed out everywhere. */
export const deleteSessionsOfUser = repo.deleteSessionsOfUser;
