/**
 * The points the hot-spot map filters, as columns of typed arrays (one entry per point), and
 * the filter itself: period, sources, categories, time-of-day bands, weekday/weekend and dark
 * hours. One pass, no allocation per point; the output is compact interleaved x, y for the
 * engine plus each kept point's source and flags.
 */
import { categoryCodes, pointSources, timeBands, type CategoryCode, type PointSource, type TimeBand } from '../taxonomy';
import { darknessTest } from '../geo/sun';
import { stockholmWeekdayFast } from '../time/stockholm';

/** flags bit: the record is police-only (shown raw to police staff only). */
export const POLICE_ONLY = 1;
/** flags bit: the location is only known to area level; never counted into grid cells. */
export const AREA_ONLY = 2;
/** `band` value for an unknown time of day. */
export const UNKNOWN_BAND = 255;

export interface PointColumns {
  readonly length: number;
  /** Interleaved SWEREF 99 TM easting, northing (metres). */
  readonly xy: Float64Array;
  /** WGS 84, for the sun's position (float precision is ~1 m here). */
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  /** When it happened, Unix ms; NaN when only the time of day is known. */
  readonly time: Float64Array;
  /** Index into `pointSources`. */
  readonly source: Uint8Array;
  /** Index into `categoryCodes`. */
  readonly category: Uint8Array;
  /** Index into `timeBands`, or UNKNOWN_BAND. */
  readonly band: Uint8Array;
  /** POLICE_ONLY | AREA_ONLY bits. */
  readonly flags: Uint8Array;
}

/**
 * Empty columns for `length` points; with `shared`, backed by SharedArrayBuffers so that they
 * can be handed to a worker thread without copying.
 */
export function allocatePointColumns(length: number, shared = false): PointColumns {
  const make = (bytes: number) => (shared ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(Math.max(8, bytes)));
  return {
    length,
    xy: new Float64Array(make(16 * length), 0, 2 * length),
    lat: new Float32Array(make(4 * length), 0, length),
    lon: new Float32Array(make(4 * length), 0, length),
    time: new Float64Array(make(8 * length), 0, length),
    source: new Uint8Array(make(length), 0, length),
    category: new Uint8Array(make(length), 0, length),
    band: new Uint8Array(make(length), 0, length),
    flags: new Uint8Array(make(length), 0, length),
  };
}

export type DayFilter = 'weekday' | 'weekend';
export type LightFilter = 'dark' | 'daylight';

export interface PointFilter {
  /** Period [from, to) in Unix ms. Points with an unknown date are left out when a period is set. */
  from?: number;
  to?: number;
  sources?: readonly PointSource[];
  categories?: readonly CategoryCode[];
  /** Time-of-day bands; points with an unknown band are left out when set. */
  times?: readonly TimeBand[];
  /** Monday–Friday or Saturday–Sunday, in Swedish local time; unknown dates are left out. */
  days?: DayFilter;
  /** After sunset / before sunrise at the point's place and date, or the opposite; unknown dates are left out. */
  light?: LightFilter;
  /**
   * Flag bits a point must not have: POLICE_ONLY for a viewer outside the police, whose answers
   * are computed as if those records did not exist (they are not even counted as area-level).
   */
  without?: number;
}

export interface FilteredPoints {
  /** Interleaved x, y of the kept points with an exact or generalised location. */
  xy: Float64Array;
  /** Source index and flags of each kept point. */
  source: Uint8Array;
  flags: Uint8Array;
  /** Index of each kept point in the columns. */
  index: Uint32Array;
  /** Points that passed the filter but are known only to area level (not in `xy`). */
  areaOnly: number;
}

function mask<T extends string>(all: readonly T[], chosen: readonly T[] | undefined): number {
  if (!chosen) return -1 >>> 0;
  let m = 0;
  for (const value of chosen) {
    const i = all.indexOf(value);
    if (i < 0) throw new RangeError(`unknown value "${value}"`);
    m |= 1 << i;
  }
  return m;
}

/** Applies `filter` to the columns in one pass. */
export function filterPoints(columns: PointColumns, filter: PointFilter): FilteredPoints {
  const n = columns.length;
  const { lat, lon, time, source, category, band, flags } = columns;
  const sourceMask = mask(pointSources, filter.sources);
  const categoryMask = mask(categoryCodes, filter.categories);
  const bandMask = filter.times ? mask(timeBands, filter.times) : -1;
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const needTime = filter.from !== undefined || filter.to !== undefined || filter.days !== undefined || filter.light !== undefined;
  const weekday = filter.days ? stockholmWeekdayFast() : undefined;
  const wantWeekend = filter.days === 'weekend';
  let dark: ((ms: number, lat: number, lon: number) => boolean) | undefined;
  if (filter.light) {
    // Tabulate the sun over the period (or over the data's own span).
    let lo = filter.from ?? Infinity;
    let hi = filter.to ?? -Infinity;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      for (let i = 0; i < n; i++) {
        const t = time[i]!;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
    }
    dark = Number.isFinite(lo) && Number.isFinite(hi) ? darknessTest(lo, hi) : undefined;
  }
  const wantDark = filter.light === 'dark';
  const without = filter.without ?? 0;

  const index = new Uint32Array(n + 1);
  let kept = 0;
  let areaOnly = 0;
  if (bandMask === -1 && !weekday && !filter.light) {
    // The common case (period, sources, categories), branch-free: about half the points pass,
    // so branches would mispredict; every point writes its index and `kept` advances by 0 or 1.
    if (needTime) {
      for (let i = 0; i < n; i++) {
        const t = time[i]!;
        const passes =
          (sourceMask >>> source[i]!) & (categoryMask >>> category[i]!) & +(t >= from) & +(t < to) & +((flags[i]! & without) === 0) & 1;
        const area = (flags[i]! >>> 1) & 1; // AREA_ONLY
        areaOnly += passes & area;
        index[kept] = i;
        kept += passes & (area ^ 1);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const passes = (sourceMask >>> source[i]!) & (categoryMask >>> category[i]!) & +((flags[i]! & without) === 0) & 1;
        const area = (flags[i]! >>> 1) & 1; // AREA_ONLY
        areaOnly += passes & area;
        index[kept] = i;
        kept += passes & (area ^ 1);
      }
    }
    return compact(columns, index, kept, areaOnly);
  }
  for (let i = 0; i < n; i++) {
    if ((flags[i]! & without) !== 0) continue;
    if (((sourceMask >>> source[i]!) & 1) === 0) continue;
    if (((categoryMask >>> category[i]!) & 1) === 0) continue;
    if (bandMask !== -1) {
      const b = band[i]!;
      if (b === UNKNOWN_BAND || ((bandMask >>> b) & 1) === 0) continue;
    }
    if (needTime) {
      const t = time[i]!;
      if (!(t >= from && t < to)) continue; // also drops NaN (unknown date)
      if (weekday && weekday(t) >= 5 !== wantWeekend) continue;
      if (dark && dark(t, lat[i]!, lon[i]!) !== wantDark) continue;
    }
    if ((flags[i]! & AREA_ONLY) !== 0) {
      areaOnly++;
      continue;
    }
    index[kept++] = i;
  }
  return compact(columns, index, kept, areaOnly);
}

/** The kept points' coordinates, sources and flags, from the first `kept` entries of `index`. */
function compact(columns: PointColumns, index: Uint32Array, kept: number, areaOnly: number): FilteredPoints {
  const { xy, source, flags } = columns;
  const out = {
    xy: new Float64Array(2 * kept),
    source: new Uint8Array(kept),
    flags: new Uint8Array(kept),
    index: index.subarray(0, kept),
    areaOnly,
  };
  const outXy = out.xy;
  for (let k = 0; k < kept; k++) {
    const i = index[k]!;
    outXy[2 * k] = xy[2 * i]!;
    outXy[2 * k + 1] = xy[2 * i + 1]!;
    out.source[k] = source[i]!;
    out.flags[k] = flags[i]!;
  }
  return out;
}
