import { Type, type Static } from 'typebox';
import type { AreaGeometry } from '../geo/polygon';
import { categoryCodes } from '../taxonomy';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });

export const ProblemPictureQuery = Type.Object(
  {
    from: Type.Optional(Day),
    /** Inclusive last day. */
    to: Type.Optional(Day),
    areaId: Type.Optional(Type.String({ format: 'uuid' })),
    locale: Type.Optional(Type.Enum(['sv', 'en'])),
  },
  { additionalProperties: false },
);
export type ProblemPictureQuery = Static<typeof ProblemPictureQuery>;

export const WeightsSchema = Type.Object(
  {
    survey: Type.Number({ minimum: 0, maximum: 100 }),
    pins: Type.Number({ minimum: 0, maximum: 100 }),
    reports: Type.Number({ minimum: 0, maximum: 100 }),
    trend: Type.Number({ minimum: 0, maximum: 100 }),
    hotspots: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

const Components = Type.Object(
  { survey: Type.Number(), pins: Type.Number(), reports: Type.Number(), trend: Type.Number(), hotspots: Type.Number() },
  { additionalProperties: false },
);

export const ProblemEntry = Type.Object(
  {
    rank: Type.Integer(),
    category: Type.Enum(categoryCodes),
    label: Type.String(),
    score: Type.Number(),
    components: Components,
    contributions: Components,
    survey: Type.Object(
      { rated: Nullable(Type.Integer()), share: Nullable(Type.Number()), low: Nullable(Type.Number()), high: Nullable(Type.Number()) },
      { additionalProperties: false },
    ),
    pins: Type.Object(
      { count: Nullable(Type.Integer()), respondents: Nullable(Type.Integer()), share: Nullable(Type.Number()) },
      { additionalProperties: false },
    ),
    reports: Type.Object(
      {
        total: Nullable(Type.Integer()),
        ratePer1000: Nullable(Type.Number()),
        bySource: Type.Object(
          {
            municipality: Nullable(Type.Integer()),
            police: Nullable(Type.Integer()),
            walk: Nullable(Type.Integer()),
            dialogue: Nullable(Type.Integer()),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    trend: Type.Object(
      {
        current: Nullable(Type.Integer()),
        previous: Nullable(Type.Integer()),
        change: Nullable(Type.Number()),
        p: Nullable(Type.Number()),
        significant: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    hotspots: Type.Integer(),
    explanation: Type.String(),
  },
  { additionalProperties: false },
);
export type ProblemEntry = Static<typeof ProblemEntry>;

const Period = Type.Object({ from: Day, to: Day }, { additionalProperties: false });
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$' });

export const ProblemPicture = Type.Object(
  {
    period: Period,
    previous: Period,
    /**
     * The calendar months (UTC, inclusive) the respondent figures cover: every month the period
     * touches, whole, since survey answers are counted per month (disclosure control). Missing
     * in snapshots saved before it existed.
     */
    surveyMonths: Type.Optional(Type.Object({ from: Month, to: Month }, { additionalProperties: false })),
    area: Nullable(
      Type.Object({ id: Type.String(), name: Type.String(), population: Nullable(Type.Integer()) }, { additionalProperties: false }),
    ),
    /** Respondents in the survey months: the sum of the area-months of at least `threshold`. */
    respondents: Nullable(Type.Integer()),
    threshold: Type.Integer(),
    weights: WeightsSchema,
    problems: Type.Array(ProblemEntry),
    feltVsReported: Type.Object(
      {
        feltNotReported: Type.Array(Type.Enum(categoryCodes)),
        reportedNotFelt: Type.Array(Type.Enum(categoryCodes)),
        places: Type.Array(
          Type.Object(
            {
              areaId: Type.String(),
              name: Type.String(),
              kind: Type.Enum(['felt', 'reported']),
              feltRank: Type.Integer(),
              reportedRank: Type.Integer(),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    /** True when some figure was withheld by disclosure control. */
    withheld: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ProblemPicture = Static<typeof ProblemPicture>;

/** The GeoJSON export: the collaboration's areas (or the one asked for) with their figures. */
export const ProblemPictureFeatures = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    period: Period,
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal('Feature'),
          geometry: Type.Unsafe<AreaGeometry>(
            Type.Object({ type: Type.Enum(['Polygon', 'MultiPolygon']), coordinates: Type.Array(Type.Unknown()) }),
          ),
          properties: Type.Object(
            {
              areaId: Type.String(),
              name: Type.String(),
              /** Only when one area was asked for: the ranking is of that area. */
              problems: Type.Optional(
                Type.Array(
                  Type.Object(
                    { rank: Type.Integer(), category: Type.Enum(categoryCodes), score: Type.Number() },
                    { additionalProperties: false },
                  ),
                ),
              ),
              feltVsReported: Nullable(Type.Enum(['felt', 'reported'])),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProblemPictureFeatures = Static<typeof ProblemPictureFeatures>;

export const SafetyIndexQuery = Type.Object(
  { areaId: Type.Optional(Type.String({ format: 'uuid' })), breakdown: Type.Optional(Type.Enum(['none', 'gender', 'age_band'])) },
  { additionalProperties: false },
);

export const SafetyIndex = Type.Object(
  {
    threshold: Type.Integer(),
    breakdown: Type.Enum(['none', 'gender', 'age_band']),
    periods: Type.Array(
      Type.Object(
        {
          period: Type.String({ description: 'half-year, e.g. 2026-H1' }),
          groups: Type.Array(
            Type.Object(
              { group: Type.String(), respondents: Nullable(Type.Integer()), unsafe: Nullable(Type.Number()) },
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
export type SafetyIndex = Static<typeof SafetyIndex>;

export const CreateSnapshotBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    areaId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const SnapshotSummary = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    from: Day,
    to: Day,
    areaName: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type SnapshotSummary = Static<typeof SnapshotSummary>;

export const Snapshot = Type.Object({ summary: SnapshotSummary, picture: ProblemPicture }, { additionalProperties: false });
export type Snapshot = Static<typeof Snapshot>;

export const SnapshotComparison = Type.Object(
  {
    a: SnapshotSummary,
    b: SnapshotSummary,
    rows: Type.Array(
      Type.Object(
        {
          category: Type.Enum(categoryCodes),
          label: Type.String(),
          rankA: Type.Integer(),
          rankB: Type.Integer(),
          scoreA: Type.Number(),
          scoreB: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SnapshotComparison = Static<typeof SnapshotComparison>;
