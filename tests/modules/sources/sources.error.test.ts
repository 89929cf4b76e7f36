import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { expectProblem } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/sources/{id} errors', () => {
  it('404s an unknown source', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/sources/no-such-source' }), 404, 'not_found', '/v1/sources/no-such-source');
    expect(body.detail).toBe("Unknown source 'no-such-source'. See GET /v1/sources for the list.");
  });
});
