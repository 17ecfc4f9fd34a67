/** Grid geometry in WGS 84 for the answers: cell corners, cell polygons and the heat raster. */
import { swerefToWgs84, type HotspotMeta } from '@lagesbild/shared';
import type { Grid, HotspotResult } from '@lagesbild/shared/hotspot/index';
import { round5 } from './hotspot-format';

export type NodeProjector = (col: number, row: number) => [number, number];

/** WGS 84 [lon, lat] of grid nodes, converted once each. */
export function nodeProjector(grid: Grid): NodeProjector {
  const stride = grid.cols + 1;
  const lon = new Float64Array(stride * (grid.rows + 1)).fill(Number.NaN);
  const lat = new Float64Array(stride * (grid.rows + 1));
  return (col, row) => {
    const k = row * stride + col;
    if (Number.isNaN(lon[k]!)) {
      const [la, lo] = swerefToWgs84(grid.originX + col * grid.cellSize, grid.originY + row * grid.cellSize);
      lat[k] = round5(la);
      lon[k] = round5(lo);
    }
    return [lon[k]!, lat[k]!];
  };
}

/** The polygon of cell k. */
export function cellPolygon(node: NodeProjector, grid: Grid, k: number) {
  const c = k % grid.cols;
  const r = (k - c) / grid.cols;
  return {
    type: 'Polygon' as const,
    coordinates: [[node(c, r), node(c + 1, r), node(c + 1, r + 1), node(c, r + 1), node(c, r)]],
  };
}

/** The centre of cell k in SWEREF 99 TM metres. */
export function centreOf(grid: Grid, k: number): [number, number] {
  const c = k % grid.cols;
  const r = (k - c) / grid.cols;
  return [grid.originX + (c + 0.5) * grid.cellSize, grid.originY + (r + 0.5) * grid.cellSize];
}

/** The density surface as 8-bit levels, rows from the north, for an image layer. */
export function heatRaster(result: HotspotResult, node: NodeProjector): HotspotMeta['heat'] {
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
