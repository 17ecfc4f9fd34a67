import { sql, type Kysely } from 'kysely';
import type { AgencyKind, Role, UserStatus } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

const userColumns = [
  'u.id',
  'u.email',
  'u.display_name',
  'u.role',
  'u.status',
  'u.agency_id',
  'a.name as agency_name',
  'a.kind as agency_kind',
  'u.created_at',
] as const;

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  status: UserStatus;
  agency_id: string;
  agency_name: string;
  agency_kind: AgencyKind;
  created_at: Date;
}

/**
 * Every account with this address, oldest first: one per collaboration at most, so a person
 * invited into two collaborations has two accounts, each with its own password.
 */
export async function findAccountsForLogin(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'collaboration_id', 'password_hash', 'status'])
    .where('email', '=', email)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listUsers(db: Kysely<Database>, collaborationId: string): Promise<UserRow[]> {
  return db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', 'a.id', 'u.agency_id')
    .select(userColumns)
    .where('u.collaboration_id', '=', collaborationId)
    .orderBy('u.display_name')
    .execute();
}

export async function findUser(db: Kysely<Database>, collaborationId: string, userId: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', 'a.id', 'u.agency_id')
    .select(userColumns)
    .where('u.collaboration_id', '=', collaborationId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function emailExists(db: Kysely<Database>, collaborationId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Kysely<Database>,
  user: {
    collaborationId: string;
    agencyId: string;
    email: string;
    displayName: string;
    role: Role;
    status: UserStatus;
    passwordHash: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({
      collaboration_id: user.collaborationId,
      agency_id: user.agencyId,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      status: user.status,
      password_hash: user.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Kysely<Database>,
  userId: string,
  changes: { role?: Role; status?: UserStatus; passwordHash?: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.passwordHash ? { password_hash: changes.passwordHash } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
}

export async function countActiveAdmins(db: Kysely<Database>, collaborationId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collaborationId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertOneTimeToken(
  db: Kysely<Database>,
  token: { tokenHash: string; userId: string; purpose: 'invite' | 'reset'; expiresAt: Date },
): Promise<void> {
  // A new link replaces any unused one of the same purpose.
  await db
    .deleteFrom('one_time_token')
    .where('user_id', '=', token.userId)
    .where('purpose', '=', token.purpose)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('one_time_token')
    .values({ token_hash: token.tokenHash, user_id: token.userId, purpose: token.purpose, expires_at: token.expiresAt })
    .execute();
}

/** Marks the token used and returns its user, atomically: a link works once. */
export async function consumeOneTimeToken(db: Kysely<Database>, tokenHash: string) {
  return db
    .updateTable('one_time_token')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['user_id', 'purpose'])
    .executeTakeFirst();
}
