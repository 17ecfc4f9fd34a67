/**
 * The heavy part of the hot-spot map, pure and synchronous: filter the point columns, run the
 * engine, count per source and per cell, apply the disclosure rule for the viewer, and write
 * the answer (GeoJSON, CSV, the heat raster, the raw points layer, the period comparison).
 * The worker thread runs it (hotspot-worker.ts); the inline fallback calls it directly.
 */
import { csvField } from '@lagesbild/shared/csv';
import { gzipSync } from 'node:zlib';
import {
  categoryCodes,
  pointSources,
  swerefToWgs84,
  type CompareCollection,
  type CompareMeta,
  type HotspotMeta,
  type NormalisedFilter,
  type PointSource,
  type PointsCollection,
} from '@lagesbild/shared';
import {
  AREA_ONLY,
  MIN_CELLS,
  MIN_POINTS,
  POLICE_ONLY,
  assignCells,
  cellId,
  comparePeriods,
  defaultBand,
  defaultCellSize,
  filterPoints,
  makeGrid,
  polygonSet,
  runHotspotAnalysis,
  studyAreaMask,
  countPoints,
  type FilteredPoints,
  type Grid,
  type HotspotResult,
  type MetricPolygon,
  type PointColumns,
  type PointFilter,
} from '@lagesbild/shared/hotspot/index';

export interface StudyAreaSpec {
  kind: 'boundary' | 'areas' | 'areas-bbox' | 'points-bbox';
  names: string[];
  /** Polygons in SWEREF 99 TM metres; empty for the bbox kinds. */
  polygons: MetricPolygon[];
  /** [minX, minY, maxX, maxY] in metres. */
  bbox: [number, number, number, number];
}

export interface Viewer {
  /** Not police staff: the disclosure rule applies. */
  restricted: boolean;
  threshold: number;
}

interface JobBase {
  columns: PointColumns;
  filter: PointFilter;
  normalised: NormalisedFilter;
  studyArea: StudyAreaSpec;
  viewer: Viewer;
  dataVersion: string;
}

export interface HotspotJob extends JobBase {
  kind: 'hotspots';
  cellSize?: number;
  band?: number;
  cells: 'informative' | 'all' | 'significant' | 'none';
  format: 'geojson' | 'csv';
  /** Named areas (districts): the CSV's area column and the clusters' area names. */
  districts: { name: string; polygon: MetricPolygon }[];
}

export interface CompareJob extends JobBase {
  kind: 'compare';
  filterB: PointFilter;
  periodA: { from: string; to: string };
  periodB: { from: string; to: string };
  cellSize?: number;
  band?: number;
}

export interface PointsJob extends JobBase {
  kind: 'points';
  limit: number;
}

export type Job = HotspotJob | CompareJob | PointsJob;

export interface JobResult {
  body: string;
  /** The body gzipped (fastest level: these answers are made once and then served from the cache), when big. */
  gzip: Uint8Array | undefined;
  /** Cells or points written. */
  items: number;
}

/** Answers from this size on are also kept gzipped. */
export const GZIP_FROM = 32 * 1024;

export const DISCLOSURE_RULE =
  'Police-only records are counted in every statistic. Viewers outside the police see a cell’s police-only records ' +
  'only as a number when the cell holds at least the threshold of them; otherwise policeOnly is null (meaning fewer, ' +
  'possibly none) and count and the per-source counts leave them out. Totals are withheld (null) when they would let ' +
  'the masked police-only records be worked out by subtraction. z and p are rounded (z to 0.1, p to two significant ' +
  'digits) and comparison p-values are not given when police-only records are part of the analysis.';

const CONFIDENCE = [0.9, 0.95, 0.99];
const ALPHA = 0.05;

// ---------------------------------------------------------------------------------------
// Study area, per-cell counts
// ---------------------------------------------------------------------------------------

function insideFn(study: StudyAreaSpec): ((x: number, y: number) => boolean) | undefined {
  if (study.polygons.length === 0) return undefined;
  const set = polygonSet(study.polygons);
  return (x, y) => set.contains(x, y);
}

interface CellTallies {
  /** Records per source per cell: tallies[s][k]. */
  bySource: Int32Array[];
  /** Police-only records per source per cell. */
  policeBySource: Int32Array[];
  /** Police-only records per cell. */
  police: Int32Array;
  /** Police-only records counted into study-area cells, and those outside the study area. */
  policeUsed: number;
  policeOutside: number;
  /** Records per source counted into cells. */
  usedBySource: number[];
}

function tally(grid: Grid, bbox: StudyAreaSpec['bbox'], points: FilteredPoints, mask: Uint8Array | undefined): CellTallies {
  const cells = grid.cols * grid.rows;
  const bySource = pointSources.map(() => new Int32Array(cells));
  const policeBySource = pointSources.map(() => new Int32Array(cells));
  const police = new Int32Array(cells);
  const usedBySource = pointSources.map(() => 0);
  let policeUsed = 0;
  let policeOutside = 0;
  const cellOf = assignCells(grid, bbox, points.xy, mask);
  for (let i = 0; i < cellOf.length; i++) {
    const k = cellOf[i]!;
    const s = points.source[i]!;
    const isPolice = (points.flags[i]! & POLICE_ONLY) !== 0;
    if (k < 0) {
      if (isPolice) policeOutside++;
      continue;
    }
    bySource[s]![k]!++;
    usedBySource[s]!++;
    if (isPolice) {
      policeBySource[s]![k]!++;
      police[k]!++;
      policeUsed++;
    }
  }
  return { bySource, policeBySource, police, policeUsed, policeOutside, usedBySource };
}

/** Police-only records among the area-level points that passed the filter (not in any cell). */
function policeAreaOnly(columns: PointColumns, filter: PointFilter): { total: number; police: number } {
  // Re-run the filter on the area-level points only: cheap, and keeps filterPoints simple.
  let police = 0;
  const onlyArea = filterPoints(
    {
      ...columns,
      // Swap the area bit off for area-level points and on for the rest, so filterPoints keeps exactly them.
      flags: columns.flags.map((f) => (f & AREA_ONLY ? f & ~AREA_ONLY : f | AREA_ONLY)),
    },
    filter,
  );
  for (const f of onlyArea.flags) if (f & POLICE_ONLY) police++;
  return { total: onlyArea.index.length, police };
}

// ---------------------------------------------------------------------------------------
// Disclosure rule (see DISCLOSURE_RULE and README.md beside this file)
// ---------------------------------------------------------------------------------------

/** A figure that includes `police` police-only records, of which `masked` sit in masked cells. */
function margin(value: number, police: number, masked: number, viewer: Viewer): number | null {
  if (!viewer.restricted) return value;
  if (police > 0 && police < viewer.threshold) return null;
  if (masked > 0 && masked < viewer.threshold) return null;
  return value;
}

function roundZ(z: number, coarse: boolean): number | null {
  if (!Number.isFinite(z)) return null;
  return coarse ? Math.round(z * 10) / 10 : Math.round(z * 1e4) / 1e4;
}

/** v rounded to `digits` significant digits (arithmetic, much faster than toPrecision). */
function significant(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return Number.isFinite(scale) ? Math.round(v * scale) / scale : v;
}

function roundP(p: number, coarse: boolean): number | null {
  return Number.isFinite(p) ? significant(p, coarse ? 2 : 4) : null;
}

function roundDensity(d: number, coarse: boolean): number | null {
  return Number.isFinite(d) ? significant(d, coarse ? 2 : 3) : null;
}

// ---------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** WGS 84 corners of grid nodes, converted once each. */
function nodeProjector(grid: Grid): (col: number, row: number) => [number, number] {
  const stride = grid.cols + 1;
  const lon = new Float64Array(stride * (grid.rows + 1)).fill(Number.NaN);
  const lat = new Float64Array(stride * (grid.rows + 1));
  return (col, row) => {
    const k = row * stride + col;
    if (Number.isNaN(lon[k]!)) {
      const [la, lo] = swerefToWgs84(grid.originX + col * grid.cellSize, grid.originY + row * grid.cellSize);
      lat[k] = round6(la);
      lon[k] = round6(lo);
    }
    return [lon[k]!, lat[k]!];
  };
}

function cellPolygon(node: (c: number, r: number) => [number, number], grid: Grid, k: number) {
  const c = k % grid.cols;
  const r = (k - c) / grid.cols;
  return {
    type: 'Polygon' as const,
    coordinates: [[node(c, r), node(c + 1, r), node(c + 1, r + 1), node(c, r + 1), node(c, r)]],
  };
}

/** The density surface as 8-bit levels, rows from the north, for an image layer. */
function heatRaster(result: HotspotResult, node: (c: number, r: number) => [number, number]): HotspotMeta['heat'] {
  const { cols, rows, density } = result;
  let max = 0;
  for (const d of density) if (d > max) max = d;
  const bytes = Buffer.alloc(cols * rows);
  if (max > 0) {
    for (let r = 0; r < rows; r++) {
      const out = (rows - 1 - r) * cols;
      for (let c = 0; c < cols; c++) {
        const d = density[r * cols + c]!;
        if (d > 0) bytes[out + c] = Math.max(1, Math.round((d / max) * 255));
      }
    }
  }
  return {
    cols,
    rows,
    corners: [node(0, rows), node(cols, rows), node(cols, 0), node(0, 0)],
    max: Number(max.toPrecision(3)),
    data: bytes.toString('base64'),
  };
}

// ---------------------------------------------------------------------------------------
// Hot spots
// ---------------------------------------------------------------------------------------

function insufficientOf(result: HotspotResult, points: number | null): HotspotMeta['insufficient'] {
  if (!result.insufficient) return null;
  if (result.pointsUsed < MIN_POINTS) {
    return { code: 'too_few_points', reason: result.insufficient.reason, points, needed: MIN_POINTS };
  }
  if (result.cellsInStudyArea < MIN_CELLS) {
    return { code: 'too_few_cells', reason: result.insufficient.reason, points, needed: MIN_CELLS };
  }
  return { code: 'no_variation', reason: result.insufficient.reason, points, needed: MIN_POINTS };
}

interface Analysis {
  points: FilteredPoints;
  result: HotspotResult;
  grid: Grid;
  tallies: CellTallies;
}

function analyse(job: JobBase, filter: PointFilter, cellSize: number | undefined, band: number | undefined): Analysis {
  const points = filterPoints(job.columns, filter);
  const inside = insideFn(job.studyArea);
  const result = runHotspotAnalysis({ xy: points.xy, bbox: job.studyArea.bbox, inside, cellSize, band, alpha: ALPHA });
  const grid: Grid = {
    originX: result.origin[0],
    originY: result.origin[1],
    cellSize: result.cellSize,
    cols: result.cols,
    rows: result.rows,
  };
  return { points, result, grid, tallies: tally(grid, job.studyArea.bbox, points, result.mask) };
}

interface CellValues {
  count: number | null;
  sources: (number | null)[];
  policeOnly: number | null;
}

function cellValues(t: CellTallies, k: number, viewer: Viewer): CellValues {
  const police = t.police[k]!;
  const showPolice = !viewer.restricted || police >= viewer.threshold;
  let count = 0;
  const sources = t.bySource.map((counts, s) => {
    const value = showPolice ? counts[k]! : counts[k]! - t.policeBySource[s]![k]!;
    count += value;
    return value;
  });
  return { count, sources, policeOnly: showPolice ? police : null };
}

/** cellValues(…).count without the allocations (clusters sum it over thousands of cells). */
function visibleCount(t: CellTallies, k: number, viewer: Viewer): number {
  let all = 0;
  for (let s = 0; s < t.bySource.length; s++) all += t.bySource[s]![k]!;
  const police = t.police[k]!;
  return viewer.restricted && police < viewer.threshold ? all - police : all;
}

/** Police-only records in cells whose police-only figure is masked for this viewer: in total and per source. */
function maskedPolice(t: CellTallies, viewer: Viewer): { total: number; bySource: number[] } {
  const bySource = pointSources.map(() => 0);
  let total = 0;
  if (!viewer.restricted) return { total, bySource };
  for (let k = 0; k < t.police.length; k++) {
    const p = t.police[k]!;
    if (p === 0 || p >= viewer.threshold) continue;
    total += p;
    for (let s = 0; s < bySource.length; s++) bySource[s]! += t.policeBySource[s]![k]!;
  }
  return { total, bySource };
}

function hotspotMeta(job: HotspotJob, a: Analysis, cellsReturned: number, started: number): HotspotMeta {
  const { result, tallies, points } = a;
  const { viewer } = job;
  const masked = maskedPolice(tallies, viewer);
  const areaOnly = policeAreaOnly(job.columns, job.filter);
  const outside = result.pointsOutsideBBox + result.pointsOutsideStudyArea;
  const total = margin(result.pointsUsed, tallies.policeUsed, masked.total, viewer);
  let hot = 0;
  let cold = 0;
  for (const c of result.classes) {
    if (c > 0) hot++;
    else if (c < 0) cold++;
  }
  const policeSourceUsed = (s: number) => {
    let n = 0;
    for (const v of tallies.policeBySource[s]!) n += v;
    return n;
  };
  const node = nodeProjector(a.grid);
  return {
    cellSize: result.cellSize,
    band: result.band,
    densityBandwidth: result.densityBandwidth,
    defaults: { cellSize: result.defaulted.cellSize, band: result.defaulted.band },
    points: total,
    pointsBySource: Object.fromEntries(
      pointSources.map((s, i) => [s, margin(tallies.usedBySource[i]!, policeSourceUsed(i), masked.bySource[i]!, viewer)]),
    ) as Record<PointSource, number | null>,
    pointsAreaOnly: margin(areaOnly.total, areaOnly.police, 0, viewer),
    pointsOutsideStudyArea: margin(outside, tallies.policeOutside, 0, viewer),
    cellsInStudyArea: result.cellsInStudyArea,
    cellsReturned,
    hotSpots: hot,
    coldSpots: cold,
    significantCells: result.significantCells,
    alpha: ALPHA,
    fdr: 'benjamini-hochberg',
    confidence: CONFIDENCE,
    minPoints: MIN_POINTS,
    insufficient: insufficientOf(result, total),
    studyArea: { kind: job.studyArea.kind, names: job.studyArea.names },
    filter: job.normalised,
    disclosure: { threshold: viewer.threshold, restricted: viewer.restricted, rule: DISCLOSURE_RULE },
    heat: points.index.length > 0 ? heatRaster(result, node) : null,
    clusters: clusters(job, a),
    dataVersion: job.dataVersion,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/**
 * Hot (cold) spot areas: cells of class ≥ +2 (≤ −2) joined with their 8 neighbours of the same
 * kind. The largest by records (hot) or cells (cold) come first.
 */
function clusters(job: HotspotJob, a: Analysis): HotspotMeta['clusters'] {
  const { result, grid, tallies } = a;
  const { cols, rows } = grid;
  const seen = new Uint8Array(cols * rows);
  const districts = job.districts.map((d) => ({ name: d.name, set: polygonSet([d.polygon]) }));
  const found: (HotspotMeta['clusters'][number] & { order: number })[] = [];
  const stack: number[] = [];
  for (let start = 0; start < cols * rows; start++) {
    const sign = Math.sign(result.classes[start]!);
    if (seen[start] || Math.abs(result.classes[start]!) < 2) continue;
    let cells = 0;
    let records = 0;
    let top = 0;
    let peak = start;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const k = stack.pop()!;
      cells++;
      records += visibleCount(tallies, k, job.viewer);
      top = Math.max(top, Math.abs(result.classes[k]!));
      if (Math.abs(result.z[k]!) > Math.abs(result.z[peak]!)) peak = k;
      const c = k % cols;
      const r = (k - c) / cols;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const n = rr * cols + cc;
          if (seen[n] || Math.sign(result.classes[n]!) !== sign || Math.abs(result.classes[n]!) < 2) continue;
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const pc = peak % cols;
    const pr = (peak - pc) / cols;
    const x = grid.originX + (pc + 0.5) * grid.cellSize;
    const y = grid.originY + (pr + 0.5) * grid.cellSize;
    const [lat, lon] = swerefToWgs84(x, y);
    found.push({
      kind: sign > 0 ? 'hot' : 'cold',
      cells,
      records,
      confidence: top === 3 ? 0.99 : 0.95,
      peakCell: cellId(grid, peak),
      centre: [round6(lon), round6(lat)],
      area: districts.find((d) => d.set.contains(x, y))?.name ?? null,
      order: sign > 0 ? records : cells,
    });
  }
  const pick = (kind: 'hot' | 'cold', n: number) =>
    found
      .filter((f) => f.kind === kind)
      .sort((p, q) => q.order - p.order || q.cells - p.cells)
      .slice(0, n)
      .map(({ order: _order, ...cluster }) => cluster);
  return [...pick('hot', 25), ...pick('cold', 10)];
}

function selectCells(job: HotspotJob, a: Analysis): number[] {
  const { result, tallies } = a;
  const cells = result.cols * result.rows;
  const out: number[] = [];
  if (job.cells === 'none') return out;
  for (let k = 0; k < cells; k++) {
    if (result.mask && result.mask[k] === 0) continue;
    if (job.cells === 'all') {
      out.push(k);
      continue;
    }
    const significant = result.classes[k] !== 0;
    if (job.cells === 'significant') {
      if (significant) out.push(k);
      continue;
    }
    if (significant) {
      out.push(k);
      continue;
    }
    // Informative: records this viewer can count (a masked police-only record alone never shows a cell).
    if (visibleCount(tallies, k, job.viewer) > 0) out.push(k);
  }
  return out;
}

/** Formats numbers for JSON, remembering the last one: neighbouring cells often share z and p. */
function memo(format: (v: number) => number | null): (v: number) => string {
  let last = Number.NaN;
  let text = 'null';
  return (v) => {
    if (v === last || (Number.isNaN(v) && Number.isNaN(last))) return text;
    last = v;
    const r = format(v);
    text = r === null ? 'null' : String(r);
    return text;
  };
}

/**
 * The cells as GeoJSON. Written as text directly rather than through JSON.stringify of objects:
 * tens of thousands of cells are common (50 m cells over a town), and this is several times faster.
 */
function hotspotGeoJson(job: HotspotJob, a: Analysis, started: number): { body: string; items: number } {
  const { result, grid, tallies } = a;
  const { viewer } = job;
  const coarse = viewer.restricted && tallies.policeUsed > 0;
  const node = nodeProjector(grid);
  const stride = grid.cols + 1;
  const nodeText: (string | undefined)[] = new Array(stride * (grid.rows + 1));
  const nodeAt = (c: number, r: number) => {
    const k = r * stride + c;
    let text = nodeText[k];
    if (text === undefined) {
      const [lon, lat] = node(c, r);
      text = `[${lon},${lat}]`;
      nodeText[k] = text;
    }
    return text;
  };
  const z = memo((v) => roundZ(v, coarse));
  const p = memo((v) => roundP(v, coarse));
  const pFdr = memo((v) => roundP(v, coarse));
  const density = memo((v) => roundDensity(v, coarse));
  const chosen = selectCells(job, a);
  const parts: string[] = new Array(chosen.length);
  const sources = pointSources.length;
  for (let i = 0; i < chosen.length; i++) {
    const k = chosen[i]!;
    const c = k % grid.cols;
    const r = (k - c) / grid.cols;
    const id = cellId(grid, k);
    const police = tallies.police[k]!;
    const showPolice = !viewer.restricted || police >= viewer.threshold;
    let count = 0;
    let perSource = '';
    for (let s = 0; s < sources; s++) {
      const value = showPolice ? tallies.bySource[s]![k]! : tallies.bySource[s]![k]! - tallies.policeBySource[s]![k]!;
      count += value;
      perSource += `,"${pointSources[s]}":${value}`;
    }
    const n00 = nodeAt(c, r);
    parts[i] =
      `{"type":"Feature","id":"${id}","geometry":{"type":"Polygon","coordinates":[[${n00},${nodeAt(c + 1, r)},${nodeAt(c + 1, r + 1)},${nodeAt(c, r + 1)},${n00}]]},` +
      `"properties":{"cell":"${id}","count":${count}${perSource},"policeOnly":${showPolice ? police : 'null'},` +
      `"z":${z(result.z[k]!)},"p":${p(result.p[k]!)},"pFdr":${pFdr(result.pAdjusted[k]!)},"class":${result.classes[k]!},"density":${density(result.density[k]!)}}}`;
  }
  const meta = hotspotMeta(job, a, chosen.length, started);
  return { body: `{"type":"FeatureCollection","features":[${parts.join(',')}],"meta":${JSON.stringify(meta)}}`, items: chosen.length };
}

// ---------------------------------------------------------------------------------------
// CSV (semicolon-separated, decimal comma, UTF-8 with BOM: what Swedish Excel opens as is)
// ---------------------------------------------------------------------------------------

const CLASS_LABELS: Record<number, string> = {
  3: 'hot spot 99 %',
  2: 'hot spot 95 %',
  1: 'hot spot 90 %',
  0: 'not significant',
  [-1]: 'cold spot 90 %',
  [-2]: 'cold spot 95 %',
  [-3]: 'cold spot 99 %',
};

function hotspotCsv(job: HotspotJob, a: Analysis): { body: string; items: number } {
  const { result, grid, tallies } = a;
  const coarse = job.viewer.restricted && tallies.policeUsed > 0;
  const districts = job.districts.map((d) => ({ name: d.name, set: polygonSet([d.polygon]) }));
  const header = [
    'cell',
    'area',
    'centre_lat',
    'centre_lon',
    'x_sweref99tm',
    'y_sweref99tm',
    'count',
    ...pointSources,
    'police_only',
    'z',
    'p',
    'p_fdr',
    'class',
    'class_label',
    'density_per_km2',
  ];
  const lines = [header.join(';')];
  for (const k of selectCells(job, a)) {
    const c = k % grid.cols;
    const r = (k - c) / grid.cols;
    const x = grid.originX + (c + 0.5) * grid.cellSize;
    const y = grid.originY + (r + 0.5) * grid.cellSize;
    const [lat, lon] = swerefToWgs84(x, y);
    const v = cellValues(tallies, k, job.viewer);
    const area = districts.find((d) => d.set.contains(x, y))?.name ?? null;
    const density = result.density[k]!;
    lines.push(
      [
        csvField(cellId(grid, k)),
        csvField(area),
        csvField(round6(lat)),
        csvField(round6(lon)),
        csvField(x),
        csvField(y),
        csvField(v.count),
        ...v.sources.map(csvField),
        csvField(v.policeOnly),
        csvField(roundZ(result.z[k]!, coarse)),
        csvField(roundP(result.p[k]!, coarse)),
        csvField(roundP(result.pAdjusted[k]!, coarse)),
        csvField(result.classes[k]!),
        csvField(CLASS_LABELS[result.classes[k]!] ?? ''),
        csvField(roundDensity(density, coarse)),
      ].join(';'),
    );
  }
  return { body: `\uFEFF${lines.join('\r\n')}\r\n`, items: lines.length - 1 };
}

// ---------------------------------------------------------------------------------------
// Period comparison
// ---------------------------------------------------------------------------------------

function compare(job: CompareJob, started: number): { body: string; items: number } {
  const inside = insideFn(job.studyArea);
  const bbox = job.studyArea.bbox;
  const pointsA = filterPoints(job.columns, job.filter);
  const pointsB = filterPoints(job.columns, job.filterB);
  // One grid and one band for both periods, from both periods' points together.
  const both = new Float64Array(pointsA.xy.length + pointsB.xy.length);
  both.set(pointsA.xy);
  both.set(pointsB.xy, pointsA.xy.length);
  const cellSize = job.cellSize ?? defaultCellSize(both, bbox).cellSize;
  let band = job.band;
  if (band === undefined) {
    const grid = makeGrid(bbox, cellSize);
    const mask = inside ? studyAreaMask(grid, inside).mask : undefined;
    band = defaultBand(countPoints(grid, bbox, both, undefined, mask).counts, grid.cols, grid.rows, cellSize, mask);
  }
  const a = analyse(job, job.filter, cellSize, band);
  const b = analyse(job, job.filterB, cellSize, band);
  const { grid } = a;
  const cmp = comparePeriods(a.result.counts, b.result.counts, a.result.mask);
  const { viewer } = job;
  const policeInvolved = a.tallies.policeUsed + b.tallies.policeUsed > 0;
  const hideP = viewer.restricted && policeInvolved;
  const node = nodeProjector(grid);
  const features: CompareCollection['features'] = [];
  let increased = 0;
  let decreased = 0;
  const cells = grid.cols * grid.rows;
  for (let k = 0; k < cells; k++) {
    if (a.result.mask && a.result.mask[k] === 0) continue;
    const change = cmp.classes[k]!;
    if (change > 0) increased++;
    if (change < 0) decreased++;
    const va = cellValues(a.tallies, k, viewer);
    const vb = cellValues(b.tallies, k, viewer);
    const classA = a.result.classes[k]!;
    const classB = b.result.classes[k]!;
    if (!(change !== 0 || classA !== 0 || classB !== 0 || (va.count ?? 0) > 0 || (vb.count ?? 0) > 0)) continue;
    const id = cellId(grid, k);
    features.push({
      type: 'Feature',
      id,
      geometry: cellPolygon(node, grid, k),
      properties: {
        cell: id,
        countA: va.count,
        countB: vb.count,
        classA,
        classB,
        p: hideP ? null : roundP(cmp.p[k]!, false),
        pFdr: hideP ? null : roundP(cmp.pAdjusted[k]!, false),
        change,
      },
    });
  }
  const period = (x: Analysis, p: { from: string; to: string }) => {
    const total = margin(x.result.pointsUsed, x.tallies.policeUsed, maskedPolice(x.tallies, viewer).total, viewer);
    let hot = 0;
    for (const c of x.result.classes) if (c > 0) hot++;
    return { from: p.from, to: p.to, points: total, hotSpots: hot, insufficient: insufficientOf(x.result, total) };
  };
  const periodA = period(a, job.periodA);
  const periodB = period(b, job.periodB);
  const meta: CompareMeta = {
    cellSize,
    band,
    defaults: { cellSize: job.cellSize === undefined, band: job.band === undefined },
    periodA,
    periodB,
    shareA: hideP || !Number.isFinite(cmp.shareA) ? null : Number(cmp.shareA.toPrecision(6)),
    test:
      'exact conditional binomial test per cell: does the cell’s share of records in period A differ from the study ' +
      'area’s? Two-sided, Benjamini–Hochberg adjusted; change +3…−3 at adjusted p ≤ 0.01 / 0.05 / 0.10 (+ = more in period B).',
    tested: cmp.tested,
    increased,
    decreased,
    alpha: ALPHA,
    insufficient: cmp.insufficient ? { code: 'empty_period', reason: cmp.insufficient.reason, points: null, needed: 1 } : null,
    studyArea: { kind: job.studyArea.kind, names: job.studyArea.names },
    filter: job.normalised,
    disclosure: { threshold: viewer.threshold, restricted: viewer.restricted, rule: DISCLOSURE_RULE },
    dataVersion: job.dataVersion,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
  const body: CompareCollection = { type: 'FeatureCollection', features, meta };
  return { body: JSON.stringify(body), items: features.length };
}

// ---------------------------------------------------------------------------------------
// Raw points layer
// ---------------------------------------------------------------------------------------

function pointsLayer(job: PointsJob): { body: string; items: number } {
  const points = filterPoints(job.columns, job.filter);
  const set = job.studyArea.polygons.length > 0 && job.studyArea.kind === 'areas' ? polygonSet(job.studyArea.polygons) : undefined;
  const keep: number[] = [];
  for (let i = 0; i < points.index.length; i++) {
    if (job.viewer.restricted && (points.flags[i]! & POLICE_ONLY) !== 0) continue;
    if (set && !set.contains(points.xy[2 * i]!, points.xy[2 * i + 1]!)) continue;
    keep.push(points.index[i]!);
  }
  const total = keep.length;
  const { time, lat, lon, source, category } = job.columns;
  if (keep.length > job.limit) {
    // The newest first; unknown dates last.
    keep.sort((x, y) => (Number.isNaN(time[y]!) ? -Infinity : time[y]!) - (Number.isNaN(time[x]!) ? -Infinity : time[x]!) || x - y);
    keep.length = job.limit;
  }
  const round5 = (v: number) => Math.round(v * 1e5) / 1e5;
  const body: PointsCollection = {
    type: 'FeatureCollection',
    features: keep.map((i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round5(lon[i]!), round5(lat[i]!)] },
      properties: { source: pointSources[source[i]!]!, category: categoryCodes[category[i]!]! },
    })),
    meta: { total, returned: keep.length, truncated: total > keep.length, policeOnlyShown: !job.viewer.restricted },
  };
  return { body: JSON.stringify(body), items: keep.length };
}

function answer(job: Job): { body: string; items: number } {
  const started = performance.now();
  if (job.kind === 'points') return pointsLayer(job);
  if (job.kind === 'compare') return compare(job, started);
  const analysis = analyse(job, job.filter, job.cellSize, job.band);
  return job.format === 'csv' ? hotspotCsv(job, analysis) : hotspotGeoJson(job, analysis, started);
}

export function runJob(job: Job): JobResult {
  const { body, items } = answer(job);
  const gzip = body.length >= GZIP_FROM ? new Uint8Array(gzipSync(body, { level: 1 })) : undefined;
  return { body, gzip, items };
}
