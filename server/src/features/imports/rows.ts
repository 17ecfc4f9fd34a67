import { createHash } from 'node:crypto';
import {
  timeBandOfHour,
  type CategoryCode,
  type CoordinateSystem,
  type CoordinateSystemChoice,
  type ImportOptions,
  type LocationPrecision,
  type TimeBand,
} from '@lagesbild/shared';
import type { AreaIndex } from './area-index';
import { parseDecimal, resolveCoordinates, type ResolvedPoint } from './coordinates';
import { monthNumber, parseDateTime, parseTimeOfDay, stockholmToEpoch, stockholmHour, withTimeOfDay, type ParsedDateTime } from './dates';
import { ErrorLog, RowProblem, shown } from './import-errors';
import { findColumn } from './suggest-mapping';
import { isPoliceNonIncident, normaliseType, type CategoryResolution } from './type-mapping';

/** One row ready for the point table (besides collaboration, source, classification, import). */
export interface PreparedPoint {
  category: CategoryCode;
  externalType: string | null;
  occurredAt: string | null;
  timeBand: TimeBand | null;
  publishedAt: string | null;
  lat: number;
  lon: number;
  x: number;
  y: number;
  precision: LocationPrecision;
  areaId: string | null;
  externalId: string | null;
  contentHash: string | null;
  description: string | null;
}

export type PointFormat = 'csv' | 'geojson' | 'police' | 'open311';

export interface PointContext {
  format: PointFormat;
  /** Namespace of external ids and content hashes: the source name (the police feed: "polisen"). */
  namespace: string;
  options: ImportOptions;
  areas: AreaIndex;
  resolveCategory: (type: string) => CategoryResolution;
  /** Rows dated after this instant are refused (now plus a day). */
  latestMs: number;
}

const MAX_UNMAPPED = 500;
const MAX_TYPE = 200;
const MAX_DESCRIPTION = 2000;
const MAX_ID = 200;

/** Counts and findings of one import, built while reading. */
export class ImportStats {
  rowsTotal = 0;
  rowsPrepared = 0;
  readonly errors = new ErrorLog();
  readonly skipped = new Map<string, number>();
  readonly warnings = new Map<string, number>();
  /** Unmapped types by their first spelling (types differing only in case or spaces count as one). */
  readonly unmapped = new Map<string, number>();
  private readonly unmappedSpelling = new Map<string, string>();
  readonly coordinateSystems = new Map<CoordinateSystem, number>();
  encoding: string | null = null;
  delimiter: string | null = null;

  countUnmapped(type: string): void {
    const key = normaliseType(type);
    const spelling = this.unmappedSpelling.get(key);
    if (spelling !== undefined) this.bump(this.unmapped, spelling);
    else if (this.unmappedSpelling.size < MAX_UNMAPPED) {
      this.unmappedSpelling.set(key, type);
      this.bump(this.unmapped, type);
    }
  }

  bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  get rowsSkipped(): number {
    let n = 0;
    for (const v of this.skipped.values()) n += v;
    return n;
  }

  get coordinateSystem(): CoordinateSystem | null {
    let best: CoordinateSystem | null = null;
    let count = 0;
    for (const [crs, n] of this.coordinateSystems) if (n > count) [best, count] = [crs, n];
    return best;
  }
}

/** A row read from any format, before the shared checks. */
interface RawPoint {
  type: string | null;
  id: string | null;
  when: ParsedDateTime;
  publishedMs: number | null;
  place: ResolvedPoint;
  /** The columns the coordinates came from, for messages. */
  placeColumns: string;
  precision: LocationPrecision;
  description: string | null;
}

function clean(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text.slice(0, max);
}

function hashOf(parts: (string | number | null)[]): string {
  return createHash('sha256').update(parts.map((p) => (p === null ? '' : String(p))).join('\u001f')).digest('hex').slice(0, 32);
}

/** The checks every format shares: boundary, area, category, dedup key; null when skipped. */
function finish(ctx: PointContext, stats: ImportStats, raw: RawPoint): PreparedPoint | null {
  const { lat, lon } = raw.place;
  if (!ctx.areas.inBoundary(lon, lat)) {
    // The police feed covers all of Sweden: events elsewhere are not an error, just not ours.
    if (ctx.format === 'police') {
      stats.bump(stats.skipped, 'outside_boundary');
      return null;
    }
    throw new RowProblem(raw.placeColumns, 'outside_boundary', `The place (${lat.toFixed(5)}, ${lon.toFixed(5)}) lies outside the collaboration's boundary (${ctx.areas.boundaryNames().join(', ')}).`);
  }
  if (raw.when.epochMs > ctx.latestMs) throw new RowProblem(null, 'future_date', 'The date lies in the future.');
  let category: CategoryCode;
  if (raw.type) {
    const resolved = ctx.resolveCategory(raw.type);
    category = resolved.category;
    if (resolved.origin === 'unmapped') stats.countUnmapped(raw.type);
  } else {
    category = ctx.options.category ?? 'other';
  }
  if (raw.place.swapped) stats.bump(stats.warnings, 'swapped_coordinates');
  stats.coordinateSystems.set(raw.place.crs, (stats.coordinateSystems.get(raw.place.crs) ?? 0) + 1);
  const occurredAt = new Date(raw.when.epochMs).toISOString();
  const description = raw.description;
  return {
    category,
    externalType: raw.type,
    occurredAt,
    timeBand: raw.when.localHour === null ? null : timeBandOfHour(raw.when.localHour),
    publishedAt: raw.publishedMs === null ? null : new Date(raw.publishedMs).toISOString(),
    lat,
    lon,
    x: raw.place.x,
    y: raw.place.y,
    precision: raw.precision,
    areaId: ctx.areas.locate(lon, lat, raw.precision === 'area'),
    externalId: raw.id ? `${ctx.namespace}:${raw.id}` : null,
    contentHash: raw.id
      ? null
      : hashOf([ctx.namespace, raw.type, occurredAt, raw.when.hasTime ? 1 : 0, lat.toFixed(6), lon.toFixed(6), description]),
    description,
  };
}

/** Runs one row builder: a prepared point, null (skipped), or a logged row error. */
export function prepare(stats: ImportStats, row: number, build: () => PreparedPoint | null): PreparedPoint | null {
  stats.rowsTotal++;
  try {
    const point = build();
    if (point) stats.rowsPrepared++;
    return point;
  } catch (error) {
    if (error instanceof RowProblem) {
      stats.errors.add(row, error.column, error.code, error.message);
      return null;
    }
    throw error;
  }
}

function number(value: string | undefined, column: string): number {
  if (value === undefined || value.trim() === '') throw new RowProblem(column, 'missing_value', `The ${column} column is empty.`);
  const n = parseDecimal(value);
  if (n === undefined) throw new RowProblem(column, 'invalid_number', `${shown(value)} in ${column} is not a number.`);
  return n;
}

function coordinates(first: number, second: number, order: 'latlon' | 'northing-easting' | 'xy', crs: CoordinateSystemChoice, columns: string): ResolvedPoint {
  const place = resolveCoordinates(first, second, order, crs);
  if (place === 'outside_sweden') throw new RowProblem(columns, 'outside_sweden', `The place (${first}, ${second}) is not in Sweden.`);
  if (place === 'unknown_crs') {
    throw new RowProblem(columns, 'unknown_crs', `The coordinates (${first}, ${second}) are neither WGS 84, SWEREF 99 TM nor RT 90 within Sweden; declare the coordinate system.`);
  }
  return place;
}

function dateTime(value: string | undefined, column: string): ParsedDateTime {
  if (value === undefined || value.trim() === '') throw new RowProblem(column, 'missing_value', `The ${column} column is empty.`);
  const parsed = parseDateTime(value);
  if (parsed === 'impossible') throw new RowProblem(column, 'impossible_date', `${shown(value)} in ${column} is not a date that exists.`);
  if (parsed === 'unrecognised') throw new RowProblem(column, 'invalid_date', `${shown(value)} in ${column} is not a date (e.g. 2024-03-05 18:30 or 5/3/2024 18.30).`);
  return parsed;
}

function withTime(date: ParsedDateTime, value: string | undefined, column: string): ParsedDateTime {
  if (value === undefined || value.trim() === '') return date;
  const clock = parseTimeOfDay(value);
  if (clock === 'impossible') throw new RowProblem(column, 'impossible_date', `${shown(value)} in ${column} is not a time of day that exists.`);
  if (clock === 'unrecognised') throw new RowProblem(column, 'invalid_date', `${shown(value)} in ${column} is not a time of day (e.g. 18:30).`);
  return withTimeOfDay(date, clock);
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export interface CsvLayout {
  columns: string[];
  first: { index: number; name: string };
  second: { index: number; name: string };
  order: 'latlon' | 'northing-easting';
  date: { index: number; name: string };
  time?: { index: number; name: string };
  type?: { index: number; name: string };
  id?: { index: number; name: string };
  description?: { index: number; name: string };
}

/** Column positions for a mapping; a named column that the header lacks is an error for the file. */
export function csvLayout(columns: string[], options: ImportOptions): CsvLayout | { unknown: string[]; missing: string[] } {
  const unknown: string[] = [];
  const find = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const index = findColumn(columns, name);
    if (index === -1) {
      unknown.push(name);
      return undefined;
    }
    return { index, name: columns[index]! };
  };
  const lat = find(options.latField);
  const lon = find(options.lonField);
  const northing = find(options.northingField);
  const easting = find(options.eastingField);
  const date = find(options.dateField);
  const layout = {
    time: find(options.timeField),
    type: find(options.typeField),
    id: find(options.idField),
    description: find(options.descriptionField),
  };
  const missing: string[] = [];
  const pair = lat && lon ? { first: lat, second: lon, order: 'latlon' as const } : northing && easting ? { first: northing, second: easting, order: 'northing-easting' as const } : undefined;
  if (!pair && unknown.length === 0) missing.push('latField/lonField or northingField/eastingField');
  if (!date && unknown.length === 0) missing.push('dateField');
  if (unknown.length > 0 || !pair || !date) return { unknown, missing };
  return { columns, ...pair, date, ...Object.fromEntries(Object.entries(layout).filter(([, v]) => v !== undefined)) };
}

export function csvPoint(ctx: PointContext, stats: ImportStats, layout: CsvLayout, fields: string[]): PreparedPoint | null {
  const cell = (c: { index: number } | undefined) => (c ? fields[c.index] : undefined);
  const first = number(cell(layout.first), layout.first.name);
  const second = number(cell(layout.second), layout.second.name);
  const place = coordinates(first, second, layout.order, ctx.options.crs ?? 'auto', `${layout.first.name}, ${layout.second.name}`);
  let when = dateTime(cell(layout.date), layout.date.name);
  if (layout.time) when = withTime(when, cell(layout.time), layout.time.name);
  return finish(ctx, stats, {
    type: clean(cell(layout.type), MAX_TYPE),
    id: clean(cell(layout.id), MAX_ID),
    when,
    publishedMs: null,
    place,
    placeColumns: `${layout.first.name}, ${layout.second.name}`,
    precision: 'exact',
    description: clean(cell(layout.description), MAX_DESCRIPTION),
  });
}

// ---------------------------------------------------------------------------------------------
// JSON formats
// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function jsonNumber(value: unknown, column: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return number(value, column);
  if (value === null || value === undefined) throw new RowProblem(column, 'missing_value', `${column} is missing.`);
  throw new RowProblem(column, 'invalid_number', `${column} is not a number.`);
}

/** The declared coordinate system of a GeoJSON document (its legacy "crs" member). */
export function crsOfGeoJson(skeletonHead: unknown): CoordinateSystemChoice | undefined {
  if (!isObject(skeletonHead) || !isObject(skeletonHead.crs) || !isObject(skeletonHead.crs.properties)) return undefined;
  const name = String(skeletonHead.crs.properties.name ?? '');
  if (/3006\b/.test(name)) return 'sweref99tm';
  if (/3021\b/.test(name)) return 'rt90';
  if (/4326\b|CRS84/i.test(name)) return 'wgs84';
  return undefined;
}

export function geoJsonPoint(ctx: PointContext, stats: ImportStats, feature: unknown): PreparedPoint | null {
  if (!isObject(feature) || feature.type !== 'Feature') throw new RowProblem(null, 'not_a_feature', 'The item is not a GeoJSON Feature.');
  const geometry = feature.geometry;
  if (!isObject(geometry)) throw new RowProblem('geometry', 'missing_value', 'The feature has no geometry.');
  if (geometry.type !== 'Point') throw new RowProblem('geometry', 'not_a_point', `The geometry is a ${String(geometry.type)}, not a Point.`);
  const position = geometry.coordinates;
  if (!Array.isArray(position) || position.length < 2) throw new RowProblem('geometry', 'invalid_geometry', 'The point has no [x, y] coordinates.');
  const place = coordinates(jsonNumber(position[0], 'geometry'), jsonNumber(position[1], 'geometry'), 'xy', ctx.options.crs ?? 'auto', 'geometry');
  const properties = isObject(feature.properties) ? feature.properties : {};
  const prop = (name: string | undefined) => (name === undefined ? undefined : text(properties[name]));
  const { dateField, timeField, typeField, idField, descriptionField } = ctx.options;
  if (!dateField) throw new RowProblem(null, 'missing_value', 'No date property is mapped.');
  let when = dateTime(prop(dateField), dateField);
  if (timeField) when = withTime(when, prop(timeField), timeField);
  return finish(ctx, stats, {
    type: clean(prop(typeField), MAX_TYPE),
    id: clean(idField ? prop(idField) : text(feature.id), MAX_ID),
    when,
    publishedMs: null,
    place,
    placeColumns: 'geometry',
    precision: 'exact',
    description: clean(prop(descriptionField), MAX_DESCRIPTION),
  });
}

/** Open311 GeoReport v2 service request. */
export function open311Point(ctx: PointContext, stats: ImportStats, request: unknown): PreparedPoint | null {
  if (!isObject(request)) throw new RowProblem(null, 'not_an_object', 'The item is not an object.');
  if (request.lat === undefined || request.lat === null || request.long === undefined || request.long === null) {
    throw new RowProblem('lat, long', 'missing_value', 'The request has no coordinates (lat, long).');
  }
  const place = coordinates(jsonNumber(request.lat, 'lat'), jsonNumber(request.long, 'long'), 'latlon', ctx.options.crs ?? 'auto', 'lat, long');
  const when = dateTime(text(request.requested_datetime), 'requested_datetime');
  return finish(ctx, stats, {
    type: clean(text(request.service_name) ?? text(request.service_code), MAX_TYPE),
    id: clean(text(request.service_request_id), MAX_ID),
    when,
    publishedMs: null,
    place,
    placeColumns: 'lat, long',
    precision: 'exact',
    description: clean(text(request.description), MAX_DESCRIPTION),
  });
}

// ---------------------------------------------------------------------------------------------
// The police events feed
// ---------------------------------------------------------------------------------------------

const POLICE_NAME = /^\s*(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{1,2})[:.](\d{2})\s*,/i;
const POLICE_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})$/;
const COUNTY = /\slän$/i;

/** Publication time from `datetime` ("2023-03-20 17:15:38 +01:00"); null when unreadable. */
export function policePublished(datetime: string): { epochMs: number; localYear: number } | null {
  const m = POLICE_DATETIME.exec(datetime.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  const sign = oh!.startsWith('-') ? -1 : 1;
  const offset = sign * (Math.abs(Number(oh)) * 60 + Number(om));
  const epochMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - offset * 60_000;
  return Number.isFinite(epochMs) ? { epochMs, localYear: Number(y) } : null;
}

/**
 * The event time from `name` ("20 mars 15:58, Brand, Skellefteå"): day, month and time in Swedish
 * local time, the year from the publication. An event published in January about a late-December
 * evening belongs to the year before: a date more than a day after publication is moved back a year.
 */
export function policeEventTime(name: string, published: { epochMs: number; localYear: number }): ParsedDateTime | null {
  const m = POLICE_NAME.exec(name);
  if (!m) return null;
  const day = Number(m[1]);
  const month = monthNumber(m[2]!);
  const hour = Number(m[3]);
  const minute = Number(m[4]);
  if (!month || hour > 23 || minute > 59) return null;
  for (const year of [published.localYear, published.localYear - 1]) {
    if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) continue;
    const epochMs = stockholmToEpoch(year, month, day, hour, minute);
    if (epochMs <= published.epochMs + 86_400_000) return { epochMs, hasTime: true, localHour: stockholmHour(epochMs) };
  }
  return null;
}

export function policePoint(ctx: PointContext, stats: ImportStats, event: unknown): PreparedPoint | null {
  if (!isObject(event)) throw new RowProblem(null, 'not_an_object', 'The item is not an object.');
  const id = text(event.id);
  if (!id || !/^\d{1,18}$/.test(id)) throw new RowProblem('id', 'missing_value', 'The event has no numeric id.');
  const type = clean(text(event.type), MAX_TYPE);
  if (!type) throw new RowProblem('type', 'missing_value', 'The event has no type.');
  if (!ctx.options.includeAllTypes && isPoliceNonIncident(type)) {
    stats.bump(stats.skipped, 'excluded_type');
    return null;
  }
  const location = isObject(event.location) ? event.location : {};
  const locationName = text(location.name) ?? '';
  // A county's events are placed at the county's centre: no municipality can count them.
  if (COUNTY.test(locationName.trim())) {
    stats.bump(stats.skipped, 'county_level');
    return null;
  }
  const datetime = text(event.datetime);
  const published = datetime ? policePublished(datetime) : null;
  if (!published) throw new RowProblem('datetime', 'invalid_date', `${shown(datetime ?? '')} in datetime is not a publication time.`);
  const name = text(event.name) ?? '';
  const when = policeEventTime(name, published);
  if (!when) throw new RowProblem('name', 'invalid_date', `The name ${shown(name)} does not start with a day, a month and a time.`);
  const gps = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text(location.gps) ?? '');
  if (!gps) throw new RowProblem('location.gps', 'missing_value', 'The event has no "lat,lon" position.');
  const place = coordinates(Number(gps[1]), Number(gps[2]), 'latlon', 'wgs84', 'location.gps');
  return finish(ctx, stats, {
    type,
    id,
    when,
    publishedMs: published.epochMs,
    place,
    placeColumns: 'location.gps',
    // The position is the municipality's (or county's) centre: usable per area, never as a spot.
    precision: 'area',
    description: clean(text(event.summary), MAX_DESCRIPTION),
  });
}
