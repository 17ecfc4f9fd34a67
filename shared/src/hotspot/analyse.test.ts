import { describe, expect, it } from 'vitest';
import { subSeed } from '../random';
import { analyseHotspots } from './analyse';
import type { HotspotAnalysis } from './analyse';
import { giStarLattice } from './gi-star';
import { cellCentre, cellIndexAt } from './grid';
import type { Grid } from './grid';
import { COLD_TEST } from './testability';
import { demoLikeArea, pointsInArea } from './test-area';
import { concat, mulberry32, permutation, permutePoints } from './test-random';
import { must } from '../must';

const area = demoLikeArea(40);
const [minX, minY, maxX, maxY] = area.bbox;

function gridOf(r: HotspotAnalysis): Grid {
  return { originX: r.origin[0], originY: r.origin[1], cellSize: r.cellSize, cols: r.cols, rows: r.rows };
}

/** `n` points uniform in a disc of radius `radius` around (x, y). */
function disc(rand: () => number, n: number, x: number, y: number, radius: number): Float64Array {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = radius * Math.sqrt(rand());
    const t = 2 * Math.PI * rand();
    xy[2 * i] = x + r * Math.cos(t);
    xy[2 * i + 1] = y + r * Math.sin(t);
  }
  return xy;
}

describe('calibrated hot-spot analysis', () => {
  it('finds seeded clusters where they are, and nowhere else', () => {
    const plans = [
      { background: 1600, excess: 40, radius: 150 },
      { background: 10_000, excess: 60, radius: 100 },
    ];
    let found = 0;
    let falseFound = 0;
    for (const { background, excess, radius } of plans) {
      for (let seed = 1; seed <= 5; seed++) {
        const rand = mulberry32(subSeed(seed, `power-${background}`));
        const centres = [0, 1, 2].map((i) => [minX + (0.3 + 0.2 * i) * (maxX - minX), minY + (0.35 + 0.15 * i) * (maxY - minY)] as const);
        const xy = concat(pointsInArea(area, rand, background), ...centres.map(([x, y]) => disc(rand, excess, x, y, radius)));
        const r = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
        const grid = gridOf(r);
        const label = `${background} + 3 × ${excess} in ${radius} m, seed ${seed}: ${r.cellSize} m cells, ${r.band} m band`;
        for (const [x, y] of centres) expect(r.classes[cellIndexAt(grid, x, y)], label).toBeGreaterThanOrEqual(2);
        for (let k = 0; k < r.classes.length; k++) {
          if (must(r.classes[k], 'r.classes[k]') < 2) continue;
          const [x, y] = cellCentre(grid, k);
          const nearest = Math.min(...centres.map(([cx, cy]) => Math.hypot(x - cx, y - cy)));
          found++;
          if (nearest > r.band + radius + r.cellSize) falseFound++;
        }
        expect(r.coldCells, label).toBeLessThanOrEqual(r.cellsInStudyArea / 50);
      }
    }
    // FDR control, not zero errors: among the cells called hot at 95 %, few are far from a cluster.
    console.log(`Power test: ${found} hot cells at adjusted p <= 0.05, ${falseFound} of them away from the seeded clusters`);
    expect(falseFound / found).toBeLessThanOrEqual(0.05);
  });

  it("reports esda's z for its grid, the method, the choices and a legend in adjusted p", () => {
    const xy = pointsInArea(area, mulberry32(3), 2000);
    const r = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
    const g = giStarLattice(r.counts, r.cols, r.rows, r.cellSize, r.band, r.mask);
    expect(r.z).toEqual(g.z);
    expect(r.meta.inference).toMatchObject({ pValue: 'exact-binomial', midP: false, exposure: 'study-area coverage', alpha: 0.05 });
    expect(r.meta.choices.band.reason.length).toBeGreaterThan(20);
    expect(r.meta.choices.cellSize.meanCount).toBeCloseTo(r.pointsUsed / r.cellsInStudyArea, 2);
    expect(r.meta.legend.sv.classes['3']).toBe('Fler än väntat, justerat p ≤ 0,01');
    expect(r.meta.legend.en.classes['-2']).toBe('Fewer than expected, adjusted p ≤ 0.05');
    expect(JSON.stringify(r.meta.legend)).not.toMatch(/%|säker|sure/);
    expect(r.defaulted).toEqual({ cellSize: true, band: true });
    expect(r.cellSize).toBeGreaterThanOrEqual(r.band / 4);
    expect(r.cellSize).toBeLessThanOrEqual(r.band / 2);
  });

  it('tests no cold spots where too few records are expected to notice a shortfall', () => {
    const xy = pointsInArea(area, mulberry32(4), 60);
    const r = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, cellSize: 100, band: 150 });
    // 60 records, ~9 cells of 1 ha in a band: 0.12 expected, far below the ~3 a cold test needs.
    expect(r.meta.inference.tests.coldTests).toBe(0);
    expect(r.coldCells).toBe(0);
    for (const t of r.testable) expect(t & COLD_TEST).toBe(0);
  });

  it('keeps given parameters, does not depend on point order, and says when data are insufficient', () => {
    const rand = mulberry32(5);
    const xy = pointsInArea(area, rand, 800);
    const a = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, cellSize: 250, band: 600, alpha: 0.1 });
    expect(a).toMatchObject({ cellSize: 250, band: 600, alpha: 0.1, defaulted: { cellSize: false, band: false } });
    expect(a.meta.choices.band.source).toBe('given');
    const b = analyseHotspots({ xy: permutePoints(xy, permutation(rand, 800)), bbox: area.bbox, inside: area.inside });
    expect(b).toEqual(analyseHotspots({ xy, bbox: area.bbox, inside: area.inside }));
    const few = analyseHotspots({ xy: xy.subarray(0, 40), bbox: area.bbox, inside: area.inside });
    expect(few.pointsUsed).toBeLessThanOrEqual(20);
    expect(few.insufficient?.reason).toMatch(/in the study area, at least 30 are needed/);
    expect(few.classes.every((c) => c === 0)).toBe(true);
    expect(() => analyseHotspots({ xy, bbox: area.bbox, cellSize: 20 })).toThrow(RangeError);
    expect(() => analyseHotspots({ xy, bbox: area.bbox, band: -1 })).toThrow(RangeError);
  });

  it('tests against a given exposure (rate mode)', () => {
    // Residents only in the western half: records there are expected, records in the east are not.
    const xy = pointsInArea(area, mulberry32(6), 1500);
    const west = (x: number) => x < (minX + maxX) / 2;
    const r = analyseHotspots({
      xy,
      bbox: area.bbox,
      inside: area.inside,
      cellSize: 250,
      band: 600,
      exposure: (grid) => Float64Array.from({ length: grid.cols * grid.rows }, (_, k) => (west(cellCentre(grid, k)[0]) ? 1 : 0.2)),
    });
    expect(r.meta.inference.exposure).toBe('given');
    let eastHot = 0;
    r.classes.forEach((cls, k) => {
      const x = cellCentre(gridOf(r), k)[0];
      if (cls >= 2) expect(west(x)).toBe(false);
      if (cls >= 2 && !west(x)) eastHot++;
    });
    expect(eastHot).toBeGreaterThan(20);
  });
});
