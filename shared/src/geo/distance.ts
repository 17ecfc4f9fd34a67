/** Metres from a WGS 84 place to the nearest edge of a [west, south, east, north] box; 0 inside it. */
export function metresOutsideBbox(bbox: readonly number[], lat: number, lon: number): number {
  const [w = 0, s = 0, e = 0, n = 0] = bbox;
  const dLat = lat < s ? s - lat : lat > n ? lat - n : 0;
  const dLon = lon < w ? w - lon : lon > e ? lon - e : 0;
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLon = 111_320 * Math.cos((Math.min(Math.max(lat, s), n) * Math.PI) / 180);
  return Math.hypot(dLat * metresPerDegreeLat, dLon * metresPerDegreeLon);
}
