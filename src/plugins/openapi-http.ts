import { jsonSchemaTransform } from 'fastify-type-provider-zod';

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

const CACHE_HEADERS = {
  ETag: header('Strong validator derived from the dataset version and this representation; send it back in If-None-Match'),
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

  if (methods.includes('GET')) {
    const ok = responses['200'];
    if (ok) {
      const content: JsonObject = ok.content ? { ...ok.content } : { 'application/json': { schema: ok } };
      const csv = input.route.config?.csv !== undefined;
      if (csv) content['text/csv'] = CSV_MEDIA;
      const paginated = Boolean(schema.querystring?.properties?.cursor);
      responses['200'] = {
        description: ok.description ?? 'OK',
        headers: { ...CACHE_HEADERS, ...(paginated ? LINK_HEADER : {}), ...RATE_LIMIT_HEADERS },
        content,
      };
      responses['406'] = problemResponse(`The Accept header allows none of: application/json${csv ? ', text/csv' : ''}`);
    }
    responses['304'] = { type: 'null', description: 'Not modified: If-None-Match matched the current ETag', headers: CACHE_HEADERS };
    schema.headers = {
      type: 'object',
      properties: {
        'if-none-match': { type: 'string', description: 'An ETag from an earlier response; answered 304 when unchanged' },
        ...schema.headers?.properties,
      },
    };
  } else {
    // POSTed computations that render rows (scenarios) answer CSV too, when asked with Accept: text/csv.
    const csv = input.route.config?.csv !== undefined;
    const ok = responses['200'];
    if (csv && ok) {
      const content: JsonObject = ok.content ? { ...ok.content } : { 'application/json': { schema: ok } };
      content['text/csv'] = CSV_MEDIA;
      responses['200'] = { description: ok.description ?? 'OK', content };
    }
    if (responses['406'] === undefined) {
      // Content negotiation runs on every /v1 request, writes and POSTed computations included.
      responses['406'] = problemResponse(`The Accept header allows none of: application/json${csv ? ', text/csv' : ''}`);
    }
  }
  // Failures the framework itself answers, before or around the handler.
  if ((schema.querystring || schema.params || schema.body) && responses['400'] === undefined) {
    responses['400'] = problemResponse('Malformed parameters or body; the per-field list is in `errors`');
  }
  if (schema.params) responses['414'] = problemResponse('A path segment is longer than any id the API knows');
  if (!methods.includes('GET')) {
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
