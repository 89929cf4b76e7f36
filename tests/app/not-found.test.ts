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

  it('404s a known path with an unsupported method', async () => {
    const body = expectProblem(await app.inject({ method: 'POST', url: '/v1/minerals', payload: {} }), 404, 'not_found');
    expect(body.detail).toBe('No route POST /v1/minerals.');
  });

  it('leaves the query string out of the detail', async () => {
    const body = expectProblem(await app.inject({ url: '/v2/minerals?x=1' }), 404, 'not_found', '/v2/minerals?x=1');
    expect(body.detail).toBe('No route GET /v2/minerals.');
  });

  it('accepts a trailing slash on a known route', async () => {
    const response = await app.inject({ url: '/v1/minerals/' });
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(11);
  });
});
