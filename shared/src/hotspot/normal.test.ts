import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, twoSidedP } from './normal';

// Reference values: CPython math.erfc (correctly rounded libm erfc).
const REFERENCE: ReadonlyArray<readonly [number, number]> = [
  [-3, 1.9999779095030015],
  [-1.5, 1.9661051464753108],
  [-0.3, 1.3286267594591274],
  [0, 1],
  [1e-20, 1],
  [0.2, 0.7772974107895215],
  [0.46875, 0.507386526782062],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [1.959963984540054, 0.005574596680784415],
  [2.5, 0.0004069520174449589],
  [3.9, 3.479224859723177e-8],
  [4, 1.541725790028002e-8],
  [4.5, 1.9661604415428873e-10],
  [6, 2.1519736712498916e-17],
  [10, 2.088487583762545e-45],
  [20, 5.3958656116079005e-176],
  [26, 5.663192408856143e-296],
];

describe('erfc (Cody)', () => {
  it('matches libm erfc to ~1e-14 relative across all three intervals', () => {
    for (const [x, expected] of REFERENCE) {
      const got = erfc(x);
      expect(Math.abs(got - expected) / expected, `erfc(${x})`).toBeLessThan(1e-14);
    }
  });

  it('underflows to 0 far in the tail and keeps NaN', () => {
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

describe('normal tail helpers', () => {
  it('gives the familiar two-sided p-values', () => {
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedP(1.6448536269514722)).toBeCloseTo(0.1, 12);
  });

  it('gives Φ', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 12);
  });
});
