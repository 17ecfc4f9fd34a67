import type { Locale } from '@lagesbild/shared';

/** The language tag the app formats numbers and dates with. */
export const localeTag = (locale: Locale): string => (locale === 'sv' ? 'sv-SE' : 'en-GB');

/**
 * Formats calendar days ('2026-05-04', or the day of a timestamp) the way the locale writes them.
 * The day is read at noon UTC, so no time zone moves it to the day before or after.
 */
export function dayFormatter(locale: Locale, dateStyle: 'medium' | 'long' = 'medium'): (day: string) => string {
  const format = new Intl.DateTimeFormat(localeTag(locale), { dateStyle, timeZone: 'UTC' });
  return (day) => format.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
}

/** Today on this device as a date input wants it (yyyy-mm-dd). */
export const today = (): string => new Date().toLocaleDateString('sv-SE');
