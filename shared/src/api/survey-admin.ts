import { Type, type Static, type TSchema } from 'typebox';
import { categoryCodes } from '../taxonomy';
import { QUESTIONS_MAX } from '../questionnaire-rules';
import { DisplayLine } from './display-text';
import { LocalizedText, SubmitResponseBody, SurveyQuestion } from './surveys';
import { Bounds } from './tuple';

/**
 * The coordinators' side of surveys: the builder (versioned questionnaires), campaigns with
 * their links and QR codes, named places, paper answers typed in by staff, and moderation.
 */
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{1,62}$';
export const surveyVersionStatuses = ['draft', 'published'] as const;
export type SurveyVersionStatus = (typeof surveyVersionStatuses)[number];

// ── Surveys ────────────────────────────────────────────────────────────────────────────────

export const SurveyVersionSummary = Type.Object(
  {
    id: Uuid,
    version: Type.Integer(),
    status: Type.Enum(surveyVersionStatuses),
    questionCount: Type.Integer(),
    createdAt: DateTime,
    publishedAt: Nullable(DateTime),
    campaigns: Type.Integer(),
    responses: Type.Integer(),
  },
  { additionalProperties: false },
);
export type SurveyVersionSummary = Static<typeof SurveyVersionSummary>;

export const SurveySummary = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    createdAt: DateTime,
    latest: SurveyVersionSummary,
    /** The newest published version's number, if any. */
    published: Nullable(Type.Integer()),
  },
  { additionalProperties: false },
);
export type SurveySummary = Static<typeof SurveySummary>;

export const SurveyList = Type.Object({ surveys: Type.Array(SurveySummary) }, { additionalProperties: false });
export type SurveyList = Static<typeof SurveyList>;

export const SurveyDetail = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    createdAt: DateTime,
    /** Newest first. */
    versions: Type.Array(SurveyVersionSummary),
    /** The newest version: a draft being edited, or the published one a change would copy. */
    current: Type.Object(
      { id: Uuid, version: Type.Integer(), status: Type.Enum(surveyVersionStatuses), questions: Type.Array(SurveyQuestion) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type SurveyDetail = Static<typeof SurveyDetail>;

export const SurveyName = Type.String({ minLength: 1, maxLength: 200 });

export const CreateSurveyBody = Type.Object(
  {
    name: SurveyName,
    from: Type.Enum(['standard', 'empty'], { description: "start from the standard questions (Brå's NTU) or from nothing" }),
  },
  { additionalProperties: false },
);
export type CreateSurveyBody = Static<typeof CreateSurveyBody>;

export const RenameSurveyBody = Type.Object({ name: SurveyName }, { additionalProperties: false });
export type RenameSurveyBody = Static<typeof RenameSurveyBody>;

export const SaveQuestionsBody = Type.Object(
  {
    /** The version the editor started from: a stale editor gets 409 instead of overwriting. */
    version: Type.Integer({ minimum: 1 }),
    questions: Type.Array(SurveyQuestion, { maxItems: QUESTIONS_MAX }),
  },
  { additionalProperties: false },
);
export type SaveQuestionsBody = Static<typeof SaveQuestionsBody>;

export const PublishSurveyBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type PublishSurveyBody = Static<typeof PublishSurveyBody>;

// ── Campaigns ──────────────────────────────────────────────────────────────────────────────

export const campaignStatuses = ['upcoming', 'open', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignAudiences = ['residents', 'staff'] as const;
export type CampaignAudience = (typeof campaignAudiences)[number];

export const CampaignSummary = Type.Object(
  {
    id: Uuid,
    slug: Type.String(),
    title: LocalizedText,
    status: Type.Enum(campaignStatuses),
    opensAt: DateTime,
    closesAt: DateTime,
    audience: Type.Enum(campaignAudiences),
    area: Nullable(Type.Object({ id: Uuid, name: Type.String() }, { additionalProperties: false })),
    survey: Type.Object({ id: Uuid, name: Type.String(), versionId: Uuid, version: Type.Integer() }, { additionalProperties: false }),
    responses: Type.Object(
      { accepted: Type.Integer(), flagged: Type.Integer(), discarded: Type.Integer(), paper: Type.Integer() },
      { additionalProperties: false },
    ),
    pendingTexts: Type.Integer(),
    links: Type.Object({ public: Type.String(), kiosk: Type.String(), results: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type CampaignSummary = Static<typeof CampaignSummary>;

export const CampaignList = Type.Object(
  {
    campaigns: Type.Array(CampaignSummary),
    /** What a new campaign can use: published survey versions and the collaboration's areas. */
    choices: Type.Object(
      {
        surveyVersions: Type.Array(
          Type.Object({ id: Uuid, surveyId: Uuid, surveyName: Type.String(), version: Type.Integer() }, { additionalProperties: false }),
        ),
        areas: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CampaignList = Static<typeof CampaignList>;

const campaignFields = {
  surveyVersionId: Uuid,
  slug: Type.String({ pattern: SLUG_PATTERN, description: 'lower-case letters, digits and hyphens; the public link is /s/<slug>' }),
  title: LocalizedText,
  areaId: Nullable(Uuid),
  audience: Type.Enum(campaignAudiences),
  opensAt: DateTime,
  closesAt: DateTime,
};

export const CreateCampaignBody = Type.Object(campaignFields, { additionalProperties: false });
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const UpdateCampaignBody = Type.Object(
  {
    surveyVersionId: Type.Optional(campaignFields.surveyVersionId),
    slug: Type.Optional(campaignFields.slug),
    title: Type.Optional(campaignFields.title),
    areaId: Type.Optional(campaignFields.areaId),
    audience: Type.Optional(campaignFields.audience),
    opensAt: Type.Optional(campaignFields.opensAt),
    closesAt: Type.Optional(campaignFields.closesAt),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCampaignBody = Static<typeof UpdateCampaignBody>;

/** A paper questionnaire typed in by staff: the resident's answers, without device token or channel. */
export const PaperResponseBody = Type.Object(
  {
    locale: SubmitResponseBody.properties.locale,
    answers: SubmitResponseBody.properties.answers,
    pins: SubmitResponseBody.properties.pins,
  },
  { additionalProperties: false },
);
export type PaperResponseBody = Static<typeof PaperResponseBody>;

/** Images (QR codes): declared as a binary string so the API documents what it sends. */
export const BinaryImage = Type.Unsafe<string | Uint8Array>({ type: 'string', format: 'binary' });

// ── Named places ───────────────────────────────────────────────────────────────────────────

export const NamedPlace = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    lat: Type.Number(),
    lon: Type.Number(),
    pins: Type.Integer({ description: 'answers that chose this place' }),
  },
  { additionalProperties: false },
);
export type NamedPlace = Static<typeof NamedPlace>;

export const PlaceList = Type.Object(
  {
    places: Type.Array(NamedPlace),
    /** The collaboration's extent, where places may lie. */
    bounds: Bounds,
  },
  { additionalProperties: false },
);
export type PlaceList = Static<typeof PlaceList>;

const PlaceName = DisplayLine({ minLength: 1, maxLength: 120 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });

export const PlaceBody = Type.Object({ name: PlaceName, lat: Lat, lon: Lon }, { additionalProperties: false });
export type PlaceBody = Static<typeof PlaceBody>;
export const UpdatePlaceBody = Type.Object(
  { name: Type.Optional(PlaceName), lat: Type.Optional(Lat), lon: Type.Optional(Lon) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePlaceBody = Static<typeof UpdatePlaceBody>;

// ── Moderation ─────────────────────────────────────────────────────────────────────────────

export const moderationStatuses = ['pending', 'approved', 'redacted', 'rejected'] as const;
export type ModerationStatus = (typeof moderationStatuses)[number];
export const responseStatuses = ['accepted', 'flagged', 'discarded'] as const;

const CampaignRef = Type.Object({ id: Uuid, slug: Type.String(), title: LocalizedText }, { additionalProperties: false });

const PinView = Type.Object(
  {
    category: Type.Enum(categoryCodes),
    times: Type.Array(Type.String()),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    place: Nullable(Type.String()),
    placeDescription: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const ModerationQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(moderationStatuses, { default: 'pending' })),
    campaignId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ModerationQuery = Static<typeof ModerationQuery>;

/** One free text as the resident wrote it: for coordinators' eyes only. */
export const ModerationItem = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['pin_comment', 'text_answer']),
    text: Type.String(),
    redacted: Nullable(Type.String()),
    status: Type.Enum(moderationStatuses),
    createdAt: DateTime,
    decidedAt: Nullable(DateTime),
    decidedBy: Nullable(Type.String()),
    campaign: CampaignRef,
    question: Nullable(Type.Object({ id: Type.String(), label: LocalizedText }, { additionalProperties: false })),
    pin: Nullable(PinView),
    response: Type.Object({ id: Uuid, status: Type.Enum(responseStatuses), channel: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ModerationItem = Static<typeof ModerationItem>;

export const ModerationQueue = Type.Object(
  {
    items: Type.Array(ModerationItem),
    counts: Type.Object(
      { pending: Type.Integer(), approved: Type.Integer(), redacted: Type.Integer(), rejected: Type.Integer(), flagged: Type.Integer() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ModerationQueue = Static<typeof ModerationQueue>;

export const TEXT_MAX = 2000;
export const TextDecisionBody = Type.Object(
  {
    decision: Type.Enum(['approve', 'redact', 'reject']),
    /** With "redact": the text as it may be shown. */
    redacted: Type.Optional(Type.String({ minLength: 1, maxLength: TEXT_MAX })),
  },
  { additionalProperties: false },
);
export type TextDecisionBody = Static<typeof TextDecisionBody>;

export const FlaggedQuery = Type.Object({ campaignId: Type.Optional(Uuid) }, { additionalProperties: false });

export const FlaggedResponse = Type.Object(
  {
    id: Uuid,
    campaign: CampaignRef,
    submittedAt: DateTime,
    channel: Type.String(),
    flagReason: Nullable(Type.String()),
    answers: Type.Record(Type.String(), Type.Unknown()),
    pins: Type.Array(PinView),
    texts: Type.Integer(),
  },
  { additionalProperties: false },
);
export type FlaggedResponse = Static<typeof FlaggedResponse>;

export const FlaggedList = Type.Object({ responses: Type.Array(FlaggedResponse) }, { additionalProperties: false });
export type FlaggedList = Static<typeof FlaggedList>;

export const ResponseDecisionBody = Type.Object({ decision: Type.Enum(['accept', 'discard']) }, { additionalProperties: false });
export type ResponseDecisionBody = Static<typeof ResponseDecisionBody>;

export const ResponseDecisionResult = Type.Object(
  { id: Uuid, status: Type.Enum(responseStatuses), pointsCreated: Type.Integer(), textsRejected: Type.Integer() },
  { additionalProperties: false },
);
export type ResponseDecisionResult = Static<typeof ResponseDecisionResult>;
