/**
 * Swedish local time (Europe/Stockholm) without the process time zone or Intl, fast enough to
 * run over a million timestamps: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule since 1996).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Swedish local time from UTC at the instant `utcMs`, in ms (1 or 2 hours). */
export function stockholmOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayAt1Utc(year, 2) && utcMs < lastSundayAt1Utc(year, 9) ? 2 * HOUR_MS : HOUR_MS;
}

/** The UTC instant of a Swedish wall-clock time given as if it were UTC (e.g. Date.UTC(y, m, d)). */
export function fromStockholmWallClock(wallMs: number): number {
  // The offset in force one hour before is right except inside the skipped/repeated hour.
  return wallMs - stockholmOffsetMs(wallMs - HOUR_MS);
}

/** A whole local hour (0–23) of a Swedish calendar day (YYYY-MM-DD) as a UTC instant. */
export function stockholmDayAtHour(date: string, hour: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  return fromStockholmWallClock(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour));
}

/** Start of a Swedish calendar day (YYYY-MM-DD) as a UTC instant. */
export function stockholmDayStart(date: string): number {
  return stockholmDayAtHour(date, 0);
}

/** The Swedish calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(utcMs: number): string {
  return new Date(utcMs + stockholmOffsetMs(utcMs)).toISOString().slice(0, 10);
}

/** Local hour (0–23) in Sweden. */
export function stockholmHour(utcMs: number): number {
  return new Date(utcMs + stockholmOffsetMs(utcMs)).getUTCHours();
}

/** Local weekday in Sweden, Monday = 0 … Sunday = 6 (the Swedish week starts on Monday). */
export function stockholmWeekday(utcMs: number): number {
  const local = utcMs + stockholmOffsetMs(utcMs);
  // 1970-01-01 was a Thursday (3 when Monday = 0).
  return (((Math.floor(local / DAY_MS) + 3) % 7) + 7) % 7;
}

/**
 * A weekday function for many instants: the DST switch instants are looked up once per year
 * instead of once per call. Monday = 0 … Sunday = 6.
 */
export function stockholmWeekdayFast(): (utcMs: number) => number {
  let year = Number.NaN;
  let yearStart = 0;
  let yearEnd = 0;
  let summerStart = 0;
  let summerEnd = 0;
  return (utcMs) => {
    if (!(utcMs >= yearStart && utcMs < yearEnd)) {
      year = new Date(utcMs).getUTCFullYear();
      yearStart = Date.UTC(year, 0, 1);
      yearEnd = Date.UTC(year + 1, 0, 1);
      summerStart = lastSundayAt1Utc(year, 2);
      summerEnd = lastSundayAt1Utc(year, 9);
    }
    const local = utcMs + (utcMs >= summerStart && utcMs < summerEnd ? 2 * HOUR_MS : HOUR_MS);
    return (((Math.floor(local / DAY_MS) + 3) % 7) + 7) % 7;
  };
}
