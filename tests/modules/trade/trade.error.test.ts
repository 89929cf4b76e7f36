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

describe('GET /v1/import-reliance errors', () => {
  it('400s an unknown mineral', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/import-reliance?mineral=unobtainium' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.mineral', message: "unknown mineral 'unobtainium'" }]);
  });

  it('400s an unknown importer', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/import-reliance?importer=zzz' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.importer', message: "unknown country 'ZZZ'" }]);
  });

  it('400s a malformed year', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/import-reliance?year=last' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.year']);
  });
});

describe('GET /v1/import-sources errors', () => {
  it('400s a period not shaped like 2020-23', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/import-sources?period=2020-2023' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.period']);
  });

  it('400s an unknown mineral', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/import-sources?mineral=unobtainium' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.mineral']);
  });
});
