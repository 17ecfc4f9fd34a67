import { Type, type Static } from 'typebox';
import { categoryCodes, pointSources, timeBands } from '../taxonomy';

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

const CellSize = Type.Integer({ minimum: 50, maximum: 1000, description: 'grid cell size in metres; default: from the data' });
const Band = Type.Integer({ minimum: 50, maximum: 10_000, description: 'Gi* distance band in metres; default: from the data' });

export const HotspotQuery = Type.Object(
  {
    ...hotspotFilterProperties,
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

/** A count withheld from a viewer outside the police because it would reveal too few police-only records. */
const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Num = Type.Union([Type.Number(), Type.Null()]);
const Class = Type.Integer({ minimum: -3, maximum: 3 });
const LonLat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2 });
const PolygonGeometry = Type.Object(
  { type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(LonLat)) },
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
      description: 'police-only records in the cell; null for viewers outside the police when fewer than the threshold (possibly none)',
    }),
    z: Num,
    p: Num,
    pFdr: Num,
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
    restricted: Type.Boolean({ description: 'true: the viewer is not police staff, so the disclosure rule applies' }),
    rule: Type.String(),
  },
  { additionalProperties: false },
);

const StudyArea = Type.Object(
  {
    kind: Type.Enum(['boundary', 'areas', 'areas-bbox', 'points-bbox']),
    names: Type.Array(Type.String()),
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

/** Connected cells (8-neighbourhood) that are hot (or cold) spots at 95 % or more: the map's places, as a list. */
export const HotspotCluster = Type.Object(
  {
    kind: Type.Enum(['hot', 'cold']),
    cells: Type.Integer(),
    records: Count,
    confidence: Type.Number({ description: 'the highest confidence among its cells: 0.95 or 0.99' }),
    peakCell: Type.String({ description: 'the cell with the most extreme z-score' }),
    centre: LonLat,
    area: Type.Union([Type.String(), Type.Null()], { description: 'the named area (district) the peak cell lies in' }),
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
    confidence: Type.Array(Type.Number()),
    minPoints: Type.Integer(),
    insufficient: Insufficient,
    studyArea: StudyArea,
    filter: NormalisedFilter,
    disclosure: Disclosure,
    heat: Heat,
    clusters: Type.Array(HotspotCluster, { description: 'the 25 largest hot-spot and 10 largest cold-spot areas' }),
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

export const CompareMeta = Type.Object(
  {
    cellSize: Type.Integer(),
    band: Type.Number(),
    defaults: Type.Object({ cellSize: Type.Boolean(), band: Type.Boolean() }, { additionalProperties: false }),
    periodA: Period,
    periodB: Period,
    shareA: Num,
    test: Type.String(),
    tested: Type.Integer(),
    increased: Type.Integer(),
    decreased: Type.Integer(),
    alpha: Type.Number(),
    insufficient: Insufficient,
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

export const CellRecord = Type.Object(
  {
    id: Type.String(),
    source: Type.Enum(pointSources),
    category: Type.Enum(categoryCodes),
    occurredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    timeBand: Type.Union([Type.Enum(timeBands), Type.Null()]),
    precision: Type.Enum(['exact', 'generalised']),
    policeOnly: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CellRecord = Static<typeof CellRecord>;

export const CellDetail = Type.Object(
  {
    cell: Type.String(),
    cellSize: Type.Integer(),
    /** [west, south, east, north] in WGS 84. */
    bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
    centre: LonLat,
    area: Type.Union([Type.String(), Type.Null()]),
    total: Count,
    bySource: Type.Array(Type.Object({ source: Type.Enum(pointSources), count: Count }, { additionalProperties: false })),
    byCategory: Type.Array(Type.Object({ category: Type.Enum(categoryCodes), count: Type.Integer() }, { additionalProperties: false })),
    /** Records by time band (rows, timeBands order) × weekday (columns, Monday first); unknownDay: band known, date not. */
    matrix: Type.Object(
      {
        bands: Type.Array(Type.Enum(timeBands)),
        counts: Type.Array(Type.Array(Type.Integer())),
        unknownDay: Type.Array(Type.Integer()),
        unknownBand: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    /** For viewers outside the police: police-only records appear only here, as one total, never broken down. */
    policeOnly: Type.Object({ count: Count, brokenDown: Type.Boolean() }, { additionalProperties: false }),
    records: Type.Array(CellRecord),
    recordsTotal: Type.Integer({ description: 'records the viewer may see raw in this cell (the list may be shorter)' }),
    disclosureThreshold: Type.Integer(),
  },
  { additionalProperties: false },
);
export type CellDetail = Static<typeof CellDetail>;

export const PointsCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal('Feature'),
          geometry: Type.Object({ type: Type.Literal('Point'), coordinates: LonLat }, { additionalProperties: false }),
          properties: Type.Object({ source: Type.Enum(pointSources), category: Type.Enum(categoryCodes) }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
    ),
    meta: Type.Object(
      { total: Type.Integer(), returned: Type.Integer(), truncated: Type.Boolean(), policeOnlyShown: Type.Boolean() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PointsCollection = Static<typeof PointsCollection>;

export const MapArea = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.String(),
    geometry: Type.Object(
      { type: Type.Enum(['Polygon', 'MultiPolygon']), coordinates: Type.Array(Type.Unknown()) },
      { additionalProperties: false },
    ),
    properties: Type.Object({ name: Type.String(), kind: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const MapConfig = Type.Object(
  {
    styleUrl: Type.Union([Type.String(), Type.Null()], { description: 'MAP_STYLE_URL; null → a blank style that needs no network' }),
    /** [west, south, east, north] of the study area, WGS 84. */
    bounds: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()]),
    areas: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(MapArea) }, { additionalProperties: false }),
    disclosureThreshold: Type.Integer(),
    police: Type.Boolean({ description: 'the viewer is police staff and sees police-only records raw' }),
  },
  { additionalProperties: false },
);
export type MapConfig = Static<typeof MapConfig>;
