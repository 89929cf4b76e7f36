import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/plugins/http-caching.js';
import { VERSION_RECHECK_MS } from '../../src/dataset/snapshot.js';
import { buildTestApp } from '../helpers/app.js';
import { API_KEYS, bearer, putProduction, tungstenRow } from '../modules/writes/helpers.js';

/** Functional checks only: how fast the cache is, is bench/run.ts's business. */

type Request = InjectOptions & { url: string };

/** Everything a client sees, minus what differs per request by design (its id, the clock). */
function seen(response: LightMyRequestResponse) {
  const { 'x-request-id': requestId, date: _date, ...headers } = response.headers;
  expect(requestId).toEqual(expect.any(String));
  return { status: response.statusCode, headers, body: response.rawPayload.toString('base64') };
}

const READS: Request[] = [
  { url: '/v1/minerals/antimony/concentration' },
  { url: '/v1/minerals/antimony/concentration?format=csv' },
  { url: '/v1/concentration', headers: { accept: 'text/csv' } },
  { url: '/v1/concentration', headers: { 'accept-encoding': 'gzip' } },
  { url: '/v1/production?mineral=cobalt&limit=5' },
  { url: '/v1/production?mineral=cobalt', headers: { 'accept-encoding': 'br', origin: 'https://example.org' } },
  { url: '/v1/countries/CHN/dominance' },
];

describe('response cache: a replay is the uncached response, byte for byte', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(READS)('GET $url $headers', async (request) => {
    app.responseCache.clear();
    const uncached = await app.inject(request);
    expect(uncached.statusCode).toBe(200);
    const stored = app.responseCache.size;
    expect(stored).toBeGreaterThan(0);
    const replayed = await app.inject(request);
    const again = await app.inject(request);
    expect(seen(replayed)).toEqual(seen(uncached));
    expect(seen(again)).toEqual(seen(uncached));
    expect(app.responseCache.size).toBe(stored);
  });

  it('keeps the Link header a paged collection sets', async () => {
    app.responseCache.clear();
    const first = await app.inject({ url: '/v1/production?mineral=cobalt&limit=5' });
    const second = await app.inject({ url: '/v1/production?mineral=cobalt&limit=5' });
    expect(first.headers.link).toMatch(/rel="next"/);
    expect(second.headers.link).toBe(first.headers.link);
  });

  it('answers a HEAD of a cached URL like the uncached HEAD', async () => {
    app.responseCache.clear();
    const uncached = await app.inject({ method: 'HEAD', url: '/v1/concentration' });
    await app.inject({ url: '/v1/concentration' });
    const afterCaching = await app.inject({ method: 'HEAD', url: '/v1/concentration' });
    expect(seen(afterCaching)).toEqual(seen(uncached));
    expect(afterCaching.rawPayload.length).toBe(0);
  });

  it('answers If-None-Match with 304 before the cache, and never stores errors', async () => {
    app.responseCache.clear();
    const first = await app.inject({ url: '/v1/minerals/antimony/concentration' });
    const revalidated = await app.inject({
      url: '/v1/minerals/antimony/concentration',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    const size = app.responseCache.size;
    for (const url of ['/v1/minerals/unobtainium/concentration', '/v1/concentration?year=abc']) {
      const failing = await app.inject({ url });
      expect(failing.statusCode).toBeGreaterThanOrEqual(400);
      expect(failing.headers['content-type']).toMatch(/problem\+json/);
      expect(app.responseCache.size).toBe(size);
    }
  });

  it('serves /docs and /openapi.json (registered before the cache) untouched', async () => {
    expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('answers a repeated scenario POST with the same bytes and headers', async () => {
    const request: Request = {
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: { shocks: [{ countries: ['CHN', 'RUS'], reduction: 1 }], importer: 'USA' },
    };
    const first = await app.inject(request);
    expect(first.statusCode).toBe(200);
    expect(seen(await app.inject(request))).toEqual(seen(first));
    // Same scenario, keys in another order: the service normalises it to the same result.
    const reordered = await app.inject({ ...request, payload: { importer: 'USA', shocks: [{ reduction: 1, countries: ['RUS', 'CHN'] }] } });
    expect(reordered.rawPayload.equals(first.rawPayload)).toBe(true);
  });
});

describe('response cache: a new dataset version empties it', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ apiKeys: API_KEYS });
  });
  afterAll(async () => {
    await app.close();
  });

  it('a write through the API changes ETags, figures and scores at once', async () => {
    const figureUrl = '/v1/production?mineral=tungsten&stage=mining&country=VNM&year=2024&edition=usgs-mcs-2025';
    const scoreUrl = '/v1/minerals/tungsten/concentration?year=2024&edition=usgs-mcs-2025';
    const before = { figure: await app.inject({ url: figureUrl }), score: await app.inject({ url: scoreUrl }) };
    // Cached now: a replay is the same response.
    expect((await app.inject({ url: figureUrl })).body).toBe(before.figure.body);
    expect(before.figure.json().data[0].tonnes).toBe(3400);

    expect((await putProduction(app, [tungstenRow({ tonnes: 4400 })], bearer())).statusCode).toBe(200);

    const after = { figure: await app.inject({ url: figureUrl }), score: await app.inject({ url: scoreUrl }) };
    expect(after.figure.json().data[0].tonnes).toBe(4400);
    expect(after.figure.headers.etag).not.toBe(before.figure.headers.etag);
    expect(after.score.headers.etag).not.toBe(before.score.headers.etag);
    expect(after.score.body).not.toBe(before.score.body);
    // The old ETag no longer revalidates.
    const stale = await app.inject({ url: figureUrl, headers: { 'if-none-match': before.figure.headers.etag as string } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().data[0].tonnes).toBe(4400);
  });
});

describe('response cache: a replica notices writes made by another connection', () => {
  let dir: string;
  let primary: FastifyInstance;
  let replica: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-cache-'));
    const databasePath = join(dir, 'chokepoint.db');
    primary = await buildTestApp({ databasePath, apiKeys: API_KEYS });
    replica = await buildTestApp({ databasePath, readOnly: true });
  });
  afterAll(async () => {
    await replica?.close();
    await primary?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the new version within the recheck interval', async () => {
    const url = '/v1/production?mineral=tungsten&stage=mining&country=VNM&year=2024&edition=usgs-mcs-2025';
    const before = await replica.inject({ url });
    await replica.inject({ url });
    expect(before.json().data[0].tonnes).toBe(3400);
    expect((await putProduction(primary, [tungstenRow({ tonnes: 3900 })], bearer())).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, VERSION_RECHECK_MS + 20));
    const after = await replica.inject({ url });
    expect(after.json().data[0].tonnes).toBe(3900);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});

describe('response cache: rate limiting still counts and reports replays', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ rateLimit: { max: 3, writeMax: 0, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('sends RateLimit headers on cached answers and refuses past the limit', async () => {
    const responses = [];
    for (let index = 0; index < 4; index += 1) responses.push(await app.inject({ url: '/v1/minerals/antimony/concentration' }));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 429]);
    expect(responses.map((response) => response.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(responses[2]?.body).toBe(responses[0]?.body);
  });
});

describe('ResponseCache', () => {
  const entry = (bytes: number) => ({ body: Buffer.alloc(bytes), headers: [], bytes });

  it('evicts the least recently used entry past its entry limit', () => {
    const cache = new ResponseCache(2, 1_000);
    cache.sync('v1');
    cache.set('v1', 'a', entry(10));
    cache.set('v1', 'b', entry(10));
    cache.get('a');
    cache.set('v1', 'c', entry(10));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
  });

  it('keeps its bytes under the limit and skips a body larger than it', () => {
    const cache = new ResponseCache(100, 25);
    cache.sync('v1');
    cache.set('v1', 'a', entry(10));
    cache.set('v1', 'b', entry(10));
    cache.set('v1', 'c', entry(10));
    expect(cache.bytes).toBeLessThanOrEqual(25);
    expect(cache.get('a')).toBeUndefined();
    cache.set('v1', 'huge', entry(26));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('forgets everything when the version changes, and ignores entries of another version', () => {
    const cache = new ResponseCache();
    cache.sync('v1');
    cache.set('v1', 'a', entry(10));
    cache.sync('v2');
    expect(cache.size).toBe(0);
    cache.set('v1', 'late', entry(10));
    expect(cache.get('late')).toBeUndefined();
  });
});
