// Over 450 lines on purpose: this is Kysely's one Database type, an interface per table in the
// order of migrations/, read side by side with them; tests/api/schema-drift.test.ts checks both agree.
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

/** Kysely's view of every table; keep in step with migrations/ (tests/api/schema-drift.test.ts fails otherwise). */
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
  login_throttle: LoginThrottleTable;
  published_results: PublishedResultsTable;
  audit_log: AuditLogTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  campaign: CampaignTable;
  named_place: NamedPlaceTable;
  survey_pin: SurveyPinTable;
  free_text: FreeTextTable;
  import_batch: ImportBatchTable;
  import_template: ImportTemplateTable;
  category_mapping: CategoryMappingTable;
  safety_walk: SafetyWalkTable;
  walk_stop: WalkStopTable;
  walk_photo: WalkPhotoTable;
  dialogue_meeting: DialogueMeetingTable;
  dialogue_concern: DialogueConcernTable;
  lagesbild_snapshot: SnapshotTable;
  pledge: PledgeTable;
  pledge_problem: PledgeProblemTable;
  pledge_activity: PledgeActivityTable;
  activity_update: ActivityUpdateTable;
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
  /** The areas import that created it (undo removes it); null for areas made otherwise. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface LoginThrottleTable {
  account_key: string;
  client_key: string;
  failures: number;
  last_attempt_at: ColumnType<Date, Date | string, Date | string>;
  retry_at: ColumnType<Date, Date | string, Date | string>;
}

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

export interface ImportBatchTable {
  id: Generated<string>;
  collaboration_id: string;
  format: 'csv' | 'geojson' | 'police' | 'open311' | 'areas';
  source: 'municipality' | 'police' | null;
  source_name: string;
  classification: DataClassification | null;
  file_name: string | null;
  content_hash: string | null;
  bytes: ColumnType<string, number | string | undefined, number | string>;
  status: 'running' | 'done' | 'failed' | 'undone';
  strict: Generated<boolean>;
  rows_total: Generated<number>;
  rows_imported: Generated<number>;
  rows_skipped: Generated<number>;
  rows_failed: Generated<number>;
  /** The first 1 000 row errors (RowError[]), JSON text on insert. */
  errors: ColumnType<unknown, string | undefined, string>;
  /** Unmapped types, skip reasons, warnings, detected encoding/delimiter/CRS, options used. */
  summary: ColumnType<unknown, string | undefined, string>;
  via: Generated<'api' | 'cli'>;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  undone_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImportTemplateTable {
  id: Generated<string>;
  collaboration_id: string;
  name: string;
  format: 'csv' | 'geojson' | 'police' | 'open311' | 'areas';
  source: 'municipality' | 'police' | null;
  options: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CategoryMappingTable {
  id: Generated<string>;
  collaboration_id: string;
  source: PointSource;
  /** Lower-cased, whitespace collapsed. */
  external_type: string;
  category: CategoryCode;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
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

/** A safety walk (trygghetsvandring): migrations/20261125171500_walks_dialogues.ts. */
export interface SafetyWalkTable {
  id: Generated<string>;
  collaboration_id: string;
  title: string;
  area_id: string | null;
  route_description: string | null;
  /** 'YYYY-MM-DD' (DATE columns are read as text). */
  walked_on: string;
  light: 'daylight' | 'dark';
  participants: number;
  partners: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'planned' | 'done'>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WalkStopTable {
  id: Generated<string>;
  walk_id: string;
  /** The UUID the phone made for the stop: unique per walk, so a repeated upload stores once. */
  client_id: string;
  body_hash: string;
  lat: number;
  lon: number;
  x: number;
  y: number;
  lighting: number | null;
  openness: number | null;
  visibility: number | null;
  people: number | null;
  security: number | null;
  walk_path: number | null;
  transport: number | null;
  mixed_use: number | null;
  feeling: number | null;
  notes: string | null;
  action_text: string | null;
  action_owner: 'municipality' | 'property_owner' | 'police' | 'other' | null;
  action_owner_name: string | null;
  action_status: Generated<'open' | 'adopted' | 'dismissed'>;
  recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface WalkPhotoTable {
  id: Generated<string>;
  stop_id: string;
  client_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  /** The image with its metadata already removed (pg returns a Buffer, PGlite a Uint8Array). */
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  created_at: CreatedAt;
}

export interface DialogueMeetingTable {
  id: Generated<string>;
  collaboration_id: string;
  /** 'YYYY-MM-DD'. */
  held_on: string;
  place: string;
  area_id: string | null;
  audience: 'residents' | 'staff';
  present: number;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DialogueConcernTable {
  id: Generated<string>;
  meeting_id: string;
  text: string;
  category: CategoryCode;
  /** How many raised it: the concern's point carries it as its weight (mentions, not respondents). */
  mentions: Generated<number>;
  lat: number | null;
  lon: number | null;
  area_id: string | null;
  created_at: CreatedAt;
}

/** A citizen pledge (medborgarlöfte): migrations/20261125190000_pledges.ts. */
export interface PledgeTable {
  id: Generated<string>;
  collaboration_id: string;
  year: number;
  title: string;
  status: ColumnType<'draft' | 'agreed' | 'signed' | 'followed_up', 'draft' | undefined, 'draft' | 'agreed' | 'signed' | 'followed_up'>;
  version: Generated<number>;
  predecessor_id: string | null;
  snapshot_id: string | null;
  /** 'YYYY-MM-DD': the evidence period (the snapshot's), the baseline of the follow-up. */
  baseline_from: string;
  baseline_to: string;
  /** Parties (shared/src/api/pledges.ts), JSON text on insert. */
  parties: ColumnType<unknown, string, string>;
  background: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  agreed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  signed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  followed_up_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PledgeProblemTable {
  id: Generated<string>;
  pledge_id: string;
  category: CategoryCode;
  /** { sv: ProblemEntry, en: ProblemEntry } copied from the snapshot, JSON text on insert. */
  evidence: ColumnType<unknown, string, string>;
  sort: number;
}

export interface PledgeActivityTable {
  id: Generated<string>;
  pledge_id: string;
  problem_category: CategoryCode | null;
  what: string;
  responsible_kind: 'municipality' | 'police' | 'other';
  responsible_name: string;
  area_ids: ColumnType<string[], string[] | undefined, string[]>;
  cell_ids: ColumnType<string[], string[] | undefined, string[]>;
  places: ColumnType<string[], string[] | undefined, string[]>;
  /** When or how often. */
  timing: string;
  indicator: string;
  target: string;
  /** 'YYYY-MM-DD' or null. */
  follow_up_on: string | null;
  sort: number;
  created_at: CreatedAt;
}

export interface ActivityUpdateTable {
  id: Generated<string>;
  activity_id: string;
  /** 'YYYY-MM-DD'. */
  happened_on: string;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
  note: string;
  created_by: string | null;
  created_at: CreatedAt;
}
