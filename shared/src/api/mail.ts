import { Type, type Static } from 'typebox';

/** A mail the outbox still has to deliver; the address is masked, the body never shown. */
export const OutboxMail = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(['invite', 'reset', 'digest']),
    /** `a•••@kommun.se`: enough to recognise, not to copy. */
    to: Type.String(),
    subject: Type.String(),
    attempts: Type.Integer({ minimum: 0 }),
    nextAttemptAt: Type.String({ format: 'date-time' }),
    /** The last failure's short code (ECONNECTION, EAUTH …), never the server's text. */
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type OutboxMail = Static<typeof OutboxMail>;

export const MailOutbox = Type.Object(
  {
    /** SMTP_URL and MAIL_FROM are set: mails are sent. */
    enabled: Type.Boolean(),
    waiting: Type.Integer({ minimum: 0 }),
    sentLast7Days: Type.Integer({ minimum: 0 }),
    /** The oldest waiting mails first, at most 50. */
    items: Type.Array(OutboxMail),
  },
  { additionalProperties: false },
);
export type MailOutbox = Static<typeof MailOutbox>;
