import { Type, type Static } from 'typebox';
import { categoryCodes, pointSources, timeBands } from '../taxonomy';
import { Count, LonLat } from './hotspot-common';

/** The hot-spot map's cell panel, raw points layer and map configuration. */

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
