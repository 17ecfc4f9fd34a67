import { describe, expect, it } from 'vitest';
import { must } from '../must';
import { distinctLocations, locationalOutliers } from './locations';
import { buildPointIndex, kthNearestDistance } from './spatial-index';
import { concat, mulberry32, permutation, permutePoints, pointPairs, uniformPoints } from './test-random';

const bbox = [600_000, 6_600_000, 605_000, 6_605_000] as const;

describe('distinct locations', () => {
  it('collects records at one place into one location, and ignores points outside the bbox', () => {
    const base = uniformPoints(mulberry32(1), 50, 600_000, 6_600_000, 5000, 5000);
    const xy = concat(base, base.subarray(0, 40), new Float64Array([0, 0])); // 20 repeats, one outside
    const locs = distinctLocations(xy, bbox);
    expect(locs.xy.length).toBe(100);
    expect(Array.from(locs.count).reduce((s, c) => s + c, 0)).toBe(70);
    const locationOf = (i: number) => must(locs.locationOf[i], `location of point ${i}`);
    expect(locs.count[locationOf(3)]).toBe(2);
    expect(locs.count[locationOf(30)]).toBe(1);
    expect(locs.locationOf[53]).toBe(locs.locationOf[3]);
    expect(locs.locationOf[70]).toBe(-1);
    const at = locationOf(30);
    expect([locs.xy[2 * at], locs.xy[2 * at + 1]]).toEqual([xy[60], xy[61]]);
  });
});

describe('k-th nearest distance', () => {
  it('matches a brute-force search', () => {
    const xy = uniformPoints(mulberry32(2), 400, 600_000, 6_600_000, 5000, 5000);
    const index = buildPointIndex(xy, 1, { maxBuckets: 100, items: false });
    const points = pointPairs(xy);
    for (const i of [0, 17, 399]) {
      const [xi, yi] = must(points[i], 'point');
      const d = points.flatMap(([x, y], j) => (j === i ? [] : [Math.hypot(xi - x, yi - y)])).sort((a, b) => a - b);
      for (const k of [1, 3, 30]) expect(kthNearestDistance(index, i, k)).toBeCloseTo(must(d[k - 1], 'distance'), 9);
    }
    expect(kthNearestDistance(index, 0, 400)).toBe(Infinity);
  });
});

describe('locational outliers', () => {
  it('flags exactly the isolated locations, with the Tukey fence of the nearest-neighbour distances', () => {
    const rand = mulberry32(3);
    const town = uniformPoints(rand, 900, 601_000, 6_601_000, 2000, 2000);
    const far = new Float64Array([604_900, 6_604_900, 600_050, 6_604_800, 604_700, 6_600_100]);
    const xy = concat(town, far);
    const locs = distinctLocations(xy, bbox);
    const lo = locationalOutliers(locs.xy, locs.hash);
    const outlier = (i: number) => lo.outlier[must(locs.locationOf[i], `location of point ${i}`)];
    expect([900, 901, 902].map(outlier)).toEqual([1, 1, 1]);
    expect(lo.outlierLocations).toBeLessThanOrEqual(3 + 18); // 1–2 % of a random scatter at most
    // Brute-force quartiles (numpy's linear interpolation).
    const points = pointPairs(xy);
    const nearestOf = points.map((_, i) => nearest(points, i));
    const d = [...nearestOf].sort((a, b) => a - b);
    const at = (k: number) => must(d[k], 'distance');
    const q = (p: number) =>
      at(Math.floor(902 * p)) + (902 * p - Math.floor(902 * p)) * (at(Math.floor(902 * p) + 1) - at(Math.floor(902 * p)));
    expect(lo.q1).toBeCloseTo(q(0.25), 9);
    expect(lo.q3).toBeCloseTo(q(0.75), 9);
    expect(lo.fence).toBeCloseTo(q(0.75) + 1.5 * (q(0.75) - q(0.25)), 9);
    nearestOf.forEach((distance, i) => expect(outlier(i)).toBe(distance > lo.fence ? 1 : 0));
  });

  it('does not depend on the order of the points, even when sampling', () => {
    const rand = mulberry32(4);
    const xy = uniformPoints(rand, 12_000, 600_000, 6_600_000, 5000, 5000);
    const a = distinctLocations(xy, bbox);
    const b = distinctLocations(permutePoints(xy, permutation(rand, 12_000)), bbox);
    const la = locationalOutliers(a.xy, a.hash);
    const lb = locationalOutliers(b.xy, b.hash);
    expect(la.sampled).toBeLessThan(6000);
    expect({ ...lb, outlier: undefined }).toEqual({ ...la, outlier: undefined });
  });
});

function nearest(points: [number, number][], i: number): number {
  const [xi, yi] = must(points[i], 'point');
  return points.reduce((best, [x, y], j) => (j === i ? best : Math.min(best, Math.hypot(xi - x, yi - y))), Infinity);
}
