import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './columns';

/** The mail outbox: migrations/20261205110000_mail_outbox.ts, owned by the mail feature. */
export interface MailOutboxTable {
  id: Generated<string>;
  collaboration_id: string | null;
  kind: 'invite' | 'reset' | 'digest';
  recipient: string;
  subject: string;
  /** Plain text; cleared once sent, since it may carry a one-time link. */
  body: string;
  /** At most one mail per key (the daily digest: one per person and day). */
  dedupe_key: string | null;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** A sender's claim: another sender leaves the mail alone until then. */
  claimed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}
