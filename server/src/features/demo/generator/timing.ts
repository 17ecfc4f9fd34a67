import { timeBandOfHour, type CategoryCode, type TimeBand } from '@lagesbild/shared';
import type { SeededRandom } from '@lagesbild/shared/random';
import { fromStockholmWallClock, stockholmHour } from '@lagesbild/shared/time/stockholm';
import { trendFactor } from './hot-spots';

/**
 * When things happen in the demo's two-year window: by season, weekday and a local hour
 * typical of the category, in Swedish wall-clock time (never the process time zone).
 */

export const DEFAULT_UNTIL = new Date(Date.UTC(2026, 10, 1));
const WINDOW_DAYS = 730;
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface TimeWindow {
  startMs: number;
  untilMs: number;
  /** UTC midnight of the first calendar day of the window. */
  firstDayMs: number;
  days: number;
}

export function windowFor(until: Date): TimeWindow {
  const untilMs = until.getTime();
  const startMs = untilMs - WINDOW_DAYS * DAY_MS;
  const firstDayMs = Math.floor(startMs / DAY_MS) * DAY_MS;
  const days = Math.ceil((untilMs - firstDayMs) / DAY_MS);
  return { startMs, untilMs, firstDayMs, days };
}

/** An instant with its time-of-day band in Sweden. */
export interface Timed {
  at: Date;
  band: TimeBand;
}

export function timedAt(ms: number): Timed {
  return { at: new Date(ms), band: timeBandOfHour(stockholmHour(ms)) };
}

/** A random second within `hour` of Swedish wall-clock time on the day starting at `dayMs` (UTC midnight). */
export function atLocalHour(rng: SeededRandom, dayMs: number, hour: number): number {
  return fromStockholmWallClock(dayMs + hour * HOUR_MS + rng.int(0, 3599) * 1000);
}

type HourProfile = 'nightlife' | 'evening' | 'commute' | 'daytime' | 'dark' | 'flat';

// prettier-ignore
export const HOURS: Record<HourProfile, readonly number[]> = {
  //           0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
  nightlife: [ 8,   8,   6,   4,   2,   1,   1,   1,   1,   1,   1, 1.5,   2,   2,   2,   2, 2.5,   3, 3.5,   4,   5,   6,   7,   8],
  evening:   [ 4,   3,   2,   1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,   1,   1,   1, 1.5,   2,   3, 3.5,   4,   5,   6, 6.5, 6.5, 5.5,   5],
  commute:   [0.3, 0.2, 0.2, 0.2, 0.3, 0.8,   2,   6,   5,   2, 1.5, 1.5,   2,   2, 2.5, 3.5,   5,   5,   3,   2, 1.5,   1, 0.6, 0.4],
  daytime:   [0.5, 0.3, 0.3, 0.3, 0.3, 0.5,   1,   2,   3, 3.5,   4,   4,   4,   4,   4,   4,   4, 3.5,   3, 2.5,   2, 1.5,   1, 0.7],
  dark:      [ 6,   6,   5,   4,   3,   1, 0.8, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.7,   1, 1.5, 2.5,   3,   4,   5,   6,   6],
  flat:      [0.5, 0.5, 0.5, 0.5, 0.5, 0.5,   1,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2,   2, 1.5, 1.5,   1,   1],
};

export const CATEGORY_PROFILE: Record<CategoryCode, HourProfile> = {
  violence: 'nightlife',
  alcohol: 'nightlife',
  disorder: 'nightlife',
  drugs: 'evening',
  youth_gangs: 'evening',
  harassment: 'evening',
  traffic: 'commute',
  theft_burglary: 'daytime',
  littering: 'daytime',
  vandalism_graffiti: 'dark',
  lighting: 'dark',
  other: 'flat',
};

/** Weekday weight, Sunday = 0. */
const WEEKDAY: Record<HourProfile, readonly number[]> = {
  nightlife: [1.0, 0.6, 0.6, 0.7, 0.9, 1.6, 1.9],
  evening: [0.9, 0.9, 0.9, 1.0, 1.0, 1.3, 1.2],
  commute: [0.5, 1.2, 1.2, 1.2, 1.2, 1.1, 0.6],
  daytime: [0.6, 1.1, 1.1, 1.1, 1.1, 1.1, 1.0],
  dark: [1.0, 0.8, 0.8, 0.9, 1.0, 1.3, 1.4],
  flat: [0.8, 1, 1, 1, 1, 1, 0.9],
};

/** Summer peaks mid-July: 1 in July, −1 in January. */
function summerness(dayMs: number): number {
  const d = new Date(dayMs);
  const doy = (dayMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  return Math.cos((2 * Math.PI * (doy - 196)) / 365.25);
}

/**
 * A timestamp for one point: a day weighted by season, weekday and trend (rejection
 * sampling), then a local hour from the category's profile (evenings weigh more in summer).
 */
export function sampleTime(rng: SeededRandom, win: TimeWindow, category: CategoryCode, trend: boolean): Timed {
  const profile = CATEGORY_PROFILE[category];
  const weekdays = WEEKDAY[profile];
  const darkLoving = category === 'lighting';
  const maxWeight = 1.3 * Math.max(...weekdays) * (trend ? trendFactor(1) : 1);
  for (let attempt = 0; attempt < 200; attempt++) {
    const day = Math.floor(rng.float() * win.days);
    const dayMs = win.firstDayMs + day * DAY_MS;
    const s = summerness(dayMs);
    // More incidents in summer, except complaints about lighting, which come in the dark season.
    const season = darkLoving ? 1 - 0.3 * s : 1 + 0.3 * s;
    const t = (dayMs - win.firstDayMs) / (win.days * DAY_MS);
    const weight = season * (weekdays[new Date(dayMs).getUTCDay()] ?? 1) * (trend ? trendFactor(t) : 1);
    if (rng.float() * maxWeight > weight) continue;
    const hourWeights = HOURS[profile].map((w, h) => (h >= 18 && s > 0 ? w * (1 + 0.6 * s) : w));
    const ms = atLocalHour(rng, dayMs, rng.index(hourWeights));
    if (ms < win.startMs || ms >= win.untilMs) continue;
    return timedAt(ms);
  }
  return timedAt(win.untilMs - DAY_MS / 2);
}
