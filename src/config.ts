import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Project root, resolved from this file so it works from `src/` (tsx) and `dist/` (compiled). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('TCP port to listen on'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; 0.0.0.0 in containers'),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(`${PROJECT_ROOT}var/chokepoint.db`)
    .describe('SQLite file, or :memory:'),
  DATA_DIR: z.string().min(1).default(`${PROJECT_ROOT}data`).describe('Curated dataset used to seed an empty database'),
  MIGRATIONS_DIR: z.string().min(1).default(`${PROJECT_ROOT}migrations`).describe('drizzle-kit migrations folder'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  READ_ONLY: booleanFromEnv.default(false).describe('Open the database read-only and disable writes'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
  migrationsDir: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  readOnly: boolean;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The only reader of process.env: parses and validates once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    databasePath: values.DATABASE_PATH,
    dataDir: values.DATA_DIR,
    migrationsDir: values.MIGRATIONS_DIR,
    logLevel: values.LOG_LEVEL,
    readOnly: values.READ_ONLY,
  });
}

/** Defaults for tests and scripts: an in-memory database seeded from the committed data. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({}), databasePath: ':memory:', logLevel: 'silent', ...overrides });
}
