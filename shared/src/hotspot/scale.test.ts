import { describe, expect, it } from 'vitest';
import { countPoints, makeGrid, studyAreaMask } from './grid';
import { distinctLocations, locationalOutliers } from './locations';
import { incrementalSpatialAutocorrelation, isaDistances } from './moran';
import { KNN_MAX, cellSizeForBand, chooseScale } from './scale';
import { buildPointIndex, kthNearestDistance } from './spatial-index';
import { demoLikeArea, pointsInArea } from './test-area';
import { must } from '../must';
import { concat, mulberry32, normalPoints, pointPairs, uniformPoints } from './test-random';

const area = demoLikeArea(40);
const [minX, minY, maxX, maxY] = area.bbox;
const cx = (minX + maxX) / 2;
const cy = (minY + maxY) / 2;

/** A town: background in a 3 × 3 km centre and ten clusters of spread `sigma`, the rest empty land. */
function town(seed: number, sigma: number): Float64Array {
  const rand = mulberry32(seed);
  const parts = [uniformPoints(rand, 1200, cx - 1500, cy - 1500, 3000, 3000)];
  for (let c = 0; c < 10; c++) parts.push(normalPoints(rand, 120, cx - 1200 + rand() * 2400, cy - 1200 + rand() * 2400, sigma));
  return concat(...parts);
}

/** Ten clusters of spread `sigma` over a background spread over the whole study area. */
function clustered(seed: number, sigma: number): Float64Array {
  const rand = mulberry32(seed);
  const parts = [pointsInArea(area, rand, 1500)];
  for (let c = 0; c < 10; c++)
    parts.push(normalPoints(rand, 120, minX + 1500 + rand() * (maxX - minX - 3000), minY + 1500 + rand() * (maxY - minY - 3000), sigma));
  return concat(...parts);
}

/** Isolated records out in the empty land. */
const ISOLATED = new Float64Array([cx - 3000, cy + 200, cx + 3200, cy - 300, cx + 400, cy - 2300]);

describe('default scale', () => {
  it('puts the band at the first peak of incremental spatial autocorrelation, growing with the clusters', () => {
    const bands: number[] = [];
    for (const sigma of [60, 120, 250]) {
      const xy = clustered(1, sigma);
      const { band, choices } = chooseScale({ xy, bbox: area.bbox, inside: area.inside });
      expect(choices.band.source).toBe('isa-first-peak');
      const isa = must(choices.band.isa, 'the ISA series');
      // The same ISA, recomputed from scratch on the reported lattice without the outliers.
      const locs = distinctLocations(xy, area.bbox);
      const lo = locationalOutliers(locs.xy, locs.hash);
      const grid = makeGrid(area.bbox, isa.latticeCellSize);
      const { mask } = studyAreaMask(grid, area.inside);
      const weights = Float64Array.from(locs.locationOf, (l) => (l >= 0 && lo.outlier[l] === 0 ? 1 : 0));
      const counts = countPoints(grid, area.bbox, xy, weights, mask).counts;
      const distances = isaDistances(isa.latticeCellSize * 1.0001, isa.latticeCellSize, Infinity);
      const series = incrementalSpatialAutocorrelation(
        { values: counts, cols: grid.cols, rows: grid.rows, cellSize: grid.cellSize, mask },
        distances,
      );
      expect(series.z.map((z) => Math.round(z * 100) / 100)).toEqual(isa.z);
      expect(isa.firstPeak).toBe(series.firstPeak);
      const peak = must(series.firstPeak, 'the first peak');
      expect(band).toBe(Math.ceil(must(series.distances[peak], 'the distance at the peak')));
      expect(series.z[peak]).toBeGreaterThan(must(series.z[peak + 1], 'z after the peak'));
      bands.push(band);
    }
    const [small, medium, large] = bands;
    expect(small).toBeLessThan(must(medium, 'the middle band'));
    expect(medium).toBeLessThan(must(large, 'the widest band'));
    expect(bands[0]).toBeLessThanOrEqual(300);
    expect(bands[2]).toBeGreaterThanOrEqual(600);
  });

  it('is not moved by isolated records, which it reports as locational outliers', () => {
    for (const sigma of [80, 200]) {
      const xy = town(5, sigma);
      const without = chooseScale({ xy, bbox: area.bbox, inside: area.inside });
      const withOutliers = chooseScale({ xy: concat(xy, ISOLATED), bbox: area.bbox, inside: area.inside });
      expect(withOutliers.band).toBe(without.band);
      expect(withOutliers.cellSize).toBe(without.cellSize);
      // The three isolated records are out (the fence moves a little with three more distances,
      // so borderline locations may change sides: the counts need not differ by three).
      const locs = distinctLocations(concat(xy, ISOLATED), area.bbox);
      const flags = locationalOutliers(locs.xy, locs.hash).outlier;
      const n = xy.length / 2;
      expect([n, n + 1, n + 2].map((i) => flags[must(locs.locationOf[i], 'location')])).toEqual([1, 1, 1]);
    }
  });

  it('falls back to the mean distance to the k-th nearest location without a peak', () => {
    let fallbacks = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const xy = pointsInArea(area, mulberry32(seed), 400);
      const { band, choices } = chooseScale({ xy, bbox: area.bbox, inside: area.inside });
      if (choices.band.source !== 'knn-mean-distance') continue;
      fallbacks++;
      const { k } = must(choices.band.knn, 'the k-nearest fallback');
      const { outlierLocations } = must(choices.locationalOutliers, 'the locational outliers');
      expect(k).toBe(Math.min(KNN_MAX, Math.max(3, Math.floor(0.05 * (400 - outlierLocations)))));
      const locs = distinctLocations(xy, area.bbox);
      const lo = locationalOutliers(locs.xy, locs.hash);
      const inliers: number[] = [];
      pointPairs(locs.xy).forEach(([x, y], i) => {
        if (!lo.outlier[i]) inliers.push(x, y);
      });
      const keep = Float64Array.from(inliers);
      const index = buildPointIndex(keep, 200);
      let sum = 0;
      for (let i = 0; i < keep.length / 2; i++) sum += kthNearestDistance(index, i, k);
      expect(band).toBe(Math.ceil(sum / (keep.length / 2)));
      expect(choices.cellSize.value).toBeGreaterThanOrEqual(band / 4);
      expect(choices.cellSize.value).toBeLessThanOrEqual(band / 2);
    }
    expect(fallbacks).toBeGreaterThanOrEqual(3);
  });

  it('ties the cell size to the band and to a minimum mean count', () => {
    const bbox = [0, 0, 10_000, 10_000] as const;
    // 10 000 points over 1e8 m²: mean 1 per 100 m cell.
    expect(cellSizeForBand(400, 10_000, 1e8, bbox)).toMatchObject({ value: 100, source: 'band-fraction', meanCount: 1 });
    expect(cellSizeForBand(400, 40_000, 1e8, bbox).value).toBe(100); // 100 is the smallest in [100, 200]
    const sparse = cellSizeForBand(400, 500, 1e8, bbox);
    expect(sparse).toMatchObject({ value: 200, source: 'band-fraction' });
    expect(sparse.reason).toMatch(/cannot support finer cells/);
    expect(cellSizeForBand(80, 500, 1e8, bbox)).toMatchObject({ value: 50, source: 'fallback' });
  });

  it('keeps what the user gave', () => {
    const xy = town(7, 120);
    expect(chooseScale({ xy, bbox: area.bbox, inside: area.inside, cellSize: 200, band: 450 })).toMatchObject({
      cellSize: 200,
      band: 450,
      choices: { locationalOutliers: null, band: { source: 'given' }, cellSize: { source: 'given' } },
    });
    const bandOnly = chooseScale({ xy, bbox: area.bbox, inside: area.inside, band: 800 });
    expect(bandOnly.band).toBe(800);
    expect(bandOnly.choices.cellSize.source).toBe('band-fraction');
  });
});
