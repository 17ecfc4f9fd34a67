/**
 * A small OpenStreetMap-like PMTiles archive for the tests: a few blocks of streets with names in
 * the Protomaps basemap schema (layers earth, roads, buildings, places), cut into vector tiles with
 * geojson-vt and vt-pbf. npm has PMTiles readers but no writer, so the v3 layout is written here
 * (uncompressed directory and tiles; one root directory, which suffices for a few hundred tiles).
 */
import { writeFileSync } from 'node:fs';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { zxyToTileId } from 'pmtiles';

export const STREET_NAMES = ['Storgatan', 'Tunnelgatan', 'Parkvägen'] as const;

function varints(values: readonly number[]): Buffer {
  const bytes: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes);
}

/** Writes a PMTiles v3 archive of MVT tiles, ordered by tile id as the format wants. */
export function writePmtiles(
  path: string,
  tiles: { z: number; x: number; y: number; data: Uint8Array }[],
  bounds: readonly [number, number, number, number],
  metadata: object,
): void {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const offsets: number[] = [];
  let offset = 0;
  for (const t of sorted) {
    offsets.push(offset);
    offset += t.data.length;
  }
  const directory = Buffer.concat([
    varints([sorted.length]),
    // Tile ids as deltas from the previous entry's.
    varints(sorted.map((t, i) => t.id - (i === 0 ? 0 : (sorted[i - 1]?.id ?? 0)))),
    varints(sorted.map(() => 1)),
    varints(sorted.map((t) => t.data.length)),
    // Each offset + 1: 0 would mean "right after the previous tile", true here too, but explicit is plainer.
    varints(offsets.map((o) => o + 1)),
  ]);
  const meta = Buffer.from(JSON.stringify(metadata));
  const data = Buffer.concat(sorted.map((t) => Buffer.from(t.data)));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127);
  u64(16, directory.length);
  u64(24, 127 + directory.length);
  u64(32, meta.length);
  u64(40, 127 + directory.length + meta.length);
  u64(48, 0);
  u64(56, 127 + directory.length + meta.length);
  u64(64, data.length);
  u64(72, sorted.length);
  u64(80, sorted.length);
  u64(88, sorted.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(1, 99); // tile type: MVT
  const zooms = sorted.length ? tiles.map((t) => t.z) : [0];
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  header.writeInt32LE(e7(bounds[0]), 102);
  header.writeInt32LE(e7(bounds[1]), 106);
  header.writeInt32LE(e7(bounds[2]), 110);
  header.writeInt32LE(e7(bounds[3]), 114);
  header.writeUInt8(Math.max(...zooms), 118);
  header.writeInt32LE(e7((bounds[0] + bounds[2]) / 2), 119);
  header.writeInt32LE(e7((bounds[1] + bounds[3]) / 2), 123);
  writeFileSync(path, Buffer.concat([header, directory, meta, data]));
}

type Feature = GeoJSON.Feature;
const line = (props: object, coordinates: [number, number][]): Feature => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'LineString', coordinates },
});
const box = (props: object, [w = 0, s = 0, e = 0, n = 0]: readonly number[]): Feature => {
  const corners: [number, number][] = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
  ];
  return { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[...corners, [w, s]]] } };
};

export function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [x, y];
}

/**
 * Writes an archive of zooms 10–16 around a centre: land, three named streets crossing it
 * (Storgatan a major road, so it is labelled from zoom 11), two blocks of buildings and a place name.
 */
export function writeStreetArchive(path: string, [lon, lat]: readonly [number, number]): void {
  const d = 0.004;
  const bounds = [lon - 3 * d, lat - 2 * d, lon + 3 * d, lat + 2 * d] as const;
  const layers: Record<string, Feature[]> = {
    earth: [box({ kind: 'earth' }, bounds)],
    roads: [
      line({ kind: 'major_road', kind_detail: 'primary', name: STREET_NAMES[0], min_zoom: 10 }, [
        [lon - 3 * d, lat],
        [lon + 3 * d, lat],
      ]),
      line({ kind: 'minor_road', kind_detail: 'residential', name: STREET_NAMES[1], min_zoom: 12 }, [
        [lon, lat - 2 * d],
        [lon, lat + 2 * d],
      ]),
      line({ kind: 'minor_road', kind_detail: 'residential', name: STREET_NAMES[2], min_zoom: 12 }, [
        [lon - 3 * d, lat + d],
        [lon + 3 * d, lat + d],
      ]),
    ],
    buildings: [
      box({ kind: 'building' }, [lon - 0.9 * d, lat + 0.15 * d, lon - 0.2 * d, lat + 0.8 * d]),
      box({ kind: 'building' }, [lon + 0.2 * d, lat - 0.8 * d, lon + 0.9 * d, lat - 0.15 * d]),
    ],
    places: [
      {
        type: 'Feature',
        properties: { kind: 'neighbourhood', name: 'Centrum', min_zoom: 10 },
        geometry: { type: 'Point', coordinates: [lon - 1.5 * d, lat - 1.2 * d] },
      },
    ],
  };
  const tiles: { z: number; x: number; y: number; data: Uint8Array }[] = [];
  for (let z = 10; z <= 16; z++) {
    const [x0, y0] = tileAt(bounds[0], bounds[3], z);
    const [x1, y1] = tileAt(bounds[2], bounds[1], z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const cut = Object.fromEntries(
          Object.entries(layers).map(([name, features]) => [name, geoJSONToTile({ type: 'FeatureCollection', features }, z, x, y)]),
        );
        tiles.push({ z, x, y, data: fromGeojsonVt(cut, { version: 2, extent: 4096 }) });
      }
    }
  }
  writePmtiles(path, tiles, bounds, {
    name: 'test streets',
    attribution: '© OpenStreetMap contributors',
    vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })),
  });
}
