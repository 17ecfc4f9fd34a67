import { Type, type Static } from 'typebox';
import { categoryCodes, timeBands } from '../taxonomy';
import { DisplayLine } from './display-text';
import { Bounds } from './tuple';

/** Text in every supported locale; Swedish is required, others fall back to it. Residents see it. */
export const LocalizedText = Type.Object(
  { sv: DisplayLine({ minLength: 1, maxLength: 500 }), en: Type.Optional(DisplayLine({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedText>;

export const questionTypes = ['single', 'multiple', 'likert', 'matrix', 'number', 'text', 'pins'] as const;
export const QUESTION_ID_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
export const COMMENT_MAX = 500;
export const TEXT_ANSWER_MAX = 1000;
export const PINS_MAX = 10;

const Choice = Type.Object(
  { value: Type.String({ pattern: '^[a-z0-9_+-]{1,40}$' }), label: LocalizedText },
  { additionalProperties: false },
);

/** A question as coordinators define it (every text per locale). */
export const SurveyQuestion = Type.Object(
  {
    id: Type.String({ pattern: QUESTION_ID_PATTERN }),
    type: Type.Enum(questionTypes),
    required: Type.Boolean(),
    label: LocalizedText,
    help: Type.Optional(LocalizedText),
    options: Type.Optional(Type.Array(Choice, { minItems: 1, maxItems: 30 })),
    rows: Type.Optional(Type.Array(Choice, { minItems: 1, maxItems: 30 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** Shown only when the earlier question `questionId` was answered with one of `anyOf`. */
    showIf: Type.Optional(
      Type.Object(
        { questionId: Type.String({ pattern: QUESTION_ID_PATTERN }), anyOf: Type.Array(Type.String(), { minItems: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SurveyQuestion = Static<typeof SurveyQuestion>;

const PublicChoice = Type.Object({ value: Type.String(), label: Type.String() }, { additionalProperties: false });

/** The contract: a question rendered in one locale. */
export const PublicQuestion = Type.Object(
  {
    id: Type.String(),
    type: Type.Enum(questionTypes),
    required: Type.Boolean(),
    label: Type.String(),
    help: Type.Optional(Type.String()),
    options: Type.Optional(Type.Array(PublicChoice)),
    rows: Type.Optional(Type.Array(PublicChoice)),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    showIf: Type.Optional(Type.Object({ questionId: Type.String(), anyOf: Type.Array(Type.String()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type PublicQuestion = Static<typeof PublicQuestion>;

export const PublicCampaign = Type.Object(
  {
    slug: Type.String(),
    title: Type.String(),
    locale: Type.String(),
    locales: Type.Array(Type.String()),
    collaboration: Type.String(),
    open: Type.Boolean(),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
    surveyVersion: Type.Integer(),
    questions: Type.Array(PublicQuestion),
    pinCategories: Type.Array(PublicChoice),
    pinTimes: Type.Array(PublicChoice),
    bounds: Bounds,
    places: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), lat: Type.Number(), lon: Type.Number() }, { additionalProperties: false }),
    ),
    limits: Type.Object({ comment: Type.Integer(), text: Type.Integer(), pins: Type.Integer() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type PublicCampaign = Static<typeof PublicCampaign>;

export const pinTimeValues = [...timeBands, 'weekdays', 'weekend'] as const;

/** A pin is a point on the map, or (the non-map alternative) a named place or a description. */
export const SubmittedPin = Type.Object(
  {
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    placeId: Type.Optional(Type.String({ format: 'uuid' })),
    placeDescription: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    category: Type.Enum(categoryCodes),
    times: Type.Optional(Type.Array(Type.Enum(pinTimeValues), { maxItems: pinTimeValues.length, uniqueItems: true })),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
  },
  { additionalProperties: false },
);
export type SubmittedPin = Static<typeof SubmittedPin>;

export const AnswerValue = Type.Union([
  Type.String({ maxLength: TEXT_ANSWER_MAX }),
  Type.Number(),
  Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
  Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 })),
]);

export const SubmitResponseBody = Type.Object(
  {
    locale: Type.String({ pattern: '^[a-z]{2}$' }),
    answers: Type.Record(Type.String({ maxLength: 40 }), AnswerValue),
    pins: Type.Array(SubmittedPin, { maxItems: PINS_MAX }),
    /** Random per-device token kept on the phone; flags repeat answers without tracking anyone. */
    deviceToken: Type.Optional(Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    channel: Type.Optional(Type.Enum(['web', 'kiosk'])),
  },
  { additionalProperties: false },
);
export type SubmitResponseBody = Static<typeof SubmitResponseBody>;

export const SubmitResponseResult = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object(
  { 'idempotency-key': Type.String({ format: 'uuid', description: 'a UUID made once per answer on the phone' }) },
  { additionalProperties: true },
);

export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) }, { additionalProperties: false });
export const LocaleQuery = Type.Object({ locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })) }, { additionalProperties: false });

const ResultCell = Type.Object(
  {
    value: Type.String(),
    label: Type.String(),
    count: Type.Union([Type.Integer(), Type.Null()], { description: 'null: withheld (fewer than the threshold, or derivable)' }),
  },
  { additionalProperties: false },
);

/** Aggregated answers for the public: every figure passes disclosure control. */
export const PublicResults = Type.Object(
  {
    slug: Type.String(),
    title: Type.String(),
    threshold: Type.Integer(),
    respondents: Type.Union([Type.Integer(), Type.Null()]),
    /** The results hold the answers up to and including this Swedish day; null: none published yet. */
    publishedThrough: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    questions: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          label: Type.String(),
          groups: Type.Array(
            Type.Object(
              {
                label: Type.Union([Type.String(), Type.Null()]),
                total: Type.Union([Type.Integer(), Type.Null()]),
                cells: Type.Array(ResultCell),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PublicResults = Static<typeof PublicResults>;
