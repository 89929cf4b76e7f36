import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { RESPONSE_EXAMPLE_REQUESTS, exampleFileName } from '../src/plugins/openapi-examples.js';

/**
 * JSON with one line per entry at `depth` (each path's operations, each component), nested deeper on that line:
 * a change to one operation or one schema is a one-line diff, and the file is not mostly indentation.
 */
export function formatOpenApi(value: unknown, depth = 3, indent = ''): string {
  if (depth === 0 || value === null || typeof value !== 'object' || Object.keys(value).length === 0) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((entry) => `${inner}${formatOpenApi(entry, depth - 1, inner)}`)
    : Object.entries(value).map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${formatOpenApi(entry, depth - 1, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${entries.join(',\n')}\n${indent}${close}`;
}

/** What `npm run openapi` writes: the spec, and the response examples by file name (openapi/examples/). */
export interface OpenApiFiles {
  spec: string;
  examples: Map<string, string>;
}

interface SpecOperation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; example?: unknown }; example?: unknown }> };
}
export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components?: { schemas?: Record<string, { example?: unknown }> };
}

/** Per operationId, its method and documented request-body example, read from the spec a reader sees. */
export function documentedRequests(document: SpecDocument): Map<string, { method: string; body: unknown }> {
  const requests = new Map<string, { method: string; body: unknown }>();
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === undefined) continue;
      const media = operation.requestBody?.content?.['application/json'];
      const component = media?.schema?.$ref?.replace('#/components/schemas/', '');
      const body = media?.example ?? media?.schema?.example ?? (component ? document.components?.schemas?.[component]?.example : undefined);
      requests.set(operation.operationId, { method: method.toUpperCase(), body });
    }
  }
  return requests;
}

/** The request behind each response example: a GET of its URL, or a POST of the operation's documented body (or {}). */
export function exampleRequests(document: SpecDocument): { operationId: string; method: 'GET' | 'POST'; url: string; body?: unknown }[] {
  const documented = documentedRequests(document);
  return Object.entries(RESPONSE_EXAMPLE_REQUESTS).map(([operationId, url]) => {
    const request = documented.get(operationId);
    if (request === undefined) throw new Error(`openapi examples: no operation ${operationId}`);
    return request.method === 'GET' ? { operationId, method: 'GET', url } : { operationId, method: 'POST', url, body: request.body ?? {} };
  });
}

/** Each example: the answer to its request, pretty-printed. A request that does not answer 200 is an error. */
async function renderExamples(app: FastifyInstance, document: SpecDocument): Promise<Map<string, string>> {
  const examples = new Map<string, string>();
  for (const { operationId, method, url, body } of exampleRequests(document)) {
    const response = await app.inject({ method, url, ...(method === 'GET' ? {} : { payload: body as object }) });
    if (response.statusCode !== 200)
      throw new Error(`openapi examples: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    examples.set(exampleFileName(operationId), `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`);
  }
  return examples;
}

/**
 * Signs the examples' paging cursors, so that they do not change from run to run; a server signs with its own
 * CURSOR_SECRET, so an example's `next` shows the shape of a cursor and opens nothing.
 */
export const EXAMPLE_CURSOR_SECRET = 'openapi-examples';

/** The spec and examples as committed, from one in-memory app on the embedded data. */
export async function renderOpenApiFiles(): Promise<OpenApiFiles> {
  const app = await buildApp(defaultConfig({ cursorSecret: EXAMPLE_CURSOR_SECRET }));
  try {
    const document = app.swagger();
    return { spec: `${formatOpenApi(document)}\n`, examples: await renderExamples(app, document as unknown as SpecDocument) };
  } finally {
    await app.close();
  }
}
