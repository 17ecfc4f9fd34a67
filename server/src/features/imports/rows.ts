import { createHash } from 'node:crypto';
import {
  timeBandOfHour,
  type CategoryCode,
  type CoordinateSystemChoice,
  type ImportOptions,
  type LocationPrecision,
  type TimeBand,
} from '@lagesbild/shared';
import type { AreaIndex } from './area-index';
import { parseDecimal, resolveCoordinates, type ResolvedPoint } from './coordinates';
import { parseDateTime, parseTimeOfDay, withTimeOfDay, type ParsedDateTime } from './dates';
import { RowProblem, shown } from './import-errors';
import type { ImportStats } from './import-stats';
import type { CategoryResolution } from './type-mapping';

/**
 * What every format's rows share: the prepared point they become, the checks they all pass
 * (boundary, area, category, dedup key) and the readers of one cell. The row builders of each
 * format are in `csv-rows.ts`, `json-rows.ts` (GeoJSON, Open311) and `police-rows.ts`.
 */

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

export const MAX_TYPE = 200;

export const MAX_DESCRIPTION = 2000;

export const MAX_ID = 200;

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
  /** The area the row is known to be in, when it was placed there by name rather than position. */
  areaId?: string;
  description: string | null;
}

export function clean(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text.slice(0, max);
}

function hashOf(parts: (string | number | null)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (p === null ? '' : String(p))).join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

/** The checks every format shares: boundary, area, category, dedup key; null when skipped. */
export function finish(ctx: PointContext, stats: ImportStats, raw: RawPoint): PreparedPoint | null {
  const { lat, lon } = raw.place;
  if (!ctx.areas.inBoundary(lon, lat)) {
    // The police feed covers all of Sweden: events elsewhere are not an error, just not ours.
    if (ctx.format === 'police') {
      stats.bump(stats.skipped, 'outside_boundary');
      return null;
    }
    throw new RowProblem(
      raw.placeColumns,
      'outside_boundary',
      `The place (${lat.toFixed(5)}, ${lon.toFixed(5)}) lies outside the collaboration's boundary (${ctx.areas.boundaryNames().join(', ')}).`,
    );
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
    areaId: raw.areaId ?? ctx.areas.locate(lon, lat, raw.precision === 'area'),
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

export function number(value: string | undefined, column: string): number {
  if (value === undefined || value.trim() === '') throw new RowProblem(column, 'missing_value', `The ${column} column is empty.`);
  const n = parseDecimal(value);
  if (n === undefined) throw new RowProblem(column, 'invalid_number', `${shown(value)} in ${column} is not a number.`);
  return n;
}

export function coordinates(
  first: number,
  second: number,
  order: 'latlon' | 'northing-easting' | 'xy',
  crs: CoordinateSystemChoice,
  columns: string,
): ResolvedPoint {
  const place = resolveCoordinates(first, second, order, crs);
  if (place === 'outside_sweden') throw new RowProblem(columns, 'outside_sweden', `The place (${first}, ${second}) is not in Sweden.`);
  if (place === 'unknown_crs') {
    throw new RowProblem(
      columns,
      'unknown_crs',
      `The coordinates (${first}, ${second}) are neither WGS 84, SWEREF 99 TM nor RT 90 within Sweden; declare the coordinate system.`,
    );
  }
  return place;
}

export function dateTime(value: string | undefined, column: string): ParsedDateTime {
  if (value === undefined || value.trim() === '') throw new RowProblem(column, 'missing_value', `The ${column} column is empty.`);
  const parsed = parseDateTime(value);
  if (parsed === 'impossible') throw new RowProblem(column, 'impossible_date', `${shown(value)} in ${column} is not a date that exists.`);
  if (parsed === 'unrecognised')
    throw new RowProblem(column, 'invalid_date', `${shown(value)} in ${column} is not a date (e.g. 2024-03-05 18:30 or 5/3/2024 18.30).`);
  return parsed;
}

export function withTime(date: ParsedDateTime, value: string | undefined, column: string): ParsedDateTime {
  if (value === undefined || value.trim() === '') return date;
  const clock = parseTimeOfDay(value);
  if (clock === 'impossible')
    throw new RowProblem(column, 'impossible_date', `${shown(value)} in ${column} is not a time of day that exists.`);
  if (clock === 'unrecognised')
    throw new RowProblem(column, 'invalid_date', `${shown(value)} in ${column} is not a time of day (e.g. 18:30).`);
  return withTimeOfDay(date, clock);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A value of a file as the preview and the mapping suggestions show it: objects and arrays as JSON. */
export function previewText(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return text(value) ?? '';
}
