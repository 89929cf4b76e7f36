import { describe, expect, it } from 'vitest';
import { ConfigError, PROJECT_ROOT, defaultConfig, loadConfig } from '../../src/config.js';

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000, info logging, writable, with paths under the project root', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: `${PROJECT_ROOT}var/chokepoint.db`,
      dataDir: `${PROJECT_ROOT}data`,
      migrationsDir: `${PROJECT_ROOT}migrations`,
      logLevel: 'info',
      readOnly: false,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_PATH: '/data/chokepoint.db',
        DATA_DIR: '/app/data',
        MIGRATIONS_DIR: '/app/migrations',
        LOG_LEVEL: 'warn',
        READ_ONLY: 'true',
      }),
    ).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/data/chokepoint.db',
      dataDir: '/app/data',
      migrationsDir: '/app/migrations',
      logLevel: 'warn',
      readOnly: true,
    });
  });

  it('accepts :memory: as the database path', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
  });

  it('ignores unrelated environment variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', NODE_ENV: 'production' }).port).toBe(3000);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' })).toMatchObject({ port: 3000, host: '127.0.0.1' });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('parses READ_ONLY=%s as %s', (value, expected) => {
    expect(loadConfig({ READ_ONLY: value }).readOnly).toBe(expected);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('loadConfig refusals', () => {
  it('refuses a non-numeric PORT, naming PORT', () => {
    const error = configErrorOf({ PORT: 'abc' });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid configuration: PORT\b/);
    expect(error.message).toContain('abc');
  });

  it.each(['70000', '-1', '80.5'])('refuses PORT=%s', (port) => {
    expect(configErrorOf({ PORT: port }).message).toContain('PORT');
  });

  it.each(['yes', 'TRUE', 'on'])('refuses READ_ONLY=%s, naming READ_ONLY', (value) => {
    expect(configErrorOf({ READ_ONLY: value }).message).toContain('READ_ONLY');
  });

  it('refuses an unknown LOG_LEVEL', () => {
    expect(configErrorOf({ LOG_LEVEL: 'verbose' }).message).toContain('LOG_LEVEL');
  });

  it('names every invalid variable at once', () => {
    const { message } = configErrorOf({ PORT: 'abc', READ_ONLY: 'maybe' });
    expect(message).toContain('PORT');
    expect(message).toContain('READ_ONLY');
  });
});

describe('defaultConfig', () => {
  it('is in-memory and silent, for tests and scripts', () => {
    expect(defaultConfig()).toMatchObject({ databasePath: ':memory:', logLevel: 'silent', port: 3000, readOnly: false });
  });

  it('applies overrides', () => {
    expect(defaultConfig({ dataDir: '/tmp/data' }).dataDir).toBe('/tmp/data');
  });
});
