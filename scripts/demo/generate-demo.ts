import { pointInPolygon } from '@lagesbild/shared/geo/polygon';
import {
  timeBandOfHour,
  type CategoryCode,
  type DataClassification,
  type LocationPrecision,
  type PointSource,
  type TimeBand,
} from '@lagesbild/shared';
import { wgs84ToSweref } from '@lagesbild/shared/geo/projection';
import type { AreaKind, PointOriginKind, ResponseChannel, ResponseStatus } from '../../server/src/db/schema';

/**
 * Deterministic demo data: a collaboration "Värnamo" placed on the real town (municipality
 * 0684, Lokalpolisområde Värnamo) with districts, two years of survey responses with pins,
 * municipal EST reports and police events. Pure: the same seed, scale and `until` always
 * give deep-equal output (nothing reads the clock, Math.random or the process time zone).
 *
 * Geography is invented but plausible: a convex town outline of about 10 × 8 km around the
 * centre, six districts that tile it, and hot spots (travel centre, town park, parking
 * garage, square, pedestrian tunnel, Nyhem's local centre …) where points concentrate. Drug
 * problems around Nyhem grow through the second year so that a trend is visible.
 */

// ---------------------------------------------------------------------------------------
// Row types (plain objects; seed-demo.ts turns jsonb values into JSON text on insert)
// ---------------------------------------------------------------------------------------

export interface GeoJsonPolygon {
  type: 'Polygon';
  /** Rings of [lon, lat]; the first ring is the outline, closed (first = last). */
  coordinates: [number, number][][];
}

export interface DemoCollaboration {
  id: string;
  slug: string;
  name: string;
  police_district: string;
  disclosure_threshold: number;
}

export interface DemoMunicipality {
  id: string;
  collaboration_id: string;
  name: string;
  code: string;
  population: number;
}

export interface DemoArea {
  id: string;
  collaboration_id: string;
  name: string;
  kind: AreaKind;
  population: number;
  geometry: GeoJsonPolygon;
  /** [west, south, east, north] in WGS 84. */
  bbox: [number, number, number, number];
}

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

export interface DemoResponse {
  id: string;
  collaboration_id: string;
  /** The district the respondent lives in. */
  area_id: string;
  submitted_at: Date;
  locale: string;
  channel: ResponseChannel;
  answers: DemoAnswers;
  status: ResponseStatus;
}

export interface DemoPoint {
  collaboration_id: string;
  source: PointSource;
  category: CategoryCode;
  occurred_at: Date;
  time_band: TimeBand;
  lat: number;
  lon: number;
  /** SWEREF 99 TM easting / northing in metres. */
  x: number;
  y: number;
  precision: LocationPrecision;
  area_id: string | null;
  classification: DataClassification;
  origin_kind: PointOriginKind;
  origin_id: string | null;
}

export interface DemoData {
  collaboration: DemoCollaboration;
  municipality: DemoMunicipality;
  /** The boundary first, then the districts. */
  areas: DemoArea[];
  responses: DemoResponse[];
  /** Survey pins, then municipal reports, then police events. */
  points: DemoPoint[];
}

export interface DemoOptions {
  seed?: number;
  /** Multiplies every count (responses, reports, events); 1 ≈ 2 000 / 5 000 / 3 000. */
  scale?: number;
  /** End of the two-year window (exclusive). Default 2026-11-01T00:00:00Z. */
  until?: Date;
}

export const DEMO_SLUG = 'varnamo';
export const DEFAULT_UNTIL = new Date(Date.UTC(2026, 10, 1));
/** Counts at scale 1. */
export const BASE_COUNTS = { responses: 2000, municipalReports: 5000, policeEvents: 3000 } as const;

const WINDOW_DAYS = 730;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sub-seed for one part of the data, so the parts do not shift each other. */
function subSeed(seed: number, label: string): number {
  let h = 2166136261;
  const text = `${seed >>> 0}:${label}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Index drawn in proportion to `weights`. */
  index(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  pick<T>(entries: readonly (readonly [T, number])[]): T {
    const i = this.index(entries.map((e) => e[1]));
    const entry = entries[i];
    if (!entry) throw new Error('pick from an empty list');
    return entry[0];
  }

  /** A version-4 UUID built from PRNG bits. */
  uuid(): string {
    const bytes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const word = Math.floor(this.next() * 4294967296) >>> 0;
      bytes.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
    }
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------
// Geometry: a local kilometre grid around the centre of Värnamo
// ---------------------------------------------------------------------------------------

export const VARNAMO_CENTRE = { lat: 57.186, lon: 14.04 } as const;
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = 111.32 * Math.cos((VARNAMO_CENTRE.lat * Math.PI) / 180);

type Km = readonly [east: number, north: number];

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Local kilometres east/north of the centre → [lon, lat]. */
function kmToLonLat([east, north]: Km): [number, number] {
  return [round(VARNAMO_CENTRE.lon + east / KM_PER_DEG_LON, 6), round(VARNAMO_CENTRE.lat + north / KM_PER_DEG_LAT, 6)];
}

/** Sutherland–Hodgman: clip a polygon (km) to an axis-aligned rectangle. */
function clipToRect(poly: readonly Km[], x0: number, y0: number, x1: number, y1: number): Km[] {
  const edges: ((p: Km) => number)[] = [(p) => p[0] - x0, (p) => x1 - p[0], (p) => p[1] - y0, (p) => y1 - p[1]];
  let output: Km[] = [...poly];
  for (const inside of edges) {
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i] as Km;
      const previous = input[(i + input.length - 1) % input.length] as Km;
      const dc = inside(current);
      const dp = inside(previous);
      if (dc >= 0) {
        if (dp < 0) output.push(intersect(previous, current, dp, dc));
        output.push(current);
      } else if (dp >= 0) {
        output.push(intersect(previous, current, dp, dc));
      }
    }
  }
  return output;
}

function intersect(a: Km, b: Km, da: number, db: number): Km {
  const t = da / (da - db);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

function toPolygon(poly: readonly Km[]): GeoJsonPolygon {
  const ring = poly.map(kmToLonLat);
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

function bboxOf(polygon: GeoJsonPolygon): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon, lat] of polygon.coordinates[0] ?? []) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}

/** Area centroid (shoelace) of a simple polygon in km. */
function centroidKm(poly: readonly Km[]): Km {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Km;
    const q = poly[(i + 1) % poly.length] as Km;
    const cross = p[0] * q[1] - q[0] * p[1];
    a += cross;
    cx += (p[0] + q[0]) * cross;
    cy += (p[1] + q[1]) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** The town outline in km (convex, counter-clockwise): about 10 km east–west, 8 km north–south. */
const BOUNDARY_KM: Km[] = [
  [-5.0, -1.8],
  [-3.6, -3.9],
  [-0.5, -4.0],
  [2.8, -3.8],
  [4.9, -1.6],
  [5.0, 1.5],
  [3.4, 3.9],
  [-0.8, 4.0],
  [-3.9, 3.2],
  [-5.0, 1.0],
];

type DistrictKey = 'centrum' | 'mossleberg' | 'vraen' | 'nyhem' | 'tralleborg' | 'grondal';

/**
 * Districts as rectangles (km) clipped to the outline: a "pinwheel" around the centre box
 * tiles the plane, so the districts tile the town with no gaps or overlaps.
 */
const DISTRICTS: readonly { key: DistrictKey; name: string; population: number; rect: [number, number, number, number] }[] = [
  { key: 'centrum', name: 'Centrum', population: 6200, rect: [-1.2, -1.0, 1.3, 1.0] },
  { key: 'mossleberg', name: 'Mossleberg', population: 5900, rect: [-99, 1.0, 1.3, 99] },
  { key: 'vraen', name: 'Vråen', population: 4400, rect: [1.3, -1.0, 99, 99] },
  { key: 'nyhem', name: 'Nyhem', population: 7100, rect: [-1.2, -99, 2.0, -1.0] },
  { key: 'tralleborg', name: 'Trälleborg', population: 3600, rect: [2.0, -99, 99, -1.0] },
  { key: 'grondal', name: 'Gröndal', population: 6800, rect: [-99, -99, -1.2, 1.0] },
];

export const VARNAMO_POPULATION = 34_000;

interface DistrictGeo {
  key: DistrictKey;
  id: string;
  name: string;
  population: number;
  km: Km[];
  centroid: Km;
  polygon: GeoJsonPolygon;
  bbox: [number, number, number, number];
}

interface Layout {
  collaboration: DemoCollaboration;
  municipality: DemoMunicipality;
  boundary: DemoArea;
  districts: DistrictGeo[];
  areas: DemoArea[];
}

function buildLayout(seed: number): Layout {
  const rng = new Rng(subSeed(seed, 'layout'));
  const collaboration: DemoCollaboration = {
    id: rng.uuid(),
    slug: DEMO_SLUG,
    name: 'Värnamo',
    police_district: 'Lokalpolisområde Värnamo',
    disclosure_threshold: 5,
  };
  const municipality: DemoMunicipality = {
    id: rng.uuid(),
    collaboration_id: collaboration.id,
    name: 'Värnamo kommun',
    code: '0684',
    population: VARNAMO_POPULATION,
  };
  const boundaryPolygon = toPolygon(BOUNDARY_KM);
  const boundary: DemoArea = {
    id: rng.uuid(),
    collaboration_id: collaboration.id,
    name: 'Värnamo',
    kind: 'boundary',
    population: VARNAMO_POPULATION,
    geometry: boundaryPolygon,
    bbox: bboxOf(boundaryPolygon),
  };
  const districts = DISTRICTS.map((d): DistrictGeo => {
    const km = clipToRect(BOUNDARY_KM, ...d.rect);
    const polygon = toPolygon(km);
    return {
      key: d.key,
      id: rng.uuid(),
      name: d.name,
      population: d.population,
      km,
      centroid: centroidKm(km),
      polygon,
      bbox: bboxOf(polygon),
    };
  });
  const areas: DemoArea[] = [
    boundary,
    ...districts.map(
      (d): DemoArea => ({
        id: d.id,
        collaboration_id: collaboration.id,
        name: d.name,
        kind: 'district',
        population: d.population,
        geometry: d.polygon,
        bbox: d.bbox,
      }),
    ),
  ];
  return { collaboration, municipality, boundary, districts, areas };
}

function districtAt(layout: Layout, lon: number, lat: number): DistrictGeo | undefined {
  for (const d of layout.districts) {
    const [w, s, e, n] = d.bbox;
    if (lon < w || lon > e || lat < s || lat > n) continue;
    if (pointInPolygon(lon, lat, d.polygon)) return d;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Hot spots and category mixes
// ---------------------------------------------------------------------------------------

interface HotSpot {
  key: string;
  name: string;
  km: Km;
  /** Spread (standard deviation) in km. */
  sigma: number;
  categories: readonly (readonly [CategoryCode, number])[];
}

const PLACES = {
  resecentrum: { key: 'resecentrum', name: 'Värnamo resecentrum', km: [-0.35, 0.15] },
  stadsparken: { key: 'stadsparken', name: 'Stadsparken', km: [0.45, -0.4] },
  phuset: { key: 'phuset', name: 'P-huset i centrum', km: [0.3, 0.55] },
  torget: { key: 'torget', name: 'Stora torget', km: [0.05, 0.0] },
  tunneln: { key: 'tunneln', name: 'Gångtunneln i Gröndal', km: [-2.1, -0.3] },
  nyhem: { key: 'nyhem', name: 'Nyhems centrum', km: [0.6, -2.1] },
  grondalsskolan: { key: 'grondalsskolan', name: 'Gröndalsskolan', km: [-2.5, 0.45] },
  idrottsplats: { key: 'idrottsplats', name: 'Vråens idrottsplats', km: [2.7, 1.5] },
  industri: { key: 'industri', name: 'Trälleborgs industriområde', km: [3.2, -2.6] },
  handel: { key: 'handel', name: 'Handelsområdet', km: [2.1, 0.6] },
  trafikplats: { key: 'trafikplats', name: 'Trafikplatsen vid riksväg 27', km: [-3.3, -1.7] },
  villor: { key: 'villor', name: 'Villaområdet i Mossleberg', km: [-1.6, 2.6] },
} as const satisfies Record<string, { key: string; name: string; km: Km }>;

/** A hot spot with its weight in a source's mix; `trend` marks the growing one. */
interface WeightedSpot {
  spot: HotSpot;
  weight: number;
  trend?: boolean;
}

const SURVEY_SPOTS: WeightedSpot[] = [
  {
    weight: 0.22,
    spot: {
      ...PLACES.resecentrum,
      sigma: 0.09,
      categories: [['drugs', 0.25], ['harassment', 0.2], ['youth_gangs', 0.2], ['disorder', 0.15], ['alcohol', 0.1], ['lighting', 0.1]],
    },
  },
  {
    weight: 0.17,
    spot: {
      ...PLACES.stadsparken,
      sigma: 0.12,
      categories: [['lighting', 0.3], ['drugs', 0.25], ['youth_gangs', 0.2], ['harassment', 0.15], ['alcohol', 0.1]],
    },
  },
  {
    weight: 0.1,
    spot: {
      ...PLACES.phuset,
      sigma: 0.05,
      categories: [['lighting', 0.35], ['harassment', 0.25], ['theft_burglary', 0.2], ['vandalism_graffiti', 0.2]],
    },
  },
  {
    weight: 0.14,
    spot: {
      ...PLACES.torget,
      sigma: 0.07,
      categories: [['disorder', 0.3], ['alcohol', 0.3], ['violence', 0.2], ['youth_gangs', 0.2]],
    },
  },
  {
    weight: 0.1,
    spot: {
      ...PLACES.tunneln,
      sigma: 0.05,
      categories: [['lighting', 0.45], ['harassment', 0.3], ['vandalism_graffiti', 0.15], ['youth_gangs', 0.1]],
    },
  },
  {
    weight: 0.1,
    trend: true,
    spot: {
      ...PLACES.nyhem,
      sigma: 0.12,
      categories: [['drugs', 0.4], ['youth_gangs', 0.35], ['disorder', 0.15], ['vandalism_graffiti', 0.1]],
    },
  },
];
const SURVEY_BACKGROUND = 0.17;
const SURVEY_BACKGROUND_CATEGORIES: readonly (readonly [CategoryCode, number])[] = [
  ['traffic', 0.3],
  ['lighting', 0.25],
  ['theft_burglary', 0.12],
  ['youth_gangs', 0.08],
  ['harassment', 0.08],
  ['vandalism_graffiti', 0.07],
  ['littering', 0.05],
  ['other', 0.05],
];

const MUNICIPAL_SPOTS: WeightedSpot[] = [
  {
    weight: 0.18,
    spot: {
      ...PLACES.stadsparken,
      sigma: 0.15,
      categories: [['littering', 0.35], ['vandalism_graffiti', 0.3], ['disorder', 0.2], ['lighting', 0.15]],
    },
  },
  {
    weight: 0.14,
    spot: { ...PLACES.torget, sigma: 0.09, categories: [['littering', 0.4], ['disorder', 0.3], ['vandalism_graffiti', 0.3]] },
  },
  {
    weight: 0.12,
    spot: {
      ...PLACES.grondalsskolan,
      sigma: 0.1,
      categories: [['vandalism_graffiti', 0.6], ['littering', 0.2], ['disorder', 0.2]],
    },
  },
  {
    weight: 0.1,
    spot: {
      ...PLACES.idrottsplats,
      sigma: 0.15,
      categories: [['vandalism_graffiti', 0.4], ['littering', 0.4], ['lighting', 0.2]],
    },
  },
  {
    weight: 0.12,
    spot: {
      ...PLACES.industri,
      sigma: 0.25,
      categories: [['littering', 0.5], ['vandalism_graffiti', 0.25], ['theft_burglary', 0.15], ['lighting', 0.1]],
    },
  },
  {
    weight: 0.09,
    spot: { ...PLACES.tunneln, sigma: 0.05, categories: [['vandalism_graffiti', 0.6], ['lighting', 0.4]] },
  },
];
const MUNICIPAL_BACKGROUND = 0.25;
const MUNICIPAL_BACKGROUND_CATEGORIES: readonly (readonly [CategoryCode, number])[] = [
  ['littering', 0.35],
  ['vandalism_graffiti', 0.25],
  ['lighting', 0.2],
  ['disorder', 0.1],
  ['traffic', 0.05],
  ['other', 0.05],
];

const POLICE_SPOTS: WeightedSpot[] = [
  {
    weight: 0.2,
    spot: {
      ...PLACES.torget,
      sigma: 0.09,
      categories: [['violence', 0.4], ['disorder', 0.35], ['harassment', 0.1], ['drugs', 0.1], ['alcohol', 0.05]],
    },
  },
  {
    weight: 0.15,
    spot: {
      ...PLACES.resecentrum,
      sigma: 0.1,
      categories: [['drugs', 0.3], ['theft_burglary', 0.3], ['violence', 0.2], ['disorder', 0.2]],
    },
  },
  {
    weight: 0.12,
    spot: { ...PLACES.handel, sigma: 0.18, categories: [['theft_burglary', 0.8], ['violence', 0.1], ['disorder', 0.1]] },
  },
  {
    weight: 0.12,
    trend: true,
    spot: {
      ...PLACES.nyhem,
      sigma: 0.13,
      categories: [['drugs', 0.6], ['violence', 0.15], ['youth_gangs', 0.15], ['disorder', 0.1]],
    },
  },
  { weight: 0.1, spot: { ...PLACES.trafikplats, sigma: 0.25, categories: [['traffic', 1]] } },
  {
    weight: 0.08,
    spot: { ...PLACES.villor, sigma: 0.4, categories: [['theft_burglary', 0.9], ['vandalism_graffiti', 0.1]] },
  },
];
const POLICE_BACKGROUND = 0.23;
const POLICE_BACKGROUND_CATEGORIES: readonly (readonly [CategoryCode, number])[] = [
  ['theft_burglary', 0.35],
  ['traffic', 0.25],
  ['violence', 0.15],
  ['disorder', 0.15],
  ['drugs', 0.1],
];

/** The category whose growth in the trend hot spot makes the visible trend. */
export const TREND = { category: 'drugs' as CategoryCode, district: 'Nyhem', place: PLACES.nyhem.name } as const;

/** 1 in the first year, then rising to 3× by the end of the window. */
function trendFactor(t: number): number {
  return t < 0.5 ? 1 : 1 + 4 * (t - 0.5);
}

// ---------------------------------------------------------------------------------------
// Time: Europe/Stockholm wall clock without relying on the process time zone
// ---------------------------------------------------------------------------------------

/** 01:00 UTC on the last Sunday of a month (EU summer-time switch). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, day, 1);
}

function stockholmOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summer = utcMs >= lastSundayAt1Utc(year, 2) && utcMs < lastSundayAt1Utc(year, 9);
  return (summer ? 2 : 1) * 3_600_000;
}

/** Local hour in Sweden of a UTC instant. */
export function stockholmHour(date: Date): number {
  return new Date(date.getTime() + stockholmOffsetMs(date.getTime())).getUTCHours();
}

/** A Stockholm wall-clock time (given as if it were UTC) → the UTC instant. */
function fromStockholmWallClock(wallMs: number): number {
  const guess = wallMs - 3_600_000;
  return wallMs - stockholmOffsetMs(guess);
}

type HourProfile = 'nightlife' | 'evening' | 'commute' | 'daytime' | 'dark' | 'flat';

// prettier-ignore
const HOURS: Record<HourProfile, readonly number[]> = {
  //           0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
  nightlife: [ 8,   8,   6,   4,   2,   1,   1,   1,   1,   1,   1, 1.5,   2,   2,   2,   2, 2.5,   3, 3.5,   4,   5,   6,   7,   8],
  evening:   [ 4,   3,   2,   1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,   1,   1,   1, 1.5,   2,   3, 3.5,   4,   5,   6, 6.5, 6.5, 5.5,   5],
  commute:   [0.3, 0.2, 0.2, 0.2, 0.3, 0.8,   2,   6,   5,   2, 1.5, 1.5,   2,   2, 2.5, 3.5,   5,   5,   3,   2, 1.5,   1, 0.6, 0.4],
  daytime:   [0.5, 0.3, 0.3, 0.3, 0.3, 0.5,   1,   2,   3, 3.5,   4,   4,   4,   4,   4,   4,   4, 3.5,   3, 2.5,   2, 1.5,   1, 0.7],
  dark:      [ 6,   6,   5,   4,   3,   1, 0.8, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.7,   1, 1.5, 2.5,   3,   4,   5,   6,   6],
  flat:      [0.5, 0.5, 0.5, 0.5, 0.5, 0.5,   1,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2, 1.5, 1.5,   1,   1],
};

const CATEGORY_PROFILE: Record<CategoryCode, HourProfile> = {
  violence: 'nightlife',
  alcohol: 'nightlife',
  disorder: 'nightlife',
  drugs: 'evening',
  youth_gangs: 'evening',
  harassment: 'evening',
  traffic: 'commute',
  theft_burglary: 'daytime',
  littering: 'daytime',
  vandalism_graffiti: 'dark',
  lighting: 'dark',
  other: 'flat',
};

/** Weekday weight, Sunday = 0. */
const WEEKDAY: Record<HourProfile, readonly number[]> = {
  nightlife: [1.0, 0.6, 0.6, 0.7, 0.9, 1.6, 1.9],
  evening: [0.9, 0.9, 0.9, 1.0, 1.0, 1.3, 1.2],
  commute: [0.5, 1.2, 1.2, 1.2, 1.2, 1.1, 0.6],
  daytime: [0.6, 1.1, 1.1, 1.1, 1.1, 1.1, 1.0],
  dark: [1.0, 0.8, 0.8, 0.9, 1.0, 1.3, 1.4],
  flat: [0.8, 1, 1, 1, 1, 1, 0.9],
};

interface TimeWindow {
  startMs: number;
  untilMs: number;
  /** UTC midnight of the first calendar day of the window. */
  firstDayMs: number;
  days: number;
}

function windowFor(until: Date): TimeWindow {
  const untilMs = until.getTime();
  const startMs = untilMs - WINDOW_DAYS * DAY_MS;
  const firstDayMs = Math.floor(startMs / DAY_MS) * DAY_MS;
  const days = Math.ceil((untilMs - firstDayMs) / DAY_MS);
  return { startMs, untilMs, firstDayMs, days };
}

/** Summer peaks mid-July: 1 in July, −1 in January. */
function summerness(dayMs: number): number {
  const d = new Date(dayMs);
  const doy = (dayMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  return Math.cos((2 * Math.PI * (doy - 196)) / 365.25);
}

/**
 * A timestamp for one point: a day weighted by season, weekday and trend (rejection
 * sampling), then a local hour from the category's profile (evenings weigh more in summer).
 */
function sampleTime(rng: Rng, win: TimeWindow, category: CategoryCode, trend: boolean): { at: Date; band: TimeBand } {
  const profile = CATEGORY_PROFILE[category];
  const weekdays = WEEKDAY[profile];
  const darkLoving = category === 'lighting';
  const maxWeight = 1.3 * Math.max(...weekdays) * (trend ? trendFactor(1) : 1);
  for (let attempt = 0; attempt < 200; attempt++) {
    const day = Math.floor(rng.float() * win.days);
    const dayMs = win.firstDayMs + day * DAY_MS;
    const s = summerness(dayMs);
    // More incidents in summer, except complaints about lighting, which come in the dark season.
    const season = darkLoving ? 1 - 0.3 * s : 1 + 0.3 * s;
    const t = (dayMs - win.firstDayMs) / (win.days * DAY_MS);
    const weight = season * (weekdays[new Date(dayMs).getUTCDay()] ?? 1) * (trend ? trendFactor(t) : 1);
    if (rng.float() * maxWeight > weight) continue;
    const hourWeights = HOURS[profile].map((w, h) => (h >= 18 && s > 0 ? w * (1 + 0.6 * s) : w));
    const hour = rng.index(hourWeights);
    const wallMs = dayMs + hour * 3_600_000 + rng.int(0, 3599) * 1000;
    const ms = fromStockholmWallClock(wallMs);
    if (ms < win.startMs || ms >= win.untilMs) continue;
    const at = new Date(ms);
    return { at, band: timeBandOfHour(stockholmHour(at)) };
  }
  const at = new Date(win.untilMs - DAY_MS / 2);
  return { at, band: timeBandOfHour(stockholmHour(at)) };
}

// ---------------------------------------------------------------------------------------
// Point sampling
// ---------------------------------------------------------------------------------------

interface SourceSpec {
  source: PointSource;
  classification: DataClassification;
  spots: WeightedSpot[];
  background: number;
  backgroundCategories: readonly (readonly [CategoryCode, number])[];
  /** Share of points only known to district level (placed at the district centroid). */
  areaShare: number;
}

const MUNICIPAL_SPEC: SourceSpec = {
  source: 'municipality',
  classification: 'internal',
  spots: MUNICIPAL_SPOTS,
  background: MUNICIPAL_BACKGROUND,
  backgroundCategories: MUNICIPAL_BACKGROUND_CATEGORIES,
  areaShare: 0,
};

const POLICE_SPEC: SourceSpec = {
  source: 'police',
  classification: 'police_only',
  spots: POLICE_SPOTS,
  background: POLICE_BACKGROUND,
  backgroundCategories: POLICE_BACKGROUND_CATEGORIES,
  areaShare: 0.2,
};

const SURVEY_SPEC: SourceSpec = {
  source: 'survey',
  classification: 'internal',
  spots: SURVEY_SPOTS,
  background: SURVEY_BACKGROUND,
  backgroundCategories: SURVEY_BACKGROUND_CATEGORIES,
  areaShare: 0,
};

function kmToPoint(km: Km): { lat: number; lon: number } {
  const [lon, lat] = kmToLonLat(km);
  return { lat, lon };
}

/** A location near `centre` (Gaussian, sigma km) that lies inside `within` (km polygon test). */
function sampleNear(rng: Rng, layout: Layout, centre: Km, sigma: number, within?: DistrictGeo): { lat: number; lon: number } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = kmToPoint([centre[0] + rng.normal() * sigma, centre[1] + rng.normal() * sigma]);
    const inside = within
      ? pointInPolygon(p.lon, p.lat, within.polygon)
      : pointInPolygon(p.lon, p.lat, layout.boundary.geometry);
    if (inside) return p;
  }
  return kmToPoint(within ? within.centroid : centre);
}

function pickDistrictByPopulation(rng: Rng, layout: Layout): DistrictGeo {
  const i = rng.index(layout.districts.map((d) => d.population));
  return layout.districts[i] as DistrictGeo;
}

function makePoint(
  layout: Layout,
  spec: SourceSpec,
  category: CategoryCode,
  loc: { lat: number; lon: number },
  time: { at: Date; band: TimeBand },
  precision: LocationPrecision,
  area: DistrictGeo | undefined,
  origin: { kind: PointOriginKind; id: string | null },
): DemoPoint {
  const [x, y] = wgs84ToSweref(loc.lat, loc.lon);
  return {
    collaboration_id: layout.collaboration.id,
    source: spec.source,
    category,
    occurred_at: time.at,
    time_band: time.band,
    lat: loc.lat,
    lon: loc.lon,
    x: round(x, 2),
    y: round(y, 2),
    precision,
    area_id: area ? area.id : null,
    classification: spec.classification,
    origin_kind: origin.kind,
    origin_id: origin.id,
  };
}

/** One municipal report or police event (also used for survey-like points when streaming). */
function sampleIncident(rng: Rng, layout: Layout, win: TimeWindow, spec: SourceSpec): DemoPoint {
  const spotWeights = spec.spots.map((s) => s.weight);
  spotWeights.push(spec.background);
  const which = rng.index(spotWeights);
  const spot = spec.spots[which];
  let category: CategoryCode;
  let loc: { lat: number; lon: number };
  let trend = false;
  if (spot) {
    category = rng.pick(spot.spot.categories);
    trend = spot.trend === true && category === TREND.category;
    loc = sampleNear(rng, layout, spot.spot.km, spot.spot.sigma);
  } else {
    category = rng.pick(spec.backgroundCategories);
    const home = pickDistrictByPopulation(rng, layout);
    loc = sampleNear(rng, layout, home.centroid, 0.9, home);
  }
  const time = sampleTime(rng, win, category, trend);
  const district = districtAt(layout, loc.lon, loc.lat);
  if (district && spec.areaShare > 0 && rng.chance(spec.areaShare)) {
    return makePoint(layout, spec, category, kmToPoint(district.centroid), time, 'area', district, { kind: 'demo', id: null });
  }
  return makePoint(layout, spec, category, loc, time, 'exact', district, { kind: 'demo', id: null });
}

// ---------------------------------------------------------------------------------------
// Survey responses
// ---------------------------------------------------------------------------------------

/** How big each problem is in each district (0 … 1); 0.3 where not listed. */
const SEVERITY: Record<DistrictKey, Partial<Record<CategoryCode, number>>> = {
  centrum: {
    alcohol: 0.6,
    disorder: 0.6,
    drugs: 0.55,
    littering: 0.55,
    youth_gangs: 0.45,
    vandalism_graffiti: 0.45,
    violence: 0.4,
    harassment: 0.4,
  },
  grondal: { youth_gangs: 0.6, vandalism_graffiti: 0.55, lighting: 0.55, harassment: 0.4, drugs: 0.35 },
  mossleberg: { traffic: 0.6, theft_burglary: 0.5, lighting: 0.4, drugs: 0.15, youth_gangs: 0.2, violence: 0.15 },
  nyhem: { drugs: 0.6, youth_gangs: 0.65, vandalism_graffiti: 0.5, disorder: 0.45 },
  tralleborg: { littering: 0.55, traffic: 0.5, theft_burglary: 0.45, lighting: 0.5 },
  vraen: { traffic: 0.45, theft_burglary: 0.4, littering: 0.35, drugs: 0.2, youth_gangs: 0.2, violence: 0.2 },
};

/** Baseline felt unsafety per district (higher = less safe). */
const DISTRICT_UNSAFETY: Record<DistrictKey, number> = {
  centrum: 0.35,
  grondal: 0.25,
  mossleberg: -0.3,
  nyhem: 0.45,
  tralleborg: 0.0,
  vraen: -0.15,
};

const AGE_EFFECT: Record<AgeBand, number> = { '16-24': -0.05, '25-44': -0.15, '45-64': 0.05, '65-79': 0.35, '80+': 0.6 };
const GENDER_EFFECT: Record<GenderAnswer, number> = { woman: 0.6, man: -0.35, other: 0.45, no_answer: 0.1 };

const PROBLEM_ROWS: CategoryCode[] = [
  'lighting',
  'traffic',
  'drugs',
  'alcohol',
  'youth_gangs',
  'disorder',
  'harassment',
  'violence',
  'theft_burglary',
  'vandalism_graffiti',
  'littering',
];

const PIN_COMMENTS = [
  'Dålig belysning här på kvällarna.',
  'Det samlas folk här sent och det känns obehagligt.',
  'Undviker att gå här ensam.',
  'Buskarna skymmer sikten.',
  'Bilar kör för fort.',
  'Mycket klotter och skräp.',
  'Otryggt att vänta på bussen här.',
  'Poor lighting, I avoid it after dark.',
];

const ADJACENT_BAND: Record<TimeBand, TimeBand> = { morning: 'day', day: 'evening', evening: 'night', night: 'evening' };

/**
 * Survey campaigns: four six-week campaigns (spring and autumn of each year) take 85 % of
 * the responses; the open link gathers the rest all through the window.
 */
function sampleSubmittedAt(rng: Rng, win: TimeWindow): Date {
  const earliest = win.startMs + 22 * DAY_MS; // room for the pins' dates before submission
  const span = win.untilMs - earliest;
  let base: number;
  if (rng.chance(0.85)) {
    // Mid-March and mid-September of each year when the window ends on 1 November.
    const campaignStart = win.startMs + ([135, 315, 500, 680][rng.int(0, 3)] ?? 135) * DAY_MS;
    // Responses come in fast at first and then taper off.
    const dayOffset = Math.min(41, Math.floor(-Math.log(1 - rng.float() * 0.95) * 12));
    base = campaignStart + dayOffset * DAY_MS;
  } else {
    base = earliest + rng.float() * span;
  }
  const dayMs = Math.floor(base / DAY_MS) * DAY_MS;
  // People answer on their phones mostly in the evening, some at lunch.
  const hour = rng.index([0.2, 0.1, 0.05, 0, 0, 0, 0.3, 1, 1.2, 1.2, 1.4, 1.6, 2.2, 1.8, 1.4, 1.4, 1.6, 2, 2.4, 3, 3.2, 3, 2.2, 1]);
  let ms = fromStockholmWallClock(dayMs + hour * 3_600_000 + rng.int(0, 3599) * 1000);
  if (ms < earliest) ms = earliest + rng.int(0, 3600) * 1000;
  if (ms >= win.untilMs) ms = win.untilMs - rng.int(60, 86_000) * 1000;
  return new Date(ms);
}

function problemAnswer(rng: Rng, severity: number, unsafety: number, dontKnow: number): ProblemAnswer {
  if (rng.chance(dontKnow)) return 'dont_know';
  const score = severity * 2.8 + 0.35 * unsafety + rng.normal() * 0.7 - 1.45;
  if (score > 0.9) return 'big';
  if (score > 0.1) return 'fairly_big';
  if (score > -0.9) return 'small';
  return 'none';
}

function safetyAnswer(rng: Rng, unsafety: number, age: AgeBand | undefined, gender: GenderAnswer | undefined): SafetyAnswer {
  let dontGoOut = age === '80+' ? 0.3 : age === '65-79' ? 0.1 : 0.025;
  if (gender === 'woman') dontGoOut *= 1.5;
  if (rng.chance(dontGoOut)) return 'dont_go_out';
  if (unsafety < -0.55) return 'very_safe';
  if (unsafety < 1.0) return 'fairly_safe';
  if (unsafety < 1.75) return 'fairly_unsafe';
  return 'very_unsafe';
}

function worryAnswer(rng: Rng, unsafety: number): WorryAnswer {
  const w = 0.7 * unsafety + rng.normal() * 0.6;
  if (w < -0.45) return 'never';
  if (w < 0.75) return 'seldom';
  if (w < 1.5) return 'fairly_often';
  return 'very_often';
}

function generateResponse(
  rng: Rng,
  layout: Layout,
  win: TimeWindow,
): { response: DemoResponse; pins: DemoPoint[] } {
  const id = rng.uuid();
  const home = pickDistrictByPopulation(rng, layout);
  const submittedAt = sampleSubmittedAt(rng, win);
  const t = (submittedAt.getTime() - win.startMs) / (win.untilMs - win.startMs);
  const growing = home.key === 'nyhem' ? trendFactor(t) - 1 : 0; // 0 … 2

  const age: AgeBand = rng.pick([
    ['16-24', 0.1],
    ['25-44', 0.3],
    ['45-64', 0.32],
    ['65-79', 0.22],
    ['80+', 0.06],
  ] as const);
  const gender: GenderAnswer = rng.pick([
    ['woman', 0.55],
    ['man', 0.42],
    ['other', 0.01],
    ['no_answer', 0.02],
  ] as const);
  // About 10 % leave each background question blank (most of them skip both).
  const blank = rng.float();
  const skipAge = blank < 0.1;
  const skipGender = blank < 0.07 || (blank >= 0.1 && blank < 0.13);

  const unsafety =
    DISTRICT_UNSAFETY[home.key] + 0.15 * growing + GENDER_EFFECT[gender] + AGE_EFFECT[age] + rng.normal() * 0.75;

  const problems: Partial<Record<CategoryCode, ProblemAnswer>> = {};
  for (const code of PROBLEM_ROWS) {
    let severity = SEVERITY[home.key][code] ?? 0.3;
    if (home.key === 'nyhem' && code === TREND.category) severity += 0.15 * growing;
    const dontKnow = (code === 'drugs' || code === 'youth_gangs' ? 0.1 : 0.05) + (age === '80+' ? 0.08 : 0);
    problems[code] = problemAnswer(rng, severity, unsafety, dontKnow);
  }

  const safety = safetyAnswer(rng, unsafety, age, gender);
  const worry = worryAnswer(rng, unsafety);
  const avoided = rng.chance(1 / (1 + Math.exp(-(unsafety - 0.7) * 1.6))) ? 'yes' : 'no';

  // 0–3 pins, about one on average; more from those who feel unsafe.
  const pinCount = rng.index(unsafety > 0.8 ? [0.2, 0.35, 0.28, 0.17] : [0.42, 0.36, 0.15, 0.07]);
  const unsafePlaces: DemoPin[] = [];
  const pins: DemoPoint[] = [];
  for (let i = 0; i < pinCount; i++) {
    const weights = SURVEY_SPOTS.map((s) => {
      const spotDistrict = districtAt(layout, ...kmToLonLat(s.spot.km));
      const nearHome = spotDistrict?.id === home.id ? 2.5 : 1;
      return s.weight * nearHome * (s.trend ? trendFactor(t) : 1);
    });
    weights.push(SURVEY_BACKGROUND);
    const which = rng.index(weights);
    const spot = SURVEY_SPOTS[which];
    let category: CategoryCode;
    let loc: { lat: number; lon: number };
    if (spot) {
      const cats = spot.spot.categories.map(
        ([c, w]) => [c, spot.trend && c === TREND.category ? w * trendFactor(t) : w] as const,
      );
      category = rng.pick(cats);
      loc = sampleNear(rng, layout, spot.spot.km, spot.spot.sigma);
    } else {
      category = rng.pick(SURVEY_BACKGROUND_CATEGORIES);
      loc = sampleNear(rng, layout, home.centroid, 0.7, home);
    }
    // When the place feels unsafe: a recent day before the answer, at an hour typical of the category.
    const pinTime = samplePinTime(rng, win, category, submittedAt);
    const times: TimeBand[] = [pinTime.band];
    if (rng.chance(0.35)) times.push(ADJACENT_BAND[pinTime.band]);
    const pin: DemoPin = { lat: loc.lat, lon: loc.lon, category, times };
    if (rng.chance(0.15)) pin.comment = PIN_COMMENTS[rng.int(0, PIN_COMMENTS.length - 1)] ?? '';
    unsafePlaces.push(pin);
    pins.push(
      makePoint(layout, SURVEY_SPEC, category, loc, pinTime, 'exact', districtAt(layout, loc.lon, loc.lat), {
        kind: 'response',
        id,
      }),
    );
  }

  const answers: DemoAnswers = {
    safety_evening: safety,
    worry_crime: worry,
    avoided_places: avoided,
    problems,
    unsafe_places: unsafePlaces,
  };
  if (!skipAge) answers.age_band = age;
  if (!skipGender) answers.gender = gender;

  const locale = rng.pick([
    ['sv', 0.88],
    ['en', 0.05],
    ['ar', 0.04],
    ['so', 0.02],
    ['fi', 0.01],
  ] as const);
  const paperShare = age === '80+' ? 0.5 : age === '65-79' ? 0.25 : 0.05;
  const channel: ResponseChannel = rng.chance(paperShare) ? 'paper' : rng.chance(0.09) ? 'kiosk' : 'web';

  return {
    response: {
      id,
      collaboration_id: layout.collaboration.id,
      area_id: home.id,
      submitted_at: submittedAt,
      locale,
      channel,
      answers,
      status: 'accepted',
    },
    pins,
  };
}

/** Survey pins feel unsafe mostly in the evening and at night; traffic in the morning. */
const PIN_HOURS: Partial<Record<CategoryCode, readonly number[]>> = {
  theft_burglary: HOURS.evening,
  other: HOURS.evening,
};

function samplePinTime(rng: Rng, win: TimeWindow, category: CategoryCode, submittedAt: Date): { at: Date; band: TimeBand } {
  const hours = PIN_HOURS[category] ?? HOURS[CATEGORY_PROFILE[category]];
  const submittedDay = Math.floor(submittedAt.getTime() / DAY_MS) * DAY_MS;
  for (let attempt = 0; attempt < 20; attempt++) {
    const dayMs = submittedDay - rng.int(1, 21) * DAY_MS;
    const hour = rng.index(hours);
    const ms = fromStockholmWallClock(dayMs + hour * 3_600_000 + rng.int(0, 3599) * 1000);
    if (ms < win.startMs || ms >= submittedAt.getTime()) continue;
    const at = new Date(ms);
    return { at, band: timeBandOfHour(stockholmHour(at)) };
  }
  const at = new Date(Math.max(win.startMs, submittedAt.getTime() - DAY_MS));
  return { at, band: timeBandOfHour(stockholmHour(at)) };
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

function scaled(base: number, scale: number): number {
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a finite number >= 0, got ${scale}`);
  return Math.round(base * scale);
}

/** The demo collaboration "Värnamo": same options → deep-equal output. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  const until = options.until ?? DEFAULT_UNTIL;
  if (Number.isNaN(until.getTime())) throw new RangeError('until is not a valid date');
  const layout = buildLayout(seed);
  const win = windowFor(until);

  const responses: DemoResponse[] = [];
  const surveyPins: DemoPoint[] = [];
  const surveyRng = new Rng(subSeed(seed, 'survey'));
  const responseCount = scaled(BASE_COUNTS.responses, scale);
  for (let i = 0; i < responseCount; i++) {
    const { response, pins } = generateResponse(surveyRng, layout, win);
    responses.push(response);
    surveyPins.push(...pins);
  }
  responses.sort((a, b) => a.submitted_at.getTime() - b.submitted_at.getTime());

  const points: DemoPoint[] = surveyPins;
  const municipalRng = new Rng(subSeed(seed, 'municipality'));
  for (let i = 0, n = scaled(BASE_COUNTS.municipalReports, scale); i < n; i++) {
    points.push(sampleIncident(municipalRng, layout, win, MUNICIPAL_SPEC));
  }
  const policeRng = new Rng(subSeed(seed, 'police'));
  for (let i = 0, n = scaled(BASE_COUNTS.policeEvents, scale); i < n; i++) {
    points.push(sampleIncident(policeRng, layout, win, POLICE_SPEC));
  }

  return {
    collaboration: layout.collaboration,
    municipality: layout.municipality,
    areas: layout.areas,
    responses,
    points,
  };
}

/**
 * Streams `count` point rows for benchmarks (up to millions) without holding them all:
 * the same geography, collaboration id and area ids as `generateDemo({ seed })`, and the
 * same mix of sources (≈ 20 % survey, 50 % municipal, 30 % police). Survey-like points
 * here have origin_kind 'demo' (no response behind them).
 */
export function* generatePoints(
  count: number,
  seed = 42,
  options: { until?: Date } = {},
): Generator<DemoPoint, void, undefined> {
  const layout = buildLayout(seed);
  const win = windowFor(options.until ?? DEFAULT_UNTIL);
  const rng = new Rng(subSeed(seed, 'stream'));
  const mix = [0.2, 0.5, 0.3];
  const specs = [SURVEY_SPEC, MUNICIPAL_SPEC, POLICE_SPEC];
  for (let i = 0; i < count; i++) {
    const spec = specs[rng.index(mix)] ?? MUNICIPAL_SPEC;
    yield sampleIncident(rng, layout, win, spec);
  }
}

/** The geography alone (collaboration, municipality, areas) for a seed. */
export function demoLayout(seed = 42): Pick<DemoData, 'collaboration' | 'municipality' | 'areas'> {
  const { collaboration, municipality, areas } = buildLayout(seed);
  return { collaboration, municipality, areas };
}

/** The demo's named places (the survey's non-map alternative), where its hot spots are. */
export function demoPlaces(): { name: string; lat: number; lon: number }[] {
  return Object.values(PLACES).map((place) => {
    const [lon, lat] = kmToLonLat(place.km);
    return { name: place.name, lat, lon };
  });
}
