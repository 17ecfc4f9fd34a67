import { monthNumber, stockholmHour, stockholmToEpoch, type ParsedDateTime } from './dates';
import { RowProblem, shown } from './import-errors';
import type { ImportStats } from './import-stats';
import { MAX_DESCRIPTION, MAX_TYPE, clean, coordinates, finish, isObject, text, type PointContext, type PreparedPoint } from './rows';
import { isPoliceNonIncident } from './type-mapping';
import { must } from '@lagesbild/shared';

/** Rows of the police events feed (polisen.se), which covers all of Sweden. */

const POLICE_NAME = /^\s*(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{1,2})[:.](\d{2})\s*,/i;

const POLICE_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})$/;

const COUNTY = /\slän$/i;

/**
 * Where the feed places county-wide events ("lat,lon" as it writes them): the current feed puts
 * every event there and names the municipality only at the end of the event's name.
 */
const COUNTY_CENTRES = new Set([
  '55.990257,13.595769', // Skåne
  '56.278384,15.018006', // Blekinge
  '56.71834,14.411467', // Kronoberg
  '56.896681,12.803399', // Halland
  '57.235016,16.184935', // Kalmar
  '57.370843,14.343917', // Jönköping
  '57.468412,18.486745', // Gotland
  '58.252793,13.059643', // Västra Götaland
  '58.345364,15.519784', // Östergötland
  '59.033635,16.75189', // Södermanland
  '59.535036,15.006573', // Örebro
  '59.602496,18.138438', // Stockholm
  '59.671388,16.215895', // Västmanland
  '59.729407,13.235402', // Värmland
  '60.009226,17.271459', // Uppsala
  '61.091701,14.666365', // Dalarna
  '61.301199,16.153421', // Gävleborg
  '63.171192,14.95918', // Jämtland
  '63.427647,17.729244', // Västernorrland
  '65.333731,16.516169', // Västerbotten
  '66.830922,20.399197', // Norrbotten
]);

/**
 * Null when the event has its own position (the 2023 feed: the municipality and its centre).
 * Otherwise it is placed at a county, by name ("Jönköpings län") or at the county's centre, and
 * the municipality is the one in `location.name` if that is not the county, else the last part
 * of the event's name ("11 februari 20.25, Trafikolycka, singel, Värnamo"); null if that is the
 * county too (a county-wide event). A municipality in `location.name` at a county's centre keeps
 * its position when no area has its name: Gotland is a county and a municipality with one centre.
 */
function countyWide(
  locationName: string,
  eventName: string,
  gps: RegExpExecArray | null,
): { municipality: string | null; keepPosition: boolean } | null {
  const location = locationName.trim();
  const atCentre = gps !== null && COUNTY_CENTRES.has(`${Number(gps[1])},${Number(gps[2])}`);
  if (!COUNTY.test(location) && !atCentre) return null;
  if (location && !COUNTY.test(location)) return { municipality: location, keepPosition: true };
  const last = eventName.split(',').slice(1).pop()?.trim() ?? '';
  return { municipality: last && !COUNTY.test(last) ? last : null, keepPosition: false };
}

/** Publication time from `datetime` ("2023-03-20 17:15:38 +01:00"); null when unreadable. */
export function policePublished(datetime: string): { epochMs: number; localYear: number } | null {
  const m = POLICE_DATETIME.exec(datetime.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  const sign = must(oh, 'the offset').startsWith('-') ? -1 : 1;
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
  const month = monthNumber(must(m[2], 'the month'));
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
  const gps = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text(location.gps) ?? '');
  const named = countyWide(text(location.name) ?? '', text(event.name) ?? '', gps);
  let byName: { id: string; lon: number; lat: number } | null = null;
  if (named !== null) {
    byName = named.municipality ? ctx.areas.named(named.municipality) : null;
    // A municipality none of our areas is called is someone else's; a county alone is nobody's.
    if (!byName && !named.keepPosition) {
      stats.bump(stats.skipped, named.municipality && ctx.areas.size > 0 ? 'outside_boundary' : 'county_level');
      return null;
    }
  }
  const datetime = text(event.datetime);
  const published = datetime ? policePublished(datetime) : null;
  if (!published) throw new RowProblem('datetime', 'invalid_date', `${shown(datetime ?? '')} in datetime is not a publication time.`);
  const name = text(event.name) ?? '';
  const when = policeEventTime(name, published);
  if (!when) throw new RowProblem('name', 'invalid_date', `The name ${shown(name)} does not start with a day, a month and a time.`);
  if (!byName && !gps) throw new RowProblem('location.gps', 'missing_value', 'The event has no "lat,lon" position.');
  const place = byName
    ? coordinates(byName.lat, byName.lon, 'latlon', 'wgs84', 'location.name')
    : coordinates(Number(gps?.[1]), Number(gps?.[2]), 'latlon', 'wgs84', 'location.gps');
  const point = finish(ctx, stats, {
    type,
    id,
    when,
    publishedMs: published.epochMs,
    place,
    placeColumns: byName ? 'location.name' : 'location.gps',
    // The position is the municipality's centre: usable per area, never as a spot.
    precision: 'area',
    ...(byName ? { areaId: byName.id } : {}),
    description: clean(text(event.summary), MAX_DESCRIPTION),
  });
  if (point && byName) stats.bump(stats.warnings, 'placed_by_name');
  return point;
}
