import { sql, type Kysely } from 'kysely';
import type { AgencyKind } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export interface SessionUserRow {
  user_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'coordinator' | 'official';
  collaboration_id: string;
  collaboration_slug: string;
  collaboration_name: string;
  agency_id: string;
  agency_kind: AgencyKind;
  agency_name: string;
  last_seen_at: Date;
}

export async function insertSession(db: Kysely<Database>, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insertInto('user_session').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

/** The live session's user: not expired absolutely, not idle too long, user still active. */
export async function findLiveSession(db: Kysely<Database>, tokenHash: string, idleSeconds: number): Promise<SessionUserRow | undefined> {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('agency as a', 'a.id', 'u.agency_id')
    .innerJoin('collaboration as c', 'c.id', 'u.collaboration_id')
    .select([
      'u.id as user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.collaboration_id',
      'c.slug as collaboration_slug',
      'c.name as collaboration_name',
      'a.id as agency_id',
      'a.kind as agency_kind',
      'a.name as agency_name',
      's.last_seen_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}
