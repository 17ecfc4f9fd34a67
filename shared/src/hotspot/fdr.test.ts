import { describe, expect, it } from 'vitest';
import { readTeamKitJson, teamKitMissing } from '../../../tests/support/team-kit';
import { must } from '../must';
import { argsortNonNegative, benjaminiHochberg, classify } from './fdr';
import { mulberry32 } from './test-random';

const VECTORS = 'gistar-esda-vectors.json';
const kitMissing = teamKitMissing(VECTORS);
const vectors = kitMissing ? undefined : readTeamKitJson<{ expected: { p: number[]; p_bh: number[] } }>(VECTORS);

/** Textbook BH with a comparator sort, as a reference. */
function referenceBH(p: number[]): number[] {
  const m = p.length;
  const ranked = p.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { value, i } = must(ranked[rank - 1], 'ranked p');
    running = Math.min(running, (value * m) / rank);
    out[i] = running;
  }
  return out;
}

function expectAllClose(actual: ArrayLike<number | undefined>, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i], `index ${i}`).toBeCloseTo(e, digits));
}

describe('benjaminiHochberg', () => {
  it('adjusts a hand-computed example', () => {
    // Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
    expectAllClose(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
  });

  it('takes the running minimum from the top and caps at 1 (values from scipy false_discovery_control)', () => {
    expectAllClose(
      benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]),
      [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.084571428571428575, 0.205],
    );
    expectAllClose(benjaminiHochberg([0.2, 0.2, 0.01, 0.9, 1, 0.2]), [0.3, 0.3, 0.06, 1, 1, 0.3]);
    expectAllClose(benjaminiHochberg([0.5, 0.9, 1, 0.5]), [1, 1, 1, 1]);
  });

  it.skipIf(kitMissing)(`reproduces the esda vectors p_bh${kitMissing ? ` (skipped: ${kitMissing})` : ''}`, () => {
    const { expected } = must(vectors, VECTORS);
    expectAllClose(benjaminiHochberg(expected.p), expected.p_bh, 9);
  });

  it('leaves NaN out of the count and in place', () => {
    const adjusted = benjaminiHochberg([Number.NaN, 0.01, 0.04, Number.NaN, 0.03, 0.005]);
    expect(adjusted[0]).toBeNaN();
    expect(adjusted[3]).toBeNaN();
    expectAllClose([adjusted[1], adjusted[2], adjusted[4], adjusted[5]], [0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([]).length).toBe(0);
    expect(benjaminiHochberg([Number.NaN])[0]).toBeNaN();
  });

  it('matches the textbook algorithm on many p-values with ties, and is monotone in p', () => {
    const rand = mulberry32(5);
    for (const m of [1, 2, 63, 64, 65, 1000, 20_000]) {
      const p = Array.from({ length: m }, () => {
        const u = rand();
        if (u < 0.2) return Math.round(rand() * 20) / 20; // many exact ties, including 0 and 1
        if (u < 0.4) return rand() ** 8; // small p-values
        return rand();
      });
      const adjusted = benjaminiHochberg(p);
      const reference = referenceBH(p);
      let maxDiff = 0;
      let bounded = true;
      p.forEach((value, i) => {
        const a = must(adjusted[i], 'adjusted p');
        maxDiff = Math.max(maxDiff, Math.abs(a - must(reference[i], 'reference p')));
        bounded &&= a >= value && a <= 1;
      });
      expect(maxDiff, `m = ${m}`).toBeLessThan(1e-14);
      expect(bounded).toBe(true);
      const byP = p
        .map((value, i) => ({ value, adjusted: must(adjusted[i], 'adjusted p') }))
        .sort((a, b) => a.value - b.value)
        .map((x) => x.adjusted);
      expect(byP.every((a, k) => a >= (byP[k - 1] ?? -Infinity))).toBe(true);
    }
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([-0.1])).toThrow(RangeError);
  });
});

describe('argsortNonNegative', () => {
  it('orders exactly, including values that differ only in the low word', () => {
    const rand = mulberry32(9);
    const base = [0, 1, 0.05, 1e-300, 5e-324, 0.3];
    const values: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const u = rand();
      if (u < 0.3) values.push(must(base[Math.floor(rand() * base.length)], 'base value'));
      else if (u < 0.6)
        values.push(0.3 + Math.floor(rand() * 1000) * Number.EPSILON); // same high word
      else values.push(rand() * 10 ** -Math.floor(rand() * 20));
    }
    const v = Float64Array.from(values);
    const order = argsortNonNegative(v);
    const seen = new Uint8Array(v.length);
    for (const i of order) seen[i] = 1;
    expect(seen.every((s) => s === 1)).toBe(true);
    const sorted = Array.from(order, (i) => must(v[i], 'value'));
    expect(sorted.every((x, k) => x >= (sorted[k - 1] ?? -Infinity))).toBe(true);
  });
});

describe('classify (Gi_Bin)', () => {
  it('bins by FDR-adjusted p and signs by z', () => {
    const z = [3.5, 2.1, 1.7, 1.0, -3.5, -2.1, -1.7, 0, Number.NaN, 2.0];
    const p = [0.001, 0.04, 0.08, 0.3, 0.01, 0.05, 0.1, 0.001, 0.001, Number.NaN];
    expect(Array.from(classify(z, p))).toEqual([3, 2, 1, 0, -3, -2, -1, 0, 0, 0]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => classify([1, 2], [0.1])).toThrow(RangeError);
  });
});
