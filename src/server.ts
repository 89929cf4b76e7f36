/**
 * The standalone entry point: validate configuration, build the app, listen, and shut down gracefully.
 * Exit codes: 0 after a clean shutdown, 78 (EX_CONFIG) for a bad setting, 1 for anything else.
 */
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.js';

const EX_CONFIG = 78;

function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(EX_CONFIG);
  }
  console.error('Chokepoint failed to start:', error);
  process.exit(1);
}

let config: Config;
let app: FastifyInstance;
try {
  config = loadConfig();
  // Loaded after the settings are checked, so a bad setting is reported at once, before the app's imports load.
  const { buildApp } = await import('./app.js');
  app = await buildApp(config, { logger: { level: config.logLevel } });
  // Seeding is done: nothing in this process parses the data files again.
  const { forgetParsedDataset } = await import('./dataset/load.js');
  forgetParsedDataset();
} catch (error) {
  fail(error);
}

// SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (Fastify answers 503 to new ones on
// kept-alive sockets), close the database in the database plugin's onClose hook, then exit 0. A second signal,
// or a close that outlasts SHUTDOWN_TIMEOUT_MS, exits 1.
closeWithGrace(
  {
    delay: config.shutdownTimeoutMs,
    logger: { error: (message: unknown) => app.log.error(message) },
  },
  async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error');
    else app.log.info({ signal }, 'closing: finishing in-flight requests');
    await app.close();
    app.log.info('closed');
  },
);

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ readOnly: config.readOnly, datasetVersion: app.dataset.current().version }, 'Chokepoint ready');
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  await app.close();
  process.exit(1);
}
