import type { CategoryCode, GeoJsonPolygon, TimeBand } from '@lagesbild/shared';
import type { Selectable } from 'kysely';
import type { AreaTable, CollaborationTable, MunicipalityTable, PointTable, SurveyResponseTable } from '../../../db/schema';

/**
 * The generated rows, as the tables' own column types (server/src/db/schema.ts), narrowed
 * where the demo always fills a nullable column, and with jsonb columns as objects
 * (seed-demo.ts turns them into JSON text on insert).
 */

export type DemoCollaboration = Pick<Selectable<CollaborationTable>, 'id' | 'slug' | 'name' | 'police_district' | 'disclosure_threshold'>;

export type DemoMunicipality = Pick<Selectable<MunicipalityTable>, 'id' | 'collaboration_id' | 'name' | 'code'> & { population: number };

export type DemoArea = Pick<Selectable<AreaTable>, 'id' | 'collaboration_id' | 'name' | 'kind'> & {
  population: number;
  /** The first ring is the outline, closed (first = last). */
  geometry: GeoJsonPolygon;
  /** [west, south, east, north] in WGS 84. */
  bbox: [number, number, number, number];
};

export type SafetyAnswer = 'very_safe' | 'fairly_safe' | 'fairly_unsafe' | 'very_unsafe' | 'dont_go_out';
export type WorryAnswer = 'very_often' | 'fairly_often' | 'seldom' | 'never';
export type ProblemAnswer = 'big' | 'fairly_big' | 'small' | 'none' | 'dont_know';
export type AgeBand = '16-24' | '25-44' | '45-64' | '65-79' | '80+';
export type GenderAnswer = 'woman' | 'man' | 'other' | 'no_answer';

/** One map pin in a response's `unsafe_places` answer. */
export interface DemoPin {
  lat: number;
  lon: number;
  category: CategoryCode;
  /** When the place feels unsafe. */
  times: TimeBand[];
  comment?: string;
}

/** Answers keyed by question-bank id; background questions are left out when left blank. */
export interface DemoAnswers {
  safety_evening: SafetyAnswer;
  worry_crime: WorryAnswer;
  avoided_places: 'yes' | 'no';
  /** Matrix: category code (every code except 'other') → answer. */
  problems: Partial<Record<CategoryCode, ProblemAnswer>>;
  unsafe_places: DemoPin[];
  age_band?: AgeBand;
  gender?: GenderAnswer;
}

export type DemoResponse = Pick<
  Selectable<SurveyResponseTable>,
  'id' | 'collaboration_id' | 'submitted_at' | 'locale' | 'channel' | 'status'
> & {
  /** The district the respondent lives in. */
  area_id: string;
  answers: DemoAnswers;
};

export type DemoPoint = Pick<
  Selectable<PointTable>,
  | 'collaboration_id'
  | 'source'
  | 'category'
  | 'lat'
  | 'lon'
  | 'x'
  | 'y'
  | 'precision'
  | 'area_id'
  | 'classification'
  | 'origin_kind'
  | 'origin_id'
> & {
  occurred_at: Date;
  time_band: TimeBand;
};

export interface DemoData {
  collaboration: DemoCollaboration;
  municipality: DemoMunicipality;
  /** The boundary first, then the districts. */
  areas: DemoArea[];
  responses: DemoResponse[];
  /** Survey pins, then municipal reports, then police events. */
  points: DemoPoint[];
  /** Residents per 250 m square (SWEREF 99 TM south-west corners), as SCB publishes them. */
  populationGrid: { x: number; y: number; residents: number; year: number | null }[];
}

export interface DemoOptions {
  seed?: number;
  /** Multiplies every count (responses, reports, events); 1 ≈ 2 000 / 5 000 / 3 000. */
  scale?: number;
  /** End of the two-year window (exclusive). Default 2026-11-01T00:00:00Z. */
  until?: Date;
}
