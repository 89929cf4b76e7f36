/**
 * Path parameters carry their constraints into the spec, and the server agrees with them (issue 15, item 5): an
 * empty path segment is not an id, so `/v1/minerals/` is not a valid instance of `GET /v1/minerals/{mineral}` and
 * never answers with the list, as it did when the router ignored trailing slashes.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { conformsToSpec, errorsText, fromInject, operationsOf, specValidator } from '../helpers/spec.js';

const pathParameters = operationsOf().flatMap(({ method, path, operation }) =>
  (operation.parameters ?? []).flatMap((parameter, index) => (parameter.in === 'path' ? [{ method, path, parameter, index }] : [])),
);

/** GET operations whose path ends in one parameter: `/v1/minerals/{mineral}` → `/v1/minerals/`. */
const emptyLastSegment = operationsOf()
  .filter(({ method, path }) => method === 'get' && /\/\{[^/}]+\}$/.test(path))
  .map(({ path }) => ({ path, url: path.replace(/\{[^/}]+\}$/, ''), name: /\{([^/}]+)\}$/.exec(path)![1]! }));

describe('path parameters in the spec', () => {
  it('are there to check (every operation with a path parameter is covered)', () => {
    expect(pathParameters.length).toBeGreaterThan(20);
    expect(emptyLastSegment.map(({ path }) => path)).toEqual(expect.arrayContaining(['/v1/minerals/{mineral}', '/v1/countries/{iso3}', '/v1/sources/{id}']));
  });

  it('each has a pattern or minLength ≥ 1 (or is an integer), so an empty segment is not a valid value', () => {
    const loose = pathParameters.filter(({ parameter: { schema } }) => {
      if (schema.type === 'integer') return false;
      return schema.type !== 'string' || !(typeof schema.pattern === 'string' || (schema.minLength ?? 0) >= 1);
    });
    expect(loose.map(({ method, path, parameter }) => `${method.toUpperCase()} ${path} ${parameter.name}: ${JSON.stringify(parameter.schema)}`)).toEqual([]);
  });

  it('each refuses the empty string, as the spec itself says (ajv on the parameter schema)', () => {
    const accepting = pathParameters.filter(({ method, path, index }) => {
      const validate = specValidator('paths', path, method, 'parameters', String(index), 'schema');
      return validate('');
    });
    expect(accepting.map(({ method, path, parameter }) => `${method.toUpperCase()} ${path} ${parameter.name}`)).toEqual([]);
  });

  it('keeps the mineral slug pattern on GET /v1/minerals/{mineral}', () => {
    const mineral = pathParameters.find(({ path, parameter }) => path === '/v1/minerals/{mineral}' && parameter.name === 'mineral');
    expect(mineral?.parameter.schema).toMatchObject({ type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
    const validate = specValidator('paths', '/v1/minerals/{mineral}', 'get', 'parameters', String(mineral!.index), 'schema');
    expect(validate('antimony'), errorsText(validate)).toBe(true);
    expect(validate('rare-earths'), errorsText(validate)).toBe(true);
    for (const bad of ['', '-', 'Antimony', 'a--b', 'sb/']) expect(validate(bad), bad).toBe(false);
  });
});

describe('an empty last path segment on the wire', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  // The request is the operation with an empty id, which its parameter's pattern or minLength refuses: a 400 naming
  // the parameter, the answer the spec documents for a malformed parameter. Not the collection (a 200 that no
  // operation documents for this URL), and not a redirect (which no operation documents either).
  it('GET /v1/minerals/ is a 400 problem naming params.mineral, documented on GET /v1/minerals/{mineral}', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/minerals/' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status: 400, code: 'validation_failed', instance: '/v1/minerals/' });
    expect(body.errors.map((error: { field: string }) => error.field)).toEqual(['params.mineral']);
    expect(body.data).toBeUndefined();
    conformsToSpec('get', '/v1/minerals/{mineral}', fromInject(response));
  });

  it('every GET /…/{id} answers its empty-id URL the same way, never with a 2xx', async () => {
    const answers: string[] = [];
    for (const { path, url, name } of emptyLastSegment) {
      const response = await app.inject({ method: 'GET', url });
      conformsToSpec('get', path, fromInject(response));
      const fields = response.statusCode === 400 ? (response.json().errors ?? []).map((error: { field: string }) => error.field) : [];
      if (response.statusCode !== 400 || !fields.includes(`params.${name}`)) answers.push(`${url} → ${response.statusCode} ${response.body.slice(0, 80)}`);
    }
    expect(answers).toEqual([]);
  });

  it('a trailing slash after an id is no route (404 problem), not the item', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/minerals/antimony/' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ method: 'GET', url: '/v1/minerals/antimony' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/minerals' })).statusCode).toBe(200);
  });
});
