import { describe, expect, it } from 'vitest';
import { MAX_DEFAULT_CELLS, defaultBand, defaultCellSize, medianNearestNeighbourDistance, roundCellSize } from './defaults';
import { makeGrid } from './grid';
import { must } from '../must';
import { concat, mulberry32, permutation, permutePoints, pointPairs, uniformPoints } from './test-random';

function latticePoints(x0: number, y0: number, n: number, spacing: number): Float64Array {
  const xy = new Float64Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      xy[2 * (r * n + c)] = x0 + c * spacing;
      xy[2 * (r * n + c) + 1] = y0 + r * spacing;
    }
  }
  return xy;
}

/** Median nearest-distinct-neighbour distance over distinct locations, O(n²). */
function bruteForceMedianNN(xy: Float64Array): number {
  const points = pointPairs(xy);
  const seen = new Set<string>();
  const d: number[] = [];
  for (const [xi, yi] of points) {
    const key = `${xi},${yi}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let best = Infinity;
    for (const [xj, yj] of points) {
      const dist = Math.hypot(xi - xj, yi - yj);
      if (dist > 0 && dist < best) best = dist;
    }
    d.push(best);
  }
  d.sort((a, b) => a - b);
  const mid = d.length >> 1;
  const upper = must(d[mid], 'the upper middle distance');
  return d.length % 2 ? upper : (must(d[mid - 1], 'the lower middle distance') + upper) / 2;
}

describe('median nearest-neighbour distance', () => {
  const bbox = [600_000, 6_600_000, 603_000, 6_603_000] as const;

  it('is the lattice spacing on a lattice, and ignores duplicates', () => {
    const xy = latticePoints(600_010, 6_600_010, 25, 120);
    expect(medianNearestNeighbourDistance(xy, bbox).median).toBeCloseTo(120, 9);
    const tripled = concat(xy, xy, xy);
    expect(medianNearestNeighbourDistance(tripled, bbox).median).toBeCloseTo(120, 9);
  });

  it('matches a brute-force search on random points (with duplicates)', () => {
    const rand = mulberry32(3);
    const base = uniformPoints(rand, 600, 600_000, 6_600_000, 3000, 3000);
    const xy = concat(base, base.subarray(0, 100));
    expect(medianNearestNeighbourDistance(xy, bbox).median).toBeCloseTo(bruteForceMedianNN(xy), 9);
  });

  it('ignores points outside the bbox', () => {
    const xy = concat(latticePoints(600_010, 6_600_010, 25, 120), latticePoints(0, 0, 10, 5));
    const summary = medianNearestNeighbourDistance(xy, bbox);
    expect(summary.points).toBe(625);
    expect(summary.median).toBeCloseTo(120, 9);
  });

  it('samples large inputs independently of their order, close to the full answer', () => {
    const rand = mulberry32(8);
    const xy = uniformPoints(rand, 40_000, 600_000, 6_600_000, 3000, 3000);
    const sampled = medianNearestNeighbourDistance(xy, bbox);
    expect(sampled.queried).toBeLessThan(8000);
    const shuffled = medianNearestNeighbourDistance(permutePoints(xy, permutation(rand, 40_000)), bbox);
    expect(shuffled).toEqual(sampled);
    const full = medianNearestNeighbourDistance(xy, bbox, Infinity);
    expect(full.queried).toBe(40_000);
    expect(Math.abs(sampled.median / full.median - 1)).toBeLessThan(0.05);
  });

  it('is NaN without two distinct locations', () => {
    expect(medianNearestNeighbourDistance(new Float64Array([600_100, 6_600_100, 600_100, 6_600_100]), bbox).median).toBeNaN();
  });
});

describe('default cell size', () => {
  it('rounds up to a nice step within 50–1000 m', () => {
    expect([10, 50, 51, 76, 180, 260, 999, 5000].map(roundCellSize)).toEqual([50, 50, 75, 100, 200, 300, 1000, 1000]);
  });

  it('follows the point spacing', () => {
    const bbox = [600_000, 6_600_000, 603_000, 6_603_000] as const;
    expect(defaultCellSize(latticePoints(600_010, 6_600_010, 25, 120), bbox).cellSize).toBe(125);
    expect(defaultCellSize(latticePoints(600_010, 6_600_010, 100, 20), bbox).cellSize).toBe(50);
    expect(defaultCellSize(latticePoints(600_010, 6_600_010, 3, 1400), bbox).cellSize).toBe(1000);
  });

  it('keeps dense data over a large area under the cell cap', () => {
    const bbox = [500_000, 6_500_000, 530_000, 6_530_000] as const;
    const xy = uniformPoints(mulberry32(4), 50_000, 500_000, 6_500_000, 30_000, 30_000);
    const { cellSize } = defaultCellSize(xy, bbox);
    const grid = makeGrid(bbox, cellSize);
    expect(grid.cols * grid.rows).toBeLessThanOrEqual(MAX_DEFAULT_CELLS);
    expect(cellSize).toBe(75); // sqrt(9e8 m² / 250 000) = 60 m → 75 m
  });
});

describe('default band', () => {
  const cols = 20;
  const rows = 20;
  const at = (c: number, r: number) => r * cols + c;

  it('is the queen neighbourhood when every data cell touches another', () => {
    const counts = new Float64Array(cols * rows).fill(1);
    expect(defaultBand(counts, cols, rows, 50)).toBe(71); // ceil(50·√2)
  });

  it('is the largest nearest-data-cell distance', () => {
    const counts = new Float64Array(cols * rows);
    counts[at(2, 2)] = 1;
    counts[at(2, 3)] = 4;
    counts[at(10, 10)] = 2;
    counts[at(13, 14)] = 1; // 5 cells from (10, 10)
    expect(defaultBand(counts, cols, rows, 100)).toBe(500);
  });

  it('is capped at 10 cells and ignores cells outside the mask', () => {
    const counts = new Float64Array(cols * rows);
    counts[at(0, 0)] = 1;
    counts[at(1, 0)] = 1;
    counts[at(19, 19)] = 3; // nearest data cell ~26 cells away
    expect(defaultBand(counts, cols, rows, 100)).toBe(1000);
    const mask = new Uint8Array(cols * rows).fill(1);
    mask[at(19, 19)] = 0;
    expect(defaultBand(counts, cols, rows, 100, mask)).toBe(142);
  });
});
