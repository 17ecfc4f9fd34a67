import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface NewMail {
  collaborationId: string | null;
  kind: 'invite' | 'reset' | 'digest';
  recipient: string;
  subject: string;
  body: string;
  dedupeKey?: string;
}

/** Stores a mail; with a dedupe key already used it stores nothing and answers false. */
export async function insertMail(db: Db, mail: NewMail): Promise<boolean> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      collaboration_id: mail.collaborationId,
      kind: mail.kind,
      recipient: mail.recipient,
      subject: mail.subject,
      body: mail.body,
      dedupe_key: mail.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface ClaimedMail {
  id: string;
  kind: 'invite' | 'reset' | 'digest';
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Claims up to `limit` due mails for `claimMs`: SKIP LOCKED and the claim keep two instances
 * from sending the same mail; a sender that dies mid-send leaves a claim that simply expires.
 */
export async function claimDue(db: Db, now: Date, limit: number, claimMs: number): Promise<ClaimedMail[]> {
  const until = new Date(now.getTime() + claimMs);
  const result = await sql<ClaimedMail>`
    update mail_outbox set claimed_until = ${until}
    where id in (
      select id from mail_outbox
      where sent_at is null and next_attempt_at <= ${now} and (claimed_until is null or claimed_until < ${now})
      order by next_attempt_at, created_at
      limit ${limit}
      for update skip locked
    )
    returning id, kind, recipient, subject, body, attempts
  `.execute(db);
  return result.rows;
}

/** Sent: the body goes (it may carry a one-time link), the subject and address stay for the count. */
export async function markSent(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, body: '', claimed_until: null, last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Db, id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** Sent mails are kept a month for the count, then removed with their addresses. */
export async function pruneSent(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('mail_outbox').where('sent_at', '<', before).execute();
}

export async function waitingMails(db: Db, collaborationId: string, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'attempts', 'next_attempt_at', 'last_error', 'created_at'])
    .where('collaboration_id', '=', collaborationId)
    .where('sent_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function outboxCounts(db: Db, collaborationId: string, sentSince: Date): Promise<{ waiting: number; sent: number }> {
  return db
    .selectFrom('mail_outbox')
    .select([
      sql<number>`count(*) filter (where sent_at is null)::int`.as('waiting'),
      sql<number>`count(*) filter (where sent_at >= ${sentSince})::int`.as('sent'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .executeTakeFirstOrThrow();
}

export async function collaborationName(db: Db, collaborationId: string): Promise<string> {
  const row = await db.selectFrom('collaboration').select('name').where('id', '=', collaborationId).executeTakeFirstOrThrow();
  return row.name;
}

/** Active staff of every collaboration, with their agency's kind (whom the digest is for). */
export async function activeStaff(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', 'a.id', 'u.agency_id')
    .innerJoin('collaboration as c', 'c.id', 'u.collaboration_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.role', 'u.collaboration_id', 'c.name as collaboration_name', 'a.kind as agency_kind'])
    .where('u.status', '=', 'active')
    .orderBy('u.collaboration_id')
    .orderBy('u.id')
    .execute();
}
