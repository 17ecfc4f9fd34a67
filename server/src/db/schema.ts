import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  CategoryCode,
  DataClassification,
  LocationPrecision,
  PointSource,
  TimeBand,
} from '@lagesbild/shared';

/** Kysely's view of every table; keep in step with migrations/. */
export interface Database {
  collaboration: CollaborationTable;
  municipality: MunicipalityTable;
  area: AreaTable;
  survey_response: SurveyResponseTable;
  point: PointTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CollaborationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  police_district: string;
  disclosure_threshold: Generated<number>;
  created_at: CreatedAt;
}

export interface MunicipalityTable {
  id: Generated<string>;
  collaboration_id: string;
  name: string;
  code: string;
  population: number | null;
}

export type AreaKind = 'boundary' | 'district' | 'deso' | 'custom';

export interface AreaTable {
  id: Generated<string>;
  collaboration_id: string;
  name: string;
  kind: AreaKind;
  population: number | null;
  /** GeoJSON Polygon or MultiPolygon in WGS 84, stored as JSON text on insert. */
  geometry: ColumnType<unknown, string, string>;
  /** [west, south, east, north] in WGS 84. */
  bbox: number[];
  created_at: CreatedAt;
}

export type ResponseChannel = 'web' | 'kiosk' | 'paper';
export type ResponseStatus = 'accepted' | 'flagged' | 'discarded';

export interface SurveyResponseTable {
  id: Generated<string>;
  collaboration_id: string;
  area_id: string | null;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
  locale: string;
  channel: ResponseChannel;
  answers: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<ResponseStatus>;
}

export type PointOriginKind = 'response' | 'import' | 'walk_stop' | 'dialogue' | 'demo';

export interface PointTable {
  id: Generated<string>;
  collaboration_id: string;
  source: PointSource;
  category: CategoryCode;
  occurred_at: Date | null;
  time_band: TimeBand | null;
  lat: number;
  lon: number;
  /** SWEREF 99 TM easting and northing in metres: the hot-spot grid works in these. */
  x: number;
  y: number;
  precision: LocationPrecision;
  area_id: string | null;
  classification: DataClassification;
  origin_kind: PointOriginKind;
  origin_id: string | null;
  weight: Generated<number>;
  created_at: CreatedAt;
}

export type Collaboration = Selectable<CollaborationTable>;
export type NewPoint = Insertable<PointTable>;
