import fc, { type Arbitrary } from 'fast-check';
import { must } from '@lagesbild/shared';

/**
 * fast-check arbitraries from the JSON Schemas (2020-12) of the OpenAPI document: values that
 * match a schema, and values that break it in one place. Covers the keywords our TypeBox schemas
 * emit (type, enum/const, anyOf/oneOf, string formats and patterns, ranges, items/prefixItems,
 * properties/required/additionalProperties, $ref to components); anything else is any JSON.
 */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

export interface SchemaContext {
  /** A `$ref` of the document (`#/components/schemas/X`) resolved. */
  resolve(ref: string): JsonSchema;
  /** Ids that exist, tried for uuid strings beside random ones, so requests get past 404. */
  knownIds: readonly string[];
}

type Schema = { [keyword: string]: unknown };
const MAX_DEPTH = 8;

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const anyJson = fc.jsonValue({ maxDepth: 2 });

function deref(schema: JsonSchema, context: SchemaContext): JsonSchema {
  let current = schema;
  for (let i = 0; typeof current === 'object' && typeof current.$ref === 'string' && i < 10; i++) {
    current = context.resolve(current.$ref);
  }
  return current;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function typesOf(schema: Schema, context: SchemaContext): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (Array.isArray(schema.enum)) return [...new Set((schema.enum as unknown[]).map(jsonType))];
  if ('const' in schema) return [jsonType(schema.const)];
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) {
    return [...new Set(alternatives.flatMap((a) => (typeof (a = deref(a, context)) === 'object' ? typesOf(a, context) : [])))];
  }
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items || schema.prefixItems) return ['array'];
  return [];
}

const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 12 });
const DAY_MS = 86_400_000;
const dates = fc.integer({ min: Date.UTC(2020, 0, 1) / DAY_MS, max: Date.UTC(2030, 11, 31) / DAY_MS }).map((d) => new Date(d * DAY_MS));

function stringValue(schema: Schema, context: SchemaContext): Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.min(num(schema.maxLength) ?? minLength + 40, minLength + 40);
  const fits = (s: string) => s.length >= minLength && s.length <= (num(schema.maxLength) ?? Infinity);
  switch (schema.format) {
    case 'uuid':
      return context.knownIds.length > 0 ? fc.oneof(fc.constantFrom(...context.knownIds), fc.uuid()) : fc.uuid();
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.tuple(dates, fc.integer({ min: 0, max: DAY_MS - 1 })).map(([d, ms]) => new Date(d.getTime() + ms).toISOString());
    case 'email':
      return fc.tuple(word, word).map(([local, domain]) => `${local}@${domain}.test`);
  }
  if (typeof schema.pattern === 'string') {
    // `^[class]+$` with lengths: repeat one matching character (a filter on lengths would rarely pass).
    const repeated = /^\^(\[[^\]]+\]|\\[dSw])[+*]\$$/.exec(schema.pattern);
    if (repeated)
      return fc.string({ unit: fc.stringMatching(new RegExp(`^${repeated[1]}$`, 'u')), minLength: Math.max(minLength, 1), maxLength });
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits);
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberValue(schema: Schema, integer: boolean): Arbitrary<number> {
  let min = num(schema.minimum);
  let max = num(schema.maximum);
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  if (integer) {
    if (exclusiveMin !== undefined) min = Math.floor(exclusiveMin) + 1;
    if (exclusiveMax !== undefined) max = Math.ceil(exclusiveMax) - 1;
    return fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 });
  }
  return fc.double({
    min: min ?? exclusiveMin ?? -1e6,
    max: max ?? exclusiveMax ?? 1e6,
    minExcluded: min === undefined && exclusiveMin !== undefined,
    maxExcluded: max === undefined && exclusiveMax !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function arrayValue(schema: Schema, context: SchemaContext, depth: number): Arbitrary<unknown[]> {
  const minLength = num(schema.minItems) ?? 0;
  const maxLength = Math.min(num(schema.maxItems) ?? minLength + 3, minLength + 3);
  if (Array.isArray(schema.prefixItems)) {
    return fc.tuple(...(schema.prefixItems as JsonSchema[]).map((s) => valueOf(s, context, depth + 1)));
  }
  const item = valueOf((schema.items as JsonSchema | undefined) ?? true, context, depth + 1);
  return schema.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(item, { minLength, maxLength });
}

function objectValue(schema: Schema, context: SchemaContext, depth: number): Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = ((schema.required ?? []) as string[]).filter((k) => k in properties);
  const minKeys = num(schema.minProperties) ?? 0;
  const extra = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && extra !== false) {
    const value = typeof extra === 'object' ? valueOf(extra as JsonSchema, context, depth + 1) : anyJson;
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), value, { minKeys, maxKeys: minKeys + 3 });
  }
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueOf(s, context, depth + 1)])), {
    requiredKeys: required,
  });
  return minKeys > 0 ? record.filter((o) => Object.keys(o).length >= minKeys) : record;
}

/**
 * Arbitraries built once per schema object and context: the document's schemas are large, and
 * building an arbitrary for every generated value would cost more than the requests.
 */
const built = new WeakMap<SchemaContext, { valid: WeakMap<object, Arbitrary<unknown>>; invalid: WeakMap<object, Arbitrary<unknown>> }>();

function memo(kind: 'valid' | 'invalid', schema: JsonSchema, context: SchemaContext, build: () => Arbitrary<unknown>): Arbitrary<unknown> {
  if (typeof schema !== 'object') return build();
  let caches = built.get(context);
  if (!caches) built.set(context, (caches = { valid: new WeakMap(), invalid: new WeakMap() }));
  let arbitrary = caches[kind].get(schema);
  if (!arbitrary) caches[kind].set(schema, (arbitrary = build()));
  return arbitrary;
}

/** Values that match `schema`. */
export function valueOf(schema: JsonSchema, context: SchemaContext, depth = 0): Arbitrary<unknown> {
  return memo('valid', schema, context, () => buildValue(schema, context, depth));
}

function buildValue(schema: JsonSchema, context: SchemaContext, depth: number): Arbitrary<unknown> {
  const s = deref(schema, context);
  if (s === true || depth > MAX_DEPTH) return anyJson;
  if (s === false) return fc.constant(undefined);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valueOf(a, context, depth + 1)));
  const types = typesOf(s, context);
  if (types.length === 0) return anyJson;
  return fc.oneof(
    ...types.map((type): Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringValue(s, context);
        case 'integer':
        case 'number':
          return numberValue(s, type === 'integer');
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return arrayValue(s, context, depth);
        default:
          return objectValue(s, context, depth);
      }
    }),
  );
}

/** Strings that are wrong in a way our text rule, formats or lengths must catch. */
function badStrings(schema: Schema, context: SchemaContext): Arbitrary<string>[] {
  const good = stringValue(schema, context);
  const max = num(schema.maxLength);
  return [
    good.map((v) => `${v}\u0000`),
    good.map((v) => `\ud800${v}`),
    good.map((v) => `\u202e${v}\u0007`),
    ...(max !== undefined && max < 5000 ? [fc.constant('x'.repeat(max + 1))] : []),
    ...(schema.format || schema.pattern || schema.enum || 'const' in schema ? [fc.string({ maxLength: 12 })] : []),
  ];
}

function badNumbers(schema: Schema): Arbitrary<number>[] {
  const edges = [num(schema.minimum), num(schema.maximum)].filter((v): v is number => v !== undefined);
  return [fc.constantFrom(...edges.flatMap((v) => [v - 1, v + 1]), 1.5, -1, 1e308, Number.MAX_SAFE_INTEGER + 2)];
}

/** Values that break `schema` in one place (a wrong type, a missing or unknown property, a bad string, …). */
export function invalidValueOf(schema: JsonSchema, context: SchemaContext, depth = 0): Arbitrary<unknown> {
  return memo('invalid', schema, context, () => buildInvalid(schema, context, depth));
}

function buildInvalid(schema: JsonSchema, context: SchemaContext, depth: number): Arbitrary<unknown> {
  const s = deref(schema, context);
  if (typeof s === 'boolean' || depth > MAX_DEPTH) return anyJson;
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  const types = typesOf(s, context);
  const wrongType = fc.constantFrom<unknown>(null, true, 0, 'x', [], {}).filter((v) => {
    const t = jsonType(v);
    return !types.includes(t) && !(t === 'number' && types.includes('integer'));
  });
  const options: Arbitrary<unknown>[] = [wrongType];
  // A value that breaks one alternative may match another: still a request the server must answer.
  if (alternatives) return fc.oneof(wrongType, ...alternatives.map((a) => invalidValueOf(a, context, depth + 1)));
  if (types.includes('string')) options.push(...badStrings(s, context));
  if (types.includes('integer') || types.includes('number')) options.push(...badNumbers(s));
  if (types.includes('array')) {
    const max = num(s.maxItems);
    if (max !== undefined && max < 200)
      options.push(fc.array(valueOf(s.items as JsonSchema, context, depth + 1), { minLength: max + 1, maxLength: max + 1 }));
    if (s.items) options.push(fc.array(invalidValueOf(s.items as JsonSchema, context, depth + 1), { minLength: 1, maxLength: 2 }));
  }
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  if (types.includes('object') && names.length > 0) {
    const good = objectValue(s, context, depth);
    options.push(good.map((v) => ({ ...v, unexpectedProperty: 1 })));
    const required = ((s.required ?? []) as string[]).filter((k) => k in properties);
    if (required.length > 0) {
      options.push(
        fc.tuple(good, fc.constantFrom(...required)).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))),
      );
    }
    options.push(
      fc.oneof(
        ...names.map((k) =>
          fc
            .tuple(good, invalidValueOf(must(properties[k], `the schema of ${k}`), context, depth + 1))
            .map(([v, bad]) => ({ ...v, [k]: bad })),
        ),
      ),
    );
  }
  return fc.oneof(...options);
}
