import { Type, type Static, type TSchema } from 'typebox';
import { categoryCodes } from '../taxonomy';

/**
 * Dialogue meetings (medborgardialog with residents, medarbetardialog with police and municipal
 * staff) and the concerns raised in them. Every concern feeds the point store as source
 * "dialogue" with weight = how many raised it: mentions, never respondents.
 */
export const dialogueAudiences = ['residents', 'staff'] as const;
export type DialogueAudience = (typeof dialogueAudiences)[number];
export const CONCERN_TEXT_MAX = 1000;
export const MEETING_NOTES_MAX = 5000;

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Place = Type.String({ minLength: 1, maxLength: 200, description: 'where the meeting was held' });
const Present = Type.Integer({ minimum: 0, maximum: 100_000, description: 'how many took part' });
const Notes = Type.String({ maxLength: MEETING_NOTES_MAX });

export const CreateMeetingBody = Type.Object(
  {
    heldOn: Day,
    place: Place,
    areaId: Type.Optional(Nullable(Uuid)),
    audience: Type.Enum(dialogueAudiences),
    present: Present,
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);
export type CreateMeetingBody = Static<typeof CreateMeetingBody>;

export const UpdateMeetingBody = Type.Object(
  {
    heldOn: Type.Optional(Day),
    place: Type.Optional(Place),
    areaId: Type.Optional(Nullable(Uuid)),
    audience: Type.Optional(Type.Enum(dialogueAudiences)),
    present: Type.Optional(Present),
    notes: Type.Optional(Nullable(Notes)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeetingBody = Static<typeof UpdateMeetingBody>;

const ConcernText = Type.String({ minLength: 1, maxLength: CONCERN_TEXT_MAX });
const Mentions = Type.Integer({ minimum: 1, maximum: 100_000, description: 'how many raised it (counted as mentions, never respondents)' });

export const CreateConcernBody = Type.Object(
  {
    text: ConcernText,
    category: Type.Enum(categoryCodes),
    mentions: Type.Optional(Mentions),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    areaId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CreateConcernBody = Static<typeof CreateConcernBody>;

export const UpdateConcernBody = Type.Object(
  {
    text: Type.Optional(ConcernText),
    category: Type.Optional(Type.Enum(categoryCodes)),
    mentions: Type.Optional(Mentions),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lon: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    areaId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateConcernBody = Static<typeof UpdateConcernBody>;

export const DialogueConcern = Type.Object(
  {
    id: Uuid,
    text: Type.String(),
    category: Type.Enum(categoryCodes),
    mentions: Type.Integer(),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    areaId: Nullable(Uuid),
    areaName: Nullable(Type.String()),
    /** exact: a place was given; area: placed at its area's (or the collaboration's) centre. */
    precision: Type.Enum(['exact', 'area']),
    pointId: Nullable(Uuid),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type DialogueConcern = Static<typeof DialogueConcern>;

export const MeetingSummary = Type.Object(
  {
    id: Uuid,
    heldOn: Type.String(),
    place: Type.String(),
    areaId: Nullable(Uuid),
    areaName: Nullable(Type.String()),
    audience: Type.Enum(dialogueAudiences),
    present: Type.Integer(),
    notes: Nullable(Type.String()),
    concerns: Type.Integer({ minimum: 0 }),
    mentions: Type.Integer({ minimum: 0 }),
    createdBy: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type MeetingSummary = Static<typeof MeetingSummary>;

const AreaOption = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }, { additionalProperties: false });

export const MeetingList = Type.Object(
  { meetings: Type.Array(MeetingSummary), areas: Type.Array(AreaOption) },
  { additionalProperties: false },
);
export type MeetingList = Static<typeof MeetingList>;

export const MeetingDetail = Type.Object(
  {
    meeting: MeetingSummary,
    concerns: Type.Array(DialogueConcern),
    areas: Type.Array(AreaOption),
    /** [west, south, east, north] of the collaboration, for placing a concern on a map. */
    bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type MeetingDetail = Static<typeof MeetingDetail>;

export const ConcernParams = Type.Object({ id: Uuid, concernId: Uuid }, { additionalProperties: false });
