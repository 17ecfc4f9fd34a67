import { Type, type Static, type TSchema } from 'typebox';
import { categoryCodes } from '../taxonomy';

/**
 * Safety walks (trygghetsvandringar): a coordinator creates the walk, the group records stops on
 * a phone or tablet (offline first: every stop carries a client-made UUID and is stored exactly
 * once, `PUT /api/walks/:id/stops/:clientId`), photos are uploaded per stop with their metadata
 * stripped, and the protocol exports to Word.
 */

/** The nine parameters of Safetipin's safety audit, each rated 0 (very poor) to 3 (good). */
export const safetyParameters = [
  'lighting',
  'openness',
  'visibility',
  'people',
  'security',
  'walk_path',
  'transport',
  'mixed_use',
  'feeling',
] as const;
export type SafetyParameter = (typeof safetyParameters)[number];

export const walkLights = ['daylight', 'dark'] as const;
export type WalkLight = (typeof walkLights)[number];
export const walkStatuses = ['planned', 'done'] as const;
export type WalkStatus = (typeof walkStatuses)[number];
/** Who should carry out a suggested action. */
export const actionOwners = ['municipality', 'property_owner', 'police', 'other'] as const;
export type ActionOwner = (typeof actionOwners)[number];
/** open: not yet decided; adopted: carried into a pledge or a work order; dismissed: decided against. */
export const actionStatuses = ['open', 'adopted', 'dismissed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** The largest photo one upload takes (after the phone has had its chance to shrink it). */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTOS_PER_STOP_MAX = 5;
/** The most pixels a photo may declare: a 4 KB file can claim 30000 × 30000 and exhaust whatever decodes it. */
export const PHOTO_MAX_PIXELS = 40_000_000;
/** How far outside its area (its bounding box) a stop may lie before it is refused as a mistake. */
export const STOP_MAX_DISTANCE_M = 2000;
export const STOP_NOTES_MAX = 2000;
export const ACTION_TEXT_MAX = 1000;

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** 0 very poor · 1 poor · 2 acceptable · 3 good; null (or left out) when the group did not rate it. */
export const Rating = Type.Union([Type.Integer({ minimum: 0, maximum: 3 }), Type.Null()], {
  description: '0 very poor, 1 poor, 2 acceptable, 3 good; null when not rated',
});

const ratingFields = {
  lighting: Rating,
  openness: Rating,
  visibility: Rating,
  people: Rating,
  security: Rating,
  walk_path: Rating,
  transport: Rating,
  mixed_use: Rating,
  feeling: Rating,
};

/** Ratings as sent: any subset of the nine parameters. */
export const StopRatingsInput = Type.Object(
  {
    lighting: Type.Optional(Rating),
    openness: Type.Optional(Rating),
    visibility: Type.Optional(Rating),
    people: Type.Optional(Rating),
    security: Type.Optional(Rating),
    walk_path: Type.Optional(Rating),
    transport: Type.Optional(Rating),
    mixed_use: Type.Optional(Rating),
    feeling: Type.Optional(Rating),
  },
  { additionalProperties: false },
);
export type StopRatingsInput = Static<typeof StopRatingsInput>;
/** Ratings as stored: every parameter, null when not rated. */
export const StopRatings = Type.Object(ratingFields, { additionalProperties: false });
export type StopRatings = Static<typeof StopRatings>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const RouteDescription = Type.String({ maxLength: 2000 });
const Partners = Type.Array(Type.String({ minLength: 1, maxLength: 120 }), {
  maxItems: 30,
  description: 'agencies and actors present, e.g. "Värnamo kommun, gatuavdelningen", "Polisen", "Stubo"',
});
const Participants = Type.Integer({ minimum: 1, maximum: 1000 });

export const CreateWalkBody = Type.Object(
  {
    title: Title,
    areaId: Type.Optional(Nullable(Uuid)),
    routeDescription: Type.Optional(RouteDescription),
    walkedOn: Day,
    light: Type.Enum(walkLights),
    participants: Participants,
    partners: Type.Optional(Partners),
    status: Type.Optional(Type.Enum(walkStatuses)),
  },
  { additionalProperties: false },
);
export type CreateWalkBody = Static<typeof CreateWalkBody>;

export const UpdateWalkBody = Type.Object(
  {
    title: Type.Optional(Title),
    areaId: Type.Optional(Nullable(Uuid)),
    routeDescription: Type.Optional(Nullable(RouteDescription)),
    walkedOn: Type.Optional(Day),
    light: Type.Optional(Type.Enum(walkLights)),
    participants: Type.Optional(Participants),
    partners: Type.Optional(Partners),
    status: Type.Optional(Type.Enum(walkStatuses)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWalkBody = Static<typeof UpdateWalkBody>;

export const WalkSummary = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    areaId: Nullable(Uuid),
    areaName: Nullable(Type.String()),
    routeDescription: Nullable(Type.String()),
    walkedOn: Type.String(),
    light: Type.Enum(walkLights),
    participants: Type.Integer(),
    partners: Type.Array(Type.String()),
    status: Type.Enum(walkStatuses),
    stops: Type.Integer({ minimum: 0 }),
    photos: Type.Integer({ minimum: 0 }),
    openActions: Type.Integer({ minimum: 0 }),
    createdBy: Nullable(Type.String({ description: 'display name of the coordinator who created it' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type WalkSummary = Static<typeof WalkSummary>;

const AreaOption = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }, { additionalProperties: false });

export const WalkList = Type.Object(
  {
    walks: Type.Array(WalkSummary),
    /** The collaboration's areas, for choosing a walk's area. */
    areas: Type.Array(AreaOption),
  },
  { additionalProperties: false },
);
export type WalkList = Static<typeof WalkList>;

export const StopActionInput = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: ACTION_TEXT_MAX }),
    owner: Type.Enum(actionOwners),
    ownerName: Type.Optional(Type.String({ maxLength: 200, description: 'e.g. "Gatuavdelningen", "Stubo"' })),
  },
  { additionalProperties: false },
);

export const PutStopBody = Type.Object(
  {
    lat: Lat,
    lon: Lon,
    ratings: StopRatingsInput,
    notes: Type.Optional(Type.String({ maxLength: STOP_NOTES_MAX })),
    action: Type.Optional(StopActionInput),
    recordedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the stop was recorded on the device' })),
  },
  { additionalProperties: false },
);
export type PutStopBody = Static<typeof PutStopBody>;

export const UpdateStopBody = Type.Object({ actionStatus: Type.Enum(actionStatuses) }, { additionalProperties: false });
export type UpdateStopBody = Static<typeof UpdateStopBody>;

export const WalkPhoto = Type.Object(
  {
    id: Uuid,
    contentType: Type.Enum(PHOTO_TYPES),
    bytes: Type.Integer(),
    sha256: Type.String(),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    /** Metadata blocks removed before storage (EXIF, XMP, IPTC, comments, text chunks). */
    removed: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type WalkPhoto = Static<typeof WalkPhoto>;

export const WalkStop = Type.Object(
  {
    clientId: Uuid,
    lat: Type.Number(),
    lon: Type.Number(),
    ratings: StopRatings,
    notes: Nullable(Type.String()),
    action: Nullable(
      Type.Object(
        { text: Type.String(), owner: Type.Enum(actionOwners), ownerName: Nullable(Type.String()), status: Type.Enum(actionStatuses) },
        { additionalProperties: false },
      ),
    ),
    recordedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    /** Categories derived from the low ratings (see walkStopCategories); one point each. */
    categories: Type.Array(Type.Enum(categoryCodes)),
    /** The stop's rows in the point store (source "walk"). */
    pointIds: Type.Array(Uuid),
    photos: Type.Array(WalkPhoto),
  },
  { additionalProperties: false },
);
export type WalkStop = Static<typeof WalkStop>;

export const WalkDetail = Type.Object(
  {
    walk: WalkSummary,
    stops: Type.Array(WalkStop),
    /** [west, south, east, north]: where stops may be placed (the walk's area, else the collaboration's). */
    bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
    maxDistanceMetres: Type.Integer(),
  },
  { additionalProperties: false },
);
export type WalkDetail = Static<typeof WalkDetail>;

export const WalkParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const StopParams = Type.Object({ id: Uuid, clientId: Uuid }, { additionalProperties: false });
export const PhotoParams = Type.Object({ id: Uuid, clientId: Uuid, photoId: Uuid }, { additionalProperties: false });

export const WalkExportQuery = Type.Object({ format: Type.Enum(['docx']) }, { additionalProperties: false });

export const WalkActionsQuery = Type.Object(
  { status: Type.Optional(Type.Enum(actionStatuses, { description: 'default open' })) },
  { additionalProperties: false },
);
export type WalkActionsQuery = Static<typeof WalkActionsQuery>;

/** A suggested action from a walk stop, as the pledge draft takes it in as an activity. */
export const WalkAction = Type.Object(
  {
    walkId: Uuid,
    walkTitle: Type.String(),
    walkedOn: Type.String(),
    light: Type.Enum(walkLights),
    stopClientId: Uuid,
    lat: Type.Number(),
    lon: Type.Number(),
    areaId: Nullable(Uuid),
    areaName: Nullable(Type.String()),
    text: Type.String(),
    owner: Type.Enum(actionOwners),
    ownerName: Nullable(Type.String()),
    status: Type.Enum(actionStatuses),
    categories: Type.Array(Type.Enum(categoryCodes)),
  },
  { additionalProperties: false },
);
export type WalkAction = Static<typeof WalkAction>;

export const WalkActionList = Type.Object({ actions: Type.Array(WalkAction) }, { additionalProperties: false });
export type WalkActionList = Static<typeof WalkActionList>;
