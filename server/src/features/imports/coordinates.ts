import {
  isInSweden,
  rt90ToWgs84,
  swerefToWgs84,
  wgs84ToSweref,
  type CoordinateSystem,
  type CoordinateSystemChoice,
} from '@lagesbild/shared';
import { inSwedenOutline } from './sweden-outline';

/**
 * Numbers and coordinates as Swedish files write them. Decimal commas ("57,1823"), spaces or
 * non-breaking spaces as thousands separators ("6 396 123"), and either separator for thousands
 * when both appear ("6.396.123,5", "6,396,123.5": the last one is the decimal separator).
 */
export function parseDecimal(input: string): number | undefined {
  let text = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return undefined;
  text = text.replace(/^\u2212/, '-');
  const comma = text.lastIndexOf(',');
  const dot = text.lastIndexOf('.');
  if (comma !== -1 && dot !== -1) {
    text = comma > dot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (comma !== -1) {
    if (text.indexOf(',') !== comma) return undefined;
    text = text.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export interface ResolvedPoint {
  lat: number;
  lon: number;
  /** SWEREF 99 TM easting and northing. */
  x: number;
  y: number;
  crs: CoordinateSystem;
  /** The two values came in the other order than their fields say (latitude in the longitude column…). */
  swapped: boolean;
}

export type CoordinateProblem = 'outside_sweden' | 'unknown_crs';

// Value ranges over Sweden: WGS 84 degrees, and metres for the projected systems. The ranges do
// not overlap, so the system, and the order of the two values, can be told from the values alone.
const LAT = [55.0, 69.2] as const;
const LON = [10.5, 24.5] as const;
const NORTHING = [6_050_000, 7_750_000] as const;
const SWEREF_EASTING = [200_000, 1_000_000] as const;
const RT90_EASTING = [1_150_000, 1_950_000] as const;

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function fromWgs84(lat: number, lon: number, swapped: boolean): ResolvedPoint | CoordinateProblem {
  if (!isInSweden(lat, lon) || !inSwedenOutline(lat, lon)) return 'outside_sweden';
  const [x, y] = wgs84ToSweref(lat, lon);
  return { lat, lon, x: round(x, 2), y: round(y, 2), crs: 'wgs84', swapped };
}

function fromProjected(northing: number, easting: number, crs: 'sweref99tm' | 'rt90', swapped: boolean): ResolvedPoint | CoordinateProblem {
  const [lat, lon] = crs === 'sweref99tm' ? swerefToWgs84(easting, northing) : rt90ToWgs84(easting, northing);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || !isInSweden(lat, lon) || !inSwedenOutline(lat, lon)) return 'outside_sweden';
  if (crs === 'sweref99tm') return { lat: round(lat, 7), lon: round(lon, 7), x: round(easting, 2), y: round(northing, 2), crs, swapped };
  const [x, y] = wgs84ToSweref(lat, lon);
  return { lat: round(lat, 7), lon: round(lon, 7), x: round(x, 2), y: round(y, 2), crs, swapped };
}

/**
 * Two numbers → a place in Sweden. `order` says what the fields claim: latitude then longitude,
 * northing then easting, or x then y (GeoJSON: longitude or easting first). With `auto` the
 * system is read from the ranges; a declared system is trusted, but the order is still checked.
 * Anything that does not land in Sweden is a problem, never silently kept.
 */
export function resolveCoordinates(
  first: number,
  second: number,
  order: 'latlon' | 'northing-easting' | 'xy',
  declared: CoordinateSystemChoice,
): ResolvedPoint | CoordinateProblem {
  const geographic = declared === 'wgs84' || (declared === 'auto' && Math.abs(first) <= 180 && Math.abs(second) <= 180);
  if (geographic) {
    const [lat, lon] = order === 'xy' ? [second, first] : [first, second];
    if (within(lat, LAT) && within(lon, LON)) return fromWgs84(lat, lon, false);
    if (within(lon, LAT) && within(lat, LON)) return fromWgs84(lon, lat, true);
    return 'outside_sweden';
  }
  // Projected: the northing is the value in the millions of metres the country spans.
  const claimedNorthing = order === 'xy' ? second : first;
  const claimedEasting = order === 'xy' ? first : second;
  let northing = claimedNorthing;
  let easting = claimedEasting;
  let swapped = false;
  if (!within(northing, NORTHING) && within(easting, NORTHING)) {
    [northing, easting] = [easting, northing];
    swapped = true;
  }
  if (!within(northing, NORTHING)) return declared === 'auto' ? 'unknown_crs' : 'outside_sweden';
  if (declared === 'sweref99tm' || declared === 'rt90') return fromProjected(northing, easting, declared, swapped);
  if (within(easting, SWEREF_EASTING)) return fromProjected(northing, easting, 'sweref99tm', swapped);
  if (within(easting, RT90_EASTING)) return fromProjected(northing, easting, 'rt90', swapped);
  return 'unknown_crs';
}
