import { Type, type Static } from 'typebox';
import { categoryCodes, pointSources, timeBands } from '../taxonomy';
import { Class, Count, LonLat, Num, PolygonGeometry } from './hotspot-common';
import { HotspotAnalysisKind, HotspotLegendTexts, HotspotMethod, ScaleChoices } from './hotspot-method';

/**
 * The hot-spot map's API contract: `GET /api/hotspots` (ARCHITECTURE.md), the period comparison,
 * the cell panel, the raw points layer, exports and the map configuration.
 *
 * List parameters (sources, categories, times, areas) take repeated parameters
 * (`sources=survey&sources=police`, what an HTML form sends) or comma-separated values
 * (`sources=survey,police`), or both.
 */

const List = (what: string) =>
  Type.Array(Type.String({ maxLength: 400 }), {
    maxItems: 50,
    description: `${what}: repeat the parameter or separate values with commas`,
  });

export const hotspotFilterProperties = {
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'start of the period: YYYY-MM-DD (a Swedish calendar day, from its start) or an ISO 8601 date-time with zone',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'end of the period: YYYY-MM-DD (that whole day included) or an ISO 8601 date-time with zone (exclusive)',
    }),
  ),
  sources: Type.Optional(List(`sources (${pointSources.join(', ')})`)),
  categories: Type.Optional(List(`categories (${categoryCodes.join(', ')})`)),
  times: Type.Optional(List(`time-of-day bands (${timeBands.join(', ')}: 06–10, 10–18, 18–22, 22–06)`)),
  days: Type.Optional(Type.Enum(['all', 'weekday', 'weekend'], { description: 'Monday–Friday or Saturday–Sunday (Swedish local time)' })),
  light: Type.Optional(
    Type.Enum(['all', 'dark', 'daylight'], {
      description: 'dark: after sunset or before sunrise at the point’s place and date; daylight: the opposite',
    }),
  ),
  areas: Type.Optional(List('area ids: the study area becomes these areas instead of the collaboration’s boundary')),
};

/** Rate mode and the narrowing to populated land: both need the residents grid (PUT /api/population-grid). */
const analysisProperties = {
  measure: Type.Optional(
    Type.Enum(['count', 'rate'], {
      description:
        'count (default): more records than the study area’s average; rate: more records than expected for the number of residents (needs the residents grid; analyses populated land only)',
    }),
  ),
  studyArea: Type.Optional(
    Type.Enum(['all', 'populated'], {
      description: 'all (default): the whole study area; populated: only cells whose centre lies in a grid square where someone lives',
    }),
  ),
};

const CellSize = Type.Integer({ minimum: 50, maximum: 1000, description: 'grid cell size in metres; default: from the data' });
const Band = Type.Integer({ minimum: 50, maximum: 10_000, description: 'Gi* distance band in metres; default: from the data' });

export const HotspotQuery = Type.Object(
  {
    ...hotspotFilterProperties,
    ...analysisProperties,
    cellSize: Type.Optional(CellSize),
    band: Type.Optional(Band),
    cells: Type.Optional(
      Type.Enum(['informative', 'all', 'significant', 'none'], {
        description:
          'which study-area cells to return: informative (default: cells with records or a significant class), all, significant only, or none (meta only)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type HotspotQuery = Static<typeof HotspotQuery>;

export const HotspotCompareQuery = Type.Object(
  {
    ...hotspotFilterProperties,
    compareFrom: Type.Optional(Type.String({ maxLength: 40, description: 'start of period B (same formats as from)' })),
    compareTo: Type.Optional(Type.String({ maxLength: 40, description: 'end of period B (same formats as to)' })),
    cellSize: Type.Optional(CellSize),
    band: Type.Optional(Band),
  },
  { additionalProperties: false },
);
export type HotspotCompareQuery = Static<typeof HotspotCompareQuery>;

export const HotspotExportQuery = Type.Object(
  {
    ...hotspotFilterProperties,
    ...analysisProperties,
    cellSize: Type.Optional(CellSize),
    band: Type.Optional(Band),
    format: Type.Enum(['csv', 'geojson']),
  },
  { additionalProperties: false },
);
export type HotspotExportQuery = Static<typeof HotspotExportQuery>;

export const HotspotCellQuery = Type.Object(
  { ...hotspotFilterProperties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
  { additionalProperties: false },
);
export type HotspotCellQuery = Static<typeof HotspotCellQuery>;

export const HotspotPointsQuery = Type.Object(
  { ...hotspotFilterProperties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50_000, default: 20_000 })) },
  { additionalProperties: false },
);
export type HotspotPointsQuery = Static<typeof HotspotPointsQuery>;

export const CellIdParams = Type.Object(
  {
    cellId: Type.String({
      pattern: '^\\d{2,4}-\\d{1,7}-\\d{1,8}$',
      description: '<size>-<col>-<row> on the national SWEREF 99 TM lattice',
    }),
  },
  { additionalProperties: false },
);

const SourceCounts = Type.Object(
  Object.fromEntries(pointSources.map((s) => [s, Count])) as Record<(typeof pointSources)[number], typeof Count>,
  { additionalProperties: false },
);

export const HotspotCellProperties = Type.Object(
  {
    cell: Type.String(),
    count: Count,
    ...(Object.fromEntries(pointSources.map((s) => [s, Count])) as Record<(typeof pointSources)[number], typeof Count>),
    policeOnly: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'police-only records in the cell; always null for viewers outside the police, whose answer leaves them out entirely',
    }),
    z: Num,
    p: Type.Union([Type.Number(), Type.Null()], {
      description: 'exact one-sided p of the reported direction; null where the cell has no test (nothing could be significant)',
    }),
    pFdr: Type.Union([Type.Number(), Type.Null()], { description: 'Benjamini–Hochberg adjusted p within the family of testable tests' }),
    class: Class,
    density: Num,
  },
  { additionalProperties: false },
);
export type HotspotCellProperties = Static<typeof HotspotCellProperties>;

export const NormalisedFilter = Type.Object(
  {
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.Union([Type.String(), Type.Null()]),
    sources: Type.Array(Type.Enum(pointSources)),
    categories: Type.Array(Type.Enum(categoryCodes)),
    times: Type.Array(Type.Enum(timeBands)),
    days: Type.Enum(['all', 'weekday', 'weekend']),
    light: Type.Enum(['all', 'dark', 'daylight']),
    areas: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type NormalisedFilter = Static<typeof NormalisedFilter>;

export const insufficientCodes = ['too_few_points', 'too_few_cells', 'no_variation', 'empty_period'] as const;
const Insufficient = Type.Union([
  Type.Object(
    {
      code: Type.Enum(insufficientCodes),
      reason: Type.String(),
      points: Count,
      needed: Type.Integer(),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

const Disclosure = Type.Object(
  {
    threshold: Type.Integer(),
    restricted: Type.Boolean({ description: 'true: the viewer is not police staff, so police-only records are left out entirely' }),
    rule: Type.String(),
  },
  { additionalProperties: false },
);

const StudyArea = Type.Object(
  {
    kind: Type.Enum(['boundary', 'areas', 'areas-bbox', 'points-bbox']),
    names: Type.Array(Type.String()),
    populatedOnly: Type.Optional(Type.Boolean({ description: 'narrowed to grid squares where someone lives' })),
  },
  { additionalProperties: false },
);

const Heat = Type.Union([
  Type.Object(
    {
      cols: Type.Integer(),
      rows: Type.Integer(),
      corners: Type.Array(LonLat, { minItems: 4, maxItems: 4, description: 'top-left, top-right, bottom-right, bottom-left' }),
      max: Type.Number({ description: 'the highest density, points per km²' }),
      data: Type.String({ description: 'base64 bytes, one per cell, rows from the north: 0 = none or outside, 1–255 = density ÷ max' }),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

/**
 * A place of the map's list: hot places are compact (at most 5 ha around a local maximum of
 * records among the hot cells, adjusted p ≤ 0.05), ranked by excess; cold places are whole
 * connected areas of cold cells.
 */
export const HotspotCluster = Type.Object(
  {
    kind: Type.Enum(['hot', 'cold']),
    cells: Type.Integer(),
    hectares: Type.Number(),
    records: Type.Integer(),
    expected: Type.Number({ description: 'records the study area’s average puts on these cells' }),
    excess: Type.Number({ description: 'records − expected: how many more than the average (hot places are ranked by it)' }),
    level: Type.Number({ description: 'the smallest adjusted-p level its cells reach: 0.05 or 0.01' }),
    peakCell: Type.String({ description: 'the cell with the most records (of the smallest p among equals)' }),
    centre: LonLat,
    name: Type.Union([Type.String(), Type.Null()], {
      description: 'the nearest named place within 400 m of the peak cell, else the district it lies in',
    }),
    area: Type.Union([Type.String(), Type.Null()], { description: 'the named area (district) the peak cell lies in' }),
    times: Type.Array(Type.Integer(), { description: 'records per time of day, in the order of timeBands' }),
    days: Type.Array(Type.Integer(), { minItems: 7, maxItems: 7, description: 'records per weekday, Monday first (Swedish time)' }),
    peakTime: Type.Union([Type.Enum(timeBands), Type.Null()], { description: 'the time of day with the most records' }),
    peakDay: Type.Union([Type.Integer({ minimum: 0, maximum: 6 }), Type.Null()], {
      description: 'the weekday with the most records, 0 = Monday',
    }),
  },
  { additionalProperties: false },
);
export type HotspotCluster = Static<typeof HotspotCluster>;

export const HotspotMeta = Type.Object(
  {
    cellSize: Type.Integer(),
    band: Type.Number(),
    densityBandwidth: Type.Number(),
    defaults: Type.Object({ cellSize: Type.Boolean(), band: Type.Boolean() }, { additionalProperties: false }),
    points: Count,
    pointsBySource: SourceCounts,
    pointsAreaOnly: Count,
    pointsOutsideStudyArea: Count,
    cellsInStudyArea: Type.Integer(),
    cellsReturned: Type.Integer(),
    hotSpots: Type.Integer({ description: 'cells with class +1…+3' }),
    coldSpots: Type.Integer({ description: 'cells with class −1…−3' }),
    significantCells: Type.Integer({ description: 'cells with FDR-adjusted p ≤ alpha' }),
    alpha: Type.Number(),
    fdr: Type.Literal('benjamini-hochberg'),
    levels: Type.Array(Type.Number(), { description: 'adjusted-p levels of classes ±3, ±2, ±1' }),
    method: HotspotMethod,
    choices: ScaleChoices,
    legend: HotspotLegendTexts,
    analysis: HotspotAnalysisKind,
    measure: Type.Optional(
      Type.Object(
        {
          kind: Type.Enum(['count', 'rate']),
          rule: Type.String({ description: 'what a hot cell means under this measure, in words' }),
        },
        { additionalProperties: false },
      ),
    ),
    counting: Type.String({ description: 'the rule for point weights, shared with the problem picture' }),
    minPoints: Type.Integer(),
    insufficient: Insufficient,
    studyArea: StudyArea,
    filter: NormalisedFilter,
    disclosure: Disclosure,
    heat: Heat,
    clusters: Type.Array(HotspotCluster, { description: 'the 25 hot places of the largest excess, then the 10 largest cold areas' }),
    dataVersion: Type.String(),
    computedMs: Type.Number(),
  },
  { additionalProperties: false },
);
export type HotspotMeta = Static<typeof HotspotMeta>;

export const HotspotFeature = Type.Object(
  { type: Type.Literal('Feature'), id: Type.String(), geometry: PolygonGeometry, properties: HotspotCellProperties },
  { additionalProperties: false },
);
export type HotspotFeature = Static<typeof HotspotFeature>;

export const HotspotCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(HotspotFeature), meta: HotspotMeta },
  { additionalProperties: false },
);
export type HotspotCollection = Static<typeof HotspotCollection>;

export const CompareCellProperties = Type.Object(
  {
    cell: Type.String(),
    countA: Count,
    countB: Count,
    nearA: Type.Union([Type.Integer(), Type.Null()], { description: 'records of period A within the band: what the change test counts' }),
    nearB: Type.Union([Type.Integer(), Type.Null()], { description: 'records of period B within the band' }),
    classA: Class,
    classB: Class,
    p: Num,
    pFdr: Num,
    change: Class,
  },
  { additionalProperties: false },
);
export type CompareCellProperties = Static<typeof CompareCellProperties>;

const Period = Type.Object(
  { from: Type.String(), to: Type.String(), points: Count, hotSpots: Type.Integer(), insufficient: Insufficient },
  { additionalProperties: false },
);

const ChangeFamily = Type.Object(
  { tests: Type.Integer(), riseTests: Type.Integer(), fallTests: Type.Integer() },
  { additionalProperties: false, description: 'rises and falls that could be significant at all' },
);

/** A hot-spot place of both periods together, tested as a whole: where a change has the power to show. */
export const ComparePlace = Type.Object(
  {
    cells: Type.Integer(),
    countA: Type.Integer(),
    countB: Type.Integer(),
    p: Num,
    pFdr: Num,
    change: Class,
    peakCell: Type.String({ description: 'the cell with the most records of both periods' }),
    area: Type.Union([Type.String(), Type.Null()], { description: 'the named area (district) the peak cell lies in' }),
  },
  { additionalProperties: false },
);

export const CompareMeta = Type.Object(
  {
    cellSize: Type.Integer(),
    band: Type.Number(),
    defaults: Type.Object({ cellSize: Type.Boolean(), band: Type.Boolean() }, { additionalProperties: false }),
    choices: ScaleChoices,
    cellsInStudyArea: Type.Integer(),
    periodA: Period,
    periodB: Period,
    shareA: Num,
    test: Type.String(),
    tested: Type.Integer({ description: 'one-sided tests in the FDR families, both scales' }),
    family: Type.Object(
      { neighbourhoods: ChangeFamily, places: ChangeFamily },
      { additionalProperties: false, description: 'one FDR family per scale, of the testable one-sided tests' },
    ),
    increased: Type.Integer(),
    decreased: Type.Integer(),
    places: Type.Array(ComparePlace, { description: 'the hot-spot places of both periods (at most 50), the changed first' }),
    alpha: Type.Number(),
    insufficient: Insufficient,
    analysis: HotspotAnalysisKind,
    counting: Type.String(),
    studyArea: StudyArea,
    filter: NormalisedFilter,
    disclosure: Disclosure,
    dataVersion: Type.String(),
    computedMs: Type.Number(),
  },
  { additionalProperties: false },
);
export type CompareMeta = Static<typeof CompareMeta>;

export const CompareCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object(
        { type: Type.Literal('Feature'), id: Type.String(), geometry: PolygonGeometry, properties: CompareCellProperties },
        { additionalProperties: false },
      ),
    ),
    meta: CompareMeta,
  },
  { additionalProperties: false },
);
export type CompareCollection = Static<typeof CompareCollection>;
