import { describe, expect, it } from 'vitest';
import { readTeamKitJson, teamKitMissing } from '../../../tests/support/team-kit';
import { giStar, giStarLattice, latticeStencil } from './gi-star';
import { twoSidedP } from './normal';
import { must } from '../must';
import { mulberry32, permutation, permutePoints, pointPairs, uniformPoints } from './test-random';

interface EsdaVectors {
  points_xy: [number, number][];
  values: number[];
  band: number;
  expected: { z: number[]; p: number[]; p_bh: number[] };
  tolerance: { abs: number; rel: number };
  esda_asserted: { gi_star_binary_z0: number };
}

const VECTORS = 'gistar-esda-vectors.json';
const kitMissing = teamKitMissing(VECTORS);
const vectors = kitMissing ? undefined : readTeamKitJson<EsdaVectors>(VECTORS);

function closeTo(actual: number, expected: number, abs: number, rel: number): boolean {
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}

/** O(n²) Gi* straight from the formula, as a reference. */
function bruteForceGiStar(values: readonly number[], xy: Float64Array, band: number): Float64Array {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const s = Math.sqrt(values.reduce((ss, v) => ss + (v - mean) ** 2, 0) / n);
  const points = pointPairs(xy);
  return Float64Array.from(points, ([xi, yi]) => {
    let sum = 0;
    let w = 0;
    points.forEach(([xj, yj], j) => {
      if (Math.hypot(xi - xj, yi - yj) <= band) {
        sum += must(values[j], 'value');
        w++;
      }
    });
    return (sum - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
  });
}

describe.skipIf(kitMissing)(`giStar reproduces the PySAL esda vectors${kitMissing ? ` (skipped: ${kitMissing})` : ''}`, () => {
  const xy = vectors ? Float64Array.from(vectors.points_xy.flat()) : new Float64Array();
  const { z, p } = vectors ? giStar(vectors.values, xy, vectors.band) : { z: new Float64Array(), p: new Float64Array() };
  const { abs, rel } = vectors ? vectors.tolerance : { abs: 0, rel: 0 };
  const kit = () => must(vectors, VECTORS);

  it('z', () => {
    kit().expected.z.forEach((expected, i) => {
      expect(closeTo(must(z[i], 'z'), expected, abs, rel), `z[${i}] = ${z[i]}, expected ${expected}`).toBe(true);
    });
    expect(z[0]).toBeCloseTo(kit().esda_asserted.gi_star_binary_z0, 7);
  });

  it('two-sided p', () => {
    kit().expected.p.forEach((expected, i) => {
      expect(closeTo(must(p[i], 'p'), expected, abs, rel), `p[${i}] = ${p[i]}, expected ${expected}`).toBe(true);
    });
  });

  it('counts a neighbour exactly on the band (points 3 and 4 are 15 m apart)', () => {
    // Drop the band by a hair and point 4 loses neighbour 3: its z changes.
    const narrower = giStar(kit().values, xy, kit().band - 1e-6);
    expect(narrower.z[4]).not.toBeCloseTo(must(z[4], 'z[4]'), 6);
  });
});

describe('giStar on random points', () => {
  it('matches the O(n²) formula, dense and sparse', () => {
    for (const [seed, n, side, band] of [
      [1, 400, 1000, 120],
      [2, 300, 100_000, 900], // sparse: few neighbours, many empty buckets
      [3, 200, 500, 2000], // band wider than the extent: everyone is everyone's neighbour
    ] as const) {
      const rand = mulberry32(seed);
      const xy = uniformPoints(rand, n, 500_000, 6_500_000, side, side);
      const values = Array.from({ length: n }, () => Math.floor(rand() * 10));
      const { z } = giStar(values, xy, band);
      const reference = bruteForceGiStar(values, xy, band);
      reference.forEach((expected, i) => {
        if (Number.isFinite(expected)) expect(z[i]).toBeCloseTo(expected, 9);
        else expect(z[i]).toBe(0); // W = n: no contrast possible
      });
    }
  });

  it('does not depend on the order of the points', () => {
    const rand = mulberry32(7);
    const n = 1000;
    const xy = uniformPoints(rand, n, 0, 0, 2000, 2000);
    const values = Float64Array.from({ length: n }, () => Math.floor(rand() * 5));
    const perm = permutation(rand, n);
    const a = giStar(values, xy, 150);
    const b = giStar(
      Float64Array.from(perm, (j) => must(values[j], 'value')),
      permutePoints(xy, perm),
      150,
    );
    perm.forEach((j, k) => {
      expect(b.z[k]).toBeCloseTo(must(a.z[j], 'z'), 12);
      expect(b.p[k]).toBeCloseTo(must(a.p[j], 'p'), 12);
    });
  });

  it('gives z = 0, p = 1 when all values are equal', () => {
    const xy = uniformPoints(mulberry32(1), 50, 0, 0, 100, 100);
    const { z, p } = giStar(new Float64Array(50).fill(3), xy, 20);
    expect(Array.from(z).every((v) => v === 0)).toBe(true);
    expect(Array.from(p).every((v) => v === 1)).toBe(true);
  });

  it('rejects a bad band or mismatched input', () => {
    const xy = new Float64Array([0, 0, 1, 1]);
    expect(() => giStar([1, 2], xy, 0)).toThrow(RangeError);
    expect(() => giStar([1, 2], xy, Number.NaN)).toThrow(RangeError);
    expect(() => giStar([1, 2, 3], xy, 5)).toThrow(RangeError);
    expect(() => giStar([1, Number.NaN], xy, 5)).toThrow(RangeError);
  });
});

describe('giStarLattice', () => {
  it('has the right disc stencil', () => {
    // Radius 5 cells: (3, 4) and (4, 3) lie exactly on the circle and are included.
    expect(Array.from(latticeStencil(100, 500))).toEqual([5, 4, 4, 4, 3, 0]);
    expect(Array.from(latticeStencil(50, 50 * Math.SQRT2))).toEqual([1, 1]);
    expect(Array.from(latticeStencil(100, 99))).toEqual([0]);
  });

  it('equals the general giStar on the cell centres, with and without a mask', () => {
    const rand = mulberry32(11);
    const cols = 37;
    const rows = 23;
    const cellSize = 100;
    const counts = Float64Array.from({ length: cols * rows }, () => (rand() < 0.4 ? Math.floor(rand() * 6) : 0));
    const mask = Uint8Array.from({ length: cols * rows }, (_, k) => {
      const c = k % cols;
      const r = Math.floor(k / cols);
      return (c - 18) ** 2 / 18 ** 2 + (r - 11) ** 2 / 11 ** 2 <= 1 || rand() < 0.1 ? 1 : 0;
    });
    const originX = 674_000;
    const originY = 6_580_000;
    for (const useMask of [false, true]) {
      for (const band of [100, 100 * Math.SQRT2, 250, 500, 730]) {
        const lattice = giStarLattice(counts, cols, rows, cellSize, band, useMask ? mask : undefined);
        const cells = [...Array(cols * rows).keys()].filter((k) => !useMask || mask[k] === 1);
        const xy = new Float64Array(2 * cells.length);
        cells.forEach((k, i) => {
          xy[2 * i] = originX + ((k % cols) + 0.5) * cellSize;
          xy[2 * i + 1] = originY + (Math.floor(k / cols) + 0.5) * cellSize;
        });
        const general = giStar(
          cells.map((k) => must(counts[k], 'count')),
          xy,
          band,
        );
        let maxDiff = 0;
        cells.forEach((k, i) => {
          const diff = (a: number | undefined, b: number | undefined) => Math.abs(must(a, 'lattice value') - must(b, 'general value'));
          maxDiff = Math.max(maxDiff, diff(lattice.z[k], general.z[i]), diff(lattice.p[k], general.p[i]));
        });
        expect(maxDiff, `band ${band}, mask ${useMask}`).toBeLessThan(1e-10);
        if (useMask) {
          const outside = [...Array(cols * rows).keys()].filter((k) => mask[k] === 0);
          expect(outside.length).toBeGreaterThan(0);
          expect(outside.every((k) => Number.isNaN(lattice.z[k]) && Number.isNaN(lattice.p[k]))).toBe(true);
        }
      }
    }
  });

  it('finds a planted block of high counts', () => {
    const cols = 40;
    const rows = 40;
    const counts = new Float64Array(cols * rows).fill(1);
    for (let r = 18; r < 22; r++) for (let c = 18; c < 22; c++) counts[r * cols + c] = 12;
    const { z, p } = giStarLattice(counts, cols, rows, 100, 150);
    const centre = 20 * cols + 20;
    expect(z[centre]).toBeGreaterThan(5);
    expect(p[centre]).toBeCloseTo(twoSidedP(must(z[centre], 'z at the centre')), 15);
    expect(z[0]).toBeLessThan(0);
  });

  it('rejects mismatched sizes', () => {
    expect(() => giStarLattice(new Float64Array(5), 2, 3, 100, 150)).toThrow(RangeError);
    expect(() => giStarLattice(new Float64Array(6), 2, 3, 100, 150, new Uint8Array(5))).toThrow(RangeError);
    expect(() => giStarLattice(new Float64Array(6), 2, 3, 100, -1)).toThrow(RangeError);
  });
});
