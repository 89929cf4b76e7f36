/**
 * The committed OpenAPI document as a test oracle: which statuses, media types, bodies and headers an operation
 * may answer with, checked with ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { PROJECT_ROOT } from '../../src/config.js';

export type JsonSchema = Record<string, any>;

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface SpecOperation {
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { schema?: { type?: string } }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/**
 * The document with its shared parameters, responses and headers (`components.parameters|responses|headers`,
 * referenced with `$ref`) written in place, so an operation reads as if nothing were shared. Schema references
 * (`#/components/schemas/…`) stay references: ajv resolves them.
 */
export function inlineSharedComponents<Document extends { paths: Record<string, any>; components?: Record<string, any> }>(
  document: Document,
): Document {
  const resolve = (value: any): any => {
    const ref = typeof value?.$ref === 'string' ? /^#\/components\/(parameters|responses|headers)\/(.+)$/.exec(value.$ref) : null;
    if (!ref) return value;
    const target = document.components?.[ref[1]!]?.[ref[2]!];
    if (target === undefined) throw new Error(`dangling reference ${value.$ref}`);
    return resolve(target);
  };
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item as Record<string, any>).map(([method, operation]) => {
          if (typeof operation !== 'object' || operation === null || !('responses' in operation)) return [method, operation];
          const responses = Object.fromEntries(
            Object.entries(operation.responses as Record<string, any>).map(([status, reference]) => {
              const response = resolve(reference);
              if (!response.headers) return [status, response];
              const headers = Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, resolve(header)]));
              return [status, { ...response, headers }];
            }),
          );
          const parameters = operation.parameters?.map(resolve);
          return [method, { ...operation, ...(parameters ? { parameters } : {}), responses }];
        }),
      ),
    ]),
  );
  return { ...document, paths };
}

export const spec = inlineSharedComponents(
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'openapi', 'openapi.json'), 'utf8')) as OpenApiDocument,
);

/** Every documented operation, in document order. */
export function operationsOf(document: OpenApiDocument = spec): { method: string; path: string; operation: SpecOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => typeof operation === 'object' && operation !== null && 'responses' in operation)
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** The whole spec as one JSON Schema document, so `#/components/schemas/…` references resolve. */
const SPEC_ID = 'https://chokepoint.invalid/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormatsModule.default(ajv);
ajv.addSchema({ $id: SPEC_ID, components: spec.components, paths: spec.paths });

const pointer = (...segments: string[]) => segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** A validator for the schema at a JSON pointer inside the spec (segments unescaped). */
export function specValidator(...segments: string[]): ValidateFunction {
  const validate = ajv.getSchema(`${SPEC_ID}#/${pointer(...segments)}`);
  if (!validate) throw new Error(`no schema at ${segments.join(' → ')}`);
  return validate;
}

export function errorsText(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors);
}

const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/** What the check needs of a response, from fetch or from app.inject alike. */
export interface WireResponse {
  status: number;
  header(name: string): string | null;
  body: string;
}

export interface Checked {
  method: string;
  path: string;
  status: number;
}

export function fromFetch(response: Response): Promise<WireResponse> {
  return response
    .clone()
    .text()
    .then((body) => ({ status: response.status, header: (name) => response.headers.get(name), body }));
}

export function fromInject(response: { statusCode: number; headers: Record<string, unknown>; body: string }): WireResponse {
  return {
    status: response.statusCode,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
    },
    body: response.body,
  };
}

/**
 * Throws when a response is not what the spec says this operation can answer: an undocumented status or media
 * type, a JSON body that fails its schema, a malformed integer header, or a /v1 GET 200 without its cache headers
 * (ETag documented on the operation; Cache-Control and Vary promised by the document's description).
 */
export function conformsToSpec(method: string, schemaPath: string, response: WireResponse): Checked {
  const where = `${method.toUpperCase()} ${schemaPath} → ${response.status}`;
  const operation = spec.paths[schemaPath]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${schemaPath} is not in openapi/openapi.json`);
  const documented = operation.responses[String(response.status)];
  if (!documented) throw new Error(`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
  const mediaType = response.header('content-type')?.split(';')[0]?.trim();
  if (!documented.content) {
    if (response.body !== '') throw new Error(`${where}: the spec documents no body, the server sent ${response.body.length} bytes`);
  } else {
    if (!mediaType || !(mediaType in documented.content)) {
      throw new Error(`${where}: content-type ${mediaType} not documented (documented: ${Object.keys(documented.content).join(', ')})`);
    }
    if (mediaType.endsWith('json')) {
      const validate = specValidator('paths', schemaPath, method, 'responses', String(response.status), 'content', mediaType, 'schema');
      if (!validate(JSON.parse(response.body))) throw new Error(`${where}: body does not match the spec: ${errorsText(validate)}`);
    }
  }
  // The RateLimit fields are promised on every /v1 answer by the document's description, as integers.
  const integerHeaders = new Set(schemaPath.startsWith('/v1/') ? RATE_LIMIT_HEADERS : []);
  for (const [name, header] of Object.entries(documented.headers ?? {})) if (header.schema?.type === 'integer') integerHeaders.add(name);
  for (const name of integerHeaders) {
    const value = response.header(name);
    if (value !== null && !/^\d+$/.test(value)) throw new Error(`${where}: header ${name}: ${value} is not the documented integer`);
  }
  if (method === 'get' && response.status === 200 && schemaPath.startsWith('/v1/')) {
    if (!('ETag' in (documented.headers ?? {}))) throw new Error(`${where}: ETag not documented`);
    // ETag on the operation; Cache-Control and Vary in the document's description, which promises them on every GET.
    for (const name of ['ETag', 'Cache-Control', 'Vary']) {
      if (response.header(name) === null) throw new Error(`${where}: header ${name} missing`);
    }
  }
  return { method, path: schemaPath, status: response.status };
}
