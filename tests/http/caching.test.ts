/** Strong ETags from the dataset version and the representation; 304 on If-None-Match; a write changes them. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';

const SECRET = 'caching-test-secret-0123456789';
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: parseApiKeys(`analyst:${SECRET}`) });
});
afterAll(async () => {
  await app.close();
});

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

const varyOf = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((field) => field.trim().toLowerCase());

async function etagOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await get(url, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.headers.etag as string;
}

describe('validators on a GET', () => {
  it('a strong ETag, Cache-Control for slowly changing data and Vary: Accept', async () => {
    const response = await get('/v1/minerals');
    expect(response.statusCode).toBe(200);
    const etag = response.headers.etag as string;
    // Strong: a quoted opaque string, no W/ prefix.
    expect(etag).toMatch(/^"[\x21\x23-\x7e]+"$/);
    expect(etag.startsWith('W/')).toBe(false);
    expect(response.headers['cache-control']).toBe(CACHE_CONTROL);
    expect(varyOf(response.headers.vary)).toEqual(expect.arrayContaining(['accept', 'accept-encoding']));
  });

  it('the same request gets the same ETag', async () => {
    expect(await etagOf('/v1/production?mineral=cobalt')).toBe(await etagOf('/v1/production?mineral=cobalt'));
  });

  it('If-None-Match with that ETag → 304, empty body, the same ETag and Cache-Control', async () => {
    const etag = await etagOf('/v1/minerals/tungsten/concentration');
    const response = await get('/v1/minerals/tungsten/concentration', { 'if-none-match': etag });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.rawPayload.length).toBe(0);
    expect(response.headers.etag).toBe(etag);
    expect(response.headers['cache-control']).toBe(CACHE_CONTROL);
    expect(varyOf(response.headers.vary)).toContain('accept');
  });

  it('matches within a list, and with the W/ prefix (weak comparison, RFC 9110 §13.1.2)', async () => {
    const etag = await etagOf('/v1/stages');
    expect((await get('/v1/stages', { 'if-none-match': `"nope", ${etag}` })).statusCode).toBe(304);
    expect((await get('/v1/stages', { 'if-none-match': `W/${etag}` })).statusCode).toBe(304);
    expect((await get('/v1/stages', { 'if-none-match': '*' })).statusCode).toBe(304);
  });

  it('a different ETag is answered in full', async () => {
    const etag = await etagOf('/v1/stages');
    const other = `"${etag.slice(1, -2)}x"`;
    const response = await get('/v1/stages', { 'if-none-match': other });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(etag);
    expect((response.json() as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it('each representation has its own ETag: CSV vs JSON, gzip vs identity, and another URL', async () => {
    const url = '/v1/production?mineral=antimony&year=2024';
    const json = await etagOf(url);
    const csvByAccept = await etagOf(url, { accept: 'text/csv' });
    const csvByFormat = await etagOf(`${url}&format=csv`);
    const gzip = await etagOf(url, { 'accept-encoding': 'gzip' });
    const otherUrl = await etagOf('/v1/production?mineral=antimony&year=2022');
    expect(new Set([json, csvByAccept, csvByFormat, gzip, otherUrl]).size).toBe(5);
    // A JSON ETag does not validate the CSV representation.
    expect((await get(url, { accept: 'text/csv', 'if-none-match': json })).statusCode).toBe(200);
    expect((await get(url, { accept: 'text/csv', 'if-none-match': csvByAccept })).statusCode).toBe(304);
  });

  it('error responses carry no ETag and are not cacheable', async () => {
    const response = await get('/v1/production?year=abc');
    expect(response.statusCode).toBe(400);
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['cache-control']).toBeUndefined();
    const missing = await get('/v1/minerals/unobtainium');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  it('writes and /health get no ETag', async () => {
    expect((await get('/health')).headers.etag).toBeUndefined();
    const write = await app.inject({ method: 'PUT', url: '/v1/production', payload: { rows: [] } });
    expect(write.headers.etag).toBeUndefined();
  });
});

describe('a write changes the dataset version, and so every ETag', () => {
  // Pinned to MCS 2025, the edition whose figures (VNM 3,400 t, HHI 6879.8) the assertions name.
  const listUrl = '/v1/production?mineral=tungsten&stage=mining&year=2024&edition=usgs-mcs-2025';
  const scoreUrl = '/v1/minerals/tungsten/concentration?edition=usgs-mcs-2025';
  const row = {
    mineral: 'tungsten',
    stage: 'mining',
    country: 'VNM',
    year: 2024,
    tonnes: 3500,
    basis: 'w-contained',
    sourceId: 'usgs-mcs-2025-tungsten',
    estimated: true,
    edition: 'usgs-mcs-2025',
  };

  const vietnam = (body: { data: { country: string; tonnes: number | null }[] }) =>
    body.data.find((figure) => figure.country === 'VNM')?.tonnes;

  it('a rejected write changes nothing; an accepted one invalidates the old ETags', async () => {
    const before = await get(listUrl);
    const listEtag = before.headers.etag as string;
    const scoreEtag = await etagOf(scoreUrl);
    const otherEtag = await etagOf('/v1/minerals');
    expect(vietnam(before.json())).toBe(3400);

    // Rejected writes (no key, wrong key, a rule broken) leave the version and the ETags alone.
    const unauthorised = await app.inject({ method: 'PUT', url: '/v1/production', payload: { rows: [row] } });
    expect(unauthorised.statusCode).toBe(401);
    const wrongKey = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization: 'Bearer not-the-key-0123456789' },
      payload: { rows: [row] },
    });
    expect(wrongKey.statusCode).toBe(401);
    const invalid = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization: `Bearer ${SECRET}` },
      payload: { rows: [{ ...row, tonnes: -1 }] },
    });
    expect(invalid.statusCode).toBe(422);
    expect((await get(listUrl, { 'if-none-match': listEtag })).statusCode).toBe(304);

    const write = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization: `Bearer ${SECRET}` },
      payload: { rows: [row] },
    });
    expect(write.statusCode, write.body).toBe(200);
    expect(write.json()).toMatchObject({ updated: 1, created: 0 });

    // The old ETag no longer validates: the full, updated representation comes back with a new ETag.
    const after = await get(listUrl, { 'if-none-match': listEtag });
    expect(after.statusCode).toBe(200);
    expect(vietnam(after.json())).toBe(3500);
    const newEtag = after.headers.etag as string;
    expect(newEtag).not.toBe(listEtag);
    expect(newEtag.startsWith('W/')).toBe(false);
    expect((await get(listUrl, { 'if-none-match': newEtag })).statusCode).toBe(304);

    // Every resource, not only the one written: scores and unrelated lists too.
    const score = await get(scoreUrl, { 'if-none-match': scoreEtag });
    expect(score.statusCode).toBe(200);
    // …and the score reflects the write at once: Vietnam's 3,500 t is in the inputs, the HHI has moved.
    const mining = (
      score.json() as { stages: { stage: string; hhi: number; inputs: { producers: { country: string; tonnes: number }[] } }[] }
    ).stages[0];
    expect(mining?.stage).toBe('mining');
    expect(mining?.inputs.producers.find((producer) => producer.country === 'VNM')?.tonnes).toBe(3500);
    expect(mining?.hhi).not.toBe(6879.8);
    expect(score.headers.etag).not.toBe(scoreEtag);
    expect((await get('/v1/minerals', { 'if-none-match': otherEtag })).statusCode).toBe(200);
  });

  it('a write that changes nothing keeps the version and the ETags', async () => {
    const etag = await etagOf(listUrl);
    const write = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: { authorization: `Bearer ${SECRET}` },
      payload: { rows: [row] },
    });
    expect(write.statusCode).toBe(200);
    expect(write.json()).toMatchObject({ unchanged: 1, updated: 0, created: 0 });
    expect((await get(listUrl, { 'if-none-match': etag })).statusCode).toBe(304);
  });
});
