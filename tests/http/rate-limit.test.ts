/** @fastify/rate-limit: 429 problem+json with Retry-After and RateLimit-* headers; health and docs are exempt. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseApiKeys, type Config } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';

const LOW = { rateLimit: { max: 3, writeMax: 0, windowMs: 60_000 } } satisfies Partial<Config>;

const apps: FastifyInstance[] = [];
async function appWith(overrides: Partial<Config>): Promise<FastifyInstance> {
  const app = await buildTestApp(overrides);
  apps.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

const inject = (app: FastifyInstance, options: InjectOptions | string) =>
  app.inject(typeof options === 'string' ? { method: 'GET', url: options } : options);

describe('with RATE_LIMIT_MAX=3 per minute', () => {
  it('counts down in RateLimit headers, then answers 429 problem+json with Retry-After', async () => {
    const app = await appWith(LOW);
    for (const remaining of [2, 1, 0]) {
      const response = await inject(app, '/v1/minerals');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-remaining']).toBe(String(remaining));
      const reset = Number(response.headers['ratelimit-reset']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    const limited = await inject(app, '/v1/minerals');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      title: 'Too many requests',
      instance: '/v1/minerals',
      type: '/problems/rate-limited',
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(Number(limited.headers['ratelimit-reset'])).toBe(retryAfter);
    expect((limited.json() as { detail: string }).detail).toContain('3 requests');
    // Not cached, and CORS-readable so a browser client can see when to retry.
    expect(limited.headers.etag).toBeUndefined();
    expect(String(limited.headers['access-control-expose-headers'])).toContain('Retry-After');
  });

  it('the budget is per client and shared across /v1 routes', async () => {
    const app = await appWith(LOW);
    const fromA = { remoteAddress: '203.0.113.1' };
    await inject(app, { method: 'GET', url: '/v1/minerals', ...fromA });
    await inject(app, { method: 'GET', url: '/v1/stages', ...fromA });
    await inject(app, { method: 'GET', url: '/v1/production', ...fromA });
    expect((await inject(app, { method: 'GET', url: '/v1/concentration', ...fromA })).statusCode).toBe(429);
    const fromB = await inject(app, { method: 'GET', url: '/v1/concentration', remoteAddress: '203.0.113.2' });
    expect(fromB.statusCode).toBe(200);
    expect(fromB.headers['ratelimit-remaining']).toBe('2');
  });

  it('conditional GETs (304) count: revalidating is not a way round the limit', async () => {
    const app = await appWith(LOW);
    const first = await inject(app, '/v1/minerals');
    const etag = first.headers.etag as string;
    const revalidations = [];
    for (let index = 0; index < 2; index += 1) {
      revalidations.push(await inject(app, { method: 'GET', url: '/v1/minerals', headers: { 'if-none-match': etag } }));
    }
    expect(revalidations.map((response) => response.statusCode)).toEqual([304, 304]);
    expect(revalidations.map((response) => response.headers['ratelimit-remaining'])).toEqual(['1', '0']);
    expect((await inject(app, { method: 'GET', url: '/v1/minerals', headers: { 'if-none-match': etag } })).statusCode).toBe(429);
  });

  it('404s and 405s under /v1 and /mcp count; a 404 elsewhere does not', async () => {
    const app = await appWith(LOW);
    const unknown = await inject(app, '/v1/unknown');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['ratelimit-remaining']).toBe('2');
    const wrongMethod = await inject(app, { method: 'DELETE', url: '/v1/minerals' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    expect(wrongMethod.headers['ratelimit-remaining']).toBe('1');
    const mcp = await inject(app, '/mcp/unknown');
    expect(mcp.statusCode).toBe(404);
    expect(mcp.headers['ratelimit-remaining']).toBe('0');
    const elsewhere = await inject(app, '/nowhere');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.headers['ratelimit-limit']).toBeUndefined();
    expect((await inject(app, '/v1/minerals')).statusCode).toBe(429);
  });

  it('requests refused with 406 count too', async () => {
    const app = await appWith(LOW);
    const statuses = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await inject(app, { method: 'GET', url: '/v1/production', headers: { accept: 'application/xml' } })).statusCode);
    }
    expect(statuses).toEqual([406, 406, 406, 429]);
  });

  it('writes with a wrong key count: API keys cannot be guessed at full speed', async () => {
    const app = await appWith({ ...LOW, apiKeys: parseApiKeys('analyst:rate-limit-secret-0123456789') });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await inject(app, {
        method: 'PUT',
        url: '/v1/production',
        headers: { authorization: `Bearer guess-number-${index}-0123456789` },
        payload: { rows: [] },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('health, readiness, the docs and the spec are exempt and carry no RateLimit headers', async () => {
    const app = await appWith(LOW);
    for (let index = 0; index < 4; index += 1) await inject(app, '/v1/minerals');
    expect((await inject(app, '/v1/minerals')).statusCode).toBe(429);

    const exempt = ['/health', '/ready', '/docs', '/docs/json', '/docs/static/swagger-initializer.js', '/openapi.json'];
    for (const url of exempt) {
      for (let index = 0; index < 5; index += 1) {
        const response = await inject(app, url);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['ratelimit-limit'], url).toBeUndefined();
        expect(response.headers['retry-after'], url).toBeUndefined();
      }
    }
  });
});

describe('with RATE_LIMIT_MAX=0 (the test default)', () => {
  it('never limits and sends no RateLimit headers', async () => {
    const app = await appWith({ rateLimit: { max: 0, writeMax: 0, windowMs: 60_000 } });
    for (let index = 0; index < 30; index += 1) {
      const response = await inject(app, '/v1/minerals');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
      expect(response.headers['ratelimit-remaining']).toBeUndefined();
      expect(response.headers['retry-after']).toBeUndefined();
    }
  });

  it('is what defaultConfig() gives tests', async () => {
    const app = await appWith({});
    expect(app.config.rateLimit.max).toBe(0);
    expect((await inject(app, '/v1/stages')).headers['ratelimit-limit']).toBeUndefined();
  });
});
