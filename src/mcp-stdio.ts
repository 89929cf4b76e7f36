/**
 * MCP over stdio, for desktop assistants: `npm run --silent mcp` (or `node dist/mcp-stdio.js`). Builds the app
 * without listening (same configuration, database, migrations, seeding and READ_ONLY handling as the server) and
 * serves the MCP tools on stdin/stdout. stdout carries JSON-RPC only: every log line goes to stderr.
 * Exit codes as the server's: 78 for a bad setting, 1 for anything else.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from './config.js';
import { utcDay } from './lib/dates.js';
import { createPaginator } from './lib/pagination.js';
import { createTradeRepository } from './modules/trade/trade.repository.js';

const EX_CONFIG = 78;

let app: FastifyInstance;
try {
  const config = loadConfig();
  const { buildApp } = await import('./app.js');
  app = await buildApp(config, { logger: { level: config.logLevel, stream: process.stderr } });
  const { createMcpServer } = await import('./mcp/server.js');
  const server = createMcpServer({
    snapshot: () => app.dataset.current(),
    today: () => utcDay(app.now()),
    paginate: createPaginator(config.cursorSecret),
    trade: createTradeRepository(app.tradeDb),
    log: app.log,
  });
  let closing = false;
  const close = async (reason: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ reason }, 'MCP stdio server closing');
    await server.close();
    await app.close();
    process.exit(0);
  };
  // The client closes stdin when it is done; a signal stops the process too.
  process.stdin.once('end', () => void close('stdin closed'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  await server.connect(new StdioServerTransport());
  app.log.info({ readOnly: config.readOnly, datasetVersion: app.dataset.current().version }, 'Chokepoint MCP server ready on stdio');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(EX_CONFIG);
  }
  console.error('Chokepoint MCP server failed to start:', error);
  process.exit(1);
}
