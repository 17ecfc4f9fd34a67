import { describe, expect, it } from 'vitest';
import {
  fromStockholmWallClock,
  stockholmDate,
  stockholmDayAtHour,
  stockholmDayStart,
  stockholmHour,
  stockholmOffsetMs,
  stockholmWeekday,
  stockholmWeekdayFast,
} from './stockholm';

const HOUR = 3_600_000;

describe('Swedish local time', () => {
  it('switches between CET and CEST at 01:00 UTC on the last Sundays of March and October', () => {
    expect(stockholmOffsetMs(Date.UTC(2024, 2, 31, 0, 59))).toBe(HOUR);
    expect(stockholmOffsetMs(Date.UTC(2024, 2, 31, 1, 0))).toBe(2 * HOUR);
    expect(stockholmOffsetMs(Date.UTC(2024, 9, 27, 0, 59))).toBe(2 * HOUR);
    expect(stockholmOffsetMs(Date.UTC(2024, 9, 27, 1, 0))).toBe(HOUR);
  });

  it('finds day starts, dates, hours and weekdays in local time', () => {
    expect(new Date(stockholmDayStart('2024-07-01')).toISOString()).toBe('2024-06-30T22:00:00.000Z');
    expect(new Date(stockholmDayStart('2024-01-01')).toISOString()).toBe('2023-12-31T23:00:00.000Z');
    expect(new Date(stockholmDayAtHour('2024-07-01', 20)).toISOString()).toBe('2024-07-01T18:00:00.000Z');
    expect(new Date(stockholmDayAtHour('2024-01-01', 12)).toISOString()).toBe('2024-01-01T11:00:00.000Z');
    expect(stockholmDate(Date.UTC(2024, 5, 30, 22, 30))).toBe('2024-07-01');
    expect(stockholmHour(Date.UTC(2024, 5, 30, 22, 30))).toBe(0);
    expect(fromStockholmWallClock(Date.UTC(2024, 11, 24, 15))).toBe(Date.UTC(2024, 11, 24, 14));
    // 2024-11-25 is a Monday; 23:30 UTC on Sunday the 24th is already Monday in Sweden.
    expect(stockholmWeekday(Date.UTC(2024, 10, 25, 12))).toBe(0);
    expect(stockholmWeekday(Date.UTC(2024, 10, 24, 22, 59))).toBe(6);
    expect(stockholmWeekday(Date.UTC(2024, 10, 24, 23, 30))).toBe(0);
  });

  it('the fast weekday agrees with the plain one across years and DST switches', () => {
    const fast = stockholmWeekdayFast();
    for (let ms = Date.UTC(2022, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 7 * HOUR + 13 * 60_000) {
      expect(fast(ms)).toBe(stockholmWeekday(ms));
    }
    expect(fast(Date.UTC(1999, 5, 1))).toBe(stockholmWeekday(Date.UTC(1999, 5, 1)));
  });
});
