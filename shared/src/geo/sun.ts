/**
 * Sunrise, sunset and "is it dark here now?" after NOAA's solar calculator (the spreadsheet
 * algorithm of NOAA's Global Monitoring Laboratory, from Meeus, "Astronomical Algorithms"):
 * accurate to about a minute for latitudes within ±72°, which covers Sweden (55–69° N).
 *
 * Sunrise and sunset are the moments the sun's upper limb touches the horizon with standard
 * refraction, i.e. a geometric solar elevation of −0.833°. "Dark" means the sun is below that:
 * after sunset or before sunrise at that place and date. North of the Arctic Circle there are
 * days with no sunrise (polar night: dark all day) and days with no sunset (midnight sun: never
 * dark); `sunTimes` reports them as `polar: 'night' | 'day'`.
 */

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Solar elevation at sunrise and sunset: refraction (0.567°) plus the sun's semi-diameter (0.266°). */
export const SUNRISE_ELEVATION = -0.833;

/** Declination (radians) and equation of time (minutes) at an instant. */
export interface SolarPosition {
  declination: number;
  equationOfTime: number;
}

/** NOAA: the sun's declination and the equation of time at the instant `ms` (Unix ms, UTC). */
export function solarPosition(ms: number): SolarPosition {
  const jd = ms / DAY_MS + 2440587.5;
  const t = (jd - 2451545) / 36525; // Julian centuries since J2000.0
  const l0 = (((280.46646 + t * (36000.76983 + t * 0.0003032)) % 360) + 360) % 360; // mean longitude
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t); // mean anomaly
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t); // orbit eccentricity
  const mr = m * DEG;
  const centre =
    Math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * mr) * (0.019993 - 0.000101 * t) + Math.sin(3 * mr) * 0.000289;
  const trueLongitude = l0 + centre;
  const omega = (125.04 - 1934.136 * t) * DEG;
  const apparentLongitude = (trueLongitude - 0.00569 - 0.00478 * Math.sin(omega)) * DEG;
  const meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliquity = (meanObliquity + 0.00256 * Math.cos(omega)) * DEG;
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(apparentLongitude));
  const y = Math.tan(obliquity / 2) ** 2;
  const l0r = l0 * DEG;
  const eqTime =
    (4 *
      (y * Math.sin(2 * l0r) -
        2 * e * Math.sin(mr) +
        4 * e * y * Math.sin(mr) * Math.cos(2 * l0r) -
        0.5 * y * y * Math.sin(4 * l0r) -
        1.25 * e * e * Math.sin(2 * mr))) /
    DEG;
  return { declination, equationOfTime: eqTime };
}

/** The sun's elevation above the horizon in degrees (geometric, without refraction) at `ms`, lat, lon. */
export function solarElevation(ms: number, lat: number, lon: number): number {
  const { declination, equationOfTime } = solarPosition(ms);
  return elevationFrom(ms, lat, lon, declination, equationOfTime);
}

function elevationFrom(ms: number, lat: number, lon: number, declination: number, equationOfTime: number): number {
  const minutesUtc = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  const trueSolarMinutes = minutesUtc + equationOfTime + 4 * lon;
  const hourAngle = (trueSolarMinutes / 4 - 180) * DEG;
  const phi = lat * DEG;
  const cosZenith = Math.sin(phi) * Math.sin(declination) + Math.cos(phi) * Math.cos(declination) * Math.cos(hourAngle);
  return 90 - Math.acos(Math.max(-1, Math.min(1, cosZenith))) / DEG;
}

export interface SunTimes {
  /** Sunrise and sunset (Unix ms, UTC); null on a day without them. */
  sunrise: number | null;
  sunset: number | null;
  /** Solar noon (Unix ms, UTC). */
  noon: number;
  /** 'day': the sun never sets (midnight sun); 'night': it never rises (polar night). */
  polar?: 'day' | 'night';
}

/** Hour angle (degrees) of sunrise/sunset, or ±Infinity when the sun stays up (−∞) or down (+∞). */
function sunriseHourAngle(lat: number, declination: number): number {
  const phi = lat * DEG;
  const cosH = (Math.sin(SUNRISE_ELEVATION * DEG) - Math.sin(phi) * Math.sin(declination)) / (Math.cos(phi) * Math.cos(declination));
  if (cosH > 1) return Infinity; // polar night
  if (cosH < -1) return -Infinity; // midnight sun
  return Math.acos(cosH) / DEG;
}

/**
 * Sunrise, solar noon and sunset at (lat, lon) on the calendar date `date` (YYYY-MM-DD, the
 * date at that place; in Sweden solar noon falls between 10:45 and 11:45 UTC, so the UTC date
 * is the local date). Each event is refined once at its own instant, as NOAA's calculator does.
 */
export function sunTimes(date: string, lat: number, lon: number): SunTimes {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  const midnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) throw new RangeError(`bad position ${lat}, ${lon}`);
  // Solar noon: 720 minutes − 4·lon − equation of time (minutes after UTC midnight).
  let noon = midnight + (720 - 4 * lon) * 60_000;
  noon = midnight + (720 - 4 * lon - solarPosition(noon).equationOfTime) * 60_000;
  const event = (sign: -1 | 1): number | null | 'up' | 'down' => {
    let at = noon;
    for (let i = 0; i < 2; i++) {
      const { declination, equationOfTime } = solarPosition(at);
      const h = sunriseHourAngle(lat, declination);
      if (h === Infinity) return 'down';
      if (h === -Infinity) return 'up';
      at = midnight + (720 - 4 * (lon - sign * h) - equationOfTime) * 60_000;
    }
    return at;
  };
  const rise = event(-1);
  const set = event(1);
  if (typeof rise === 'number' && typeof set === 'number') return { sunrise: rise, sunset: set, noon };
  // One event missing: the sun is above the sunrise elevation all day at noon's declination
  // (midnight sun) or below it (polar night). Decide by the noon elevation.
  const polar = solarElevation(noon, lat, lon) > SUNRISE_ELEVATION ? 'day' : 'night';
  return { sunrise: typeof rise === 'number' ? rise : null, sunset: typeof set === 'number' ? set : null, noon, polar };
}

/** True when the sun is below the sunrise/sunset elevation at (lat, lon) at the instant `ms`. */
export function isDark(ms: number, lat: number, lon: number): boolean {
  return solarElevation(ms, lat, lon) < SUNRISE_ELEVATION;
}

/**
 * A fast darkness test for many points in one period: the declination and equation of time
 * are tabulated once a day (noon UTC) over [fromMs, toMs] and interpolated linearly between
 * days (the declination moves at most 0.4° a day, almost linearly, so the error is below 0.001°,
 * a few seconds of sunrise). Instants outside the table fall back to the exact calculation.
 */
export function darknessTest(fromMs: number, toMs: number): (ms: number, lat: number, lon: number) => boolean {
  const first = Math.floor(fromMs / DAY_MS) - 1;
  const last = Math.floor(toMs / DAY_MS) + 1;
  const days = last - first + 1;
  if (!(days > 0) || days > 200_000) return isDark;
  const sinDecl = new Float64Array(days);
  const cosDecl = new Float64Array(days);
  const eqTime = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const pos = solarPosition((first + d) * DAY_MS + DAY_MS / 2);
    sinDecl[d] = Math.sin(pos.declination);
    cosDecl[d] = Math.cos(pos.declination);
    eqTime[d] = pos.equationOfTime;
  }
  const sinThreshold = Math.sin(SUNRISE_ELEVATION * DEG);
  return (ms, lat, lon) => {
    // Position between the noon samples d and d + 1.
    const u = (ms - DAY_MS / 2) / DAY_MS - first;
    const d = Math.floor(u);
    if (!(d >= 0 && d + 1 < days)) return isDark(ms, lat, lon);
    const f = u - d;
    const sd = sinDecl[d]! + f * (sinDecl[d + 1]! - sinDecl[d]!);
    const cd = cosDecl[d]! + f * (cosDecl[d + 1]! - cosDecl[d]!);
    const eq = eqTime[d]! + f * (eqTime[d + 1]! - eqTime[d]!);
    const minutesUtc = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
    const hourAngle = ((minutesUtc + eq + 4 * lon) / 4 - 180) * DEG;
    const phi = lat * DEG;
    // sin(elevation) = cos(zenith); compare sines instead of taking an arcsine.
    return Math.sin(phi) * sd + Math.cos(phi) * cd * Math.cos(hourAngle) < sinThreshold;
  };
}
