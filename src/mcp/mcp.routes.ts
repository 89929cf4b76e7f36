/**
 * MCP over Streamable HTTP at POST /mcp, stateless: each request gets its own MCP server and transport, answers
 * from the request's pinned dataset snapshot, and goes through the same hooks as /v1 (rate limit, request id,
 * security headers, compression, the error handler for a body that is not JSON). Answers are plain JSON, not an
 * SSE stream. Hidden from the OpenAPI spec: its contract is the MCP specification and `tools/list`, not a REST
 * operation.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createPaginator } from '../lib/pagination.js';
import { createMcpServer } from './server.js';

export const MCP_PATH = '/mcp';

/** The Fastify request as a web Request for the SDK's transport (the body is passed already parsed). */
function webRequestOf(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(request.url, 'http://localhost'), { method: request.method, headers });
}

export async function mcpRoutes(app: FastifyInstance): Promise<void> {
  const paginate = createPaginator(app.config.cursorSecret);
  app.post(MCP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const server = createMcpServer({ snapshot: () => request.snapshot, paginate, log: request.log });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
      const text = await response.text();
      reply.status(response.status);
      response.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      return reply.send(text === '' ? undefined : text);
    } finally {
      await server.close();
    }
  });
}
