import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { externalExample } from './openapi-examples.js';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: { method: string | string[]; config?: { csv?: unknown } } };
/** A node of the route's JSON Schema / OpenAPI fragment, with the members this transform reads; others pass through. */
interface JsonObject {
  [key: string]: unknown;
  hide?: boolean;
  description?: string;
  headers?: JsonObject;
  content?: JsonObject;
  properties?: JsonObject;
  response?: Record<string, JsonObject>;
  querystring?: JsonObject;
  params?: JsonObject;
  body?: JsonObject;
}

const header = (description: string, schema: JsonObject = { type: 'string' }) => ({ ...schema, description });

const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': header('Requests allowed per window (draft-ietf-httpapi-ratelimit-headers)', { type: 'integer' }),
  'RateLimit-Remaining': header('Requests left in the current window', { type: 'integer' }),
  'RateLimit-Reset': header('Seconds until the window resets', { type: 'integer' }),
};

// Cache-Control, Vary and the RateLimit fields are on every /v1 answer, and If-None-Match works on every GET: the
// document's description says so once, and only the answers a client acts on (a 304, a 429) list those headers.
// ETag is listed on every 200.
const CACHE_HEADERS = {
  ETag: header('Strong validator derived from the dataset version and this representation; send it back in If-None-Match'),
};
const NOT_MODIFIED_HEADERS = {
  ...CACHE_HEADERS,
  'Cache-Control': header('public, max-age=60, stale-while-revalidate=300'),
  Vary: header('Accept, Accept-Encoding'),
};

const LINK_HEADER = { Link: header('RFC 8288 `<…>; rel="next"` when there is a next page') };

/** The CSV body, once for every route that renders one (components.schemas.CsvTable). */
export const CSV_TABLE_SCHEMA = {
  type: 'string' as const,
  description:
    'RFC 4180 CSV (text/csv; charset=utf-8; header=present): a header row, nested fields flattened to named columns such as source_id',
};

const CSV_MEDIA = { schema: { $ref: '#/components/schemas/CsvTable' } };

/**
 * Documents what the HTTP plugins add to every /v1 route, so the spec matches the wire: CSV where a route
 * renders it, ETag/Cache-Control/Link/RateLimit headers, and the 304, 406 and 429 responses.
 */
export function transformWithHttpConventions(input: TransformInput) {
  const result = jsonSchemaTransform(input) as { schema: JsonObject; url: string };
  const schema = result.schema;
  if (!schema || schema.hide || !input.url.startsWith('/v1/')) return result;
  const methods = ([] as string[]).concat(input.route.method);
  const responses: Record<string, JsonObject> = { ...(schema.response ?? {}) };
  // The zod transform keeps only description and content of `{ description, content }` responses: restore headers.
  const declared = (input.schema?.response ?? {}) as Record<string, JsonObject | undefined>;
  for (const [status, response] of Object.entries(declared)) {
    if (response?.headers && responses[status] && !responses[status].headers) {
      responses[status] = { ...responses[status], headers: response.headers };
    }
  }
  const problem = responses['500']?.content ?? responses['400']?.content;
  const problemResponse = (description: string, headers?: JsonObject) => ({
    description,
    ...(headers ? { headers } : {}),
    content: problem,
  });

  const isGet = methods.includes('GET');
  const csv = input.route.config?.csv !== undefined;
  const examples = externalExample(typeof schema.operationId === 'string' ? schema.operationId : undefined, methods[0] ?? 'GET');
  const ok = responses['200'];
  // The 200 as a reader sees it: JSON (with its real example, if it has one), CSV where the route renders it
  // (POSTed computations too, when asked with Accept: text/csv), and on a GET its ETag and paging Link.
  if (ok && (isGet || csv || examples)) {
    const content: JsonObject = ok.content ? { ...ok.content } : { 'application/json': { schema: ok } };
    if (examples) content['application/json'] = { ...(content['application/json'] as JsonObject), examples };
    if (csv) content['text/csv'] = CSV_MEDIA;
    const paginated = Boolean(schema.querystring?.properties?.cursor);
    const headers = isGet ? { ...CACHE_HEADERS, ...(paginated ? LINK_HEADER : {}) } : ok.headers;
    responses['200'] = { description: ok.description ?? 'OK', ...(headers ? { headers } : {}), content };
  }
  // Content negotiation runs on every /v1 request, writes and POSTed computations included.
  if ((isGet && ok) || (!isGet && responses['406'] === undefined)) {
    responses['406'] = problemResponse(`The Accept header allows none of: application/json${csv ? ', text/csv' : ''}`);
  }
  if (isGet) {
    responses['304'] = {
      type: 'null',
      description: 'Not modified: the If-None-Match header named the current ETag',
      headers: NOT_MODIFIED_HEADERS,
    };
  }
  // Failures the framework itself answers, before or around the handler.
  if ((schema.querystring || schema.params || schema.body) && responses['400'] === undefined) {
    responses['400'] = problemResponse('Malformed parameters or body; the per-field list is in `errors`');
  }
  if (schema.params) responses['414'] = problemResponse('A path segment is longer than any id the API knows');
  if (!isGet) {
    responses['413'] = problemResponse('The body is larger than the server accepts (BODY_LIMIT_BYTES)');
    responses['415'] = problemResponse('The body is not application/json');
  }
  responses['429'] = problemResponse('Rate limit exceeded', {
    'Retry-After': header('Seconds to wait before retrying', { type: 'integer' }),
    ...RATE_LIMIT_HEADERS,
  });
  schema.response = responses;
  return result;
}
