import { must } from '@lagesbild/shared';
/**
 * Swedish dates and times as people and old systems write them, read into an instant. Times
 * without an offset are Swedish local time (CET/CEST, Europe/Stockholm).
 *
 * Dates: 2024-03-05, 2024/03/05, 20240305, 5/3/2024, 5.3.2024, 5-3-2024, 5/3/24 (day first, as in
 * Sweden), "5 mars 2024", "tisdag 5 mars 2024", "5 mar. 2024" (Swedish or English month names).
 * Times, after a space, "T" or "kl."/"kl": 18:30, 18.30, 18:30:15, 1830 and, after "kl", 18.
 * An ISO offset (Z, +01:00, +0100) makes the time exact.
 */
export interface ParsedDateTime {
  /** The instant (ms since epoch); local midnight when there is no time of day. */
  epochMs: number;
  hasTime: boolean;
  /** Hour of day in Swedish local time, when there is a time. */
  localHour: number | null;
}

export type DateProblem = 'unrecognised' | 'impossible';

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  augusti: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

const TIME = String.raw`(?:(?:kl\.?\s*)(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?)?|(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?|(\d{2})(\d{2}))`;
const OFFSET = String.raw`\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const SEP = String.raw`(?:\s*,?\s*T\s*|\s*,?\s+)`;

const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:${SEP}${TIME}${OFFSET})?$`, 'i');
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})(?:${SEP}${TIME}${OFFSET})?$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:${SEP}${TIME}${OFFSET})?$`, 'i');
const NAMED = new RegExp(String.raw`^(?:[a-zåäö]+\.?,?\s+)?(\d{1,2})(?::e|e)?\s+([a-zåäö]+\.?)\s+(\d{4})(?:${SEP}${TIME}${OFFSET})?$`, 'i');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function lastSundayOf(year: number, monthIndex: number): number {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** Is Swedish summer time (CEST) in force at this instant? (EU rules, since 1980.) */
export function isStockholmSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  if (year < 1980) return false;
  const start = Date.UTC(year, 2, lastSundayOf(year, 2), 1);
  const end = Date.UTC(year, 9, lastSundayOf(year, 9), 1);
  return epochMs >= start && epochMs < end;
}

/** Swedish local wall-clock time → instant. In the autumn's repeated hour the first (CEST) is taken. */
export function stockholmToEpoch(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const summer = wall - 2 * 3_600_000;
  return isStockholmSummerTime(summer) ? summer : wall - 3_600_000;
}

/** The Swedish local hour of an instant. */
export function stockholmHour(epochMs: number): number {
  const offset = isStockholmSummerTime(epochMs) ? 2 : 1;
  return new Date(epochMs + offset * 3_600_000).getUTCHours();
}

interface Clock {
  hour: number;
  minute: number;
  second: number;
}

function clockFrom(groups: (string | undefined)[]): Clock | undefined | null {
  // Groups: kl-hour, kl-minute, kl-second, hour, minute, second, compact hour, compact minute.
  const [klH, klM, klS, h, m, s, ch, cm] = groups;
  const hour = klH ?? h ?? ch;
  if (hour === undefined) return undefined;
  const clock = { hour: Number(hour), minute: Number(klM ?? m ?? cm ?? 0), second: Number(klS ?? s ?? 0) };
  if (clock.hour > 24 || clock.minute > 59 || clock.second > 59 || (clock.hour === 24 && (clock.minute > 0 || clock.second > 0)))
    return null;
  return clock;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

function build(
  year: number,
  month: number,
  day: number,
  clockGroups: (string | undefined)[],
  offset: string | undefined,
): ParsedDateTime | DateProblem {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'impossible';
  const clock = clockFrom(clockGroups);
  if (clock === null) return 'impossible';
  if (!clock) {
    if (offset) return 'unrecognised';
    return { epochMs: stockholmToEpoch(year, month, day), hasTime: false, localHour: null };
  }
  if (offset) {
    const minutes = offsetMinutes(offset);
    if (Math.abs(minutes) > 14 * 60) return 'impossible';
    const epochMs = Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second) - minutes * 60_000;
    return { epochMs, hasTime: true, localHour: stockholmHour(epochMs) };
  }
  // 24:00 is midnight at the end of the day.
  const epochMs = stockholmToEpoch(year, month, day, clock.hour, clock.minute, clock.second);
  return { epochMs, hasTime: true, localHour: clock.hour % 24 };
}

/** Reads a date, or a date and time; `DateProblem` when it is not one or cannot exist (30 February). */
export function parseDateTime(input: string): ParsedDateTime | DateProblem {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return 'unrecognised';
  let m = ISO.exec(text) ?? COMPACT.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4, 12), m[12]);
  m = DAY_FIRST.exec(text);
  if (m) {
    const year = must(m[3], 'the year').length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return build(year, Number(m[2]), Number(m[1]), m.slice(4, 12), m[12]);
  }
  m = NAMED.exec(text);
  if (m) {
    const month = monthNumber(must(m[2], 'the month'));
    if (!month) return 'unrecognised';
    return build(Number(m[3]), month, Number(m[1]), m.slice(4, 12), m[12]);
  }
  return 'unrecognised';
}

const TIME_ONLY = new RegExp(String.raw`^${TIME}$`, 'i');

/** Reads a time of day on its own ("18:30", "18.30", "kl. 18", "1830"). */
export function parseTimeOfDay(input: string): Clock | DateProblem {
  const m = TIME_ONLY.exec(input.trim());
  if (!m) return 'unrecognised';
  const clock = clockFrom(m.slice(1, 9));
  return clock ? clock : clock === null ? 'impossible' : 'unrecognised';
}

/** A date read with `parseDateTime` (date only) plus a separate time of day. */
export function withTimeOfDay(date: ParsedDateTime, clock: Clock): ParsedDateTime {
  const local = new Date(date.epochMs + (isStockholmSummerTime(date.epochMs) ? 2 : 1) * 3_600_000);
  const epochMs = stockholmToEpoch(
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    clock.hour,
    clock.minute,
    clock.second,
  );
  return { epochMs, hasTime: true, localHour: clock.hour % 24 };
}
