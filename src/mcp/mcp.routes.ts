/**
 * MCP over Streamable HTTP at POST /mcp, stateless: each request gets its own MCP server and transport, answers
 * from the request's pinned dataset snapshot, and goes through the same hooks as /v1 (rate limit, request id,
 * security headers, compression, the error handler for a body that is not JSON). Answers are plain JSON, not an
 * SSE stream. Hidden from the OpenAPI spec: its contract is the MCP specification and `tools/list`, not a REST
 * operation. A browser page may call it only from an origin allowed to read the API (CORS_ORIGINS): the MCP
 * specification asks servers to check `Origin` against DNS rebinding.
 */
import { createTradeRepository } from '../modules/trade/trade.repository.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { apiEdge, limitedNotFound } from '../plugins/http-edge.js';
import { utcDay } from '../lib/dates.js';
import { createPaginator } from '../lib/pagination.js';

/**
 * The MCP SDK and the tool definitions, loaded on the first /mcp request: importing the SDK costs about a quarter
 * of a second of CPU, which every start-up would otherwise pay for a route most deployments rarely call.
 */
let runtime:
  | Promise<{
      Transport: typeof import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js').WebStandardStreamableHTTPServerTransport;
      createMcpServer: typeof import('./server.js').createMcpServer;
    }>
  | undefined;

function mcpRuntime() {
  runtime ??= Promise.all([import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'), import('./server.js')]).then(
    ([transport, server]) => ({ Transport: transport.WebStandardStreamableHTTPServerTransport, createMcpServer: server.createMcpServer }),
  );
  return runtime;
}

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

async function mcpRoutes(app: FastifyInstance): Promise<void> {
  const paginate = createPaginator(app.config.cursorSecret);
  const trade = createTradeRepository(app.tradeDb);
  const origins = app.config.corsOrigins;
  const checkOrigin = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (origin === undefined || origins === '*' || origins.includes(origin)) return;
    throw new AppError('forbidden', `Origin ${origin.slice(0, 200)} may not call ${MCP_PATH}; see CORS_ORIGINS.`);
  };
  app.post(MCP_PATH, { schema: { hide: true }, preHandler: checkOrigin }, async (request, reply) => {
    const { Transport, createMcpServer } = await mcpRuntime();
    const server = createMcpServer({ snapshot: () => request.snapshot, today: () => utcDay(app.now()), paginate, log: request.log, trade });
    const transport = new Transport({ sessionIdGenerator: undefined, enableJsonResponse: true });
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

/**
 * The same read questions as MCP tools for AI assistants (Streamable HTTP; `npm run mcp` serves them over stdio), in
 * their own context with the edge's rate limit, and unmatched paths under /mcp answered as the app's 404/405.
 */
export async function registerMcp(app: FastifyInstance): Promise<void> {
  await app.register(limitedNotFound, { prefix: MCP_PATH });
  await app.register(async function mcp(context) {
    await context.register(apiEdge, { kind: 'mcp' });
    await context.register(mcpRoutes);
  });
}
