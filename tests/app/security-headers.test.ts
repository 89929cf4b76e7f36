import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { afterEach, describe, expect, it } from 'vitest';
import securityHeaders, { helmetOperations } from '../../src/plugins/security-headers.js';

/** The options src/plugins/http-edge.ts passes, and helmet's defaults. */
const CASES: [string, HelmetOptions][] = [
  [
    'the API configuration',
    {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
          upgradeInsecureRequests: null,
        },
      },
    },
  ],
  ['helmet defaults', {}],
  ['HSTS off, frameguard deny', { strictTransportSecurity: false, xFrameOptions: { action: 'deny' } }],
];

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function headersWith(plugin: 'fastify-helmet' | 'security-headers', options: HelmetOptions, url: string) {
  const app = Fastify();
  apps.push(app);
  if (plugin === 'fastify-helmet') await app.register(fastifyHelmet, options as Parameters<typeof fastifyHelmet>[1]);
  else await app.register(securityHeaders, options);
  app.get('/json', async () => ({ ok: true }));
  app.get('/text', async (_request, reply) => reply.type('text/plain').send('ok'));
  const response = await app.inject({ url });
  // Names as written on the wire (helmet's casing), in order.
  const raw = response.raw.res as typeof response.raw.res & { getRawHeaderNames(): string[] };
  return raw.getRawHeaderNames().map((name) => [name, raw.getHeader(name)]);
}

describe('security headers: the same as @fastify/helmet, computed once', () => {
  it.each(CASES.flatMap(([name, options]) => ['/json', '/text', '/missing'].map((url) => [name, options, url] as const)))(
    '%s, GET %s',
    async (_name, options, url) => {
      const expected = await headersWith('fastify-helmet', options, url);
      const actual = await headersWith('security-headers', options, url);
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(5);
    },
  );

  it('refuses options helmet refuses, at start-up', () => {
    expect(() => helmetOperations({ contentSecurityPolicy: { directives: { 'bad name!': ["'self'"] } } })).toThrow(
      /Content-Security-Policy/,
    );
  });
});
