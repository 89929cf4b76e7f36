/**
 * fast-check arbitraries from the JSON Schemas in the OpenAPI document: values a schema accepts (biased towards
 * ids that exist, so requests reach the scoring code instead of stopping at 404) and values it refuses.
 * Whether a generated value really is valid is decided afterwards by ajv, not trusted from here.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../helpers/spec.js';

/** Values worth trying where a schema says "string": injection, traversal, encodings, sizes. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE production; --',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '\u0000',
  'null',
  'undefined',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'Ünïcödé 中文 🙂',
  '\u202Eevil',
  'a'.repeat(5_000),
  '🙂'.repeat(300),
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
];

/** Values worth trying where a schema says "number" or "integer", as JSON can carry them. */
const NASTY_NUMBERS: readonly unknown[] = [-1, 0.5, 1.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2, '12', 'abc', true, null, [], {}];

const WRONG_TYPES: Record<string, readonly unknown[]> = {
  string: [123, true, null, [], {}],
  integer: NASTY_NUMBERS,
  number: NASTY_NUMBERS,
  boolean: ['true', 1, null, 'yes'],
  object: ['x', 1, [], null, true],
  array: ['x', 1, {}, null],
  null: [0, '', 'null', false],
};

export interface SchemaContext {
  /** Resolves `#/components/schemas/…`. */
  resolve(ref: string): JsonSchema;
  /** Realistic values for a named property, parameter or array item (mineral, country, basis…), if any. */
  hint(name: string | undefined, schema: JsonSchema): fc.Arbitrary<unknown> | undefined;
}

const MAX_ARRAY = 4;
const MAX_DICTIONARY = 3;

function deref(schema: JsonSchema, context: SchemaContext): JsonSchema {
  return typeof schema.$ref === 'string' ? deref(context.resolve(schema.$ref), context) : schema;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  return [];
}

function bounded(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function schemaValue(schema: JsonSchema, context: SchemaContext, name: string | undefined): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map((option: JsonSchema) => validValue(option, context, name)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => schemaValue({ ...schema, type }, context, name)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(bounded(schema.minimum, -1_000_000), -1_000_000);
      const max = Math.min(bounded(schema.maximum, 1_000_000), 1_000_000);
      return fc.integer({ min, max });
    }
    case 'number': {
      const min = Math.max(bounded(schema.minimum, -1e6), -1e6);
      const max = Math.min(bounded(schema.maximum, 1e6), 1e6);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}, context, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ARRAY, MAX_ARRAY)),
      });
    case 'object':
      return objectValue(schema, context);
    case 'string':
    default:
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, 24) });
  }
}

function objectValue(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const model = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validValue(property, context, key)]));
  const fixed = fc.record(model, { requiredKeys: (schema.required ?? []) as string[] });
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== 'object') return fixed;
  // A map such as `stockpile: { antimony: 1100 }`: keys from propertyNames, realistic ones from the hints.
  const keys = validValue(schema.propertyNames ?? { type: 'string' }, context, 'mineral') as fc.Arbitrary<string>;
  return fc
    .tuple(fixed, fc.dictionary(keys, validValue(extra, context, undefined), { maxKeys: MAX_DICTIONARY }))
    .map(([known, dictionary]) => ({ ...dictionary, ...(known as object) }));
}

/** Values the schema accepts, mostly realistic where a hint exists for `name`. */
export function validValue(schema: JsonSchema, context: SchemaContext, name?: string): fc.Arbitrary<unknown> {
  const resolved = deref(schema, context);
  const generic = schemaValue(resolved, context, name);
  const hint = typesOf(resolved).includes('array') ? undefined : context.hint(name, resolved);
  return hint ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: generic }) : generic;
}

function leafViolations(schema: JsonSchema): unknown[] {
  const types = typesOf(schema);
  const candidates: unknown[] = types.flatMap((type) => WRONG_TYPES[type] ?? []);
  if (types.includes('string') || schema.enum) candidates.push(...NASTY_STRINGS);
  if (types.includes('integer') || types.includes('number')) {
    if (typeof schema.minimum === 'number') candidates.push(schema.minimum - 1);
    if (typeof schema.maximum === 'number') candidates.push(schema.maximum + 1);
  }
  return candidates.length > 0 ? candidates : [...WRONG_TYPES.string!];
}

/**
 * Values that break the schema somewhere: a wrong type or out-of-range leaf, a missing required member, an
 * unexpected member, a bad array item. Usually invalid; ajv has the last word.
 */
export function invalidValue(schema: JsonSchema, context: SchemaContext, name?: string): fc.Arbitrary<unknown> {
  const resolved = deref(schema, context);
  if (Array.isArray(resolved.anyOf)) return fc.constantFrom(...leafViolations({ type: ['string', 'number', 'object'] }));
  const types = typesOf(resolved);
  const wholeValue = fc.constantFrom(...leafViolations(resolved));
  if (types.includes('object') && resolved.properties) {
    const properties = resolved.properties as Record<string, JsonSchema>;
    const required = (resolved.required ?? []) as string[];
    const valid = objectValue(resolved, context) as fc.Arbitrary<Record<string, unknown>>;
    const options: fc.Arbitrary<unknown>[] = [wholeValue];
    if (required.length > 0) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([value, missing]) => {
          const copy = { ...value };
          delete copy[missing];
          return copy;
        }),
      );
    }
    if (resolved.additionalProperties === false) options.push(valid.map((value) => ({ ...value, unexpectedMember: 'x' })));
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      options.push(
        fc
          .constantFrom(...keys)
          .chain((key) => fc.tuple(fc.constant(key), valid, invalidValue(properties[key]!, context, key)))
          .map(([key, value, bad]) => ({ ...value, [key]: bad })),
      );
    }
    return fc.oneof(...options);
  }
  if (types.includes('array')) {
    const items = resolved.items ?? {};
    const options: fc.Arbitrary<unknown>[] = [
      wholeValue,
      fc
        .tuple(fc.array(validValue(items, context, name), { maxLength: 2 }), invalidValue(items, context, name))
        .map(([good, bad]) => [...good, bad]),
    ];
    if ((resolved.minItems ?? 0) > 0) options.push(fc.constant([]));
    return fc.oneof(...options);
  }
  return wholeValue;
}
