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

describe('GET /v1/production errors', () => {
  it('400s year=abc, naming querystring.year', async () => {
    const response = await app.inject({ url: '/v1/production?year=abc' });
    const body = expectProblem(response, 400, 'validation_failed', '/v1/production?year=abc');
    expect(body.title).toBe('Invalid request');
    expect(body.detail).toBe('The querystring has 1 invalid field(s).');
    expect(fieldsOf(body)).toEqual(['querystring.year']);
  });

  it('400s stage=banana, naming querystring.stage and the allowed stages', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?stage=banana' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.stage']);
    expect(body.errors?.[0]?.message).toMatch(/mining.*refining.*metal.*component/);
  });

  it('reports every invalid field at once', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?year=abc&stage=banana' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.stage', 'querystring.year']);
    expect(body.detail).toBe('The querystring has 2 invalid field(s).');
  });

  it('400s a year outside 1900–2100', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?year=1850' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.year']);
  });

  it('400s an unknown mineral filter', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?mineral=unobtainium' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.mineral', message: "unknown mineral 'unobtainium'" }]);
  });

  it('400s an unknown country filter', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?country=ZZZ' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.country', message: "unknown country 'ZZZ'" }]);
  });

  it('400s an unknown edition, naming querystring.edition', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?edition=usgs-mcs-1999' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.edition']);
    expect(body.errors?.[0]?.message).toMatch(/unknown edition 'usgs-mcs-1999'/);
  });

  it('400s from after to', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/production?from=2024&to=2020' }), 400, 'validation_failed');
    expect(body.detail).toBe('`from` is after `to`.');
    expect(body.errors).toEqual([{ field: 'querystring.from', message: 'must not be after to (2020)' }]);
  });
});

describe('GET /v1/reserves errors', () => {
  it('400s an unknown mineral filter', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/reserves?mineral=unobtainium' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.mineral']);
  });

  it('400s a malformed country and year', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/reserves?country=1&year=20x4' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['querystring.country', 'querystring.year']);
  });
});
