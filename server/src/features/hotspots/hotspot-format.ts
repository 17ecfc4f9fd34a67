/** Number formats of the hot-spot answers: fixed precision, so equal answers are equal text. */

export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
/** Grid corners to 1e-5° (about a metre): far below the smallest cell, and a fifth of the answer's size. */
export const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** v rounded to `digits` significant digits (arithmetic, much faster than toPrecision). */
export function significant(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  // Beyond 1e15 the product loses digits (exact p-values reach 1e-100); toPrecision is exact there.
  return scale <= 1e15 ? Math.round(v * scale) / scale : Number(v.toPrecision(digits));
}

export const roundZ = (z: number): number | null => (Number.isFinite(z) ? Math.round(z * 100) / 100 : null);
export const roundP = (p: number): number | null => (Number.isFinite(p) ? significant(p, 3) : null);
export const roundDensity = (d: number): number | null => (Number.isFinite(d) ? significant(d, 2) : null);

/** Formats numbers for JSON, remembering the last one: neighbouring cells often share z and p. */
export function memo(format: (v: number) => number | null): (v: number) => string {
  let last = Number.NaN;
  let text = 'null';
  return (v) => {
    if (v === last || (Number.isNaN(v) && Number.isNaN(last))) return text;
    last = v;
    const r = format(v);
    text = r === null ? 'null' : String(r);
    return text;
  };
}
