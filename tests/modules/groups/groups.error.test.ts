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

describe('GET /v1/groups/{id} errors', () => {
  it('404s an unknown group', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/groups/warsaw-pact' }), 404, 'not_found', '/v1/groups/warsaw-pact');
    expect(body.detail).toBe("Unknown group 'warsaw-pact'. See GET /v1/groups for the list.");
  });
});
