import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { registerModules } from './modules/index.js';
import database from './plugins/database.js';
import closing from './plugins/closing.js';
import errorHandler from './plugins/error-handler.js';
import httpCaching from './plugins/http-caching.js';
import httpEdge from './plugins/http-edge.js';
import httpPagination from './plugins/http-pagination.js';
import httpRepresentation from './plugins/http-representation.js';
import metrics from './plugins/metrics.js';
import openapi from './plugins/openapi.js';
import requestId, { requestIdFor } from './plugins/request-id.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration this app was built with. */
    config: Config;
  }
}

export interface BuildAppOptions {
  /** Fastify logger settings; the server passes pino options, tests pass false. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole application, ready to inject or listen; never listens itself. */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // genReqId reads x-request-id itself so a caller's id is validated before it reaches logs and headers.
    requestIdHeader: false,
    genReqId: requestIdFor,
    // Requests that arrive while closing get a problem+json 503 from the closing plugin, not Fastify's plain one.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('config', config);
  await app.register(requestId);
  await app.register(errorHandler);
  await app.register(closing);
  await app.register(openapi);
  await app.register(database, {
    databasePath: config.databasePath,
    migrationsDir: config.migrationsDir,
    dataDir: config.dataDir,
    readOnly: config.readOnly,
  });
  await app.register(metrics);
  // Order matters for the onRequest hooks: rate limit, then content negotiation, then the ETag check.
  await app.register(httpEdge, { rateLimit: config.rateLimit, corsOrigins: config.corsOrigins });
  await app.register(httpRepresentation);
  await app.register(httpCaching);
  await app.register(httpPagination, { cursorSecret: config.cursorSecret });
  await registerModules(app, config);
  await app.ready();
  return app;
}
