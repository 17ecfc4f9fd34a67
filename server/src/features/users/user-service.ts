import type { InviteUserBody, OneTimeLink, Role, UpdateUserBody, UserSummary } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password';
import { newToken, tokenHash } from '../../lib/tokens';
import { queueLinkMail } from '../mail/mail-service';
import { deleteSessionsOfUser } from '../sessions/session-service';
import { agencyForNewUser } from '../agencies/agency-service';
import * as users from './user-repository';

const INVITE_DAYS = 7;
const RESET_HOURS = 24;

export function toUserSummary(row: users.UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    agencyKind: row.agency_kind,
    createdAt: row.created_at.toISOString(),
  };
}

/** A user of the actor's collaboration, or 404 (other features reach users through here). */
export async function userOrNotFound(db: Kysely<Database>, actor: Actor, userId: string): Promise<users.UserRow> {
  // Another collaboration's user is "not found", never "forbidden": its existence is not ours to reveal.
  const row = await users.findUser(db, actor.collaborationId, userId);
  if (!row) throw new HttpError(404, 'USER_NOT_FOUND', 'no such user in your collaboration');
  return row;
}

/** How a one-time link reaches its user: `mail` queues it as an e-mail (SMTP configured), else the admin passes it on. */
export interface LinkDelivery {
  baseUrl: string;
  mail: boolean;
}

async function oneTimeLink(
  db: Kysely<Database>,
  actor: Actor,
  row: users.UserRow,
  purpose: 'invite' | 'reset',
  delivery: LinkDelivery,
): Promise<OneTimeLink> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + (purpose === 'invite' ? INVITE_DAYS * 86_400_000 : RESET_HOURS * 3_600_000));
  await users.insertOneTimeToken(db, { tokenHash: tokenHash(token), userId: row.id, purpose, expiresAt });
  const link = `${delivery.baseUrl}/invite/${token}`;
  if (delivery.mail) {
    await queueLinkMail(db, {
      collaborationId: actor.collaborationId,
      purpose,
      to: row.email,
      displayName: row.display_name,
      link,
      expiresAt,
    });
  }
  return { user: toUserSummary(row), link, expiresAt: expiresAt.toISOString(), mailed: delivery.mail };
}

export async function inviteUser(db: Kysely<Database>, actor: Actor, input: InviteUserBody, delivery: LinkDelivery): Promise<OneTimeLink> {
  const email = input.email.trim().toLowerCase();
  return db.transaction().execute(async (trx) => {
    const agency = await agencyForNewUser(trx, actor.collaborationId, input.agencyId);
    if (!agency)
      throw new HttpError(422, 'UNKNOWN_AGENCY', 'the agency is not an active agency of your collaboration', {
        details: [{ path: 'body.agencyId', message: 'unknown agency' }],
      });
    // Only this collaboration's accounts count: an account elsewhere is not ours to reveal.
    if (await users.emailExists(trx, actor.collaborationId, email)) {
      throw new HttpError(409, 'EMAIL_TAKEN', 'a user in your collaboration already has this e-mail address', {
        details: [{ path: 'body.email', message: 'already in use' }],
      });
    }
    const id = await users.insertUser(trx, {
      collaborationId: actor.collaborationId,
      agencyId: agency.id,
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      status: 'invited',
      passwordHash: null,
    });
    const row = await userOrNotFound(trx, actor, id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'user.invite',
      targetType: 'user',
      targetId: id,
      details: { role: input.role, agencyId: agency.id },
    });
    return oneTimeLink(trx, actor, row, 'invite', delivery);
  });
}

export async function usersOfCollaboration(db: Kysely<Database>, collaborationId: string): Promise<users.UserRow[]> {
  return users.listUsers(db, collaborationId);
}

/** The accounts a login with this address may open, oldest first (auth reads users through here). */
export async function accountsForLogin(db: Kysely<Database>, email: string) {
  return users.findAccountsForLogin(db, email);
}

export async function resetLink(db: Kysely<Database>, actor: Actor, userId: string, delivery: LinkDelivery): Promise<OneTimeLink> {
  return db.transaction().execute(async (trx) => {
    const row = await userOrNotFound(trx, actor, userId);
    if (row.status === 'disabled') throw new HttpError(409, 'USER_DISABLED', 'enable the user before sending a reset link');
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'user.reset_link',
      targetType: 'user',
      targetId: userId,
    });
    return oneTimeLink(trx, actor, row, row.status === 'invited' ? 'invite' : 'reset', delivery);
  });
}

export async function updateUser(db: Kysely<Database>, actor: Actor, userId: string, changes: UpdateUserBody): Promise<UserSummary> {
  return db.transaction().execute(async (trx) => {
    const row = await userOrNotFound(trx, actor, userId);
    if (changes.status === 'active' && row.status === 'invited') {
      throw new HttpError(409, 'NOT_YET_ACCEPTED', 'an invited user becomes active by accepting the invitation');
    }
    const losesAdmin =
      row.role === 'admin' && row.status === 'active' && ((changes.role && changes.role !== 'admin') || changes.status === 'disabled');
    if (losesAdmin && (await users.countActiveAdmins(trx, actor.collaborationId)) <= 1) {
      throw new HttpError(409, 'LAST_ADMIN', 'the collaboration must keep at least one active admin');
    }
    const update: { role?: Role; status?: 'active' | 'disabled' } = {};
    if (changes.role) update.role = changes.role;
    if (changes.status) update.status = changes.status;
    await users.updateUser(trx, userId, update);
    // Disabling ends every session at once; a role change takes effect at the next request anyway.
    if (changes.status === 'disabled') await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: changes.status === 'disabled' ? 'user.disable' : changes.status === 'active' ? 'user.enable' : 'user.update',
      targetType: 'user',
      targetId: userId,
      details: update,
    });
    return toUserSummary(await userOrNotFound(trx, actor, userId));
  });
}

export async function acceptOneTimeToken(db: Kysely<Database>, token: string, password: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const used = await users.consumeOneTimeToken(trx, tokenHash(token));
    if (!used) throw new HttpError(422, 'LINK_INVALID', 'the link is unknown, already used or expired; ask an admin for a new one');
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'email', 'status', 'collaboration_id'])
      .where('id', '=', used.user_id)
      .executeTakeFirstOrThrow();
    if (user.status === 'disabled') throw new HttpError(422, 'LINK_INVALID', 'the account is disabled');
    const problem = passwordProblem(password, user.email);
    if (problem) throw new HttpError(422, 'WEAK_PASSWORD', problem, { details: [{ path: 'body.password', message: problem }] });
    await users.updateUser(trx, user.id, { passwordHash: await hashPassword(password), status: 'active' });
    await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, {
      collaborationId: user.collaboration_id,
      actorUserId: user.id,
      action: used.purpose === 'invite' ? 'user.accept_invite' : 'user.reset_password',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD: make sure that admin exists, is active and has that password.
 * It joins the oldest collaboration, or a new empty one on a fresh deployment.
 */
export async function ensureAdmin(
  db: Kysely<Database>,
  admin: NonNullable<AppConfig['admin']>,
): Promise<'created' | 'updated' | 'unchanged'> {
  const problem = passwordProblem(admin.password, admin.email);
  if (problem) throw new Error(`ADMIN_PASSWORD is refused: ${problem}`);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'role', 'status', 'collaboration_id'])
      .where('email', '=', admin.email)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (existing) {
      const passwordOk = existing.password_hash ? await verifyPassword(existing.password_hash, admin.password) : false;
      if (passwordOk && existing.role === 'admin' && existing.status === 'active') return 'unchanged';
      await users.updateUser(trx, existing.id, {
        role: 'admin',
        status: 'active',
        ...(passwordOk ? {} : { passwordHash: await hashPassword(admin.password) }),
      });
      await recordAudit(trx, {
        collaborationId: existing.collaboration_id,
        actorUserId: null,
        action: 'user.ensure_admin',
        targetType: 'user',
        targetId: existing.id,
      });
      return 'updated';
    }
    let collaboration = await trx.selectFrom('collaboration').select('id').orderBy('created_at').orderBy('id').executeTakeFirst();
    collaboration ??= await trx
      .insertInto('collaboration')
      .values({ slug: 'samverkan', name: 'Ny samverkan', police_district: 'Lokalpolisområde' })
      .returning('id')
      .executeTakeFirstOrThrow();
    let agency = await trx
      .selectFrom('agency')
      .select('id')
      .where('collaboration_id', '=', collaboration.id)
      .orderBy('name')
      .executeTakeFirst();
    agency ??= await trx
      .insertInto('agency')
      .values({ collaboration_id: collaboration.id, kind: 'municipality', name: 'Kommunen' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await users.insertUser(trx, {
      collaborationId: collaboration.id,
      agencyId: agency.id,
      email: admin.email,
      displayName: 'Administratör',
      role: 'admin',
      status: 'active',
      passwordHash: await hashPassword(admin.password),
    });
    await recordAudit(trx, {
      collaborationId: collaboration.id,
      actorUserId: null,
      action: 'user.ensure_admin',
      targetType: 'user',
      targetId: id,
    });
    return 'created';
  });
}
