/**
 * Rate mode against its null: records that follow where people live must look random, and a
 * cluster of records beyond what its residents explain must be found where it is. Also the
 * count analysis narrowed to populated land reports no cold spots over empty land.
 */
import { describe, expect, it } from 'vitest';
import { subSeed } from '../random';
import { analyseHotspots } from './analyse';
import type { PopulationGrid } from './population';
import { populationLookup } from './population';
import { TEST_CENTRE, demoLikeArea } from './test-area';
import { concat, mulberry32, normalPoints } from './test-random';

const SQUARE = 250;

/** A town of 250 m squares: a dense centre, two suburbs, and empty land in between (generated, seeded). */
function town(): PopulationGrid {
  const [cx, cy] = TEST_CENTRE;
  const x: number[] = [];
  const y: number[] = [];
  const residents: number[] = [];
  const centres = [
    { x: cx, y: cy, peak: 900, reach: 900 },
    { x: cx + 2200, y: cy + 1200, peak: 500, reach: 600 },
    { x: cx - 2000, y: cy - 1500, peak: 400, reach: 700 },
  ];
  for (let gx = cx - 5000; gx < cx + 5000; gx += SQUARE) {
    for (let gy = cy - 4000; gy < cy + 4000; gy += SQUARE) {
      const mx = Math.floor(gx / SQUARE) * SQUARE;
      const my = Math.floor(gy / SQUARE) * SQUARE;
      let n = 0;
      for (const c of centres) {
        const d = Math.hypot(mx + SQUARE / 2 - c.x, my + SQUARE / 2 - c.y);
        if (d < c.reach * 1.6) n += c.peak * Math.exp(-((d / c.reach) ** 2));
      }
      if (n >= 5) {
        x.push(mx);
        y.push(my);
        residents.push(Math.round(n));
      }
    }
  }
  return { size: SQUARE, x: Float64Array.from(x), y: Float64Array.from(y), residents: Float64Array.from(residents) };
}

/** `n` records drawn where people live: a square by its residents, then uniformly inside it. */
function recordsByResidents(grid: PopulationGrid, rand: () => number, n: number): Float64Array {
  const cumulative = new Float64Array(grid.residents.length);
  let total = 0;
  grid.residents.forEach((r, i) => (cumulative[i] = total += r));
  const xy = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const u = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < u) lo = mid + 1;
      else hi = mid;
    }
    xy[2 * k] = (grid.x[lo] ?? 0) + rand() * grid.size;
    xy[2 * k + 1] = (grid.y[lo] ?? 0) + rand() * grid.size;
  }
  return xy;
}

const MAPS = 200;
const MAX_RATE = 0.075;

describe('rate mode (residents as exposure)', () => {
  const area = demoLikeArea(40);
  const grid = town();
  const population = populationLookup(grid);

  it(`records that follow the residents show a hot cell on at most ${MAX_RATE * 100} % of ${MAPS} null maps per size`, () => {
    const lines: string[] = [];
    for (const n of [100, 400, 1600]) {
      let hot = 0;
      let countHot = 0;
      for (let m = 0; m < MAPS; m++) {
        const xy = recordsByResidents(grid, mulberry32(subSeed(n, `rate-null-${m}`)), n);
        const rate = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, population, measure: 'rate' });
        expect(rate.meta.inference.exposure).toBe('residents');
        if (rate.classes.some((c) => c >= 2)) hot++;
        if (m < 20) {
          const count = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
          if (count.classes.some((c) => c >= 2)) countHot++;
        }
      }
      lines.push(
        `${String(n).padStart(5)} records: rate map hot on ${((hot / MAPS) * 100).toFixed(1)} %; count map hot on ${countHot} of 20`,
      );
      expect(hot / MAPS, `${n} records`).toBeLessThanOrEqual(MAX_RATE);
    }
    console.log(`Rate-mode null calibration (${grid.residents.length} populated squares):\n${lines.join('\n')}`);
  }, 120_000);

  it('the count map calls the dense centre hot where the rate map, rightly, does not', () => {
    const xy = recordsByResidents(grid, mulberry32(7), 1600);
    const count = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
    const rate = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, population, measure: 'rate' });
    expect(count.hotCells).toBeGreaterThan(0);
    expect(rate.hotCells).toBe(0);
  });

  it('finds a seeded excess of records beyond what the residents explain, where it is', () => {
    const rand = mulberry32(11);
    const [cx, cy] = TEST_CENTRE;
    const spot = [cx + 2200, cy + 1200] as const; // the first suburb's centre
    const xy = concat(recordsByResidents(grid, rand, 1600), normalPoints(rand, 60, spot[0], spot[1], 80));
    const rate = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, population, measure: 'rate' });
    expect(rate.hotCells).toBeGreaterThan(0);
    for (let k = 0; k < rate.classes.length; k++) {
      if ((rate.classes[k] ?? 0) < 2) continue;
      const x = rate.origin[0] + ((k % rate.cols) + 0.5) * rate.cellSize;
      const y = rate.origin[1] + (Math.floor(k / rate.cols) + 0.5) * rate.cellSize;
      expect(Math.hypot(x - spot[0], y - spot[1]), 'a hot cell far from the seeded spot').toBeLessThan(rate.band + rate.cellSize);
    }
  });

  it('narrowed to populated land, the count map shows no cold spot over land where nobody lives', () => {
    const xy = recordsByResidents(grid, mulberry32(5), 1600);
    const wide = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
    const narrow = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside, population, narrowTo: 'populated' });
    expect(narrow.cellsInStudyArea).toBeLessThan(wide.cellsInStudyArea);
    for (let k = 0; k < narrow.classes.length; k++) {
      if ((narrow.classes[k] ?? 0) >= 0) continue;
      const x = narrow.origin[0] + ((k % narrow.cols) + 0.5) * narrow.cellSize;
      const y = narrow.origin[1] + (Math.floor(k / narrow.cols) + 0.5) * narrow.cellSize;
      expect(population.residentsAt(x, y)).toBeGreaterThan(0);
    }
  });

  it('refuses a rate analysis without a population grid', () => {
    expect(() => analyseHotspots({ xy: new Float64Array(0), bbox: area.bbox, measure: 'rate' })).toThrow(RangeError);
  });
});
