import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, NotFoundError, ValidationError } from '../../src/errors.js';
import errorHandler from '../../src/plugins/error-handler.js';
import { expectProblem, fieldsOf } from '../helpers/problem.js';

const SECRET = 'password=hunter2 at /srv/chokepoint/src/db/client.ts:42:7';

/** The real error handler on a bare app, with routes that fail in every way a route can. */
async function buildErrorApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  app.get('/throws', () => {
    throw new Error(SECRET);
  });
  app.get('/rejects', async () => {
    await Promise.resolve();
    throw new TypeError(`Cannot read properties of undefined (${SECRET})`);
  });
  app.get('/unavailable', () => {
    throw Object.assign(new Error(SECRET), { statusCode: 503 });
  });
  app.get('/too-large', () => {
    throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
  });
  app.get('/not-found', () => {
    throw new NotFoundError("Unknown widget 'w1'.");
  });
  app.get('/invalid', () => {
    throw new ValidationError('Bad filters.', [{ field: 'querystring.widget', message: 'unknown widget' }]);
  });
  app.get('/rate-limited', () => {
    throw new AppError('rate_limited', 'Slow down.', undefined, { 'retry-after': '30' });
  });
  app.get(
    '/bad-response',
    { schema: { response: { 200: z.object({ count: z.number() }) } } },
    async () => ({ count: SECRET }) as unknown as { count: number },
  );
  app.post(
    '/widgets',
    { schema: { body: z.object({ name: z.string().min(1), size: z.number().int() }) } },
    async (request) => request.body,
  );
  await app.ready();
  return app;
}

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildErrorApp();
});
afterAll(async () => {
  await app.close();
});

describe('unexpected errors', () => {
  it('turns a thrown Error into a generic 500 problem', async () => {
    const response = await app.inject({ url: '/throws' });
    const body = expectProblem(response, 500, 'internal', '/throws');
    expect(body).toEqual({
      type: '/problems/internal',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/throws',
      code: 'internal',
    });
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('client.ts');
  });

  it('handles a rejected async handler the same way', async () => {
    const response = await app.inject({ url: '/rejects' });
    const body = expectProblem(response, 500, 'internal');
    expect(body.detail).toBe('An unexpected error occurred.');
    expect(response.body).not.toContain('Cannot read properties');
  });

  it('keeps a 5xx status but not its message', async () => {
    const response = await app.inject({ url: '/unavailable' });
    const body = expectProblem(response, 503, 'unavailable');
    expect(body.detail).toBe('An unexpected error occurred.');
    expect(response.body).not.toContain('hunter2');
  });

  it('reports a response that breaks its own schema as a generic 500', async () => {
    const response = await app.inject({ url: '/bad-response' });
    const body = expectProblem(response, 500, 'internal');
    expect(body.detail).toBe('The server could not produce a valid response.');
    expect(response.body).not.toContain('hunter2');
  });
});

describe('client errors', () => {
  it('passes a 4xx framework error through with its message', async () => {
    const body = expectProblem(await app.inject({ url: '/too-large' }), 413, 'payload_too_large');
    expect(body).toMatchObject({ title: 'Payload too large', detail: 'Request body is too large' });
  });

  it('serves an AppError with its code and detail', async () => {
    const body = expectProblem(await app.inject({ url: '/not-found' }), 404, 'not_found', '/not-found');
    expect(body.detail).toBe("Unknown widget 'w1'.");
    expect(body).not.toHaveProperty('errors');
  });

  it('serves a ValidationError with its per-field errors', async () => {
    const body = expectProblem(await app.inject({ url: '/invalid' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.widget', message: 'unknown widget' }]);
  });

  it('sends the headers an AppError carries', async () => {
    const response = await app.inject({ url: '/rate-limited' });
    expectProblem(response, 429, 'rate_limited');
    expect(response.headers['retry-after']).toBe('30');
  });

  it('maps zod body validation to 400 with one entry per field', async () => {
    const response = await app.inject({ method: 'POST', url: '/widgets', payload: { name: '', size: 1.5 } });
    const body = expectProblem(response, 400, 'validation_failed', '/widgets');
    expect(fieldsOf(body)).toEqual(['body.name', 'body.size']);
    expect(body.detail).toBe('The body has 2 invalid field(s).');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/widgets',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectProblem(response, 400, 'validation_failed');
  });

  it('answers an unsupported media type with a 415 problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/widgets', headers: { 'content-type': 'application/xml' }, payload: '<w/>' });
    expectProblem(response, 415, 'unsupported_media_type');
  });

  it('answers an unknown route with a 404 problem naming method and path', async () => {
    const body = expectProblem(await app.inject({ method: 'DELETE', url: '/nowhere?x=1' }), 404, 'not_found', '/nowhere?x=1');
    expect(body.detail).toBe('No route DELETE /nowhere.');
  });
});
