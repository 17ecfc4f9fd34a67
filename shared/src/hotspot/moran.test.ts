import { describe, expect, it } from 'vitest';
import { must } from '../must';
import { isaDistances, moranI, zPeaks } from './moran';
import { mulberry32 } from './test-random';

const at = <T>(xs: ArrayLike<T>, i: number) => must(xs[i], `entry ${i}`);

/** Moran's I and its randomisation z by the textbook double sum (ArcGIS's formulas). */
function bruteForce(values: Float64Array, cols: number, rows: number, size: number, d: number, mask: Uint8Array) {
  const ids: number[] = [];
  for (let k = 0; k < cols * rows; k++) if (mask[k]) ids.push(k);
  const xy = (k: number) => [(k % cols) * size, Math.floor(k / cols) * size] as const;
  const nb = ids.map((i) => ids.filter((j) => j !== i && Math.hypot(xy(i)[0] - xy(j)[0], xy(i)[1] - xy(j)[1]) <= d * (1 + 1e-9)));
  const mean = ids.reduce((s, k) => s + at(values, k), 0) / ids.length;
  const z = ids.map((k) => at(values, k) - mean);
  const pos = new Map(ids.map((k, i) => [k, i]));
  const w = (i: number, j: number) => (at(nb, i).includes(at(ids, j)) ? 1 / at(nb, i).length : 0);
  const n = nb.filter((neighbours) => neighbours.length > 0).length;
  let numer = 0;
  let s1 = 0;
  const rowSum = nb.map((neighbours) => (neighbours.length > 0 ? 1 : 0));
  const colSum = ids.map(() => 0);
  nb.forEach((neighbours, i) => {
    for (const jk of neighbours) {
      const j = must(pos.get(jk), 'position');
      numer += w(i, j) * at(z, i) * at(z, j);
      s1 += (w(i, j) + w(j, i)) ** 2;
      colSum[j] = at(colSum, j) + w(i, j);
    }
  });
  s1 /= 2;
  const s2 = rowSum.reduce<number>((s, r, i) => s + (r + at(colSum, i)) ** 2, 0);
  const m2 = z.reduce((s, v) => s + v * v, 0);
  const b2 = z.reduce((s, v) => s + v ** 4, 0) / n / (m2 / n) ** 2;
  const I = numer / m2;
  const ei = -1 / (n - 1);
  const left = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * n * n);
  const right = b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * n * n);
  const vi = (left - right) / ((n - 1) * (n - 2) * (n - 3) * n * n) - ei * ei;
  return { I, z: (I - ei) / Math.sqrt(vi) };
}

describe("Moran's I on a lattice", () => {
  it('matches the double sum, with a mask and cells cut off from all neighbours', () => {
    const cols = 14;
    const rows = 11;
    const rand = mulberry32(6);
    const values = Float64Array.from({ length: cols * rows }, (_, k) => Math.floor(rand() * 4) + (k % cols < 5 ? 3 : 0));
    const mask = new Uint8Array(cols * rows).fill(1);
    for (let k = 0; k < cols * rows; k++) if ((k % cols) + Math.floor(k / cols) < 4) mask[k] = 0;
    mask[cols * rows - 1] = 1;
    mask[cols * rows - 2] = 0;
    mask[cols * rows - 1 - cols] = 0; // the north-east corner cell is isolated at d = 100
    for (const d of [100, 150, 300, 420]) {
      const got = moranI({ values, cols, rows, cellSize: 100, mask }, d);
      const want = bruteForce(values, cols, rows, 100, d, mask);
      expect(got.I).toBeCloseTo(want.I, 12);
      expect(got.z).toBeCloseTo(want.z, 9);
    }
    expect(moranI({ values, cols, rows, cellSize: 100, mask }, 300).z).toBeGreaterThan(5); // the west is higher
  });
});

describe('ISA peaks (ArcGIS rule)', () => {
  it('needs a rise, a fall and z > 1.65', () => {
    expect(zPeaks([1, 2, 3, 2, 4, 1])).toEqual({ first: 2, max: 4 });
    expect(zPeaks([5, 4, 3, 2])).toEqual({ first: undefined, max: undefined }); // never rose
    expect(zPeaks([0.5, 1, 1.5, 1])).toEqual({ first: undefined, max: undefined }); // below 1.65
    expect(zPeaks([1, 2, 3, 4])).toEqual({ first: undefined, max: undefined }); // still rising
  });

  it('spaces ten distances by the step, or evenly up to the maximum', () => {
    expect(isaDistances(100, 100, 5000)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(isaDistances(100, 100, 550)).toEqual([100, 150, 200, 250, 300, 350, 400, 450, 500, 550]);
    expect(isaDistances(100, 100, 80)).toEqual([100]);
  });
});
