import { Type, type Static } from 'typebox';

export const roles = ['admin', 'coordinator', 'official'] as const;
export type Role = (typeof roles)[number];
export const agencyKinds = ['municipality', 'police', 'partner'] as const;
export type AgencyKind = (typeof agencyKinds)[number];
export const userStatuses = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

const Uuid = Type.String({ format: 'uuid' });
const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** NIST 800-63B: length is what counts; no composition rules; common passwords are refused by the server. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });

export const RoleSchema = Type.Enum(roles);
export const AgencyKindSchema = Type.Enum(agencyKinds);
export const UserStatusSchema = Type.Enum(userStatuses);

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const CurrentUser = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    agency: Type.Object({ id: Uuid, kind: AgencyKindSchema, name: Type.String() }, { additionalProperties: false }),
    collaboration: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type CurrentUser = Static<typeof CurrentUser>;

export const EmptyBody = Type.Object({}, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const OkResponse = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });

export const UserSummary = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    status: UserStatusSchema,
    agencyId: Uuid,
    agencyName: Type.String(),
    agencyKind: AgencyKindSchema,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type UserSummary = Static<typeof UserSummary>;

export const AgencySummary = Type.Object({ id: Uuid, kind: AgencyKindSchema, name: Type.String() }, { additionalProperties: false });

export const UserList = Type.Object(
  { users: Type.Array(UserSummary), agencies: Type.Array(AgencySummary) },
  { additionalProperties: false },
);
export type UserList = Static<typeof UserList>;

export const InviteUserBody = Type.Object(
  {
    email: Email,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    agencyId: Uuid,
  },
  { additionalProperties: false },
);
export type InviteUserBody = Static<typeof InviteUserBody>;

/** The one-time link is shown to the admin, who passes it on: no mail server is needed. */
export const OneTimeLink = Type.Object(
  {
    user: UserSummary,
    link: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    /** True when the link was queued as an e-mail to the user (SMTP configured). */
    mailed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OneTimeLink = Static<typeof OneTimeLink>;

export const UpdateUserBody = Type.Object(
  { role: Type.Optional(RoleSchema), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const AcceptTokenBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }), password: Password },
  { additionalProperties: false },
);
export type AcceptTokenBody = Static<typeof AcceptTokenBody>;

/**
 * An account some client has recently failed to log in to. Counts only: which clients failed
 * is not shown (their addresses are not even stored). README of the auth feature has the rules.
 */
export const LoginThrottle = Type.Object(
  {
    userId: Uuid,
    displayName: Type.String(),
    /** Clients with failures remembered (for 24 hours after their last attempt). */
    clients: Type.Integer({ minimum: 0 }),
    failures: Type.Integer({ minimum: 0 }),
    /** Clients that must wait before their next attempt, and when the last of those waits ends. */
    waitingClients: Type.Integer({ minimum: 0 }),
    waitsUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    /** Many failures within an hour: every client with a failure on it waits after one. */
    underAttack: Type.Boolean(),
    lastAttemptAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type LoginThrottle = Static<typeof LoginThrottle>;
export const LoginThrottleList = Type.Object({ throttles: Type.Array(LoginThrottle) }, { additionalProperties: false });
export type LoginThrottleList = Static<typeof LoginThrottleList>;
export const LiftedLoginThrottle = Type.Object(
  { userId: Uuid, clients: Type.Integer({ minimum: 0 }), failures: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type LiftedLoginThrottle = Static<typeof LiftedLoginThrottle>;

export const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    actor: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })),
  },
  { additionalProperties: false },
);
export const AuditList = Type.Object({ entries: Type.Array(AuditEntry) }, { additionalProperties: false });
export type AuditList = Static<typeof AuditList>;
