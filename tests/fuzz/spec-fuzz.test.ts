/**
 * Spec-driven fuzzing, Schemathesis-style: for every operation in openapi/openapi.json, requests generated from its
 * parameter and body schemas — valid ones (biased to ids that exist) and invalid ones (wrong types, out-of-range
 * numbers, missing or extra members, injection and traversal strings, repeated parameters, malformed JSON, a wrong
 * media type, no or a wrong API key) — are sent through app.inject, and every answer must:
 *   - never be a 5xx;
 *   - use a status, media type and body the spec documents for that operation (ajv, JSON Schema 2020-12);
 *   - be application/problem+json without stack traces or SQL when it is a 4xx;
 *   - be a 4xx when the request breaks the spec (ajv on the request decides, not the generator);
 *   - leave the dataset version alone when a write is refused.
 * Seeded and reproducible: FUZZ_SEED picks the seed, FUZZ_SCALE multiplies the number of requests (default ≈3,000).
 */
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';
import { readEditions } from '../helpers/editions.js';
import {
  conformsToSpec,
  errorsText,
  fromInject,
  operationsOf,
  spec,
  specValidator,
  type JsonSchema,
  type SpecOperation,
  type SpecParameter,
} from '../helpers/spec.js';
import { invalidValue, NASTY_STRINGS, validValue, type SchemaContext } from './schema-arbitrary.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
const VALID_RUNS = Math.round(40 * SCALE);
const INVALID_RUNS = Math.round(50 * SCALE);

const SECRET = 'fuzz-writer-secret-0123456789';
/** A stack frame as V8 prints it, or a file:line:column reference. */
const STACK_FRAME = /(^|\n)\s*at\s|\.(ts|js|mjs|cjs):\d+:\d+/;
/** zod's own wording for a type, range, pattern, option or unknown-key failure: what the JSON Schema says too. */
const SCHEMA_LEVEL_MESSAGE = /^(Invalid input: expected|Too (small|big)|Invalid (string|option|format)|Unrecognized key)/;
/** SQLite and SQL text that must never reach a client. */
const SQL_LEAK = /SQLITE_|sqlite3?|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b|drizzle/i;

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Why the request breaks the spec, or null when ajv finds nothing wrong with it. */
  invalid: string | null;
}

/** How a query value travels: everything on the wire is text. */
type Wire = string | string[];

let app: FastifyInstance;
let context: (path: string) => SchemaContext;
let knownRows: ReturnType<typeof knownValues>['rows'];

function pick<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

/** The names of things that exist in the seeded data, so generated requests get past "unknown id". */
function knownValues(instance: FastifyInstance) {
  const snapshot = instance.dataset.current();
  const iso3 = snapshot.countries.map((country) => country.iso3);
  const rows = snapshot.production.slice(0, 200).map((row) => ({
    mineral: row.mineralId,
    stage: row.stageId,
    country: row.country,
    year: row.year,
    basis: row.basisId,
    edition: row.edition,
    sourceId: row.sourceId,
  }));
  return {
    minerals: snapshot.minerals.map((mineral) => mineral.id),
    iso3: [...iso3, ...iso3.slice(0, 10).map((code) => code.toLowerCase())],
    groups: snapshot.groups.map((group) => group.id),
    sources: snapshot.sources.map((source) => source.id),
    bases: snapshot.bases.map((basis) => basis.id),
    stages: snapshot.stages.map((stage) => stage.id),
    /** Edition ids as data/editions.csv lists them (`?edition=`, scenario and preset bodies, a row's edition). */
    editions: readEditions().map((edition) => edition.id),
    rows,
    // Stored export-control measures as the write API takes them (re-sending one is an accepted, unchanged write).
    measures: snapshot.exportControls.map((record) => ({
      id: record.id,
      imposingCountry: record.imposingCountry,
      instrument: record.instrument,
      title: record.title,
      measure: record.measure,
      target: record.target,
      endUsers: record.endUsers,
      minerals: record.minerals === '' ? [] : record.minerals.split(';'),
      stages: record.stages === '' ? [] : record.stages.split(';'),
      covers: record.covers,
      announced: record.announced,
      effective: record.effective,
      ends: record.ends,
      lifted: record.lifted,
      suspends: record.suspends,
      replacedBy: record.replacedBy,
      note: record.note,
      sourceId: record.sourceId,
      confidence: record.confidence,
    })),
  };
}

function contextFor(known: ReturnType<typeof knownValues>, methods: string[], presets: string[]) {
  const mineral = pick(known.minerals);
  const iso3 = pick(known.iso3);
  const year = fc.integer({ min: 2016, max: 2025 });
  const row = fc
    // Small tonnages: a country's row may not exceed the world total (a 422 by the data rules, not by the schema).
    .tuple(
      pick(known.rows),
      fc.oneof(fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
      fc.boolean(),
    )
    .map(([key, tonnes, estimated]) => (tonnes === null ? { ...key, tonnes, withheld: true } : { ...key, tonnes, estimated }));
  // A shock names either countries or a group, never both (a rule the JSON Schema cannot state).
  const shock = fc
    .tuple(
      fc.oneof(
        fc.array(iso3, { minLength: 1, maxLength: 3 }).map((countries) => ({ countries })),
        pick(known.groups).map((group) => ({ group })),
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.option(fc.subarray(known.stages, { minLength: 1 }), { nil: undefined }),
    )
    .map(([who, reduction, stages]) => ({ ...who, reduction, ...(stages ? { stages } : {}) }));
  const idsByPath: [string, readonly string[]][] = [
    ['/v1/groups/', known.groups],
    ['/v1/sources/', known.sources],
    ['/v1/editions/', known.editions],
    ['/v1/methods/', methods],
    ['/v1/scenarios/presets/', presets],
    ['/v1/export-controls/', known.measures.map((measure) => measure.id)],
  ];
  // A real calendar day (export-control `asOf`): any other text is refused by the documented date rule.
  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  return (path: string): SchemaContext => ({
    resolve: (ref) => {
      const name = ref.replace('#/components/schemas/', '');
      const schema = spec.components.schemas[name];
      if (!schema) throw new Error(`unresolved ${ref}`);
      return schema;
    },
    hint: (name, schema) => {
      // A hint only stands in for a value of its own type: a year is a number, an edition an id (text; NewSource.edition
      // is free text too, which an edition id also is).
      const types = ([] as string[]).concat(schema.type ?? []);
      const numeric = types.includes('integer') || types.includes('number');
      if (numeric !== (name === 'year') && !['rows', 'shocks'].includes(name ?? '')) return undefined;
      switch (name) {
        case 'mineral':
        case 'minerals':
          return mineral;
        case 'importer':
          // Import data exists for the United States only; other importers are answered 400/404 quickly.
          return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('USA', 'usa') }, { weight: 1, arbitrary: iso3 });
        case 'shocks':
          return shock;
        case 'iso3':
        case 'supplier':
        case 'country':
          return iso3;
        case 'countries':
          return schema.type === 'string' ? fc.array(iso3, { minLength: 1, maxLength: 4 }).map((codes) => codes.join(',')) : iso3;
        case 'group':
          return pick(known.groups);
        case 'basis':
          return pick(known.bases);
        case 'stage':
          return pick(known.stages);
        case 'sourceId':
          return pick(known.sources);
        case 'year':
          return year;
        case 'edition':
          return pick(known.editions);
        case 'rows':
          return path === '/v1/export-controls' ? pick(known.measures) : row;
        case 'asOf':
          return day;
        case 'id': {
          const ids = idsByPath.find(([prefix]) => path.startsWith(prefix))?.[1];
          return ids ? pick(ids) : undefined;
        }
        default:
          return undefined;
      }
    },
  });
}

/** A query string as the server reads it: text that looks like a JSON number is a number, the rest stays text. */
function typedQueryValue(value: string, schema: JsonSchema): unknown {
  const numeric = ['integer', 'number'].includes(String(schema.type));
  return numeric && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}

/** Why these parameter values break the spec, or null. An empty number in a query means "not given" (documented). */
function parameterProblem(path: string, method: string, operation: SpecOperation, values: Map<string, Wire>): string | null {
  for (const [index, parameter] of (operation.parameters ?? []).entries()) {
    const value = values.get(parameter.name);
    const numeric = ['integer', 'number'].includes(String(parameter.schema.type));
    if (value === undefined || (value === '' && parameter.in === 'query' && numeric)) {
      if (parameter.required) return `${parameter.in}.${parameter.name} is missing`;
      continue;
    }
    const typed = Array.isArray(value) ? value : parameter.in === 'header' ? value : typedQueryValue(value, parameter.schema);
    const validate = specValidator('paths', path, method, 'parameters', String(index), 'schema');
    if (!validate(typed)) return `${parameter.in}.${parameter.name}: ${errorsText(validate)}`;
  }
  return null;
}

function toWire(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Valid values for every parameter (optional ones sometimes left out). A cursor is left out: it is an opaque token
 * only the server issues, so any made-up one is rightly refused (the invalid runs send them).
 */
function validParameters(path: string, operation: SpecOperation, schemaContext: SchemaContext): fc.Arbitrary<Map<string, Wire>> {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.name !== 'cursor');
  const entries = parameters.map((parameter) => {
    // An empty path segment would address another operation (`/v1/minerals/` is the list), not this one.
    const value = validValue(parameter.schema, schemaContext, parameter.name)
      .map(toWire)
      .filter((wire) => parameter.in !== 'path' || wire !== '');
    return parameter.required
      ? value.map((wire) => [parameter.name, wire] as const)
      : fc.option(
          value.map((wire) => [parameter.name, wire] as const),
          { freq: 2 },
        );
  });
  const values = fc.tuple(...entries).map((pairs) => new Map(pairs.filter((pair): pair is readonly [string, string] => pair !== null)));
  const key = rowKeyParameters(path, parameters);
  return key ? fc.oneof(values, key) : values;
}

/** For a path addressing one production row (DELETE), the key of a row that exists, with its edition when asked for. */
function rowKeyParameters(path: string, parameters: readonly SpecParameter[]): fc.Arbitrary<Map<string, Wire>> | undefined {
  const names = ['mineral', 'stage', 'country', 'year', 'basis'];
  const pathNames = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  if (!path.startsWith('/v1/production/') || names.some((name) => !pathNames.includes(name))) return undefined;
  const withEdition = parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'edition');
  return fc.tuple(pick(knownRows), fc.boolean()).map(([row, pinned]) => {
    const key = new Map<string, Wire>(names.map((name) => [name, String(row[name as keyof typeof row])]));
    if (withEdition && pinned) key.set('edition', row.edition);
    return key;
  });
}

/** One parameter made bad: nasty text, a wrong-typed or out-of-range value, or the parameter given twice. */
function badParameter(parameter: SpecParameter, schemaContext: SchemaContext): fc.Arbitrary<Wire> {
  const usable = (wire: string) => parameter.in !== 'path' || wire !== '';
  const options: fc.Arbitrary<Wire>[] = [
    pick(NASTY_STRINGS.filter(usable)),
    invalidValue(parameter.schema, schemaContext, parameter.name).map(toWire).filter(usable),
  ];
  if (parameter.in === 'query') {
    const good = validValue(parameter.schema, schemaContext, parameter.name).map(toWire);
    options.push(fc.tuple(good, good).map(([first, second]) => [first, second]));
  }
  return fc.oneof(...options);
}

function buildUrl(path: string, operation: SpecOperation, values: Map<string, Wire>): string {
  let url = path;
  const query: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    const value = values.get(parameter.name);
    if (value === undefined) continue;
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(toWire(value)));
    if (parameter.in === 'query') {
      for (const one of ([] as string[]).concat(value)) query.push(`${encodeURIComponent(parameter.name)}=${encodeURIComponent(one)}`);
    }
  }
  return query.length > 0 ? `${url}?${query.join('&')}` : url;
}

interface BodyCase {
  payload?: string;
  contentType?: string;
  problem: string | null;
}

function bodyCases(
  path: string,
  method: string,
  operation: SpecOperation,
  schemaContext: SchemaContext,
  wantInvalid: boolean,
): fc.Arbitrary<BodyCase> {
  const json = operation.requestBody?.content['application/json'];
  if (!json) return fc.constant({ problem: null });
  const validate = specValidator('paths', path, method, 'requestBody', 'content', 'application/json', 'schema');
  const asCase = (value: unknown): BodyCase => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
    problem: validate(value) ? null : `body: ${errorsText(validate)}`,
  });
  if (!wantInvalid) return validValue(json.schema, schemaContext).map(asCase);
  const raw: BodyCase[] = [
    { payload: '{"rows": [', contentType: 'application/json', problem: 'malformed JSON' },
    { payload: '{"year": 1e309}', contentType: 'application/json', problem: 'a number JSON.parse turns into Infinity' },
    { payload: "{'single': 'quotes'}", contentType: 'application/json', problem: 'malformed JSON' },
    { payload: 'year=2024', contentType: 'application/x-www-form-urlencoded', problem: 'not JSON' },
    { payload: '<xml/>', contentType: 'application/xml', problem: 'not JSON' },
    { payload: '[]', contentType: 'application/json', problem: 'an array body' },
    { payload: '"text"', contentType: 'application/json', problem: 'a string body' },
  ];
  return fc.oneof({ weight: 1, arbitrary: pick(raw) }, { weight: 4, arbitrary: invalidValue(json.schema, schemaContext).map(asCase) });
}

function authorization(operation: SpecOperation, wantInvalid: boolean): fc.Arbitrary<{ header?: string; problem: string | null }> {
  if (!operation.security) return fc.constant({ problem: null });
  const good = { header: `Bearer ${SECRET}`, problem: null };
  if (!wantInvalid) return fc.constant(good);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(good) },
    { weight: 1, arbitrary: fc.constant({ problem: 'no API key' }) },
    {
      weight: 1,
      arbitrary: pick(['Bearer wrong-key-0123456789abcdef', 'Basic dXNlcjpwYXNz', 'Bearer', `bearer  ${SECRET}x`]).map((header) => ({
        header,
        problem: 'a wrong API key',
      })),
    },
  );
}

function requests(path: string, method: string, operation: SpecOperation, wantInvalid: boolean): fc.Arbitrary<FuzzRequest> {
  const schemaContext = context(path);
  const parameters = operation.parameters ?? [];
  const valid = validParameters(path, operation, schemaContext);
  const withBadParameter =
    wantInvalid && parameters.length > 0
      ? fc.oneof(
          { weight: 1, arbitrary: valid },
          {
            weight: operation.requestBody ? 1 : 3,
            arbitrary: fc
              .tuple(valid, pick(parameters))
              .chain(([values, parameter]) =>
                badParameter(parameter, schemaContext).map((bad) => new Map([...values, [parameter.name, bad]])),
              ),
          },
        )
      : valid;
  const accept = wantInvalid
    ? pick([undefined, 'application/json', '*/*', 'text/csv', 'application/xml', 'text/html;q=0.9', ';;;', 'application/json;q=0'])
    : pick([undefined, 'application/json', '*/*']);
  return fc
    .tuple(withBadParameter, bodyCases(path, method, operation, schemaContext, wantInvalid), authorization(operation, wantInvalid), accept)
    .map(([values, body, auth, acceptHeader]) => {
      const headers: Record<string, string> = {};
      const ifNoneMatch = values.get('if-none-match');
      if (ifNoneMatch !== undefined) headers['if-none-match'] = toWire(ifNoneMatch);
      if (acceptHeader !== undefined) headers.accept = acceptHeader;
      if (auth.header !== undefined) headers.authorization = auth.header;
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      const problem = auth.problem ?? parameterProblem(path, method, operation, values) ?? body.problem;
      return { method: method.toUpperCase(), url: buildUrl(path, operation, values), headers, payload: body.payload, invalid: problem };
    });
}

interface Tally {
  byStatus: Map<number, number>;
  refusedInvalid: number;
}

/** Sends one request and throws, with the request in the message, at the first broken rule. */
async function check(path: string, method: string, request: FuzzRequest, tally: Tally): Promise<void> {
  const versionBefore = app.dataset.current().version;
  const response = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  const status = response.statusCode;
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  const shown = `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)} ${request.payload?.slice(0, 300) ?? ''}`;
  const fail = (why: string) => {
    throw new Error(`${why}\n  request: ${shown}\n  response ${status}: ${response.body.slice(0, 600)}`);
  };
  if (status >= 500) fail('a 5xx');
  try {
    conformsToSpec(method, path, fromInject(response));
  } catch (error) {
    fail((error as Error).message);
  }
  if (status >= 400) {
    if (!String(response.headers['content-type']).startsWith('application/problem+json')) fail('a 4xx that is not problem+json');
    if (STACK_FRAME.test(response.body)) fail('a stack trace in the body');
    if (SQL_LEAK.test(response.body)) fail('SQL or SQLite text in the body');
    if ((response.json() as { status: number }).status !== status) fail('problem.status differs from the HTTP status');
    if (method !== 'get' && app.dataset.current().version !== versionBefore) fail('a refused write changed the dataset');
  }
  if (request.invalid !== null) {
    if (status < 400) fail(`accepted a request that breaks the spec (${request.invalid})`);
    tally.refusedInvalid += 1;
  } else if (status === 400) {
    // A request the spec allows may still be refused for what the spec cannot say (an unknown group, a shock
    // naming both countries and a group), but never with a schema-level complaint: that is the spec and the
    // server disagreeing about a type, a range or a pattern.
    const errors = (response.json() as { errors?: { field: string; message: string }[] }).errors ?? [];
    const typeLevel = errors.find((error) => SCHEMA_LEVEL_MESSAGE.test(error.message));
    if (typeLevel) fail(`refused a request the spec allows: ${typeLevel.field}: ${typeLevel.message}`);
  }
}

/** Whether the spec lets a request be wrong at all: a typed, bounded or patterned parameter, a body, a key. */
function constrainsInput(operation: SpecOperation): boolean {
  const constrained = (schema: JsonSchema) =>
    schema.type !== 'string' || ['pattern', 'enum', 'minimum', 'maximum'].some((keyword) => keyword in schema);
  return (
    Boolean(operation.requestBody || operation.security) ||
    (operation.parameters ?? []).some((parameter) => parameter.in !== 'header' && constrained(parameter.schema))
  );
}

const operations = operationsOf();

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: parseApiKeys(`fuzzer:${SECRET}`) });
  const methods = ((await app.inject('/v1/methods')).json() as { data: { id: string }[] }).data.map((method) => method.id);
  const presets = ((await app.inject('/v1/scenarios/presets')).json() as { data: { id: string }[] }).data.map((preset) => preset.id);
  const known = knownValues(app);
  knownRows = known.rows;
  context = contextFor(known, methods, presets);
});
afterAll(async () => {
  await app.close();
});

describe(`spec-driven fuzzing (seed ${SEED}, ${VALID_RUNS} valid + ${INVALID_RUNS} invalid requests per operation)`, () => {
  it('covers every operation of the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(34);
    expect(operations.filter(({ operation }) => operation.requestBody).length).toBe(7);
  });

  for (const { method, path, operation } of operations) {
    it(`${method.toUpperCase()} ${path}`, { timeout: 120_000 }, async () => {
      const valid: Tally = { byStatus: new Map(), refusedInvalid: 0 };
      const invalid: Tally = { byStatus: new Map(), refusedInvalid: 0 };
      await fc.assert(
        fc.asyncProperty(requests(path, method, operation, false), (request) => check(path, method, request, valid)),
        { seed: SEED, numRuns: VALID_RUNS },
      );
      await fc.assert(
        fc.asyncProperty(requests(path, method, operation, true), (request) => check(path, method, request, invalid)),
        { seed: SEED + 1, numRuns: INVALID_RUNS },
      );
      const answered = (tally: Tally, from: number, to: number) =>
        [...tally.byStatus].filter(([status]) => status >= from && status < to).reduce((sum, [, count]) => sum + count, 0);
      // The generator must reach the code behind the validation: some valid requests succeed…
      expect(answered(valid, 200, 400), `2xx/304 among valid requests: ${[...valid.byStatus]}`).toBeGreaterThan(0);
      // …and the invalid half must really contain requests that break the spec, all of them refused.
      if (constrainsInput(operation)) {
        expect(invalid.refusedInvalid, `invalid requests refused: ${[...invalid.byStatus]}`).toBeGreaterThan(INVALID_RUNS / 5);
      }
    });
  }
});
