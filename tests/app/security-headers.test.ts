/**
 * The edge's security headers are what @fastify/helmet (the plugin the project used before, kept as the oracle in
 * development only) writes for the same options — names, values and order — but computed once at start-up. Checked on
 * the app itself (the path production runs) and on helmetOperations for other option sets.
 */
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSP_OPTIONS } from '../../src/plugins/http-edge.js';
import { helmetOperations } from '../../src/plugins/security-headers.js';
import { buildTestApp } from '../helpers/app.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The security headers @fastify/helmet writes on a reply, in order, as [lower-case name, value]. */
async function helmetHeaders(options: HelmetOptions, url: string): Promise<[string, unknown][]> {
  const app = Fastify();
  apps.push(app);
  await app.register(fastifyHelmet, options as Parameters<typeof fastifyHelmet>[1]);
  app.get('/json', async () => ({ ok: true }));
  const response = await app.inject({ url });
  const raw = response.raw.res as typeof response.raw.res & { getRawHeaderNames(): string[] };
  return raw
    .getRawHeaderNames()
    .map((name) => [name.toLowerCase(), raw.getHeader(name)] as [string, unknown])
    .filter(([name]) => !['content-type', 'content-length', 'date', 'connection', 'keep-alive'].includes(name));
}

describe('the app’s security headers: the same as @fastify/helmet with the API configuration', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['a JSON answer', '/v1/minerals', '/json'],
    ['a 404', '/v1/nothing-here', '/missing'],
  ])('%s', async (_name, url, oracleUrl) => {
    const expected = await helmetHeaders(CSP_OPTIONS, oracleUrl);
    const response = await app.inject({ url });
    for (const [name, value] of expected) expect(response.headers[name], name).toEqual(value);
    // In helmet's order among the reply's headers.
    const raw = response.raw.res as typeof response.raw.res & { getRawHeaderNames(): string[] };
    const names = new Set(expected.map(([name]) => name));
    expect(
      raw
        .getRawHeaderNames()
        .map((name) => name.toLowerCase())
        .filter((name) => names.has(name)),
    ).toEqual(expected.map(([name]) => name));
    expect(expected.length).toBeGreaterThan(5);
  });
});

describe('helmetOperations: what helmet does, for any options', () => {
  it.each([
    ['helmet defaults', {}],
    ['HSTS off, frameguard deny', { strictTransportSecurity: false, xFrameOptions: { action: 'deny' } }],
  ] as [string, HelmetOptions][])('%s', async (_name, options) => {
    const expected = await helmetHeaders(options, '/json');
    const set = helmetOperations(options).flatMap((operation) =>
      'set' in operation ? [[operation.set.toLowerCase(), operation.value]] : [],
    );
    expect(set).toEqual(expected);
  });

  it('refuses options helmet refuses, at start-up', () => {
    expect(() => helmetOperations({ contentSecurityPolicy: { directives: { 'bad name!': ["'self'"] } } })).toThrow(
      /Content-Security-Policy/,
    );
  });
});
