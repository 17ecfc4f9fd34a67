import type { ColumnType, Generated } from 'kysely';
import type { CategoryCode, DataClassification, PointSource } from '@lagesbild/shared';
import type { CreatedAt } from './columns';

// Tables of the staff work: imports, snapshots, walks, dialogues and pledges.

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
