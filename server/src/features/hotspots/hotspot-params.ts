/**
 * The map's filter parameters: parsed, checked with messages that say exactly what is wrong,
 * and normalised (canonical order, explicit defaults) so that equal filters share a cache entry.
 */
import {
  must,
  categoryCodes,
  pointSources,
  reportedSources,
  timeBands,
  type CategoryCode,
  type NormalisedFilter,
  type PointSource,
  type TimeBand,
} from '@lagesbild/shared';
import type { PointFilter } from '@lagesbild/shared/hotspot/index';
import { stockholmDayStart } from '@lagesbild/shared/time/stockholm';
import { HttpError } from '../../plugins/errors';

export interface FilterQuery {
  from?: string;
  to?: string;
  sources?: string[];
  categories?: string[];
  times?: string[];
  days?: 'all' | 'weekday' | 'weekend';
  light?: 'all' | 'dark' | 'daylight';
  areas?: string[];
}

export interface ParsedFilter {
  normalised: NormalisedFilter;
  engine: PointFilter;
  /** Canonical text of the filter, for cache keys. */
  key: string;
}

const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function bad(path: string, message: string): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', `${path} ${message}`, { details: [{ path, message }] });
}

/** A calendar date that exists (2024-02-30 does not). */
function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

interface Bound {
  ms: number;
  text: string;
}

/**
 * `from`: a date means the start of that Swedish day; `to`: a date means the whole day is
 * included (the bound is the start of the next day). Date-times are instants (to is exclusive).
 */
export function parseBound(value: string | undefined, end: boolean, path: string): Bound | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (DATE.test(text)) {
    if (!isRealDate(text)) throw bad(path, `is not a calendar date: "${text}"`);
    const start = stockholmDayStart(text);
    // The next day's start, found from the next calendar date (days are 23–25 hours around DST).
    const next = new Date(Date.parse(`${text}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    return { ms: end ? stockholmDayStart(next) : start, text };
  }
  if (DATE_TIME.test(text) && isRealDate(text.slice(0, 10))) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return { ms, text: new Date(ms).toISOString() };
  }
  throw bad(path, `must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone, got "${text}"`);
}

/** Repeated and comma-separated values, checked against `allowed`, in `allowed`'s order; `fallback` when absent. */
function parseList<T extends string>(
  values: string[] | undefined,
  allowed: readonly T[],
  path: string,
  noun: string,
  fallback: readonly T[] = allowed,
): T[] {
  if (!values) return [...fallback];
  const chosen = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const item = part.trim();
      if (item === '') continue;
      if (!(allowed as readonly string[]).includes(item)) {
        throw bad(path, `has an unknown ${noun} "${item}"; known: ${allowed.join(', ')}`);
      }
      chosen.add(item);
    }
  }
  if (chosen.size === 0) throw bad(path, `names no ${noun}; leave it out to include every ${noun}`);
  return allowed.filter((a) => chosen.has(a));
}

function parseAreas(values: string[] | undefined, path: string): string[] {
  if (!values) return [];
  const ids = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim().toLowerCase();
      if (id === '') continue;
      if (!UUID.test(id)) throw bad(path, `has "${part.trim()}", which is not an area id`);
      ids.add(id);
    }
  }
  return [...ids].sort();
}

export function checkPeriod(from: Bound | undefined, to: Bound | undefined, fromPath: string, toPath: string): void {
  if (from && to && from.ms >= to.ms) {
    throw bad(fromPath, `(${from.text}) must be before ${toPath} (${to.text})`);
  }
}

/**
 * Parses the filter parameters under `prefix` ('querystring'). Felt (survey pins) and reported
 * are analysed apart, so without `sources` an analysis takes the reported sources; the raw
 * points layer passes every source, since it draws felt and reported as separate layers.
 */
export function parseFilter(
  query: FilterQuery,
  prefix = 'querystring',
  defaultSources: readonly PointSource[] = reportedSources,
): ParsedFilter {
  const from = parseBound(query.from, false, `${prefix}.from`);
  const to = parseBound(query.to, true, `${prefix}.to`);
  checkPeriod(from, to, `${prefix}.from`, `${prefix}.to`);
  const sources = parseList<PointSource>(query.sources, pointSources, `${prefix}.sources`, 'source', defaultSources);
  const categories = parseList<CategoryCode>(query.categories, categoryCodes, `${prefix}.categories`, 'category');
  const times = parseList<TimeBand>(query.times, timeBands, `${prefix}.times`, 'time of day');
  const areas = parseAreas(query.areas, `${prefix}.areas`);
  const days = query.days ?? 'all';
  const light = query.light ?? 'all';
  const normalised: NormalisedFilter = {
    from: from?.text ?? null,
    to: to?.text ?? null,
    sources,
    categories,
    times,
    days,
    light,
    areas,
  };
  const engine: PointFilter = {};
  if (from) engine.from = from.ms;
  if (to) engine.to = to.ms;
  if (sources.length < pointSources.length) engine.sources = sources;
  if (categories.length < categoryCodes.length) engine.categories = categories;
  if (times.length < timeBands.length) engine.times = times;
  if (days !== 'all') engine.days = days;
  if (light !== 'all') engine.light = light;
  return { normalised, engine, key: JSON.stringify(normalised) };
}

/** Period B of a comparison, and both periods required. */
export function parseComparison(query: FilterQuery & { compareFrom?: string; compareTo?: string }): {
  a: ParsedFilter;
  b: ParsedFilter;
  periodA: { from: string; to: string };
  periodB: { from: string; to: string };
} {
  for (const name of ['from', 'to', 'compareFrom', 'compareTo'] as const) {
    if (!query[name]?.trim()) throw bad(`querystring.${name}`, 'is required to compare two periods');
  }
  const a = parseFilter(query);
  const bFrom = must(parseBound(query.compareFrom, false, 'querystring.compareFrom'), 'the start of period B');
  const bTo = must(parseBound(query.compareTo, true, 'querystring.compareTo'), 'the end of period B');
  checkPeriod(bFrom, bTo, 'querystring.compareFrom', 'querystring.compareTo');
  const b = parseFilter({ ...query, from: query.compareFrom, to: query.compareTo });
  // A record in both periods would be compared with itself: the test needs disjoint periods.
  if (must(a.engine.from, 'the start of period A') < bTo.ms && bFrom.ms < must(a.engine.to, 'the end of period A')) {
    throw bad(
      'querystring.compareFrom',
      `period B (${bFrom.text} – ${bTo.text}) overlaps period A (${a.normalised.from} – ${a.normalised.to}); compare periods that do not overlap`,
    );
  }
  return {
    a,
    b,
    periodA: { from: must(a.normalised.from, 'the start of period A'), to: must(a.normalised.to, 'the end of period A') },
    periodB: { from: bFrom.text, to: bTo.text },
  };
}
