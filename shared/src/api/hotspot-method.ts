import { Type, type Static } from 'typebox';
import { pointSources } from '../taxonomy';

/**
 * What a hot-spot answer says about how it was computed: the inference method and its
 * settings, every default choice of scale with its reason, the legend in both languages, and
 * which measurement (felt, reported or both) was analysed. The engine's types
 * (shared/src/hotspot/analyse.ts, scale.ts) are the source; these schemas describe their JSON.
 */

/** A number that is null where the engine has none (NaN, e.g. a z over too few cells). */
const Num = Type.Union([Type.Number(), Type.Null()]);

export const HotspotMethod = Type.Object(
  {
    statistic: Type.Literal('getis-ord-gi*'),
    weights: Type.String({ description: 'the spatial weights: binary distance band, self included' }),
    pValue: Type.Literal('exact-binomial'),
    nullModel: Type.String(),
    midP: Type.Boolean({ description: 'false: ordinary exact p-values, which never exceed their level' }),
    multipleTesting: Type.Literal('benjamini-hochberg'),
    family: Type.String({ description: 'which tests enter the false-discovery-rate family' }),
    alpha: Type.Number(),
    testability: Type.Object(
      {
        rule: Type.String(),
        minimumExpectedForCold: Num,
      },
      { additionalProperties: false },
    ),
    exposure: Type.Enum(['study-area coverage', 'uniform', 'given', 'residents'], {
      description:
        'what each cell is expected to hold under the null: its share of the study area, or (rate mode) of the residents living there',
    }),
    tests: Type.Object(
      {
        tests: Type.Integer(),
        hotTests: Type.Integer(),
        coldTests: Type.Integer(),
        cellsWithoutColdTest: Type.Integer({ description: 'cells where even no record at all would not be remarkable' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type HotspotMethod = Static<typeof HotspotMethod>;

const Source = Type.Enum(['given', 'isa-first-peak', 'knn-mean-distance', 'fallback', 'band-fraction']);

export const ScaleChoices = Type.Object(
  {
    locationalOutliers: Type.Union([
      Type.Object(
        {
          rule: Type.String(),
          fence: Num,
          q1: Num,
          q3: Num,
          medianNearestNeighbour: Num,
          locations: Type.Integer(),
          outlierLocations: Type.Integer(),
          outlierPoints: Type.Integer(),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    band: Type.Object(
      {
        value: Type.Number(),
        source: Source,
        reason: Type.String(),
        isa: Type.Optional(
          Type.Object(
            {
              latticeCellSize: Type.Number(),
              distances: Type.Array(Num),
              z: Type.Array(Num),
              firstPeak: Type.Union([Type.Integer(), Type.Null()]),
            },
            { additionalProperties: false },
          ),
        ),
        knn: Type.Optional(Type.Object({ k: Type.Integer(), meanDistance: Num, standardDistance: Num }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    cellSize: Type.Object(
      {
        value: Type.Number(),
        source: Source,
        reason: Type.String(),
        range: Type.Array(Num, { minItems: 2, maxItems: 2 }),
        meanCount: Num,
        minMeanCount: Type.Number(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'each default choice of scale and why it was made' },
);
export type ScaleChoices = Static<typeof ScaleChoices>;

const LegendText = Type.Object(
  {
    classes: Type.Record(Type.String(), Type.String(), { description: 'label per class "3" … "-3", in adjusted p' }),
    method: Type.String(),
    coldSpots: Type.String(),
  },
  { additionalProperties: false },
);
export const HotspotLegendTexts = Type.Object({ sv: LegendText, en: LegendText }, { additionalProperties: false });

export const analysisKinds = ['reported', 'felt', 'combined'] as const;
export type AnalysisKind = (typeof analysisKinds)[number];

export const HotspotAnalysisKind = Type.Object(
  {
    kind: Type.Enum(analysisKinds),
    sources: Type.Array(Type.Enum(pointSources)),
    rule: Type.String({ description: 'why felt and reported are analysed apart unless the user combines them' }),
  },
  { additionalProperties: false },
);
