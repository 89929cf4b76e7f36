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

describe('GET /v1/countries/{iso3} errors', () => {
  it('404s an unknown but well-formed code', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries/ZZZ' }), 404, 'not_found', '/v1/countries/ZZZ');
    expect(body.detail).toBe("Unknown country 'ZZZ'. See GET /v1/countries for the list.");
  });

  it('upper-cases before looking up, so the 404 names the canonical code', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries/zzz' }), 404, 'not_found', '/v1/countries/zzz');
    expect(body.detail).toContain("'ZZZ'");
  });

  it('400s a code that is not three letters, naming params.iso3', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries/12' }), 400, 'validation_failed', '/v1/countries/12');
    expect(fieldsOf(body)).toEqual(['params.iso3']);
    expect(body.errors?.[0]?.message).toBe('must be an ISO 3166-1 alpha-3 code');
  });

  it('400s a four-letter code', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries/CHNA' }), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['params.iso3']);
  });
});

describe('GET /v1/countries errors', () => {
  it('400s an unknown group filter, naming querystring.group', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries?group=warsaw-pact' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.group', message: "unknown group 'warsaw-pact'" }]);
  });
});
