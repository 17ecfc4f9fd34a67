import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  AgencyKind,
  LocalizedText,
  SurveyQuestion,
  CategoryCode,
  Role,
  UserStatus,
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
  agency: AgencyTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  one_time_token: OneTimeTokenTable;
  rate_limit_counter: RateLimitCounterTable;
  audit_log: AuditLogTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  campaign: CampaignTable;
  named_place: NamedPlaceTable;
  survey_pin: SurveyPinTable;
  free_text: FreeTextTable;
  lagesbild_snapshot: SnapshotTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CollaborationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  police_district: string;
  disclosure_threshold: Generated<number>;
  created_at: CreatedAt;
  /** Ranking weights of the problem picture; null means the defaults. */
  problem_weights: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
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
  created_at: CreatedAt;
}

export type Collaboration = Selectable<CollaborationTable>;
export type NewPoint = Insertable<PointTable>;

export interface AgencyTable {
  id: Generated<string>;
  collaboration_id: string;
  kind: AgencyKind;
  name: string;
}

export interface AppUserTable {
  id: Generated<string>;
  collaboration_id: string;
  agency_id: string;
  email: string;
  display_name: string;
  role: Role;
  status: UserStatus;
  password_hash: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface OneTimeTokenTable {
  token_hash: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RateLimitCounterTable {
  key: string;
  window_started_at: ColumnType<Date, Date | string, Date | string>;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<string>;
  collaboration_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: CreatedAt;
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

export interface SnapshotTable {
  id: Generated<string>;
  collaboration_id: string;
  title: string;
  /** 'YYYY-MM-DD' (DATE columns are read as text). */
  period_from: string;
  period_to: string;
  area_id: string | null;
  payload: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: CreatedAt;
}
