import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { PROJECT_ROOT, type Config } from './config.js';
import { registerMcp } from './mcp/mcp.routes.js';
import { registerModules } from './modules/index.js';
import database from './plugins/database.js';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/error-handler.js';
import httpEdge, { compression } from './plugins/http-edge.js';
import httpPagination from './plugins/http-pagination.js';
import metrics, { httpMetrics } from './plugins/metrics.js';
import openapi from './plugins/openapi.js';
import { requestIdFor } from './plugins/request-id.js';
import { deferredChildLogger } from './plugins/request-logger.js';
import workbench from './plugins/workbench.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration this app was built with. */
    config: Config;
    /** The clock answers read "today" from (default asOf dates); tests pin it with BuildAppOptions.now. */
    now: () => Date;
  }
}

/**
 * Never logged, whatever a serializer or a log call is given: the default request serializer omits headers, and
 * this keeps an API key out of the logs should one ever log them.
 */
const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'];

/** The caller's logger settings with the redaction added (`false` stays off). */
function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const settings = logger === true ? {} : logger;
  const own = settings.redact;
  const paths = [...REDACTED_LOG_PATHS, ...(Array.isArray(own) ? own : (own?.paths ?? []))];
  return { ...settings, redact: { paths, censor: '[redacted]' } };
}

export interface BuildAppOptions {
  /** Fastify logger settings; the server passes pino options, tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Clock for "today" (default asOf of export-control answers); the system clock unless a test pins it. */
  now?: () => Date;
  /** The built workbench page (default `dist/web` under the project); tests point it at a fixture. */
  webRoot?: string;
}

/** Builds the whole application, ready to inject or listen; never listens itself. */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger = withRedaction(options.logger);
  const app = Fastify({
    logger,
    // request.log is made on its first use (see request-logger); without a logger Fastify makes no children at all.
    ...(logger ? { childLoggerFactory: deferredChildLogger } : {}),
    // genReqId reads x-request-id itself so a caller's id is validated before it reaches logs and headers.
    requestIdHeader: false,
    genReqId: requestIdFor,
    // Requests that arrive while closing get a problem+json 503 from the edge (http-edge), not Fastify's plain one.
    return503OnClosing: false,
    // Paths match exactly, as the spec writes them: `/v1/minerals/` is not `/v1/minerals` (nor `/v1/minerals/{mineral}`
    // with an empty id) but a 404, so no URL answers for an operation the spec does not put there.
    routerOptions: { ignoreTrailingSlash: false },
    // Size and time limits: a body over the limit is a 413, headers over it a 431, a client that takes longer
    // than requestTimeout to send its request a 408 — all as problem+json, through the error handler's writers.
    bodyLimit: config.limits.bodyBytes,
    http: {
      maxHeaderSize: config.limits.headerBytes,
      // Node only looks for expired requests every connectionsCheckingInterval (30 s by default).
      headersTimeout: config.limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(config.limits.requestTimeoutMs / 4)),
    },
    requestTimeout: config.limits.requestTimeoutMs,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies are JSON only: Fastify's built-in text/plain parser would hand a string to validation (a 400 about the
  // body's type) where the answer is 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('config', config);
  app.decorate('now', options.now ?? (() => new Date()));
  await app.register(database, {
    databasePath: config.databasePath,
    databaseUrl: config.databaseUrl,
    migrationsDir: config.migrationsDir,
    migrationsPgDir: config.migrationsPgDir,
    dataDir: config.dataDir,
    readOnly: config.readOnly,
  });
  // Before any route: it compiles each route's request metrics as the route is added (GET /metrics comes later).
  await app.register(httpMetrics);
  // The edge first: its one onRequest (request id, security and CORS headers, the shutdown 503, preflights) runs
  // before anything else on every request, including the 404 and 405 answers of the error handler.
  await app.register(httpEdge, { rateLimit: config.rateLimit, corsOrigins: config.corsOrigins });
  await app.register(errorHandler);
  await app.register(openapi);
  await app.register(metrics);
  await app.register(compression);
  await app.register(httpPagination, { cursorSecret: config.cursorSecret });
  await registerModules(app, config);
  await registerMcp(app);
  // The analyst workbench at `/`: a page built from src/web that calls the API above like any other client.
  await app.register(workbench, { root: options.webRoot ?? `${PROJECT_ROOT}dist/web` });
  await app.ready();
  return app;
}
