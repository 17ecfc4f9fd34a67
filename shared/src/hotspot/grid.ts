/**
 * Metric square grid in SWEREF 99 TM metres. Cells are row-major, row 0 at the south
 * (smallest y), column 0 at the west; cell index = row · cols + col.
 *
 * The origin is the study-area bounding box's south-west corner snapped down to a multiple of
 * the cell size, so every grid with a given cell size lies on one national lattice: cells keep
 * their identity whatever the bbox or filter, which makes results comparable and cacheable.
 */
import type { BBox } from './spatial-index';

export type { BBox } from './spatial-index';

export const MIN_CELL_SIZE = 50;
export const MAX_CELL_SIZE = 1000;
/** Upper bound on cells in one grid (2 000 × 2 000), to bound memory and time. */
export const MAX_GRID_CELLS = 4_000_000;

export interface Grid {
  /** South-west corner of cell 0, metres. */
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  readonly cols: number;
  readonly rows: number;
}

/** Tests whether a cell centre (x, y) lies inside the study-area polygon. */
export type InsideFn = (x: number, y: number) => boolean;

export function validateCellSize(cellSize: number): void {
  if (!(cellSize >= MIN_CELL_SIZE && cellSize <= MAX_CELL_SIZE)) {
    throw new RangeError(`cell size must be between ${MIN_CELL_SIZE} and ${MAX_CELL_SIZE} m, got ${cellSize}`);
  }
}

export function validateBBox(bbox: BBox): void {
  const [minX, minY, maxX, maxY] = bbox;
  if (![minX, minY, maxX, maxY].every(Number.isFinite) || !(maxX > minX) || !(maxY > minY)) {
    throw new RangeError(`bbox must be finite [minX, minY, maxX, maxY] with max > min, got [${bbox.join(', ')}]`);
  }
}

/** The grid of `cellSize` cells covering `bbox`. Throws RangeError on a bad size or a too-large grid. */
export function makeGrid(bbox: BBox, cellSize: number): Grid {
  validateCellSize(cellSize);
  validateBBox(bbox);
  const [minX, minY, maxX, maxY] = bbox;
  const originX = Math.floor(minX / cellSize) * cellSize;
  const originY = Math.floor(minY / cellSize) * cellSize;
  const cols = Math.max(1, Math.ceil((maxX - originX) / cellSize));
  const rows = Math.max(1, Math.ceil((maxY - originY) / cellSize));
  if (cols * rows > MAX_GRID_CELLS) {
    throw new RangeError(
      `a ${cellSize} m grid over this area has ${cols * rows} cells (at most ${MAX_GRID_CELLS}); use larger cells or a smaller area`,
    );
  }
  return { originX, originY, cellSize, cols, rows };
}

export function cellCentre(grid: Grid, index: number): [number, number] {
  const col = index % grid.cols;
  const row = (index - col) / grid.cols;
  return [grid.originX + (col + 0.5) * grid.cellSize, grid.originY + (row + 0.5) * grid.cellSize];
}

/** [minX, minY, maxX, maxY] of a cell. */
export function cellBounds(grid: Grid, index: number): [number, number, number, number] {
  const col = index % grid.cols;
  const row = (index - col) / grid.cols;
  const x0 = grid.originX + col * grid.cellSize;
  const y0 = grid.originY + row * grid.cellSize;
  return [x0, y0, x0 + grid.cellSize, y0 + grid.cellSize];
}

/** Index of the cell containing (x, y), or −1 outside the grid. */
export function cellIndexAt(grid: Grid, x: number, y: number): number {
  // Same arithmetic as countPoints, so both agree on points lying exactly on a cell edge.
  const inv = 1 / grid.cellSize;
  const col = Math.floor((x - grid.originX) * inv);
  const row = Math.floor((y - grid.originY) * inv);
  if (!(col >= 0 && col < grid.cols && row >= 0 && row < grid.rows)) return -1;
  return row * grid.cols + col;
}

/**
 * Study-area mask: 1 for cells whose centre `inside` accepts (a cell belongs to the study area
 * iff its centre lies in the study-area polygon), else 0. Without a mask every cell of the grid
 * is in the study area.
 */
export function studyAreaMask(grid: Grid, inside: InsideFn): { mask: Uint8Array; cellsInStudyArea: number } {
  const { originX, originY, cellSize, cols, rows } = grid;
  const mask = new Uint8Array(cols * rows);
  let cellsInStudyArea = 0;
  for (let r = 0; r < rows; r++) {
    const cy = originY + (r + 0.5) * cellSize;
    for (let c = 0; c < cols; c++) {
      if (inside(originX + (c + 0.5) * cellSize, cy)) {
        mask[r * cols + c] = 1;
        cellsInStudyArea++;
      }
    }
  }
  return { mask, cellsInStudyArea };
}

export interface CellCounts {
  /** Points (or summed weights) per cell; 0 for empty cells and for cells outside the study area. */
  counts: Float64Array;
  /** Points counted into a study-area cell. */
  pointsUsed: number;
  /** Points outside the bbox (or with non-finite coordinates), ignored. */
  pointsOutsideBBox: number;
  /** Points inside the bbox but in a cell outside the study-area mask, ignored. */
  pointsOutsideStudyArea: number;
}

/**
 * Counts points per cell in one pass over the typed arrays. `weights[i]` (optional, finite)
 * replaces 1 for point i. Points outside `bbox` are ignored; with `mask`, so are points in cells
 * outside the study area.
 */
export function countPoints(grid: Grid, bbox: BBox, xy: Float64Array, weights?: ArrayLike<number>, mask?: Uint8Array): CellCounts {
  const n = xy.length >>> 1;
  if (xy.length % 2 !== 0) throw new RangeError('xy must hold interleaved x,y pairs');
  if (weights && weights.length !== n) {
    throw new RangeError(`weights must have one entry per point (${n}), got ${weights.length}`);
  }
  const { originX, originY, cellSize, cols, rows } = grid;
  if (mask && mask.length !== cols * rows) throw new RangeError('mask does not match the grid');
  const [minX, minY, maxX, maxY] = bbox;
  const inv = 1 / cellSize;
  const lastCol = cols - 1;
  const lastRow = rows - 1;
  const counts = new Float64Array(cols * rows);
  let used = 0;
  let outsideBBox = 0;
  let outsideArea = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) {
      outsideBBox++;
      continue;
    }
    let c = ((x - originX) * inv) | 0;
    let r = ((y - originY) * inv) | 0;
    if (c > lastCol) c = lastCol;
    if (r > lastRow) r = lastRow;
    const k = r * cols + c;
    if (mask !== undefined && mask[k] === 0) {
      outsideArea++;
      continue;
    }
    counts[k] = counts[k]! + (weights === undefined ? 1 : weights[i]!);
    used++;
  }
  return { counts, pointsUsed: used, pointsOutsideBBox: outsideBBox, pointsOutsideStudyArea: outsideArea };
}

export interface GridCountsOptions {
  xy: Float64Array;
  weights?: ArrayLike<number>;
  bbox: BBox;
  cellSize: number;
  inside?: InsideFn;
}

export interface GridCounts extends CellCounts {
  grid: Grid;
  /** 1 = cell in the study area. Undefined when no `inside` was given (every cell is in). */
  mask: Uint8Array | undefined;
  cellsInStudyArea: number;
}

/** Grid + study-area mask + counts in one call. Empty study-area cells are zeros, not missing. */
export function gridCounts(options: GridCountsOptions): GridCounts {
  const grid = makeGrid(options.bbox, options.cellSize);
  let mask: Uint8Array | undefined;
  let cellsInStudyArea = grid.cols * grid.rows;
  if (options.inside) {
    ({ mask, cellsInStudyArea } = studyAreaMask(grid, options.inside));
  }
  const counted = countPoints(grid, options.bbox, options.xy, options.weights, mask);
  return { grid, mask, cellsInStudyArea, ...counted };
}

/** Sub-samples per cell edge for `cellCoverage` (16 per boundary cell). */
export const COVERAGE_SAMPLES = 4;

/**
 * The share of each study-area cell that lies inside the study area, for the null model's
 * exposure: a cell cut by the boundary can only receive the points that fall in its inside part.
 * Cells whose eight neighbours are all in the mask count as wholly inside; boundary cells are
 * sampled on a 4 × 4 sub-grid (at least half a sample, since their centre is inside). 0 outside.
 */
export function cellCoverage(grid: Grid, mask: Uint8Array, inside: InsideFn): Float64Array {
  const { originX, originY, cellSize, cols, rows } = grid;
  const s = COVERAGE_SAMPLES;
  const coverage = new Float64Array(cols * rows);
  const masked = (c: number, r: number) => c >= 0 && r >= 0 && c < cols && r < rows && mask[r * cols + c] !== 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!masked(c, r)) continue;
      let interior = true;
      for (let dr = -1; dr <= 1 && interior; dr++) for (let dc = -1; dc <= 1; dc++) if (!masked(c + dc, r + dr)) interior = false;
      if (interior) {
        coverage[r * cols + c] = 1;
        continue;
      }
      let hits = 0;
      for (let i = 0; i < s; i++) {
        for (let j = 0; j < s; j++) {
          if (inside(originX + (c + (j + 0.5) / s) * cellSize, originY + (r + (i + 0.5) / s) * cellSize)) hits++;
        }
      }
      coverage[r * cols + c] = Math.max(hits, 0.5) / (s * s);
    }
  }
  return coverage;
}
