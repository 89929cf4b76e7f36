import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('unknown routes', () => {
  it('404s an unknown path with a problem', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/unknown' }), 404, 'not_found', '/v1/unknown');
    expect(body.detail).toBe('No route GET /v1/unknown.');
  });

  it('405s a known path with an unsupported method, with Allow (RFC 9110 §15.5.6)', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/minerals?x=1', payload: {} });
    const body = expectProblem(response, 405, 'method_not_allowed', '/v1/minerals?x=1');
    expect(body.detail).toBe('/v1/minerals does not answer POST; it answers GET, HEAD.');
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('leaves the query string out of the detail', async () => {
    const body = expectProblem(await app.inject({ url: '/v2/minerals?x=1' }), 404, 'not_found', '/v2/minerals?x=1');
    expect(body.detail).toBe('No route GET /v2/minerals.');
  });

  // Paths match exactly, as the spec writes them (issue 15): `/v1/minerals/` is GET /v1/minerals/{mineral} with an
  // empty id, which its pattern refuses (tests/openapi/path-parameters.test.ts), not the list.
  it('does not ignore a trailing slash: no route for /v1/minerals/antimony/, an empty id for /v1/minerals/', async () => {
    const item = await app.inject({ url: '/v1/minerals/antimony/' });
    expect(item.statusCode).toBe(404);
    expect(item.json().detail).toBe('No route GET /v1/minerals/antimony/.');
    const collection = await app.inject({ url: '/v1/minerals/' });
    expect(collection.statusCode).toBe(400);
    expect(collection.json().errors).toEqual([expect.objectContaining({ field: 'params.mineral' })]);
  });
});
