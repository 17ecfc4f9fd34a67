import { sql, type Kysely } from 'kysely';

/**
 * The mail outbox (issue 14): a request only stores the mail; a sender delivers it and retries
 * with backoff while the mail server is down, so no mail is lost and no request waits on SMTP.
 * `dedupe_key` makes the daily digest at most one per person and day, whichever instance
 * queues it. The body (which may carry a one-time link) is cleared once the mail is sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid references collaboration (id) on delete cascade,
      kind text not null check (kind in ('invite', 'reset', 'digest')),
      recipient text not null,
      subject text not null,
      body text not null,
      dedupe_key text unique,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      claimed_until timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;
    create index mail_outbox_collaboration_idx on mail_outbox (collaboration_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mail_outbox`.execute(db);
}
