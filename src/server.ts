import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG: a bad setting, not a crash
    }
    throw error;
  }
}

const config = readConfig();
const app = await buildApp(config, { logger: { level: config.logLevel } });

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing: finishing in-flight requests');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
