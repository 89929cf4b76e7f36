import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, hashApiKey, loadConfig, parseApiKeys } from '../../../src/config.js';
import { createKeyMatcher } from '../../../src/modules/writes/writes.auth.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('API_KEYS', () => {
  it('is empty (writes disabled) when unset or empty', () => {
    expect(loadConfig({}).apiKeys).toEqual([]);
    expect(loadConfig({ API_KEYS: '' }).apiKeys).toEqual([]);
  });

  it('reads `name:secret` entries and names bare secrets key-<position>', () => {
    const config = loadConfig({ API_KEYS: 'alice:alice-secret-0123456789, bare-secret-0123456789 ,bob:bob-secret:with-colon' });
    expect(config.apiKeys).toEqual([
      { name: 'alice', sha256: sha256('alice-secret-0123456789') },
      { name: 'key-2', sha256: sha256('bare-secret-0123456789') },
      { name: 'bob', sha256: sha256('bob-secret:with-colon') },
    ]);
  });

  it('keeps only SHA-256 hashes: the secret appears nowhere in the configuration', () => {
    const config = loadConfig({ API_KEYS: 'alice:alice-secret-0123456789' });
    expect(JSON.stringify(config)).not.toContain('alice-secret-0123456789');
    expect(config.apiKeys[0]?.sha256).toBe(hashApiKey('alice-secret-0123456789'));
    expect(Object.isFrozen(config.apiKeys)).toBe(true);
  });

  it.each([
    ['a short secret', 'alice:short', /entry 1 \(alice\): the secret must be at least 16 characters/],
    ['an empty entry', 'alice:alice-secret-0123456789,,', /entry 2 is empty/],
    ['a duplicate name', 'a:first-secret-0123456789,a:second-secret-0123456789', /the name 'a' is used twice/],
    ['a duplicate secret', 'a:same-secret-0123456789,b:same-secret-0123456789', /the same secret is given twice/],
    ['a bad name', 'al ice:alice-secret-0123456789', /entry 1: the name must be/],
  ])('refuses %s, without echoing the value', (_case, value, message) => {
    const error = configErrorOf({ API_KEYS: value });
    expect(error.message).toMatch(/^Invalid configuration: API_KEYS: /);
    expect(error.message).toMatch(message);
    for (const secret of value.split(',').map((entry) => entry.split(':').pop() ?? '')) {
      if (secret.length >= 5) expect(error.message).not.toContain(secret);
    }
  });

  it('parseApiKeys (for tests and scripts) gives the same keys and throws ConfigError on a bad entry', () => {
    expect(parseApiKeys('alice:alice-secret-0123456789')).toEqual(loadConfig({ API_KEYS: 'alice:alice-secret-0123456789' }).apiKeys);
    expect(() => parseApiKeys('alice:short')).toThrow(ConfigError);
  });
});

describe('createKeyMatcher', () => {
  const match = createKeyMatcher(parseApiKeys('alice:alice-secret-0123456789,bob:bob-secret-0123456789'));

  it('names the key whose secret was presented', () => {
    expect(match('alice-secret-0123456789')).toBe('alice');
    expect(match('bob-secret-0123456789')).toBe('bob');
  });

  it.each(['', 'alice', 'alice-secret-012345678', 'alice-secret-0123456789 ', sha256('alice-secret-0123456789')])(
    'matches nothing for %j',
    (token) => {
      expect(match(token)).toBeNull();
    },
  );

  it('matches nothing when no key is configured', () => {
    expect(createKeyMatcher([])('alice-secret-0123456789')).toBeNull();
  });
});
