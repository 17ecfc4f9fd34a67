import { createHash } from 'node:crypto';
import { SWEDEN_BBOX, type CoordinateSystemChoice, type ImportOptions } from '@lagesbild/shared';
import { resolveCoordinates } from './coordinates';
import { RowProblem } from './import-errors';

/** One boundary polygon read from GeoJSON, in WGS 84, ready for the area table. */
export interface PreparedArea {
  name: string;
  kind: 'district' | 'boundary' | 'deso' | 'custom';
  population: number | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
  bbox: [number, number, number, number];
  /** Hash of the geometry as stored: equal hashes are the same boundary. */
  geometryHash: string;
}

/** Property names that usually hold an area's name, tried in order when none is chosen. */
export const AREA_NAME_PROPERTIES = [
  'name',
  'namn',
  'NAMN',
  'Name',
  'kom_namn',
  'kommunnamn',
  'KnNamn',
  'omrade',
  'område',
  'områdesnamn',
  'deso',
  'desokod',
  'regso',
  'label',
];

const MARGIN = 0.5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function geometryHash(geometry: unknown): string {
  return createHash('sha256').update(JSON.stringify(geometry)).digest('hex').slice(0, 32);
}

/**
 * Positions → WGS 84 [lon, lat] with 7 decimals (about a centimetre). Projected coordinates
 * (SWEREF 99 TM, RT 90, declared or read from the ranges of the first position) are converted.
 */
function converter(first: unknown[], declared: CoordinateSystemChoice): (p: unknown) => [number, number] {
  const [x0 = NaN, y0 = NaN] = first as number[];
  let system: CoordinateSystemChoice = declared;
  if (system === 'auto') {
    if (Math.abs(x0) <= 180 && Math.abs(y0) <= 90) system = 'wgs84';
    else {
      const place = resolveCoordinates(x0, y0, 'xy', 'auto');
      if (typeof place === 'string')
        throw new RowProblem('geometry', place, 'The coordinates are neither WGS 84, SWEREF 99 TM nor RT 90 within Sweden.');
      system = place.crs;
    }
  }
  return (p) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new RowProblem('geometry', 'invalid_geometry', 'A position is not a pair of numbers.');
    }
    let lon = p[0];
    let lat = p[1];
    if (system !== 'wgs84') {
      const place = resolveCoordinates(p[0], p[1], 'xy', system);
      if (typeof place === 'string') throw new RowProblem('geometry', 'outside_sweden', 'A corner of the area is not in Sweden.');
      lon = place.lon;
      lat = place.lat;
    }
    if (lon < SWEDEN_BBOX[0] - MARGIN || lon > SWEDEN_BBOX[2] + MARGIN || lat < SWEDEN_BBOX[1] - MARGIN || lat > SWEDEN_BBOX[3] + MARGIN) {
      throw new RowProblem('geometry', 'outside_sweden', `A corner of the area (${lat.toFixed(4)}, ${lon.toFixed(4)}) is not in Sweden.`);
    }
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
}

function polygon(rings: unknown, convert: (p: unknown) => [number, number]): number[][][] {
  if (!Array.isArray(rings) || rings.length === 0) throw new RowProblem('geometry', 'invalid_geometry', 'A polygon has no rings.');
  return rings.map((ring) => {
    if (!Array.isArray(ring)) throw new RowProblem('geometry', 'invalid_geometry', 'A ring is not a list of positions.');
    const positions = ring.map(convert);
    const first = positions[0];
    const last = positions[positions.length - 1];
    // Close an open ring rather than refuse it: the shape is unambiguous.
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) positions.push([first[0], first[1]]);
    if (positions.length < 4) throw new RowProblem('geometry', 'invalid_geometry', 'A ring has fewer than three corners.');
    return positions;
  });
}

function firstPosition(coordinates: unknown): unknown[] | undefined {
  let c: unknown = coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? c : undefined;
}

export function nameProperty(properties: Record<string, unknown>, chosen: string | undefined): string | undefined {
  if (chosen) return chosen;
  return AREA_NAME_PROPERTIES.find((p) => typeof properties[p] === 'string' && properties[p].trim() !== '');
}

export function areaFromFeature(feature: unknown, options: ImportOptions, declared: CoordinateSystemChoice): PreparedArea {
  if (!isObject(feature) || feature.type !== 'Feature') throw new RowProblem(null, 'not_a_feature', 'The item is not a GeoJSON Feature.');
  const properties = isObject(feature.properties) ? feature.properties : {};
  const nameKey = nameProperty(properties, options.nameField);
  const rawName = nameKey === undefined ? undefined : properties[nameKey];
  const name = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName).replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  if (!name)
    throw new RowProblem(
      nameKey ?? 'name',
      'missing_value',
      `The feature has no name${nameKey ? ` in ${nameKey}` : ' (choose the name property)'}.`,
    );
  let population: number | null = null;
  if (options.populationField && properties[options.populationField] !== undefined && properties[options.populationField] !== null) {
    const p = Number(String(properties[options.populationField]).replace(/\s/g, ''));
    if (!Number.isInteger(p) || p < 0)
      throw new RowProblem(options.populationField, 'invalid_number', 'The population is not a whole number.');
    population = p;
  }
  const geometry = feature.geometry;
  if (!isObject(geometry)) throw new RowProblem('geometry', 'missing_value', 'The feature has no geometry.');
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw new RowProblem('geometry', 'not_a_polygon', `The geometry is a ${String(geometry.type)}, not a Polygon or MultiPolygon.`);
  }
  const first = firstPosition(geometry.coordinates);
  if (!first) throw new RowProblem('geometry', 'invalid_geometry', 'The geometry has no coordinates.');
  const convert = converter(first, declared);
  let coordinates: number[][][] | number[][][][];
  if (geometry.type === 'Polygon') coordinates = polygon(geometry.coordinates, convert);
  else {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0)
      throw new RowProblem('geometry', 'invalid_geometry', 'The MultiPolygon is empty.');
    coordinates = geometry.coordinates.map((p) => polygon(p, convert));
  }
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const outlines =
    geometry.type === 'Polygon' ? (coordinates as number[][][]).slice(0, 1) : (coordinates as number[][][][]).flatMap((p) => p.slice(0, 1));
  for (const ring of outlines) {
    for (const [lon, lat] of ring as [number, number][]) {
      bbox[0] = Math.min(bbox[0], lon);
      bbox[1] = Math.min(bbox[1], lat);
      bbox[2] = Math.max(bbox[2], lon);
      bbox[3] = Math.max(bbox[3], lat);
    }
  }
  const stored: PreparedArea['geometry'] = { type: geometry.type, coordinates };
  return { name, kind: options.kind ?? 'district', population, geometry: stored, bbox, geometryHash: geometryHash(stored) };
}
