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

describe('GET /v1/defense-uses errors', () => {
  it('400s an unknown category, listing the allowed ones', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/defense-uses?category=nukes' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.category']);
    expect(body.errors?.[0]?.message).toContain('"munitions"');
  });

  it('400s an unknown mineral', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/defense-uses?mineral=unobtainium' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.mineral', message: "unknown mineral 'unobtainium'" }]);
  });
});
