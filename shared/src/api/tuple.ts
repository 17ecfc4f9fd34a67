import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

type StaticTuple<T extends readonly TSchema[]> = { -readonly [K in keyof T]: Static<T[K]> };

/**
 * A fixed-length array in JSON Schema 2020-12 form (`prefixItems`), as OpenAPI 3.1 requires.
 * TypeBox's `Type.Tuple` emits draft-07's `items: [...]` with `additionalItems`, which is not valid
 * 3.1. `items` repeats the element schemas (one, or their union) because fast-json-stringify, which
 * serializes our answers, reads only `items`; in 2020-12 it constrains nothing past the last element.
 */
export function Tuple<const T extends readonly TSchema[]>(elements: T, options: { description?: string } = {}): TUnsafe<StaticTuple<T>> {
  const distinct = [...new Map(elements.map((e) => [JSON.stringify(e), e])).values()];
  return Type.Unsafe<StaticTuple<T>>({
    ...options,
    type: 'array',
    prefixItems: elements,
    items: distinct.length === 1 ? distinct[0] : { anyOf: distinct },
    minItems: elements.length,
    maxItems: elements.length,
  });
}

/** A map extent: [west, south, east, north] in WGS 84 degrees. */
export const Bounds = Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: '[west, south, east, north] in WGS 84 degrees',
});
