import { describe, expect, it } from 'vitest';
import { stockholmDayStart } from '../time/stockholm';
import { SUNRISE_ELEVATION, darknessTest, isDark, solarElevation, sunTimes } from './sun';
import { must } from '../must';

const STOCKHOLM = [59.3293, 18.0686] as const;
const MALMO = [55.605, 13.0038] as const;
const KIRUNA = [67.8558, 20.2253] as const;
const VARNAMO = [57.186, 14.04] as const;
const MINUTE = 60_000;

/** A Swedish wall-clock time 'YYYY-MM-DD HH:MM' as a UTC instant. */
function local(dateTime: string): number {
  const [date, time] = dateTime.split(' ') as [string, string];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return stockholmDayStart(date) + (h * 60 + m) * MINUTE;
}

describe('sunTimes (NOAA)', () => {
  // Published times (SMHI / timeanddate.com, to the minute); NOAA's method is good to about a minute.
  it.each([
    ['Stockholm, midsummer', STOCKHOLM, '2024-06-20', '2024-06-20 03:30', '2024-06-20 22:08'],
    ['Stockholm, midwinter', STOCKHOLM, '2024-12-21', '2024-12-21 08:43', '2024-12-21 14:48'],
    ['Stockholm, equinox', STOCKHOLM, '2024-03-20', '2024-03-20 05:48', '2024-03-20 18:03'],
    ['Malmö, midsummer', MALMO, '2024-06-21', '2024-06-21 04:24', '2024-06-21 21:56'],
  ] as const)('%s', (_name, [lat, lon], date, sunrise, sunset) => {
    const times = sunTimes(date, lat, lon);
    expect(times.polar).toBeUndefined();
    expect(Math.abs(must(times.sunrise, 'times.sunrise') - local(sunrise))).toBeLessThanOrEqual(1.5 * MINUTE);
    expect(Math.abs(must(times.sunset, 'times.sunset') - local(sunset))).toBeLessThanOrEqual(1.5 * MINUTE);
  });

  it('knows the midnight sun and the polar night in Kiruna', () => {
    expect(sunTimes('2024-06-21', ...KIRUNA)).toMatchObject({ sunrise: null, sunset: null, polar: 'day' });
    expect(sunTimes('2024-12-21', ...KIRUNA)).toMatchObject({ sunrise: null, sunset: null, polar: 'night' });
    // Still a short day just before the polar night sets in.
    const short = sunTimes('2024-12-08', ...KIRUNA);
    expect(short.polar).toBeUndefined();
    expect(must(short.sunset, 'sunset') - must(short.sunrise, 'sunrise')).toBeLessThan(90 * MINUTE);
  });

  it('puts the sun at the sunrise elevation at sunrise and sunset', () => {
    for (const date of ['2024-01-15', '2024-04-01', '2024-07-10', '2024-10-31']) {
      for (const [lat, lon] of [STOCKHOLM, MALMO, VARNAMO]) {
        const times = sunTimes(date, lat, lon);
        expect(solarElevation(must(times.sunrise, 'sunrise'), lat, lon)).toBeCloseTo(SUNRISE_ELEVATION, 2);
        expect(solarElevation(must(times.sunset, 'sunset'), lat, lon)).toBeCloseTo(SUNRISE_ELEVATION, 2);
      }
    }
  });

  it('refuses malformed dates', () => {
    expect(() => sunTimes('2024-6-1', ...STOCKHOLM)).toThrow(RangeError);
  });
});

describe('isDark', () => {
  it('is dark after sunset and before sunrise, light in between', () => {
    const times = sunTimes('2024-12-21', ...VARNAMO);
    const sunrise = must(times.sunrise, 'sunrise');
    const sunset = must(times.sunset, 'sunset');
    expect(isDark(sunrise - 5 * MINUTE, ...VARNAMO)).toBe(true);
    expect(isDark(sunrise + 5 * MINUTE, ...VARNAMO)).toBe(false);
    expect(isDark(sunset - 5 * MINUTE, ...VARNAMO)).toBe(false);
    expect(isDark(sunset + 5 * MINUTE, ...VARNAMO)).toBe(true);
    // 17:00 in December is dark in Värnamo; 17:00 in June is not.
    expect(isDark(local('2024-12-21 17:00'), ...VARNAMO)).toBe(true);
    expect(isDark(local('2024-06-21 17:00'), ...VARNAMO)).toBe(false);
    expect(isDark(local('2024-06-21 23:30'), ...VARNAMO)).toBe(true);
  });

  it('is never dark in the midnight sun and always dark in the polar night', () => {
    for (let h = 0; h < 24; h++) {
      expect(isDark(local(`2024-06-21 ${String(h).padStart(2, '0')}:00`), ...KIRUNA)).toBe(false);
      expect(isDark(local(`2024-12-21 ${String(h).padStart(2, '0')}:00`), ...KIRUNA)).toBe(true);
    }
  });

  it('darknessTest agrees with the exact calculation except within seconds of sunrise or sunset', () => {
    const from = Date.UTC(2023, 0, 1);
    const to = Date.UTC(2025, 0, 1);
    const fast = darknessTest(from, to);
    let state = 12345;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let disagreements = 0;
    for (let i = 0; i < 20_000; i++) {
      const ms = from + rand() * (to - from);
      const lat = 55 + rand() * 14;
      const lon = 11 + rand() * 13;
      if (fast(ms, lat, lon) !== isDark(ms, lat, lon)) {
        disagreements++;
        // Only right at the horizon: the elevation is within 0.01° of the threshold.
        expect(Math.abs(solarElevation(ms, lat, lon) - SUNRISE_ELEVATION)).toBeLessThan(0.01);
      }
    }
    expect(disagreements).toBeLessThan(10);
    // Outside its table it falls back to the exact calculation.
    const outside = local('2030-12-21 17:00');
    expect(fast(outside, ...VARNAMO)).toBe(true);
  });
});
