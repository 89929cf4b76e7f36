import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { registerModules } from './modules/index.js';
import database from './plugins/database.js';
import errorHandler from './plugins/error-handler.js';
import openapi from './plugins/openapi.js';

export interface BuildAppOptions {
  /** Fastify logger settings; the server passes pino options, tests pass false. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole application, ready to inject or listen; never listens itself. */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  await app.register(openapi);
  await app.register(database, {
    databasePath: config.databasePath,
    migrationsDir: config.migrationsDir,
    dataDir: config.dataDir,
    readOnly: config.readOnly,
  });
  await registerModules(app, config);
  await app.ready();
  return app;
}
