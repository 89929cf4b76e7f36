import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Project root, resolved from this file so it works from `src/` (tsx) and `dist/` (compiled). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A whole number setting in [min, max] (max optional), `fallback` when unset. */
function wholeNumber(min: number, fallback: number, max?: number) {
  const bounded = z.coerce.number().int().min(min);
  return (max === undefined ? bounded : bounded.max(max)).default(fallback);
}

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** A write key as kept in memory: its name (the actor in the change feed) and the SHA-256 of its secret, never the secret. */
export type ApiKey = Readonly<{ name: string; sha256: string }>;

/** Shortest accepted secret: an API key must not be guessable. */
export const MIN_API_KEY_LENGTH = 16;

const API_KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** SHA-256 of a secret, hex: what is stored and compared instead of the secret. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * `API_KEYS`: comma-separated `name:secret` entries; a bare `secret` is named `key-<position>` (1-based).
 * Problems name the entry by position and never echo a secret.
 */
function readApiKeys(value: string): { keys: ApiKey[]; problems: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  value.split(',').forEach((raw, index) => {
    const position = index + 1;
    const entry = raw.trim();
    if (entry === '') {
      problems.push(`entry ${position} is empty`);
      return;
    }
    const colon = entry.indexOf(':');
    const name = colon === -1 ? `key-${position}` : entry.slice(0, colon).trim();
    const secret = colon === -1 ? entry : entry.slice(colon + 1).trim();
    if (!API_KEY_NAME.test(name)) {
      problems.push(`entry ${position}: the name must be 1-64 letters, digits, '.', '_' or '-'`);
      return;
    }
    if (secret.length < MIN_API_KEY_LENGTH) {
      problems.push(`entry ${position} (${name}): the secret must be at least ${MIN_API_KEY_LENGTH} characters`);
      return;
    }
    const sha256 = hashApiKey(secret);
    if (keys.some((key) => key.name === name)) problems.push(`entry ${position}: the name '${name}' is used twice`);
    else if (keys.some((key) => key.sha256 === sha256)) problems.push(`entry ${position} (${name}): the same secret is given twice`);
    else keys.push(Object.freeze({ name, sha256 }));
  });
  return { keys, problems };
}

/** Parses an `API_KEYS` value into named hashes (for tests and scripts); throws ConfigError on a bad entry. */
export function parseApiKeys(value: string): readonly ApiKey[] {
  const { keys, problems } = readApiKeys(value);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: API_KEYS: ${problems.join('; ')}`);
  return Object.freeze(keys);
}

/** Variables whose values are never echoed in a configuration error. */
const SECRET_VARIABLES = new Set(['API_KEYS', 'CURSOR_SECRET', 'DATABASE_URL']);

const ConfigSchema = z
  .object({
    PORT: wholeNumber(0, 3000, 65_535).describe('TCP port to listen on'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; 0.0.0.0 in containers'),
    DATABASE_PATH: z.string().min(1).default(`${PROJECT_ROOT}var/chokepoint.db`).describe('SQLite file, or :memory:'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional()
      .describe(
        'PostgreSQL connection URL: the shared store of any number of replicas (DATABASE_PATH is then unused). Unset = the embedded SQLite file',
      ),
    MIGRATIONS_PG_DIR: z.string().min(1).default(`${PROJECT_ROOT}migrations-pg`).describe('drizzle-kit migrations folder for PostgreSQL'),
    DATA_DIR: z.string().min(1).default(`${PROJECT_ROOT}data`).describe('Curated dataset used to seed an empty database'),
    MIGRATIONS_DIR: z.string().min(1).default(`${PROJECT_ROOT}migrations`).describe('drizzle-kit migrations folder'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
    READ_ONLY: booleanFromEnv
      .default(false)
      .describe('Open an existing, migrated and seeded database read-only and disable writes (replicas)'),
    SHUTDOWN_TIMEOUT_MS: wholeNumber(100, 8_000, 60_000).describe(
      'On SIGTERM/SIGINT, how long in-flight requests may take before the process exits with code 1',
    ),
    RATE_LIMIT_MAX: wholeNumber(0, 600).describe('Requests per window per client on /v1 (0 = no limit)'),
    RATE_LIMIT_WRITE_MAX: wholeNumber(0, 60).describe(
      'Writes (POST /v1/sources, PUT and DELETE /v1/production) per window per client, counted apart from reads (0 = counted with reads)',
    ),
    RATE_LIMIT_WINDOW_MS: wholeNumber(1000, 60_000).describe('Rate-limit window in milliseconds'),
    BODY_LIMIT_BYTES: wholeNumber(1024, 1024 * 1024, 64 * 1024 * 1024).describe(
      'Largest request body accepted; larger ones get 413 (a 1,000-row production batch is about 250 kB)',
    ),
    MAX_HEADER_BYTES: wholeNumber(1024, 16 * 1024, 64 * 1024).describe('Largest request line plus headers accepted; larger ones get 431'),
    REQUEST_TIMEOUT_MS: wholeNumber(1000, 30_000, 600_000).describe(
      'Time a client has to send a whole request before it gets 408 (guards against slow-send attacks)',
    ),
    CORS_ORIGINS: z.string().default('*').describe('Origins allowed to read the API from a browser: * or a comma-separated list'),
    CURSOR_SECRET: z
      .string()
      .min(16)
      .optional()
      .describe('Key that signs paging cursors; set it so cursors survive restarts and work across instances'),
    API_KEYS: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return [];
        const { keys, problems } = readApiKeys(value);
        for (const message of problems) context.addIssue({ code: 'custom', message });
        return keys;
      })
      .describe(
        'Keys allowed to write (POST/PUT/DELETE), sent as `Authorization: Bearer <secret>`: comma-separated ' +
          '`name:secret` entries (a bare `secret` is named key-1, key-2… by position; secrets of at least 16 characters). ' +
          'Only SHA-256 hashes are kept in memory; the name is recorded as the actor in /v1/changes. Unset = writes disabled (403)',
      ),
  })
  .superRefine((values, context) => {
    if (values.READ_ONLY && values.DATABASE_URL !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['READ_ONLY'],
        message: 'READ_ONLY is for replicas of one SQLite file; with DATABASE_URL every replica reads and writes the shared database',
      });
    }
    if (values.READ_ONLY && values.DATABASE_PATH === ':memory:') {
      context.addIssue({
        code: 'custom',
        path: ['READ_ONLY'],
        message: 'an in-memory database cannot be opened read-only; set DATABASE_PATH to an existing file',
      });
    }
  });

export type Config = Readonly<{
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL connection URL; null = the embedded SQLite file at databasePath. */
  databaseUrl: string | null;
  dataDir: string;
  migrationsDir: string;
  /** drizzle-kit migrations for PostgreSQL (migrations-pg/). */
  migrationsPgDir: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  readOnly: boolean;
  shutdownTimeoutMs: number;
  /** Requests per window per client on /v1: reads and writes are counted apart; 0 = no limit. */
  rateLimit: { max: number; writeMax: number; windowMs: number };
  limits: { bodyBytes: number; headerBytes: number; requestTimeoutMs: number };
  corsOrigins: '*' | string[];
  cursorSecret: string;
  /** Write keys (name + SHA-256 of the secret); empty = writes disabled. */
  apiKeys: readonly ApiKey[];
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The only reader of process.env: parses and validates once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=`) means "unset", not "0" or "": it falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const received = SECRET_VARIABLES.has(name) ? undefined : present[name];
      return `${name}${received === undefined ? '' : `=${JSON.stringify(received)}`}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    databasePath: values.DATABASE_PATH,
    databaseUrl: values.DATABASE_URL ?? null,
    dataDir: values.DATA_DIR,
    migrationsDir: values.MIGRATIONS_DIR,
    migrationsPgDir: values.MIGRATIONS_PG_DIR,
    logLevel: values.LOG_LEVEL,
    readOnly: values.READ_ONLY,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    rateLimit: { max: values.RATE_LIMIT_MAX, writeMax: values.RATE_LIMIT_WRITE_MAX, windowMs: values.RATE_LIMIT_WINDOW_MS },
    limits: { bodyBytes: values.BODY_LIMIT_BYTES, headerBytes: values.MAX_HEADER_BYTES, requestTimeoutMs: values.REQUEST_TIMEOUT_MS },
    corsOrigins:
      values.CORS_ORIGINS.trim() === '*'
        ? '*'
        : values.CORS_ORIGINS.split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
    cursorSecret: values.CURSOR_SECRET ?? randomBytes(32).toString('base64url'),
    apiKeys: Object.freeze(values.API_KEYS),
  });
}

/** Defaults for tests and scripts: an in-memory database seeded from the committed data. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({}),
    databasePath: ':memory:',
    logLevel: 'silent',
    rateLimit: { max: 0, writeMax: 0, windowMs: 60_000 },
    ...overrides,
  });
}
