import proj4 from 'proj4';

/**
 * Swedish coordinate systems. The hot-spot grid works in SWEREF 99 TM metres; imports
 * arrive in WGS 84, SWEREF 99 TM or the old RT 90 2.5 gon V.
 */
proj4.defs('EPSG:3006', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs');
proj4.defs(
  'EPSG:3021',
  '+proj=tmerc +lat_0=0 +lon_0=15.8082777777778 +k=1 +x_0=1500000 +y_0=0 +ellps=bessel ' +
    '+towgs84=414.1,41.3,603.1,-0.855,2.141,-7.023,0 +units=m +no_defs +type=crs',
);

const toSweref = proj4('EPSG:4326', 'EPSG:3006');
const fromSweref = proj4('EPSG:3006', 'EPSG:4326');
const fromRt90 = proj4('EPSG:3021', 'EPSG:4326');

/** WGS 84 → SWEREF 99 TM; returns [easting, northing] in metres. */
export function wgs84ToSweref(lat: number, lon: number): [number, number] {
  const [x, y] = toSweref.forward([lon, lat]);
  return [x, y];
}

/** SWEREF 99 TM (easting, northing) → [lat, lon]. */
export function swerefToWgs84(easting: number, northing: number): [number, number] {
  const [lon, lat] = fromSweref.forward([easting, northing]);
  return [lat, lon];
}

/** RT 90 2.5 gon V (easting "Y", northing "X") → [lat, lon]. */
export function rt90ToWgs84(easting: number, northing: number): [number, number] {
  const [lon, lat] = fromRt90.forward([easting, northing]);
  return [lat, lon];
}

/** A generous box around Sweden in WGS 84: [west, south, east, north]. */
export const SWEDEN_BBOX = [10.5, 55.0, 24.5, 69.2] as const;

export function isInSweden(lat: number, lon: number): boolean {
  return lon >= SWEDEN_BBOX[0] && lat >= SWEDEN_BBOX[1] && lon <= SWEDEN_BBOX[2] && lat <= SWEDEN_BBOX[3];
}
