/**
 * Residents as the null model's exposure ("more than expected for the number of residents"),
 * and the study area narrowed to populated land.
 *
 * SCB publishes residents per grid square (1 km or 250 m, SWEREF 99 TM, the square named by its
 * south-west corner). Under the rate null each record falls in a cell with probability
 * proportional to the residents living there, so a cell is hot only where records outnumber
 * what its residents explain. Squares without residents cannot take part in a rate analysis: no
 * count there is "expected", so any record would look infinitely surprising. The rate analysis
 * therefore always narrows the study area to populated squares, and the count analysis can be
 * narrowed the same way, which also removes the cold spots over forest and lakes.
 */
import type { Grid, InsideFn } from './grid';

/** Residents per square; squares are `size` metres with their south-west corner at (x, y). */
export interface PopulationGrid {
  size: number;
  x: Float64Array;
  y: Float64Array;
  residents: Float64Array;
}

export interface PopulationLookup {
  size: number;
  /** Residents of the square containing (x, y); 0 for a square not in the grid. */
  residentsAt: (x: number, y: number) => number;
  /** Residents in all squares. */
  total: number;
}

// Squares are keyed by column and row on the national lattice; 2^26 columns cover any SWEREF easting at 1 m.
const ROW_STRIDE = 2 ** 26;
const keyOf = (col: number, row: number) => row * ROW_STRIDE + col;

export function populationLookup(grid: PopulationGrid): PopulationLookup {
  const { size } = grid;
  if (!(size > 0)) throw new RangeError('the population grid needs a square size above 0');
  const squares = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < grid.residents.length; i++) {
    const residents = grid.residents[i] ?? 0;
    if (!(residents > 0)) continue;
    const key = keyOf(Math.floor((grid.x[i] ?? 0) / size), Math.floor((grid.y[i] ?? 0) / size));
    squares.set(key, (squares.get(key) ?? 0) + residents);
    total += residents;
  }
  return {
    size,
    total,
    residentsAt: (x, y) => squares.get(keyOf(Math.floor(x / size), Math.floor(y / size))) ?? 0,
  };
}

/** The study area narrowed to squares where someone lives. */
export function populatedInside(population: PopulationLookup, inside: InsideFn | undefined): InsideFn {
  return (x, y) => population.residentsAt(x, y) > 0 && (inside === undefined || inside(x, y));
}

/**
 * Residents living in each study-area cell: each cell is sampled on a sub-grid fine enough to
 * see every square it overlaps (at least 4 × 4, at most half a square apart), and each sample
 * inside the study area carries its square's residents per sample area. A masked cell keeps at
 * least half a sample's worth, as `cellCoverage` does, because its centre is populated.
 */
export function populationExposure(grid: Grid, mask: Uint8Array, inside: InsideFn, population: PopulationLookup): Float64Array {
  const { originX, originY, cellSize, cols, rows } = grid;
  const s = Math.min(64, Math.max(4, Math.ceil((2 * cellSize) / population.size)));
  const sampleArea = (cellSize / s) ** 2;
  const squareArea = population.size ** 2;
  const exposure = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      if (mask[k] === 0) continue;
      let residents = 0;
      for (let i = 0; i < s; i++) {
        const y = originY + (r + (i + 0.5) / s) * cellSize;
        for (let j = 0; j < s; j++) {
          const x = originX + (c + (j + 0.5) / s) * cellSize;
          if (!inside(x, y)) continue;
          residents += population.residentsAt(x, y) * (sampleArea / squareArea);
        }
      }
      if (residents === 0) {
        const [x, y] = [originX + (c + 0.5) * cellSize, originY + (r + 0.5) * cellSize];
        residents = 0.5 * population.residentsAt(x, y) * (sampleArea / squareArea);
      }
      exposure[k] = residents;
    }
  }
  return exposure;
}
