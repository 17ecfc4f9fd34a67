/**
 * `value`, or an error naming what is missing. For a value the code's own logic guarantees (a key
 * it just set, an index below the length): if that ever breaks, the error says where, instead of a
 * TypeError from some later line that read `undefined`.
 */
export function must<T>(value: T, what: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
