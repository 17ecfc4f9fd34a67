import type { CoordinateSystemChoice } from '@lagesbild/shared';
import { RowProblem } from './import-errors';
import type { ImportStats } from './import-stats';
import {
  MAX_DESCRIPTION,
  MAX_ID,
  MAX_TYPE,
  clean,
  coordinates,
  dateTime,
  finish,
  isObject,
  number,
  text,
  withTime,
  type PointContext,
  type PreparedPoint,
} from './rows';

function jsonNumber(value: unknown, column: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return number(value, column);
  if (value === null || value === undefined) throw new RowProblem(column, 'missing_value', `${column} is missing.`);
  throw new RowProblem(column, 'invalid_number', `${column} is not a number.`);
}

/** The declared coordinate system of a GeoJSON document (its legacy "crs" member). */
export function crsOfGeoJson(skeletonHead: unknown): CoordinateSystemChoice | undefined {
  if (!isObject(skeletonHead) || !isObject(skeletonHead.crs) || !isObject(skeletonHead.crs.properties)) return undefined;
  const name = text(skeletonHead.crs.properties.name) ?? '';
  if (/3006\b/.test(name)) return 'sweref99tm';
  if (/3021\b/.test(name)) return 'rt90';
  if (/4326\b|CRS84/i.test(name)) return 'wgs84';
  return undefined;
}

export function geoJsonPoint(ctx: PointContext, stats: ImportStats, feature: unknown): PreparedPoint | null {
  if (!isObject(feature) || feature.type !== 'Feature') throw new RowProblem(null, 'not_a_feature', 'The item is not a GeoJSON Feature.');
  const geometry = feature.geometry;
  if (!isObject(geometry)) throw new RowProblem('geometry', 'missing_value', 'The feature has no geometry.');
  if (geometry.type !== 'Point')
    throw new RowProblem('geometry', 'not_a_point', `The geometry is a ${String(geometry.type)}, not a Point.`);
  const position = geometry.coordinates;
  if (!Array.isArray(position) || position.length < 2)
    throw new RowProblem('geometry', 'invalid_geometry', 'The point has no [x, y] coordinates.');
  const place = coordinates(
    jsonNumber(position[0], 'geometry'),
    jsonNumber(position[1], 'geometry'),
    'xy',
    ctx.options.crs ?? 'auto',
    'geometry',
  );
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
  const place = coordinates(
    jsonNumber(request.lat, 'lat'),
    jsonNumber(request.long, 'long'),
    'latlon',
    ctx.options.crs ?? 'auto',
    'lat, long',
  );
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
