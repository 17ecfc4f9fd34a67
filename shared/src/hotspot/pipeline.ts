/**
 * The whole hot-spot analysis: points → grid counts → Gi* (lattice) → Benjamini–Hochberg →
 * Gi_Bin classes, plus a quartic kernel density surface. Pure and synchronous; run it in a
 * worker for big inputs.
 */
import { defaultBand, defaultCellSize } from './defaults';
import { quarticDensity } from './density';
import { benjaminiHochberg, classify } from './fdr';
import { giStarLattice } from './gi-star';
import type { InsideFn } from './grid';
import { countPoints, makeGrid, studyAreaMask, validateBBox, validateCellSize } from './grid';
import type { BBox } from './spatial-index';

/** Below this many points (or study-area cells) no statistics are computed (as ArcGIS OHSA). */
export const MIN_POINTS = 30;
export const MIN_CELLS = 30;

export interface HotspotOptions {
  /** Interleaved x0, y0, x1, y1, … in SWEREF 99 TM metres. */
  xy: Float64Array;
  /** Optional weight per point (default 1). */
  weights?: ArrayLike<number>;
  /** Study-area bounding box [minX, minY, maxX, maxY], metres. Points outside are ignored. */
  bbox: BBox;
  /** Whether a cell centre lies in the study-area polygon; cells outside are not analysed. */
  inside?: InsideFn;
  /** Cell size in metres, 50–1000 (RangeError otherwise). Default: data-driven (see defaults.ts). */
  cellSize?: number;
  /** Gi* distance band in metres. Default: data-driven (see defaults.ts). */
  band?: number;
  /** Kernel density bandwidth in metres. Default: the distance band. */
  densityBandwidth?: number;
  /** FDR level for `significantCells`. Default 0.05. */
  alpha?: number;
}

export interface HotspotResult {
  cellSize: number;
  band: number;
  densityBandwidth: number;
  /** True where the value came from the data-driven defaults rather than the caller. */
  defaulted: { cellSize: boolean; band: boolean };
  cols: number;
  rows: number;
  /** South-west corner of cell 0 (cells are row-major, row 0 south). */
  origin: [number, number];
  /** Points (or summed weights) per cell; 0 outside the study area. */
  counts: Float64Array;
  /** Gi* z-scores; NaN outside the study area and when `insufficient`. */
  z: Float64Array;
  /** Two-sided p-values; NaN outside the study area and when `insufficient`. */
  p: Float64Array;
  /** Benjamini–Hochberg adjusted p-values over the study-area cells; NaN elsewhere. */
  pAdjusted: Float64Array;
  /** Gi_Bin −3…3 from the FDR-adjusted p-values (99/95/90 %); 0 outside / when `insufficient`. */
  classes: Int8Array;
  /** Quartic kernel density, points per km²; NaN outside the study area. */
  density: Float64Array;
  /** 1 = cell in the study area; undefined when every cell is (no `inside`). */
  mask: Uint8Array | undefined;
  alpha: number;
  /** Study-area cells with adjusted p <= alpha. */
  significantCells: number;
  pointsUsed: number;
  pointsOutsideBBox: number;
  pointsOutsideStudyArea: number;
  cellsInStudyArea: number;
  /** Set when no statistics were computed, with a plain-language reason. */
  insufficient?: { reason: string };
}

/** Checks the options both pipelines share (RangeError) and returns alpha (default 0.05). */
export function validateOptions(options: { bbox: BBox; cellSize?: number; band?: number; alpha?: number }): number {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${alpha}`);
  validateBBox(options.bbox);
  if (options.cellSize !== undefined) validateCellSize(options.cellSize);
  if (options.band !== undefined && !(options.band > 0 && Number.isFinite(options.band))) {
    throw new RangeError(`distance band must be a positive finite number of metres, got ${options.band}`);
  }
  return alpha;
}

export function runHotspotAnalysis(options: HotspotOptions): HotspotResult {
  const { xy, weights, bbox, inside } = options;
  const alpha = validateOptions(options);

  const cellSize = options.cellSize ?? defaultCellSize(xy, bbox).cellSize;
  const grid = makeGrid(bbox, cellSize);
  const { cols, rows } = grid;
  const cells = cols * rows;
  let mask: Uint8Array | undefined;
  let cellsInStudyArea = cells;
  if (inside) ({ mask, cellsInStudyArea } = studyAreaMask(grid, inside));
  const counted = countPoints(grid, bbox, xy, weights, mask);
  const { counts, pointsUsed } = counted;

  const band = options.band ?? defaultBand(counts, cols, rows, cellSize, mask);
  const densityBandwidth = options.densityBandwidth ?? band;
  const density = quarticDensity(counts, cols, rows, cellSize, densityBandwidth);

  let z: Float64Array;
  let p: Float64Array;
  let pAdjusted: Float64Array;
  let classes: Int8Array;
  const insufficient = insufficientData(pointsUsed, cellsInStudyArea, cellSize, counts, mask);
  if (insufficient) {
    z = new Float64Array(cells).fill(Number.NaN);
    p = new Float64Array(cells).fill(Number.NaN);
    pAdjusted = new Float64Array(cells).fill(Number.NaN);
    classes = new Int8Array(cells);
  } else {
    ({ z, p } = giStarLattice(counts, cols, rows, cellSize, band, mask));
    pAdjusted = benjaminiHochberg(p);
    classes = classify(z, pAdjusted);
  }

  let significantCells = 0;
  for (let k = 0; k < cells; k++) if (pAdjusted[k]! <= alpha) significantCells++;
  if (mask) for (let k = 0; k < cells; k++) if (mask[k] === 0) density[k] = Number.NaN;

  const result: HotspotResult = {
    cellSize,
    band,
    densityBandwidth,
    defaulted: { cellSize: options.cellSize === undefined, band: options.band === undefined },
    cols,
    rows,
    origin: [grid.originX, grid.originY],
    counts,
    z,
    p,
    pAdjusted,
    classes,
    density,
    mask,
    alpha,
    significantCells,
    pointsUsed,
    pointsOutsideBBox: counted.pointsOutsideBBox,
    pointsOutsideStudyArea: counted.pointsOutsideStudyArea,
    cellsInStudyArea,
  };
  if (insufficient) result.insufficient = insufficient;
  return result;
}

/**
 * Why no statistics can be computed (as ArcGIS OHSA: at least 30 points and 30 cells, and some
 * variation), or undefined when they can.
 */
export function insufficientData(
  pointsUsed: number,
  cellsInStudyArea: number,
  cellSize: number,
  counts: Float64Array,
  mask: Uint8Array | undefined,
): { reason: string } | undefined {
  if (pointsUsed < MIN_POINTS) {
    return {
      reason: `Too few points for a hot-spot analysis: ${pointsUsed} in the study area, at least ${MIN_POINTS} are needed.`,
    };
  }
  if (cellsInStudyArea < MIN_CELLS) {
    return {
      reason: `The study area covers only ${cellsInStudyArea} cells of ${cellSize} m; at least ${MIN_CELLS} are needed. Use smaller cells.`,
    };
  }
  if (allEqual(counts, mask)) {
    return {
      reason: 'Every cell in the study area has the same count, so there is no variation to find hot or cold spots in.',
    };
  }
  return undefined;
}

function allEqual(values: Float64Array, mask: Uint8Array | undefined): boolean {
  let first: number | undefined;
  for (let k = 0; k < values.length; k++) {
    if (mask && mask[k] === 0) continue;
    const v = values[k]!;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}
