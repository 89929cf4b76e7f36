/**
 * The small rules behind the PostgreSQL store, on their own: which errors mean "the database is away" (503, not
 * 500), what start-up does with a database (seed, keep, re-seed), what /ready answers for each probe outcome, and the
 * settings that select the store.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { databaseUnavailable, isUnreachable } from '../../src/db/postgres.js';
import type { DatabaseProbe } from '../../src/db/store.js';
import { seedDecision } from '../../src/dataset/load.js';
import { createHealthService } from '../../src/modules/health/health.service.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isUnreachable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a fast shutdown ending the session (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server shutting down (57P03 is starting; 57P02 crash)', withCode('the database system is in recovery mode', '57P02')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a client broken by an earlier error', new Error('Client has encountered a connection error and is not queryable')],
    ['any of these as the cause of a wrapper (drizzle)', new Error('Failed query: rollback', { cause: withCode('x', 'ECONNREFUSED') })],
  ])('%s → the database is away', (_name, error) => {
    expect(isUnreachable(error)).toBe(true);
  });

  it.each([
    ['a constraint violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error (42601)', withCode('syntax error at or near "selec"', '42601')],
    ['an error without a code', new Error('something else')],
    ['something that is not an Error', 'ECONNREFUSED'],
  ])('%s → not a database outage', (_name, error) => {
    expect(isUnreachable(error)).toBe(false);
  });

  it('the 503 it becomes names no internals and asks to retry after 5 s', () => {
    const error = databaseUnavailable();
    expect(error.status).toBe(503);
    expect(error.code).toBe('unavailable');
    expect(error.headers).toEqual({ 'retry-after': '5' });
    expect(error.detail).toMatch(/nothing was stored/);
  });
});

describe('seedDecision: what start-up does with a database', () => {
  const seeded = (version: string, hash: string) => [
    { key: 'version', value: version },
    { key: 'content_hash', value: hash },
  ];
  it('seeds an empty database', () => expect(seedDecision([], 'abc')).toBe('seed'));
  it('keeps one seeded from this data/', () => expect(seedDecision(seeded('7', 'abc'), 'abc')).toBe('current'));
  it('re-seeds one seeded from an older data/ with no writes since (version 1)', () =>
    expect(seedDecision(seeded('1', 'old'), 'abc')).toBe('refreshed'));
  it('keeps one with writes since its seed, even from an older data/', () =>
    expect(seedDecision(seeded('3', 'old'), 'abc')).toBe('kept-writes'));
});

function probe(check: DatabaseProbe['check'], served: string | null, expected = 1): DatabaseProbe {
  return { expected, check, servedWhileAway: () => served };
}

describe('readiness by probe outcome', () => {
  it('ready with the version and the migrations', async () => {
    const health = createHealthService(probe(async () => ({ applied: 1, version: '4-abc' }), '4-abc'));
    expect(await health.readiness()).toEqual({ status: 'ready', datasetVersion: '4-abc', migrations: 1 });
  });

  it('degraded (200) when the shared database is away but a snapshot is served', async () => {
    const health = createHealthService(
      probe(async () => {
        throw new Error('connect ECONNREFUSED');
      }, '4-abc'),
    );
    expect(await health.readiness()).toEqual({
      status: 'degraded',
      datasetVersion: '4-abc',
      migrations: 1,
      detail: 'The database is unreachable: connect ECONNREFUSED. Reads are answered from memory; writes get 503.',
    });
  });

  it('unavailable (503) when an instance cannot serve without its database, is unmigrated or empty', async () => {
    const away = createHealthService(
      probe(async () => {
        throw new Error('disk I/O error');
      }, null),
    );
    await expect(away.readiness()).rejects.toMatchObject({ status: 503, detail: 'The database is unreachable: disk I/O error.' });
    const unmigrated = createHealthService(probe(async () => ({ applied: 0, version: null }), null, 2));
    await expect(unmigrated.readiness()).rejects.toMatchObject({ detail: 'The database is not migrated: 0 of 2 migrations applied.' });
    const empty = createHealthService(probe(async () => ({ applied: 1, version: null }), null));
    await expect(empty.readiness()).rejects.toMatchObject({ detail: 'The database holds no dataset yet.' });
  });
});

describe('DATABASE_URL', () => {
  it('selects PostgreSQL; unset keeps the embedded SQLite file', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://chokepoint@db:5432/chokepoint' }).databaseUrl).toBe(
      'postgres://chokepoint@db:5432/chokepoint',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/chokepoint' }).databaseUrl).toBe('postgresql://db/chokepoint');
    expect(loadConfig({}).databaseUrl).toBeNull();
  });

  it('refuses another scheme without echoing the URL (it may hold a password), and READ_ONLY with it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:secret@db/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:secret@db/x' })).not.toThrow(/secret/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', READ_ONLY: 'true' })).toThrow(
      /READ_ONLY is for replicas of one SQLite file/,
    );
  });
});
