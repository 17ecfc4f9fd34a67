/**
 * Cell identities and point → cell assignment on the national lattice (see grid.ts: every grid
 * with a given cell size has its origin on a multiple of the cell size, so a cell is the same
 * cell whatever the study area or filter).
 */
import type { Grid } from './grid';
import type { BBox } from './spatial-index';

/**
 * A cell's stable id: "<size>-<col>-<row>" with col = floor(x / size), row = floor(y / size)
 * on the national lattice, e.g. "100-4413-63385" is the 100 m cell with its south-west corner
 * at x = 441 300, y = 6 338 500 (SWEREF 99 TM).
 */
export function cellId(grid: Grid, index: number): string {
  const col = index % grid.cols;
  const row = (index - col) / grid.cols;
  const size = grid.cellSize;
  return `${size}-${Math.round(grid.originX / size) + col}-${Math.round(grid.originY / size) + row}`;
}

export interface ParsedCellId {
  cellSize: number;
  /** [minX, minY, maxX, maxY] in metres. */
  bounds: [number, number, number, number];
}

/** Parses a cell id; undefined when it is not one. */
export function parseCellId(id: string): ParsedCellId | undefined {
  const match = /^(\d{2,4})-(\d{1,7})-(\d{1,8})$/.exec(id);
  if (!match) return undefined;
  const size = Number(match[1]);
  const col = Number(match[2]);
  const row = Number(match[3]);
  if (!(size >= 50 && size <= 1000)) return undefined;
  const x0 = col * size;
  const y0 = row * size;
  return { cellSize: size, bounds: [x0, y0, x0 + size, y0 + size] };
}

/**
 * The cell index of each point (−1 for points outside `bbox` or in a cell outside `mask`),
 * with exactly countPoints' arithmetic, so per-source counts add up to the engine's counts.
 */
export function assignCells(grid: Grid, bbox: BBox, xy: Float64Array, mask?: Uint8Array): Int32Array {
  const n = xy.length >>> 1;
  const { originX, originY, cellSize, cols, rows } = grid;
  const [minX, minY, maxX, maxY] = bbox;
  const inv = 1 / cellSize;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) {
      out[i] = -1;
      continue;
    }
    let c = ((x - originX) * inv) | 0;
    let r = ((y - originY) * inv) | 0;
    if (c > cols - 1) c = cols - 1;
    if (r > rows - 1) r = rows - 1;
    const k = r * cols + c;
    out[i] = mask !== undefined && mask[k] === 0 ? -1 : k;
  }
  return out;
}
