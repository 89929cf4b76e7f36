/**
 * Makes the generated OpenAPI document small enough to open: the same operations, parameters, responses and
 * schemas, with what repeats written once under `components` and referenced with `$ref`.
 *
 * - `components.schemas`: only what the paths reach. The zod transform emits every registered schema twice (as
 *   output and as `…Input`); the input copy of a response-only schema is never referenced.
 * - `components.headers`, `components.parameters`, `components.responses`: a header, parameter or (error) response
 *   that appears identically on two or more operations is written once (ETag, Cache-Control, `edition`, `limit`,
 *   `cursor`, `if-none-match`, the 304, 406, 414, 429 and 500 answers, …).
 * - Response schemas drop the `minimum`/`maximum` of ±(2^53 − 1) that zod puts on every `.int()`, the regular
 *   expression zod writes beside `format: date-time`, and `additionalProperties: false`: none of them tells a client
 *   anything about an answer (the serializer writes only declared fields). Request schemas (parameters, bodies,
 *   `…Input` components) keep them, because the server refuses a larger number or an unknown field with 400 and the
 *   spec must say so.
 * - `anyOf: [{ type: T, … }, { type: 'null' }]` is written as `type: [T, 'null']`, as JSON Schema 2020-12 allows, and a
 *   parameter's `required: false` (the default) is left out.
 */
/** The document's `components`: schemas by name, and the other maps this pass writes. */
interface Components {
  [key: string]: unknown;
  schemas?: Record<string, Json>;
}

/** A node of the OpenAPI document, with the members this pass reads or rewrites; any other member passes through. */
interface Json {
  [key: string]: unknown;
  $ref?: string;
  description?: string;
  paths?: Record<string, Json>;
  components?: Components;
  parameters?: Json[];
  responses?: Record<string, Json>;
  headers?: Record<string, Json>;
  content?: Json;
  requestBody?: Json;
}

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Names of shared responses by status; a second variant of a status is named by its description below. */
const RESPONSE_NAMES: Record<string, string> = {
  '304': 'NotModified',
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '406': 'NotAcceptable',
  '409': 'Conflict',
  '413': 'ContentTooLarge',
  '414': 'UriTooLong',
  '415': 'UnsupportedMediaType',
  '422': 'UnprocessableContent',
  '429': 'TooManyRequests',
  '500': 'ServerError',
  '503': 'Unavailable',
};
const RESPONSE_VARIANTS: Record<string, string> = {
  'Malformed parameters or body; the per-field list is in `errors`': 'BadRequestBody',
  'Malformed JSON, a wrong type, a missing or unknown field; the per-field list is in `errors`': 'BadRequestWrite',
  'The Accept header allows none of: application/json, text/csv': 'NotAcceptableCsv',
};
/** Descriptions that start like this name their variant (the scenario routes' 400 lists the scenario rules). */
const RESPONSE_VARIANT_PREFIXES: [string, string][] = [['Invalid scenario:', 'BadRequestScenario']];

function responseName(status: string, description: string): string {
  const named = RESPONSE_VARIANTS[description] ?? RESPONSE_VARIANT_PREFIXES.find(([prefix]) => description.startsWith(prefix))?.[1];
  return named ?? RESPONSE_NAMES[status] ?? `Status${status}`;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Drops what only constrains a request (zod's ±(2^53 − 1) integer bounds, closed objects, the date-time pattern) from a response schema, not following `$ref`. */
function dropRequestOnlyConstraints(value: unknown): void {
  if (Array.isArray(value)) {
    for (const entry of value) dropRequestOnlyConstraints(entry);
    return;
  }
  if (!isObject(value)) return;
  if (value.type === 'integer' && value.minimum === -MAX_SAFE) delete value.minimum;
  if (value.type === 'integer' && value.maximum === MAX_SAFE) delete value.maximum;
  if (value.additionalProperties === false && isObject(value.properties)) delete value.additionalProperties;
  // zod spells out `format: date-time` as a 400-character pattern; the format says it to a reader.
  if (value.format === 'date-time' && typeof value.pattern === 'string') delete value.pattern;
  for (const child of Object.values(value)) dropRequestOnlyConstraints(child);
}

/** `{ anyOf: [{ type: T, … }, { type: 'null' }] }` becomes `{ type: [T, 'null'], … }`; enums and consts keep their anyOf. */
function mergeNullableTypes(value: unknown): void {
  if (Array.isArray(value)) {
    for (const entry of value) mergeNullableTypes(entry);
    return;
  }
  if (!isObject(value)) return;
  for (const child of Object.values(value)) mergeNullableTypes(child);
  const branches = value.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return;
  const nullIndex = branches.findIndex((branch) => isObject(branch) && branch.type === 'null' && Object.keys(branch).length === 1);
  const other = branches[1 - nullIndex] as unknown;
  if (nullIndex < 0 || !isObject(other) || typeof other.type !== 'string' || 'enum' in other || 'const' in other) return;
  if (Object.keys(other).some((key) => key in value && key !== 'type')) return;
  delete value.anyOf;
  Object.assign(value, other, { type: [other.type, 'null'] });
}

/** The component schemas reachable from `roots` through `$ref`. */
function reachableSchemas(roots: unknown, schemas: Json): Set<string> {
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? SCHEMA_REF.exec(child)?.[1] : undefined;
      if (name !== undefined) {
        if (!reached.has(name) && schemas[name] !== undefined) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(child);
      }
    }
  };
  visit(roots);
  return reached;
}

function operationsOf(paths: Json): Json[] {
  return Object.values(paths).flatMap((item) =>
    isObject(item) ? HTTP_METHODS.map((method) => item[method]).filter((operation): operation is Json => isObject(operation)) : [],
  );
}

/** Counts identical values under one key, so only what repeats is hoisted. */
function countBy<T>(values: T[], key: (value: T) => string): Map<string, { value: T; count: number }> {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const id = key(value);
    const entry = counts.get(id);
    if (entry) entry.count += 1;
    else counts.set(id, { value, count: 1 });
  }
  return counts;
}

/** Hoists headers (by name, when every occurrence is the same) out of every response. */
function hoistHeaders(operations: Json[]): Json {
  const responses = operations.flatMap((operation) => Object.values(operation.responses ?? {})).filter(isObject);
  const byName = new Map<string, Set<string>>();
  const occurrences = new Map<string, number>();
  for (const response of responses) {
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (!isObject(header) || header.$ref) continue;
      byName.set(name, (byName.get(name) ?? new Set()).add(JSON.stringify(header)));
      occurrences.set(name, (occurrences.get(name) ?? 0) + 1);
    }
  }
  const headers: Json = {};
  for (const [name, variants] of byName) {
    if (variants.size === 1 && (occurrences.get(name) ?? 0) > 1) headers[name] = JSON.parse([...variants][0]!);
  }
  for (const response of responses) {
    for (const name of Object.keys(response.headers ?? {})) {
      if (headers[name] && response.headers) response.headers[name] = { $ref: `#/components/headers/${name}` };
    }
  }
  return headers;
}

/** Hoists parameters that appear identically on two or more operations, named `<in>.<name>`. */
function hoistParameters(operations: Json[]): Json {
  const all = operations.flatMap((operation) => (operation.parameters ?? []) as Json[]).filter((parameter) => !parameter.$ref);
  // `required: false` is what OpenAPI assumes for a parameter that does not say.
  for (const parameter of all) if (parameter.required === false) delete parameter.required;
  const counts = countBy(all, (parameter) => JSON.stringify(parameter));
  const parameters: Json = {};
  const names = new Map<string, string>();
  // The most frequent variant of a name takes the plain name; another repeated variant gets a numbered one.
  const repeated = [...counts.entries()].filter(([, entry]) => entry.count > 1).sort(([, a], [, b]) => b.count - a.count);
  for (const [id, { value }] of repeated) {
    const base = `${value.in}.${value.name}`;
    let name = base;
    for (let n = 2; parameters[name] !== undefined; n += 1) name = `${base}.${n}`;
    parameters[name] = value;
    names.set(id, name);
  }
  for (const operation of operations) {
    if (!operation.parameters) continue;
    operation.parameters = operation.parameters.map((parameter: Json) => {
      const name = names.get(JSON.stringify(parameter));
      return name ? { $ref: `#/components/parameters/${name}` } : parameter;
    });
  }
  return sortKeys(parameters);
}

/** Hoists non-2xx responses that appear identically on two or more operations. */
function hoistResponses(operations: Json[]): Json {
  const all = operations.flatMap((operation) =>
    Object.entries(operation.responses ?? {})
      .filter(([status, response]) => !status.startsWith('2') && isObject(response) && !response.$ref)
      .map(([status, response]) => ({ status, response: response as Json })),
  );
  const counts = countBy(all, ({ status, response }) => `${status} ${JSON.stringify(response)}`);
  const responses: Json = {};
  const names = new Map<string, string>();
  const repeated = [...counts.entries()].filter(([, entry]) => entry.count > 1).sort(([, a], [, b]) => b.count - a.count);
  for (const [id, { value }] of repeated) {
    const base = responseName(value.status, String(value.response.description ?? ''));
    let name = base;
    for (let n = 2; responses[name] !== undefined; n += 1) name = `${base}${n}`;
    responses[name] = value.response;
    names.set(id, name);
  }
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const name = names.get(`${status} ${JSON.stringify(response)}`);
      if (name && operation.responses) operation.responses[status] = { $ref: `#/components/responses/${name}` };
    }
  }
  return sortKeys(responses);
}

function sortKeys(object: Json): Json {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

/** The document with its repeated parts as components (see the module comment). Mutates and returns `document`. */
export function compactOpenApi<Document extends object>(input: Document): Document {
  const document = input as Json;
  const paths: Record<string, Json> = document.paths ?? {};
  const components: Components = { ...(document.components ?? {}) };
  const operations = operationsOf(paths);
  const headers = hoistHeaders(operations);
  const parameters = hoistParameters(operations);
  const responses = hoistResponses(operations);
  const schemas: Record<string, Json> = components.schemas ?? {};
  const reached = reachableSchemas([paths, headers, parameters, responses], schemas);
  components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  // Response side only: what a request can reach keeps its bounds.
  const requests = operations.map((operation) => [operation.parameters, operation.requestBody]);
  const requested = reachableSchemas([requests, parameters], schemas);
  for (const response of [...operations.flatMap((operation) => Object.values(operation.responses ?? {})), ...Object.values(responses)]) {
    if (isObject(response) && !response.$ref) dropRequestOnlyConstraints(response.content);
  }
  for (const name of reached) if (!requested.has(name)) dropRequestOnlyConstraints(components.schemas[name]);
  mergeNullableTypes([paths, components.schemas, parameters]);
  if (Object.keys(parameters).length) components.parameters = parameters;
  if (Object.keys(headers).length) components.headers = headers;
  if (Object.keys(responses).length) components.responses = responses;
  return Object.assign(input, { components });
}
