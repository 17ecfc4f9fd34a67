import type { MailOutbox } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as mail from './mail-repository';
import { inviteMail, resetMail, type MailLocale } from './mail-texts';

type Db = Kysely<Database>;

/** What delivers one mail: nodemailer's transport in the app, anything with sendMail in a test. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

const BATCH = 20;
const CLAIM_MS = 2 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;
const KEEP_SENT_MS = 30 * 86_400_000;

/** `anna.berg@kommun.se` → `a•••@kommun.se`: the outbox view names no one in full. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address.slice(0, 1)}•••${address.slice(at)}`;
}

/**
 * Queues an invitation or reset link for its user, in the caller's transaction: the link and
 * its mail are stored together or not at all. The request never waits on the mail server.
 */
export async function queueLinkMail(
  db: Db,
  input: {
    collaborationId: string;
    purpose: 'invite' | 'reset';
    to: string;
    displayName: string;
    link: string;
    expiresAt: Date;
    locale?: MailLocale;
  },
): Promise<void> {
  const collaborationName = await mail.collaborationName(db, input.collaborationId);
  const text = (input.purpose === 'invite' ? inviteMail : resetMail)({ ...input, collaborationName }, input.locale ?? 'sv');
  await mail.insertMail(db, { collaborationId: input.collaborationId, kind: input.purpose, recipient: input.to, ...text });
}

/** Queues a mail at most once per key (the digest: one per person and day). */
export async function queueMail(db: Db, input: mail.NewMail): Promise<boolean> {
  return mail.insertMail(db, input);
}

export async function outbox(db: Db, collaborationId: string, enabled: boolean, now = new Date()): Promise<MailOutbox> {
  const [counts, rows] = await Promise.all([
    mail.outboxCounts(db, collaborationId, new Date(now.getTime() - 7 * 86_400_000)),
    mail.waitingMails(db, collaborationId, 50),
  ]);
  return {
    enabled,
    waiting: counts.waiting,
    sentLast7Days: counts.sent,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: maskAddress(r.recipient),
      subject: r.subject,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at.toISOString(),
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/** A failure's short code (ECONNECTION, EAUTH, EENVELOPE …): the server's text may quote addresses. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,30}$/.test(code) ? code : 'ESEND';
}

/** Waits 1, 2, 4 … minutes between attempts, at most an hour; it never gives up on a mail. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Sends the mails that are due, one claimed batch at a time, until none is due. A failure keeps
 * the mail and schedules its next attempt. Answers how many went out and how many failed.
 */
export async function sendDue(db: Db, transport: MailTransport, from: string, now = new Date()): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await mail.claimDue(db, now, BATCH, CLAIM_MS);
    if (batch.length === 0) break;
    for (const m of batch) {
      try {
        await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body });
        await mail.markSent(db, m.id, new Date());
        sent++;
      } catch (error) {
        const attempts = m.attempts + 1;
        await mail.markFailed(db, m.id, attempts, new Date(now.getTime() + retryDelayMs(attempts)), errorCode(error));
        failed++;
      }
    }
    if (batch.length < BATCH) break;
  }
  await mail.pruneSent(db, new Date(now.getTime() - KEEP_SENT_MS));
  return { sent, failed };
}
