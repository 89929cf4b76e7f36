import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/minerals/{mineral} errors', () => {
  it('404s an unknown mineral with a problem', async () => {
    const response = await app.inject({ url: '/v1/minerals/unobtainium' });
    const body = expectProblem(response, 404, 'not_found', '/v1/minerals/unobtainium');
    expect(body.title).toBe('Not found');
    expect(body.detail).toBe("Unknown mineral 'unobtainium'. See GET /v1/minerals for the list.");
    expect(body).not.toHaveProperty('errors');
  });

  it('400s a mineral id that is not a slug, naming params.mineral', async () => {
    const response = await app.inject({ url: '/v1/minerals/rare_earths' });
    const body = expectProblem(response, 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['params.mineral']);
    expect(body.errors?.[0]?.message).toMatch(/mineral slug/);
  });
});
