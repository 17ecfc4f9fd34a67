/**
 * Quartic (biweight) kernel density over grid cells, for the smooth "heat" layer under the
 * Gi* classes.
 *
 * Each cell's count is treated as sitting at the cell centre and spread over the cells whose
 * centres lie within `bandwidth` metres with weight K(d) ∝ (1 − d²/h²)² (d < h), the kernel of
 * ArcGIS Kernel Density and the QGIS heatmap. The kernel is normalised on the lattice itself
 * (its weights sum to 1 over the stencil), so the surface conserves mass: Σ density · cell area
 * equals the number of points (less what spills over the grid edge). With a bandwidth below
 * one cell the surface is simply count / cell area.
 *
 * Unit: points (or summed weights) per km².
 *
 * Cost: (non-zero cells) × (cells within the bandwidth); empty cells cost nothing.
 */
import { DISTANCE_EPS } from './spatial-index';

export function quarticDensity(counts: Float64Array, cols: number, rows: number, cellSize: number, bandwidth: number): Float64Array {
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth)) {
    throw new RangeError(`bandwidth must be a positive finite number of metres, got ${bandwidth}`);
  }
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) {
    throw new RangeError(`cell size must be a positive finite number of metres, got ${cellSize}`);
  }
  const cells = cols * rows;
  if (counts.length !== cells) throw new RangeError(`counts must have ${cells} entries, got ${counts.length}`);

  // Stencil: offsets with centre distance < h (the kernel is 0 at d = h).
  const h = bandwidth / cellSize; // in cells
  const h2 = h * h;
  const R = Math.max(0, Math.ceil(h) - 1);
  const span = 2 * R + 1;
  const weights = new Float64Array(span * span);
  let total = 0;
  for (let dy = -R; dy <= R; dy++) {
    for (let dx = -R; dx <= R; dx++) {
      const d2 = dx * dx + dy * dy;
      if (d2 * (1 + DISTANCE_EPS) >= h2 && d2 > 0) continue;
      const u = 1 - d2 / h2;
      const k = d2 === 0 ? 1 : u * u;
      weights[(dy + R) * span + dx + R] = k;
      total += k;
    }
  }
  // Normalise so that weights sum to 1, and convert per-cell mass into points per km².
  const perKm2 = 1e6 / (cellSize * cellSize);
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i]! / total) * perKm2;

  // Half-width of each stencil row, to skip zero weights.
  const half = new Int32Array(span);
  for (let dy = -R; dy <= R; dy++) {
    let w = 0;
    for (let dx = 0; dx <= R; dx++) if (weights[(dy + R) * span + dx + R]! > 0) w = dx;
    half[dy + R] = w;
  }

  const out = new Float64Array(cells);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = counts[r * cols + c]!;
      if (v === 0) continue;
      const rLo = Math.max(0, r - R);
      const rHi = Math.min(rows - 1, r + R);
      for (let rr = rLo; rr <= rHi; rr++) {
        const srow = (rr - r + R) * span + R;
        const hw = half[rr - r + R]!;
        const c0 = Math.max(0, c - hw);
        const c1 = Math.min(cols - 1, c + hw);
        const base = rr * cols;
        for (let cc = c0; cc <= c1; cc++) out[base + cc] = out[base + cc]! + v * weights[srow + cc - c]!;
      }
    }
  }
  return out;
}
