/**
 * Seeded point helpers for the hot-spot tests: deterministic, dependency-free.
 * Not part of the public API. The generator itself is the shared one.
 */
export { mulberry32 } from '../random';

/** n points uniform in [x0, x0 + w) × [y0, y0 + h), interleaved. */
export function uniformPoints(rand: () => number, n: number, x0: number, y0: number, w: number, h: number): Float64Array {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = x0 + rand() * w;
    xy[2 * i + 1] = y0 + rand() * h;
  }
  return xy;
}

/** n points from an isotropic normal around (cx, cy) with standard deviation sigma, interleaved. */
export function normalPoints(rand: () => number, n: number, cx: number, cy: number, sigma: number): Float64Array {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = sigma * Math.sqrt(-2 * Math.log(1 - rand()));
    const t = 2 * Math.PI * rand();
    xy[2 * i] = cx + r * Math.cos(t);
    xy[2 * i + 1] = cy + r * Math.sin(t);
  }
  return xy;
}

/** A random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(rand: () => number, n: number): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** Points reordered by `perm`: point k of the result is point perm[k] of the input. */
export function permutePoints(xy: Float64Array, perm: Uint32Array): Float64Array {
  const out = new Float64Array(xy.length);
  for (let k = 0; k < perm.length; k++) {
    out[2 * k] = xy[2 * perm[k]!]!;
    out[2 * k + 1] = xy[2 * perm[k]! + 1]!;
  }
  return out;
}

export function concat(...parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Interleaved `xy` as [x, y] pairs, for tests that walk the points one by one. */
export function pointPairs(xy: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < xy.length; i += 2) out.push([xy[i]!, xy[i + 1]!]);
  return out;
}
