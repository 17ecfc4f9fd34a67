/**
 * Benjamini–Hochberg false discovery rate adjustment and ArcGIS-style confidence bins.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Indices of `values` (non-negative, no NaN) in ascending order of value, exactly.
 *
 * For non-negative doubles the numeric order is the order of the bit patterns, so this is an
 * LSD radix sort (3 passes of 11 bits) on the high 32-bit word — sign, exponent and the top 20
 * mantissa bits — followed by a fix-up of runs with equal high words on the low word. About
 * 5–10× faster than `Float64Array.prototype.sort` in V8, and the permutation comes for free.
 */
export function argsortNonNegative(values: Float64Array): Uint32Array {
  const m = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * m);
  const hiOff = LITTLE_ENDIAN ? 1 : 0;
  const loOff = 1 - hiOff;
  let idx = new Uint32Array(m);
  for (let i = 0; i < m; i++) idx[i] = i;
  if (m < 64) {
    return idx.sort((a, b) => values[a]! - values[b]!);
  }
  let keys = new Uint32Array(m);
  const hist = new Uint32Array(3 * 2048);
  for (let i = 0; i < m; i++) {
    const k = words[2 * i + hiOff]!;
    keys[i] = k;
    hist[k & 2047]!++;
    hist[2048 + ((k >>> 11) & 2047)]!++;
    hist[4096 + (k >>> 22)]!++;
  }
  let keys2 = new Uint32Array(m);
  let idx2 = new Uint32Array(m);
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * 2048;
    const shift = pass * 11;
    let trivial = false;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const count = hist[base + d]!;
      if (count === m) trivial = true;
      hist[base + d] = sum;
      sum += count;
    }
    if (trivial) continue; // every key has the same digit here
    for (let i = 0; i < m; i++) {
      const k = keys[i]!;
      const dst = hist[base + ((k >>> shift) & 2047)]!++;
      keys2[dst] = k;
      idx2[dst] = idx[i]!;
    }
    [keys, keys2] = [keys2, keys];
    [idx, idx2] = [idx2, idx];
  }
  // Runs with equal high words: order by the low word (equal values are already "sorted").
  let i = 0;
  while (i < m) {
    const k = keys[i]!;
    let j = i + 1;
    while (j < m && keys[j] === k) j++;
    if (j - i > 1) {
      let sorted = true;
      for (let t = i + 1; t < j && sorted; t++) {
        if (words[2 * idx[t]! + loOff]! < words[2 * idx[t - 1]! + loOff]!) sorted = false;
      }
      if (!sorted) {
        const run = idx.subarray(i, j);
        run.sort((a, b) => words[2 * a + loOff]! - words[2 * b + loOff]!);
      }
    }
    i = j;
  }
  return idx;
}

/**
 * Benjamini–Hochberg adjusted p-values (as R `p.adjust(p, 'BH')` / scipy
 * `false_discovery_control`): with the m p-values sorted ascending, p_(k) → min over j >= k of
 * p_(j)·m/j, capped at 1, returned in the original order. A test is significant at FDR level q
 * iff its adjusted p <= q.
 *
 * NaN entries (e.g. cells outside the study area) are not tests: they are left out of m and
 * stay NaN. Other values must lie in [0, 1] (RangeError otherwise).
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const len = p.length;
  const out = new Float64Array(len);
  let m = 0;
  for (let i = 0; i < len; i++) {
    const v = p[i]!;
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`p-value ${i} is outside [0, 1]: ${v}`);
    m++;
  }
  // The tests, compacted (NaN left out), and where each came from.
  const tests = new Float64Array(m);
  const origin = m === len ? undefined : new Uint32Array(m);
  for (let i = 0, k = 0; i < len; i++) {
    const v = p[i]!;
    if (Number.isNaN(v)) {
      out[i] = Number.NaN;
      continue;
    }
    tests[k] = v === 0 ? 0 : v; // fold −0 into +0 so bit order is numeric order
    if (origin) origin[k] = i;
    k++;
  }
  const order = argsortNonNegative(tests);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const k = order[rank - 1]!;
    const adjusted = (tests[k]! * m) / rank;
    if (adjusted < running) running = adjusted;
    out[origin ? origin[k]! : k] = running;
  }
  return out;
}

/** Gi_Bin confidence levels: |class| 3, 2, 1 at adjusted p <= 0.01, 0.05, 0.10. */
export const CONFIDENCE_LEVELS = [0.01, 0.05, 0.1] as const;

/**
 * ArcGIS "Gi_Bin" classes from z-scores and (FDR-adjusted) p-values: +3 / +2 / +1 are hot spots
 * at 99 / 95 / 90 % confidence, −3 / −2 / −1 cold spots, 0 not significant (or NaN).
 */
export function classify(z: ArrayLike<number>, pAdjusted: ArrayLike<number>): Int8Array {
  if (z.length !== pAdjusted.length) {
    throw new RangeError(`z and p must have the same length, got ${z.length} and ${pAdjusted.length}`);
  }
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    const pi = pAdjusted[i]!;
    let level = 0;
    if (pi <= 0.01) level = 3;
    else if (pi <= 0.05) level = 2;
    else if (pi <= 0.1) level = 1;
    if (level === 0 || !(zi > 0 || zi < 0)) continue; // z = 0 or NaN: no direction
    out[i] = zi > 0 ? level : -level;
  }
  return out;
}
