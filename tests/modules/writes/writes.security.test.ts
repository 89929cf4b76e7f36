import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { expectProblem } from '../../helpers/problem.js';
import { ANALYST_SECRET, API_KEYS, EDITOR_SECRET, bearer, changesSince, storedFigure, tungstenRow } from './helpers.js';

const NEW_SOURCE = { id: 'analyst-notes-2026', title: 'Analyst notes', publisher: 'Chokepoint' };

/** One request per write route, each with a valid body. */
function writes(headers: Record<string, string> = {}): (InjectOptions & { name: string })[] {
  return [
    { name: 'POST /v1/sources', method: 'POST', url: '/v1/sources', headers, payload: NEW_SOURCE },
    { name: 'PUT /v1/production', method: 'PUT', url: '/v1/production', headers, payload: { rows: [tungstenRow({ tonnes: 5000 })] } },
    { name: 'DELETE /v1/production/…', method: 'DELETE', url: '/v1/production/tungsten/mining/VNM/2024/w-contained', headers },
  ];
}

describe('no API_KEYS configured: writes are disabled, reads stay open', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(writes(bearer()).map((request) => [request.name, request]))(
    '%s → 403 naming API_KEYS, even with a key',
    async (_name, request) => {
      const response = await app.inject(request);
      const body = expectProblem(response, 403, 'forbidden');
      expect(body.detail).toMatch(/writes are disabled: no API_KEYS configured/i);
    },
  );

  it('reads answer as usual and nothing was written', async () => {
    expect((await storedFigure(app, { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024 }))?.tonnes).toBe(3400);
    const feed = await changesSince(app);
    expect(feed).toMatchObject({ data: [], total: 0, currentVersion: 1 });
  });
});

describe('a read-only replica refuses writes', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-writes-'));
    const databasePath = join(dir, 'primary.db');
    const primary = await buildTestApp({ databasePath }); // migrates and seeds the file
    await primary.close();
    app = await buildTestApp({ databasePath, readOnly: true, apiKeys: API_KEYS });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(writes(bearer()).map((request) => [request.name, request]))(
    '%s → 403 read-only replica, even with a valid key',
    async (_name, request) => {
      const response = await app.inject(request);
      expect(expectProblem(response, 403, 'forbidden').detail).toMatch(/read-only replica/);
    },
  );

  it('still serves the change feed', async () => {
    expect((await changesSince(app)).total).toBe(0);
  });
});

describe('with API_KEYS configured', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ apiKeys: API_KEYS });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(writes().map((request) => [request.name, request]))('%s without a key → 401 with a Bearer challenge', async (_name, request) => {
    const response = await app.inject(request);
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="chokepoint"');
  });

  it.each(writes(bearer('not-the-key-0123456789')).map((request) => [request.name, request]))(
    '%s with a wrong key → 401 invalid_token',
    async (_name, request) => {
      const response = await app.inject(request);
      expectProblem(response, 401, 'unauthorized');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="chokepoint", error="invalid_token"$/);
    },
  );

  it.each([
    ['another scheme', `Basic ${Buffer.from(`analyst:${ANALYST_SECRET}`).toString('base64')}`],
    ['no token', 'Bearer'],
    ['the key without the scheme', ANALYST_SECRET],
    ['a prefix of the key', `Bearer ${ANALYST_SECRET.slice(0, -1)}`],
    ['the key with a suffix', `Bearer ${ANALYST_SECRET}x`],
    ['the key name', 'Bearer analyst'],
    ['the SHA-256 of the key', `Bearer ${API_KEYS[0]?.sha256}`],
  ])('refuses %s with 401', async (_case, authorization) => {
    const response = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization },
      payload: { rows: [tungstenRow()] },
    });
    expectProblem(response, 401, 'unauthorized');
    expect(String(response.headers['www-authenticate'])).toMatch(/^Bearer realm="chokepoint"/);
  });

  it('authenticates before looking at the body: 1,001 rows without a key is 401, not 400', async () => {
    const rows = Array.from({ length: 1001 }, (_, year) => tungstenRow({ year }));
    const response = await app.inject({ method: 'PUT', url: '/v1/production', payload: { rows } });
    expectProblem(response, 401, 'unauthorized');
  });

  it('accepts the scheme case-insensitively and names the actor by key name, never by key', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization: `bearer ${EDITOR_SECRET}` },
      payload: { rows: [tungstenRow({ tonnes: 3500 })] },
    });
    expect(response.statusCode).toBe(200);
    const feed = await changesSince(app);
    expect(feed.data.map((change) => change.actor)).toEqual(['key-2']);
    const text = JSON.stringify(feed);
    expect(text).not.toContain(EDITOR_SECRET);
    expect(text).not.toContain(API_KEYS[1]?.sha256);
  });

  it('reads need no key', async () => {
    for (const url of ['/v1/production?mineral=tungsten', '/v1/changes', '/v1/sources/usgs-mcs-2025-tungsten']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
