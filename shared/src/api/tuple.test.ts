import Ajv2020 from 'ajv/dist/2020.js';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Bounds, Tuple } from './tuple';

describe('Tuple', () => {
  const ajv = new Ajv2020({ strict: true });

  it('is a 2020-12 tuple: each element by its own schema, exactly as many', () => {
    const validate = ajv.compile(Tuple([Type.Number(), Type.String()]));
    expect([validate([1, 'a']), validate(['a', 1]), validate([1]), validate([1, 'a', 'b'])]).toEqual([true, false, false, false]);
  });

  it('keeps a single items schema for serializers that read only items', () => {
    expect(Bounds).toMatchObject({ prefixItems: [{ type: 'number' }, {}, {}, {}], items: { type: 'number' }, minItems: 4, maxItems: 4 });
    expect(Tuple([Type.Number(), Type.String()])).toMatchObject({ items: { anyOf: [{ type: 'number' }, { type: 'string' }] } });
    expect(ajv.compile(Bounds)([14, 57, 14.2, 57.3])).toBe(true);
  });
});
