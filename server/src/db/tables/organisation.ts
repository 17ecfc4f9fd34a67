import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AgencyKind, PartnerKind, Role, UserStatus } from '@lagesbild/shared';
import type { CreatedAt } from './columns';

// Tables of the organisation: collaborations, their areas, agencies, accounts, sessions and audit.

export interface CollaborationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  police_district: string;
  disclosure_threshold: Generated<number>;
  created_at: CreatedAt;
  /** Ranking weights of the problem picture; null means the defaults. */
  problem_weights: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  /** The languages its surveys offer, as two-letter codes. */
  languages: Generated<string[]>;
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

export type Collaboration = Selectable<CollaborationTable>;

export interface AgencyTable {
  id: Generated<string>;
  collaboration_id: string;
  kind: AgencyKind;
  name: string;
  /** Set for partners only (a check constraint says so). */
  partner_kind: PartnerKind | null;
  active: Generated<boolean>;
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

/** Residents per SCB grid square (SWEREF 99 TM, south-west corner); one grid per collaboration. */
export interface PopulationSquareTable {
  collaboration_id: string;
  size: number;
  x: number;
  y: number;
  residents: number;
  year: number | null;
}
