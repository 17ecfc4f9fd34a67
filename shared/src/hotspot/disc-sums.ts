/**
 * Sums over the disc neighbourhood of every cell of a lattice (row-major, `cols` × `rows`), the
 * building block of Gi*, the exact neighbourhood tests and Moran's I: per-row prefix sums, then
 * each cell adds one span per row of its disc — O(cells · rows of the disc) in all, instead of
 * O(cells · cells of the disc).
 */

/**
 * `out[k]` = Σ values[j] over the cells j of k's disc (k itself included) that lie on the grid
 * and, with `mask`, inside it (values of cells outside the mask count as 0). `half` is the
 * disc's row half-widths from `latticeStencil`. Cells outside the mask get a sum too (of their
 * in-mask neighbours); callers ignore them.
 */
export function discSum(values: ArrayLike<number>, cols: number, rows: number, half: Int32Array, mask?: Uint8Array): Float64Array {
  const stride = cols + 1;
  const prefix = new Float64Array(rows * stride);
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    const base = r * stride;
    const cellBase = r * cols;
    for (let c = 0; c < cols; c++) {
      const k = cellBase + c;
      if (mask === undefined || mask[k] !== 0) acc += values[k]!;
      prefix[base + c + 1] = acc;
    }
  }
  const out = new Float64Array(cols * rows);
  const R = half.length - 1;
  for (let r = 0; r < rows; r++) {
    const rLo = Math.max(0, r - R);
    const rHi = Math.min(rows - 1, r + R);
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let rr = rLo; rr <= rHi; rr++) {
        const hw = half[rr > r ? rr - r : r - rr]!;
        const c0 = c - hw < 0 ? 0 : c - hw;
        const c1 = c + hw >= cols ? cols - 1 : c + hw;
        const base = rr * stride;
        sum += prefix[base + c1 + 1]! - prefix[base + c0]!;
      }
      out[r * cols + c] = sum;
    }
  }
  return out;
}

/** Number of cells in each cell's disc that lie on the grid (and inside `mask`, if given). */
export function discCount(cols: number, rows: number, half: Int32Array, mask?: Uint8Array): Float64Array {
  if (mask) return discSum(mask, cols, rows, half);
  const out = new Float64Array(cols * rows);
  const R = half.length - 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let w = 0;
      for (let rr = Math.max(0, r - R); rr <= Math.min(rows - 1, r + R); rr++) {
        const hw = half[rr > r ? rr - r : r - rr]!;
        w += Math.min(cols - 1, c + hw) - Math.max(0, c - hw) + 1;
      }
      out[r * cols + c] = w;
    }
  }
  return out;
}
