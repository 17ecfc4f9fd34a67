/** Minimal GeoJSON geometry types for areas (WGS 84, [lon, lat] positions). */
export type Position = readonly number[];
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: readonly (readonly Position[])[];
}
export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: readonly (readonly (readonly Position[])[])[];
}
export type AreaGeometry = GeoJsonPolygon | GeoJsonMultiPolygon;

/** Ray casting against one ring. */
export function pointInRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0;
    const yi = ring[i]?.[1] ?? 0;
    const xj = ring[j]?.[0] ?? 0;
    const yj = ring[j]?.[1] ?? 0;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Ray casting against a GeoJSON polygon (outline minus holes). */
export function pointInPolygon(lon: number, lat: number, polygon: Pick<GeoJsonPolygon, 'coordinates'>): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !pointInRing(lon, lat, outer)) return false;
  return !holes.some((hole) => pointInRing(lon, lat, hole));
}

export function pointInGeometry(lon: number, lat: number, geometry: AreaGeometry): boolean {
  if (geometry.type === 'Polygon') return pointInPolygon(lon, lat, geometry);
  return geometry.coordinates.some((coordinates) => pointInPolygon(lon, lat, { coordinates }));
}

/** [west, south, east, north] of a geometry. */
export function geometryBbox(geometry: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lon = 0, lat = 0] of ring) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}
