import { centerOfMass, pointOnFeature } from '@turf/turf';

/**
 * Point-in-polygon over a collaboration's areas with a spatial index: a uniform grid over the
 * areas' extent, each cell listing the polygons whose bounding box touches it. A lookup reads one
 * cell, tests bounding boxes, then rings (even-odd ray casting, holes included). A point lies in
 * the smallest area that contains it, so districts win over the municipality boundary around them
 * (points known only to their area excepted, see `locate`).
 */
import { must } from '@lagesbild/shared';

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface AreaInput {
  id: string;
  kind: string;
  name: string;
  geometry: AreaGeometry;
}

interface IndexedPolygon {
  area: number;
  /** Rings as flat [lon, lat, lon, lat, …]. */
  outline: Float64Array;
  holes: Float64Array[];
  bbox: [number, number, number, number];
}

interface IndexedArea {
  id: string;
  kind: string;
  name: string;
  geometry: AreaGeometry;
  /** Planar area in square degrees (only compared with other areas' sizes). */
  size: number;
}

const MAX_CELLS_PER_SIDE = 256;

function ringOf(positions: unknown): Float64Array {
  if (!Array.isArray(positions)) throw new Error('a ring must be an array of positions');
  const ring = new Float64Array(positions.length * 2);
  positions.forEach((p, i) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') throw new Error('a position must be [lon, lat]');
    ring[i * 2] = p[0];
    ring[i * 2 + 1] = p[1];
  });
  return ring;
}

function ringArea(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += (ring[j * 2]! - ring[i * 2]!) * (ring[j * 2 + 1]! + ring[i * 2 + 1]!);
  return Math.abs(sum / 2);
}

function inRing(lon: number, lat: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i * 2]!;
    const yi = ring[i * 2 + 1]!;
    const xj = ring[j * 2]!;
    const yj = ring[j * 2 + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');
}

function polygonsOf(geometry: AreaGeometry): unknown[][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as unknown[]];
  return geometry.coordinates as unknown[][];
}

export class AreaIndex {
  private readonly areas: IndexedArea[] = [];
  private readonly polygons: IndexedPolygon[] = [];
  private readonly cells: Uint32Array[] = [];
  private readonly extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  private cols = 0;
  private rows = 0;
  private cellW = 1;
  private cellH = 1;
  /** Indices of the areas of kind "boundary": the collaboration's outline. */
  private readonly boundaries = new Set<number>();
  /** Area indices by normalised name, for events that name their municipality. */
  private readonly byName = new Map<string, number>();
  private readonly representatives = new Map<number, { lon: number; lat: number }>();

  constructor(inputs: readonly AreaInput[]) {
    inputs.forEach((input, areaIndex) => {
      let size = 0;
      for (const polygon of polygonsOf(input.geometry)) {
        const [outline, ...holes] = polygon.map(ringOf);
        if (!outline || outline.length < 6) continue;
        const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
        for (let i = 0; i < outline.length; i += 2) {
          bbox[0] = Math.min(bbox[0], outline[i]!);
          bbox[1] = Math.min(bbox[1], outline[i + 1]!);
          bbox[2] = Math.max(bbox[2], outline[i]!);
          bbox[3] = Math.max(bbox[3], outline[i + 1]!);
        }
        size += ringArea(outline) - holes.reduce((s, r) => s + ringArea(r), 0);
        this.polygons.push({ area: areaIndex, outline, holes, bbox });
        const extent = this.extent;
        extent[0] = Math.min(extent[0], bbox[0]);
        extent[1] = Math.min(extent[1], bbox[1]);
        extent[2] = Math.max(extent[2], bbox[2]);
        extent[3] = Math.max(extent[3], bbox[3]);
      }
      this.areas.push({ id: input.id, kind: input.kind, name: input.name, geometry: input.geometry, size });
      if (input.kind === 'boundary') this.boundaries.add(areaIndex);
      // Of areas sharing a name (a municipality and its central district), the largest stands for it.
      const key = nameKey(input.name);
      const known = this.byName.get(key);
      if (known === undefined || this.area(known).size < size) this.byName.set(key, areaIndex);
    });
    this.buildGrid();
  }

  get size(): number {
    return this.areas.length;
  }

  get hasBoundary(): boolean {
    return this.boundaries.size > 0;
  }

  private buildGrid(): void {
    if (this.polygons.length === 0) return;
    const [w, s, e, n] = this.extent;
    const side = Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(Math.sqrt(this.polygons.length) * 4)));
    this.cols = side;
    this.rows = side;
    this.cellW = Math.max((e - w) / side, 1e-9);
    this.cellH = Math.max((n - s) / side, 1e-9);
    const lists: number[][] = Array.from({ length: side * side }, () => []);
    this.polygons.forEach((p, index) => {
      const [c0, r0] = this.cellOf(p.bbox[0], p.bbox[1]);
      const [c1, r1] = this.cellOf(p.bbox[2], p.bbox[3]);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) must(lists[r * side + c], 'grid cell').push(index);
    });
    for (const list of lists) this.cells.push(Uint32Array.from(list));
  }

  private cellOf(lon: number, lat: number): [number, number] {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((lon - this.extent[0]) / this.cellW)));
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.extent[1]) / this.cellH)));
    return [c, r];
  }

  private *containing(lon: number, lat: number): Generator<number> {
    if (this.polygons.length === 0) return;
    const [w, s, e, n] = this.extent;
    if (lon < w || lon > e || lat < s || lat > n) return;
    const [c, r] = this.cellOf(lon, lat);
    for (const index of must(this.cells[r * this.cols + c], 'grid cell')) {
      const p = must(this.polygons[index], 'indexed polygon');
      if (lon < p.bbox[0] || lon > p.bbox[2] || lat < p.bbox[1] || lat > p.bbox[3]) continue;
      if (inRing(lon, lat, p.outline) && !p.holes.some((hole) => inRing(lon, lat, hole))) yield p.area;
    }
  }

  /**
   * The id of the smallest area containing the point, or null. A point known only to its area
   * (`coarse`: the police feed places events at the municipality's centre) goes to the largest
   * area containing it instead: the municipality, not whichever district holds its centre.
   */
  locate(lon: number, lat: number, coarse = false): string | null {
    let best: IndexedArea | undefined;
    for (const a of this.containing(lon, lat)) {
      const area = this.area(a);
      if (!best || (coarse ? area.size > best.size : area.size < best.size)) best = area;
    }
    return best ? best.id : null;
  }

  /** Does the area with this id (still) contain the point? */
  areaContains(areaId: string, lon: number, lat: number): boolean {
    for (const a of this.containing(lon, lat)) if (this.area(a).id === areaId) return true;
    return false;
  }

  /** Inside the collaboration's boundary? Always true when it has none. */
  inBoundary(lon: number, lat: number): boolean {
    if (this.boundaries.size === 0) return true;
    for (const a of this.containing(lon, lat)) if (this.boundaries.has(a)) return true;
    return false;
  }

  /** The names of the boundary areas, for messages. */
  boundaryNames(): string[] {
    return [...this.boundaries].map((i) => this.area(i).name);
  }

  private area(index: number): IndexedArea {
    return must(this.areas[index], 'indexed area');
  }

  /**
   * The area called `name` (case and spacing aside) and a point that stands for it: its centre of
   * mass, or a point on its surface when the centre falls outside (a bent or many-island shape), so
   * that the point lies in the area and re-assignment keeps it there. Null when no area has the name.
   */
  named(name: string): { id: string; lon: number; lat: number } | null {
    const index = this.byName.get(nameKey(name));
    if (index === undefined) return null;
    const area = this.area(index);
    let point = this.representatives.get(index);
    if (!point) {
      const feature: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> = {
        type: 'Feature',
        properties: {},
        geometry: area.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon,
      };
      let [lon, lat] = centerOfMass(feature).geometry.coordinates as [number, number];
      if (!this.areaContains(area.id, lon, lat)) [lon, lat] = pointOnFeature(feature).geometry.coordinates as [number, number];
      point = { lon, lat };
      this.representatives.set(index, point);
    }
    return { id: area.id, ...point };
  }
}
