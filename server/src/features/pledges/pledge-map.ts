import { must, swerefToWgs84, wgs84ToSweref, type AreaGeometry } from '@lagesbild/shared';
import {
  cellId,
  parseCellId,
  polygonSet,
  runHotspotAnalysis,
  type HotspotResult,
  type MetricPolygon,
} from '@lagesbild/shared/hotspot/index';
import { Raster, hex, type Rgb } from './raster';

/**
 * The pledge's hot-spot map, computed and drawn on the server: Gi* with FDR on 250 m cells over
 * the exact points of the pledge's problems in its evidence period, drawn as a PNG with the
 * collaboration's boundary, its districts and a legend. No browser, no map tiles.
 */

export const PLEDGE_CELL_SIZE = 250;

export interface MapArea {
  name: string;
  kind: string;
  geometry: AreaGeometry;
}

export interface HotspotAnalysis {
  boundary: MetricPolygon[];
  districts: { name: string; polygons: MetricPolygon[] }[];
  /** Null when there is no study area at all (no areas). */
  result: HotspotResult | null;
  insufficient: string | null;
}

export interface HotCell {
  cellId: string;
  class: number;
  areaName: string | null;
  lat: number;
  lon: number;
}

export function toMetric(geometry: AreaGeometry): MetricPolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.flatMap(([lon = 0, lat = 0]) => wgs84ToSweref(lat, lon))));
}

/** Runs the analysis; `points` are the problems' exact points (x, y in SWEREF 99 TM metres). */
export function analyseHotspots(areas: MapArea[], points: { x: number; y: number }[]): HotspotAnalysis {
  const outer = areas.filter((a) => a.kind === 'boundary');
  const districts = areas.filter((a) => a.kind !== 'boundary').map((a) => ({ name: a.name, polygons: toMetric(a.geometry) }));
  const boundary = (outer.length > 0 ? outer : areas).flatMap((a) => toMetric(a.geometry));
  const study = polygonSet(boundary);
  if (!study.bbox) return { boundary, districts, result: null, insufficient: 'The collaboration has no area boundaries.' };
  const xy: number[] = [];
  for (const p of points) if (study.contains(p.x, p.y)) xy.push(p.x, p.y);
  const result = runHotspotAnalysis({
    xy: Float64Array.from(xy),
    bbox: study.bbox,
    inside: (x, y) => study.contains(x, y),
    cellSize: PLEDGE_CELL_SIZE,
  });
  return { boundary, districts, result, insufficient: result.insufficient?.reason ?? null };
}

/** The hot cells (90 % or more after FDR), hottest first, with the district each lies in. */
export function hotCells(analysis: HotspotAnalysis): HotCell[] {
  const { result } = analysis;
  if (!result || result.insufficient) return [];
  const grid = { originX: result.origin[0], originY: result.origin[1], cellSize: result.cellSize, cols: result.cols, rows: result.rows };
  const districtSets = analysis.districts.map((d) => ({ name: d.name, set: polygonSet(d.polygons) }));
  const cells: HotCell[] = [];
  for (let k = 0; k < result.classes.length; k++) {
    const cls = result.classes[k]!;
    if (cls <= 0) continue;
    const col = k % result.cols;
    const row = (k - col) / result.cols;
    const x = grid.originX + (col + 0.5) * grid.cellSize;
    const y = grid.originY + (row + 0.5) * grid.cellSize;
    const [lat, lon] = swerefToWgs84(x, y);
    cells.push({
      cellId: cellId(grid, k),
      class: cls,
      areaName: districtSets.find((d) => d.set.contains(x, y))?.name ?? null,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
    });
  }
  const zOf = (id: string) => {
    const parsed = must(parseCellId(id), `the cell id ${id}`);
    const col = Math.round((parsed.bounds[0] - grid.originX) / grid.cellSize);
    const row = Math.round((parsed.bounds[1] - grid.originY) / grid.cellSize);
    return result.z[row * grid.cols + col] ?? 0;
  };
  return cells.sort((a, b) => b.class - a.class || zOf(b.cellId) - zOf(a.cellId) || a.cellId.localeCompare(b.cellId));
}

export const HOT_COLOURS: Record<1 | 2 | 3, Rgb> = { 3: hex('#b2182b'), 2: hex('#ef8a62'), 1: hex('#fddbc7') };
const INK = hex('#1b1f24');
const DISTRICT_LINE = hex('#7b8794');
const LAND = hex('#eef1f5');
const WHITE: Rgb = [255, 255, 255];

export interface MapOptions {
  width?: number;
  height?: number;
  /** Cells the activities point at: outlined in black. */
  markedCells?: string[];
}

/** Area-weighted centroid of a polygon's outer ring (pixels or metres alike). */
function centroid(ring: ArrayLike<number>): [number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length >> 1;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = ring[2 * i]!;
    const y0 = ring[2 * i + 1]!;
    const x1 = ring[2 * j]!;
    const y1 = ring[2 * j + 1]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-9) return [ring[0] ?? 0, ring[1] ?? 0];
  return [cx / (3 * area), cy / (3 * area)];
}

function ringArea(ring: ArrayLike<number>): number {
  let area = 0;
  const n = ring.length >> 1;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += ring[2 * i]! * ring[2 * j + 1]! - ring[2 * j]! * ring[2 * i + 1]!;
  }
  return Math.abs(area) / 2;
}

/** Draws the map as a PNG: land, hot cells by class, districts with names, boundary, legend, scale bar. */
export function renderHotspotMap(analysis: HotspotAnalysis, options: MapOptions = {}): Buffer {
  const width = options.width ?? 1200;
  const height = options.height ?? 900;
  const raster = new Raster(width, height, WHITE);
  const legendHeight = 76;
  const margin = 24;
  const all: (readonly ArrayLike<number>[])[] = [...analysis.boundary, ...analysis.districts.flatMap((d) => d.polygons)];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of all) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i += 2) {
        minX = Math.min(minX, ring[i]!);
        maxX = Math.max(maxX, ring[i]!);
        minY = Math.min(minY, ring[i + 1]!);
        maxY = Math.max(maxY, ring[i + 1]!);
      }
    }
  }
  const mapHeight = height - legendHeight - 2 * margin;
  const mapWidth = width - 2 * margin;
  if (!(maxX > minX && maxY > minY)) {
    raster.text(margin, margin, 'INGA OMRÅDESGRÄNSER', INK, 3);
    return raster.toPng();
  }
  const scale = Math.min(mapWidth / (maxX - minX), mapHeight / (maxY - minY));
  const left = margin + (mapWidth - (maxX - minX) * scale) / 2;
  const top = margin + (mapHeight - (maxY - minY) * scale) / 2;
  const px = (x: number) => left + (x - minX) * scale;
  const py = (y: number) => top + (maxY - y) * scale;
  const toPixels = (ring: ArrayLike<number>) => {
    const out = new Float64Array(ring.length);
    for (let i = 0; i + 1 < ring.length; i += 2) {
      out[i] = px(ring[i]!);
      out[i + 1] = py(ring[i + 1]!);
    }
    return out;
  };

  for (const polygon of analysis.boundary) raster.fillPolygon(polygon.map(toPixels), LAND);

  const { result } = analysis;
  if (result && !result.insufficient) {
    // Cells are analysed when their centre lies inside; they are drawn clipped to the boundary.
    const land = polygonSet(analysis.boundary);
    const size = result.cellSize;
    for (let k = 0; k < result.classes.length; k++) {
      const cls = result.classes[k]!;
      if (cls <= 0) continue;
      const col = k % result.cols;
      const row = (k - col) / result.cols;
      const x0 = result.origin[0] + col * size;
      const y0 = result.origin[1] + row * size;
      const colour = HOT_COLOURS[Math.min(3, cls) as 1 | 2 | 3];
      for (let y = Math.round(py(y0 + size)); y < Math.round(py(y0)); y++) {
        for (let x = Math.round(px(x0)); x < Math.round(px(x0 + size)); x++) {
          if (land.contains(minX + (x + 0.5 - left) / scale, maxY - (y + 0.5 - top) / scale)) raster.setPixel(x, y, colour);
        }
      }
    }
  }

  for (const district of analysis.districts)
    for (const polygon of district.polygons) for (const ring of polygon) raster.polygonOutline(toPixels(ring), DISTRICT_LINE, 2);
  for (const polygon of analysis.boundary) for (const ring of polygon) raster.polygonOutline(toPixels(ring), INK, 3);

  // District names at the centroid of each district's largest ring, in capitals with a white halo.
  const textScale = 3;
  for (const district of analysis.districts) {
    const rings = district.polygons.map((p) => p[0]).filter((r) => r !== undefined);
    const largest = rings.sort((a, b) => ringArea(b) - ringArea(a))[0];
    if (!largest) continue;
    const [cx, cy] = centroid(largest);
    const label = district.name;
    const w = Raster.textWidth(label, textScale);
    raster.text(Math.round(px(cx) - w / 2), Math.round(py(cy) - Raster.textHeight(textScale) / 2), label, INK, textScale, WHITE);
  }

  const marked = (options.markedCells ?? []).map(parseCellId).filter((c) => c !== undefined);
  for (const cell of marked) {
    const [x0, y0, x1, y1] = cell.bounds;
    const x = Math.round(px(x0));
    const y = Math.round(py(y1));
    // On top of the names: black with a white inner line: visible on the darkest hot cell and on land alike.
    raster.strokeRect(x - 2, y - 2, Math.round(px(x1)) - x + 4, Math.round(py(y0)) - y + 4, INK, 4);
    raster.strokeRect(x + 2, y + 2, Math.round(px(x1)) - x - 4, Math.round(py(y0)) - y - 4, WHITE, 2);
  }

  // Legend: "HOT SPOT:" and a coloured box per confidence level, the activities' frame, the scale bar.
  const legendTop = height - legendHeight - margin / 2;
  raster.fillRect(0, legendTop - 8, width, 1, hex('#c5ccd6'));
  const boxY = legendTop + 16;
  const box = 30;
  const textY = boxY + Math.round((box - Raster.textHeight(textScale)) / 2) + 2;
  let x = margin;
  raster.text(x, textY, 'HOT SPOT:', INK, textScale);
  x += Raster.textWidth('HOT SPOT:', textScale) + 20;
  const item = (draw: () => void, text: string) => {
    draw();
    raster.text(x + box + 10, textY, text, INK, textScale);
    x += box + 10 + Raster.textWidth(text, textScale) + 28;
  };
  for (const cls of [3, 2, 1] as const) {
    item(
      () => {
        raster.fillRect(x, boxY, box, box, HOT_COLOURS[cls]);
        raster.strokeRect(x, boxY, box, box, INK, 1);
      },
      `${cls === 3 ? 99 : cls === 2 ? 95 : 90} %`,
    );
  }
  if (marked.length > 0) {
    item(() => {
      raster.strokeRect(x, boxY, box, box, INK, 4);
      raster.strokeRect(x + 4, boxY + 4, box - 8, box - 8, WHITE, 2);
    }, 'VALD RUTA');
  }

  // Scale bar: the largest round length up to a sixth of the map's width.
  const metres = [250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].filter((m) => m * scale <= mapWidth / 6).pop() ?? 250;
  const barWidth = Math.round(metres * scale);
  const barX = width - margin - barWidth;
  const barY = boxY + box - 4;
  raster.fillRect(barX, barY, barWidth, 4, INK);
  raster.fillRect(barX, barY - 10, 3, 14, INK);
  raster.fillRect(barX + barWidth - 3, barY - 10, 3, 14, INK);
  const barLabel = metres >= 1000 ? `${metres / 1000} KM` : `${metres} M`;
  raster.text(
    barX + barWidth / 2 - Raster.textWidth(barLabel, textScale) / 2,
    barY - 14 - Raster.textHeight(textScale),
    barLabel,
    INK,
    textScale,
  );
  return raster.toPng();
}

/**
 * One row of the bar chart: a bar of `score` (0–100) on a 0–100 scale with light grid lines at
 * 25, 50 and 75. Chosen problems are solid black, the others white with a black outline, so
 * the chart reads the same printed in black and white.
 */
export function renderScoreBar(score: number, chosen: boolean, width = 480, height = 28): Buffer {
  const raster = new Raster(width, height, WHITE);
  const grid = hex('#c5ccd6');
  for (const tick of [0, 25, 50, 75, 100]) raster.fillRect(Math.min(width - 1, Math.round((tick / 100) * (width - 1))), 0, 1, height, grid);
  const barWidth = Math.round((Math.max(0, Math.min(100, score)) / 100) * (width - 1));
  const barTop = Math.round(height * 0.18);
  const barHeight = height - 2 * barTop;
  if (barWidth > 0) {
    if (chosen) raster.fillRect(0, barTop, barWidth, barHeight, INK);
    else {
      raster.fillRect(0, barTop, barWidth, barHeight, WHITE);
      raster.strokeRect(0, barTop, Math.max(2, barWidth), barHeight, INK, 2);
    }
  }
  return raster.toPng();
}

/** The scale above the bars: 0, 25, 50, 75, 100 at the bars' grid lines, on the table header's colour. */
export function renderScoreAxis(width = 480, height = 36, background: Rgb = hex('#dce6f2')): Buffer {
  const raster = new Raster(width, height, background);
  const scale = 3;
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = Math.min(width - 1, Math.round((tick / 100) * (width - 1)));
    raster.fillRect(x, height - 6, 1, 6, INK);
    const label = String(tick);
    const w = Raster.textWidth(label, scale);
    const left = tick === 0 ? 0 : tick === 100 ? width - w : x - w / 2;
    raster.text(Math.round(left), 2, label, INK, scale);
  }
  return raster.toPng();
}
