import type { ColumnType, Generated, Insertable } from 'kysely';
import type {
  LocalizedText,
  SurveyQuestion,
  CategoryCode,
  DataClassification,
  LocationPrecision,
  PointSource,
  TimeBand,
} from '@lagesbild/shared';
import type { CreatedAt } from './columns';

// Tables of what residents answer and the point store it feeds.

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
  campaign_id: string | null;
  survey_version_id: string | null;
  idempotency_key: string | null;
  body_hash: string | null;
  /** Keyed hash of the phone's random token; equal hashes in a campaign flag repeat answers. */
  device_hash: string | null;
  flag_reason: string | null;
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
  /** Imported rows: their import batch, id in the source system (namespaced), own type, content hash. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  external_type: ColumnType<string | null, string | null | undefined, string | null>;
  content_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the source published the record (the police feed's `datetime`). */
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The source's own description; staff only. */
  description: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export type NewPoint = Insertable<PointTable>;

/** One closed answer's count in a published state: (question, matrix row or null, value) → respondents. */
export interface AnswerCount {
  question: string;
  row: string | null;
  value: string;
  n: number;
}

export interface PublishedResultsTable {
  survey_id: string;
  through: ColumnType<Date, Date | string, never>;
  respondents: number;
  counts: ColumnType<AnswerCount[], string, never>;
  published_at: CreatedAt;
}

export interface SurveyTable {
  id: Generated<string>;
  collaboration_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface SurveyVersionTable {
  id: Generated<string>;
  survey_id: string;
  version: number;
  status: 'draft' | 'published';
  /** SurveyQuestion[] (shared/src/api/surveys.ts), JSON text on insert. */
  questions: ColumnType<SurveyQuestion[], string, string>;
  created_at: CreatedAt;
  published_at: Date | null;
}

export interface CampaignTable {
  id: Generated<string>;
  collaboration_id: string;
  survey_version_id: string;
  slug: string;
  title: ColumnType<LocalizedText, string, string>;
  area_id: string | null;
  audience: 'residents' | 'staff';
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  created_at: CreatedAt;
}

export interface NamedPlaceTable {
  id: Generated<string>;
  collaboration_id: string;
  name: string;
  lat: number;
  lon: number;
}

export interface SurveyPinTable {
  id: Generated<string>;
  response_id: string;
  point_id: string | null;
  category: CategoryCode;
  times: string[];
  lat: number | null;
  lon: number | null;
  place_id: string | null;
  place_description: string | null;
}

export type ModerationStatus = 'pending' | 'approved' | 'redacted' | 'rejected';

export interface FreeTextTable {
  id: Generated<string>;
  collaboration_id: string;
  response_id: string;
  pin_id: string | null;
  question_id: string | null;
  original: string;
  redacted: string | null;
  status: Generated<ModerationStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}
