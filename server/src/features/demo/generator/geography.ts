import { geometryBbox, pointInPolygon, type GeoJsonPolygon } from '@lagesbild/shared';
import { SeededRandom, subSeed } from '@lagesbild/shared/random';
import type { DemoArea, DemoCollaboration, DemoMunicipality } from './types';

/**
 * The demo's invented but plausible geography on the real town of Värnamo: a convex town
 * outline of about 10 × 8 km around the centre, six districts that tile it, and the named
 * places where its hot spots are. Worked out on a local kilometre grid around the centre.
 */

export const DEMO_SLUG = 'varnamo';
export const VARNAMO_CENTRE = { lat: 57.186, lon: 14.04 } as const;
export const VARNAMO_POPULATION = 34_000;

const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = 111.32 * Math.cos((VARNAMO_CENTRE.lat * Math.PI) / 180);

/** Kilometres east and north of the centre. */
export type Km = readonly [east: number, north: number];

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Local kilometres east/north of the centre → [lon, lat]. */
export function kmToLonLat([east, north]: Km): [number, number] {
  return [round(VARNAMO_CENTRE.lon + east / KM_PER_DEG_LON, 6), round(VARNAMO_CENTRE.lat + north / KM_PER_DEG_LAT, 6)];
}

export function kmToPoint(km: Km): { lat: number; lon: number } {
  const [lon, lat] = kmToLonLat(km);
  return { lat, lon };
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

export type DistrictKey = 'centrum' | 'mossleberg' | 'vraen' | 'nyhem' | 'tralleborg' | 'grondal';

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

/** The demo's named places (the survey's non-map alternative) and where its hot spots are. */
export const PLACES = {
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

export interface DistrictGeo {
  key: DistrictKey;
  id: string;
  name: string;
  population: number;
  km: Km[];
  centroid: Km;
  polygon: GeoJsonPolygon;
  bbox: [number, number, number, number];
}

export interface Layout {
  collaboration: DemoCollaboration;
  municipality: DemoMunicipality;
  boundary: DemoArea;
  districts: DistrictGeo[];
  areas: DemoArea[];
}

export function buildLayout(seed: number): Layout {
  const rng = new SeededRandom(subSeed(seed, 'layout'));
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
    code: '0683',
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
    bbox: geometryBbox(boundaryPolygon),
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
      bbox: geometryBbox(polygon),
    };
  });
  const areas: DemoArea[] = [
    boundary,
    ...districts.map((d): DemoArea => ({
      id: d.id,
      collaboration_id: collaboration.id,
      name: d.name,
      kind: 'district',
      population: d.population,
      geometry: d.polygon,
      bbox: d.bbox,
    })),
  ];
  return { collaboration, municipality, boundary, districts, areas };
}

export function districtAt(layout: Layout, lon: number, lat: number): DistrictGeo | undefined {
  for (const d of layout.districts) {
    const [w, s, e, n] = d.bbox;
    if (lon < w || lon > e || lat < s || lat > n) continue;
    if (pointInPolygon(lon, lat, d.polygon)) return d;
  }
  return undefined;
}

/** A location near `centre` (Gaussian, sigma km) that lies inside `within` (km polygon test). */
export function sampleNear(
  rng: SeededRandom,
  layout: Layout,
  centre: Km,
  sigma: number,
  within?: DistrictGeo,
): { lat: number; lon: number } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = kmToPoint([centre[0] + rng.normal() * sigma, centre[1] + rng.normal() * sigma]);
    const inside = within ? pointInPolygon(p.lon, p.lat, within.polygon) : pointInPolygon(p.lon, p.lat, layout.boundary.geometry);
    if (inside) return p;
  }
  return kmToPoint(within ? within.centroid : centre);
}

export function pickDistrictByPopulation(rng: SeededRandom, layout: Layout): DistrictGeo {
  const i = rng.index(layout.districts.map((d) => d.population));
  return layout.districts[i] as DistrictGeo;
}
