import { describe, expect, it } from 'vitest';
import { MAX_GRID_CELLS, cellBounds, cellCentre, cellIndexAt, countPoints, gridCounts, makeGrid, studyAreaMask } from './grid';
import { must } from '../must';

describe('makeGrid', () => {
  it('snaps the origin to the national lattice and covers the bbox', () => {
    const grid = makeGrid([674_030, 6_580_010, 675_000, 6_580_420], 100);
    expect(grid).toEqual({ originX: 674_000, originY: 6_580_000, cellSize: 100, cols: 10, rows: 5 });
  });

  it('rejects cell sizes outside 50–1000 m', () => {
    const bbox = [0, 0, 10_000, 10_000] as const;
    for (const size of [49, 1001, 0, -100, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => makeGrid(bbox, size), `size ${size}`).toThrow(RangeError);
    }
    expect(() => makeGrid(bbox, 50)).not.toThrow();
    expect(() => makeGrid(bbox, 1000)).not.toThrow();
  });

  it('rejects a degenerate bbox and a grid with too many cells', () => {
    expect(() => makeGrid([0, 0, 0, 100], 100)).toThrow(RangeError);
    expect(() => makeGrid([0, 0, Number.NaN, 100], 100)).toThrow(RangeError);
    const side = Math.ceil(Math.sqrt(MAX_GRID_CELLS)) * 50 + 1000;
    expect(() => makeGrid([0, 0, side, side], 50)).toThrow(RangeError);
  });
});

describe('cell helpers', () => {
  const grid = makeGrid([1000, 2000, 1500, 2300], 100); // 5 × 3

  it('give centres and bounds, row 0 at the south', () => {
    expect(cellCentre(grid, 0)).toEqual([1050, 2050]);
    expect(cellCentre(grid, 7)).toEqual([1250, 2150]);
    expect(cellBounds(grid, 14)).toEqual([1400, 2200, 1500, 2300]);
  });

  it('round-trip through cellIndexAt', () => {
    for (let k = 0; k < grid.cols * grid.rows; k++) {
      const [x, y] = cellCentre(grid, k);
      expect(cellIndexAt(grid, x, y)).toBe(k);
    }
    expect(cellIndexAt(grid, 999, 2050)).toBe(-1);
    expect(cellIndexAt(grid, 1050, 2300.5)).toBe(-1);
  });
});

describe('counting points', () => {
  const bbox = [0, 0, 300, 200] as const;

  it('counts per cell, keeps empty cells as zeros and reports points outside the bbox', () => {
    const xy = new Float64Array([10, 10, 20, 30, 150, 50, 299, 199, 300, 200, -1, 50, 50, 201, Number.NaN, 5]);
    const { counts, pointsUsed, pointsOutsideBBox, mask, cellsInStudyArea, grid } = gridCounts({
      xy,
      bbox,
      cellSize: 100,
    });
    expect(grid.cols * grid.rows).toBe(6);
    expect(Array.from(counts)).toEqual([2, 1, 0, 0, 0, 2]); // (300, 200) sits on the far edge: last cell
    expect(pointsUsed).toBe(5);
    expect(pointsOutsideBBox).toBe(3);
    expect(mask).toBeUndefined();
    expect(cellsInStudyArea).toBe(6);
  });

  it('sums weights', () => {
    const xy = new Float64Array([10, 10, 20, 30, 150, 50]);
    const { counts } = gridCounts({ xy, weights: [0.5, 2, 3], bbox, cellSize: 100 });
    expect(Array.from(counts)).toEqual([2.5, 3, 0, 0, 0, 0]);
    expect(() => gridCounts({ xy, weights: [1], bbox, cellSize: 100 })).toThrow(RangeError);
  });

  it('leaves cells outside the study area out, with the points in them', () => {
    const xy = new Float64Array([10, 10, 150, 50, 250, 150, 260, 160]);
    // Study area: the west half (cell centres with x < 150).
    const { counts, mask, cellsInStudyArea, pointsUsed, pointsOutsideStudyArea } = gridCounts({
      xy,
      bbox,
      cellSize: 100,
      inside: (x) => x < 150,
    });
    expect(Array.from(must(mask, 'mask'))).toEqual([1, 0, 0, 1, 0, 0]);
    expect(cellsInStudyArea).toBe(2);
    expect(Array.from(counts)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(pointsUsed).toBe(1);
    expect(pointsOutsideStudyArea).toBe(3);
  });

  it('exposes the parts separately', () => {
    const grid = makeGrid(bbox, 100);
    const { mask, cellsInStudyArea } = studyAreaMask(grid, (x, y) => x + y <= 200);
    expect(cellsInStudyArea).toBe(3); // centres (50,50), (150,50), (50,150)
    const { counts } = countPoints(grid, bbox, new Float64Array([60, 160, 160, 160]), undefined, mask);
    expect(Array.from(counts)).toEqual([0, 0, 0, 1, 0, 0]);
  });
});
