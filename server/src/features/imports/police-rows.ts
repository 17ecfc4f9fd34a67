import { monthNumber, stockholmHour, stockholmToEpoch, type ParsedDateTime } from './dates';
import { RowProblem, shown } from './import-errors';
import type { ImportStats } from './import-stats';
import { MAX_DESCRIPTION, MAX_TYPE, clean, coordinates, finish, isObject, text, type PointContext, type PreparedPoint } from './rows';
import { isPoliceNonIncident } from './type-mapping';

/** Rows of the police events feed (polisen.se), which covers all of Sweden. */

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
