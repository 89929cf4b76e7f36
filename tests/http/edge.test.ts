/**
 * The one HTTP edge: every reply — a route's, a 404, a 405, the shutdown 503 — carries the same request id, security
 * and CORS headers; the API's own headers (ETag, RateLimit) stay inside the /v1 context.
 */
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const EXPOSED = 'ETag, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Deprecation, Sunset, X-Request-Id';

/** The headers the edge sets on every reply, as a lower-cased header map (inject's or one parsed off the wire). */
function expectEdgeHeaders(headers: Record<string, unknown>, requestId: string): void {
  expect(headers['x-request-id']).toBe(requestId);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(String(headers['content-security-policy'])).toContain("default-src 'self'");
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['access-control-allow-origin']).toBe('*');
  expect(headers['access-control-expose-headers']).toBe(EXPOSED);
}

describe('the same edge headers on every reply', () => {
  it.each([
    ['a 200 of the API', 'GET', '/v1/minerals', 200],
    ['a 200 outside the API', 'GET', '/health', 200],
    ['a 404 under /v1', 'GET', '/v1/unknown', 404],
    ['a 404 elsewhere', 'GET', '/nowhere', 404],
    ['a 405', 'POST', '/v1/minerals', 405],
    ['a 405 outside the API', 'DELETE', '/health', 405],
  ] as const)('%s (%s %s)', async (_name, method, url, status) => {
    const response = await app.inject({
      method,
      url,
      headers: { origin: 'https://analyst.example', 'x-request-id': 'edge-1' },
      payload: method === 'GET' ? undefined : {},
    });
    expect(response.statusCode).toBe(status);
    expectEdgeHeaders(response.headers, 'edge-1');
    if (status >= 400) expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('a 405 still names the allowed methods', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/health' });
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.json()).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });

  it('API headers stay in the API: an ETag on /v1, none on /health, the 404 or the metrics', async () => {
    expect((await app.inject({ url: '/v1/minerals' })).headers.etag).toMatch(/^"[^"]+"$/);
    for (const url of ['/health', '/v1/unknown', '/metrics']) {
      const response = await app.inject({ url });
      expect(response.headers.etag, url).toBeUndefined();
      expect(response.headers['cache-control'], url).not.toBe('public, max-age=60, stale-while-revalidate=300');
    }
  });

  it('no route outside the API negotiates content: /health ignores Accept: text/csv, /v1 answers 406', async () => {
    expect((await app.inject({ url: '/health', headers: { accept: 'text/csv' } })).statusCode).toBe(200);
    const refused = await app.inject({ url: '/v1/stages', headers: { accept: 'image/png' } });
    expect(refused.statusCode).toBe(406);
    expectEdgeHeaders(refused.headers, refused.headers['x-request-id'] as string);
  });
});

describe('compression covers the routes it covered before', () => {
  it('the API is compressed; the spec and the metrics are sent as they are', async () => {
    const headers = { 'accept-encoding': 'gzip' };
    expect((await app.inject({ url: '/v1/production?limit=1000', headers })).headers['content-encoding']).toBe('gzip');
    for (const url of ['/openapi.json', '/metrics']) {
      const response = await app.inject({ url, headers });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBeUndefined();
    }
  });
});

describe('the shutdown 503', () => {
  it('carries the request id, security and CORS headers', async () => {
    const server = await buildTestApp();
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    // A request in flight (its body not sent yet) keeps the connection open while the server closes.
    const body = JSON.stringify({ minerals: ['cobalt'], shocks: [] });
    socket.write(
      `POST /v1/scenarios/disruption HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(`${body}GET /v1/minerals HTTP/1.1\r\nHost: x\r\nOrigin: https://analyst.example\r\nx-request-id: late-1\r\n\r\n`);
    await closed;
    await socketClosed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 (200|400|422) /);
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    const head = second!.slice(0, second!.indexOf('\r\n\r\n'));
    const headers = Object.fromEntries(
      head
        .split('\r\n')
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    expect(headers['content-type']).toBe('application/problem+json');
    expectEdgeHeaders(headers, 'late-1');
    expect(JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 503,
      code: 'unavailable',
      instance: '/v1/minerals',
    });
  });
});
