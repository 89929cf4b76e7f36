/** The edge: helmet (with Swagger UI still working), CORS for reads only, compression, deprecation headers. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import database from '../../src/plugins/database.js';
import httpEdge, { apiEdge } from '../../src/plugins/http-edge.js';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

const listOf = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `directive value value; …` → { directive: [values] } */
function cspDirectives(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers (@fastify/helmet)', () => {
  it.each(['/v1/minerals', '/health', '/docs'])('%s has nosniff, a CSP, frame and referrer protection', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(response.headers['x-powered-by']).toBeUndefined();
    const csp = cspDirectives(response.headers['content-security-policy']);
    expect(csp['default-src']).toEqual(["'self'"]);
    // Scripts only from this origin: no inline script, no eval.
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
  });
});

describe('Swagger UI under that CSP', () => {
  let html: string;

  beforeAll(async () => {
    const response = await get('/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    html = response.body;
  });

  it('loads every script and stylesheet from this origin, with no inline script the CSP would block', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/docs\/static\/[^"]+\.js"/);
      expect(content?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves those scripts, styles and icons, and the spec the initializer loads', async () => {
    const assets = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets).toEqual(
      expect.arrayContaining(['/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-ui.css', '/docs/static/swagger-initializer.js']),
    );
    for (const asset of assets) {
      expect(asset.startsWith('/docs/')).toBe(true);
      const response = await get(asset);
      expect(response.statusCode, asset).toBe(200);
      const expected = asset.endsWith('.js') ? /javascript/ : asset.endsWith('.css') ? /^text\/css/ : /^image\//;
      expect(response.headers['content-type'], asset).toMatch(expected);
      expect(response.rawPayload.length, asset).toBeGreaterThan(100);
    }
    const initializer = (await get('/docs/static/swagger-initializer.js')).body;
    // The initializer resolves the spec URL against the page (/docs + '/'), e.g. './json' → /docs/json.
    const specUrl = /url:\s*resolveUrl\(['"]([^'"]+)['"]\)/.exec(initializer)?.[1];
    expect(specUrl).toBeDefined();
    const spec = await get(new URL(specUrl as string, 'http://local/docs/').pathname);
    expect(spec.statusCode).toBe(200);
    expect(spec.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Chokepoint API' } });
    expect((await get('/docs/json')).json()).toMatchObject({ openapi: '3.1.0' });
  });

  it('styles may be inline (Swagger UI sets style attributes) and images may be data: URLs', async () => {
    const csp = cspDirectives((await get('/docs')).headers['content-security-policy']);
    expect(csp['style-src']).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
    expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
  });
});

describe('CORS: reads from any configured origin, writes never cross-origin', () => {
  it('a GET with an Origin is readable from that origin, with the useful headers exposed', async () => {
    const response = await get('/v1/minerals', { origin: 'https://analyst.example' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(listOf(response.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining([
        'ETag',
        'Link',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'Deprecation',
        'Sunset',
      ]),
    );
  });

  it('a preflight for a GET is allowed; one for a PUT does not allow PUT', async () => {
    const preflight = (method: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/v1/production',
        headers: { origin: 'https://analyst.example', 'access-control-request-method': method },
      });
    const forGet = await preflight('GET');
    expect(forGet.statusCode).toBe(204);
    expect(listOf(forGet.headers['access-control-allow-methods'])).toEqual(['GET', 'HEAD']);
    const forPut = await preflight('PUT');
    const allowed = listOf(forPut.headers['access-control-allow-methods']);
    expect(allowed).not.toContain('PUT');
    expect(allowed).not.toContain('POST');
    expect(allowed).not.toContain('DELETE');
    expect(forPut.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('with CORS_ORIGINS set, only those origins are echoed', async () => {
    const restricted = await buildTestApp({ corsOrigins: ['https://a.example'] });
    try {
      const allowed = await restricted.inject({ method: 'GET', url: '/v1/minerals', headers: { origin: 'https://a.example' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://a.example');
      expect(listOf(allowed.headers.vary)).toContain('Origin');
      const other = await restricted.inject({ method: 'GET', url: '/v1/minerals', headers: { origin: 'https://b.example' } });
      expect(other.statusCode).toBe(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await restricted.inject({
        method: 'OPTIONS',
        url: '/v1/minerals',
        headers: { origin: 'https://b.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await restricted.close();
    }
  });
});

describe('compression', () => {
  // Pinned to MCS 2025: 886 rows (806 + the 80 IEA GCMO 2026 refining rows of another family), one page.
  const url = '/v1/production?limit=1000&edition=usgs-mcs-2025';

  it('gzip on a large response decompresses to the same JSON', async () => {
    const plain = await get(url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(100_000);
    const gzipped = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(listOf(gzipped.headers.vary).map((field) => field.toLowerCase())).toContain('accept-encoding');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const decompressed = JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8')) as { data: unknown[]; total: number };
    expect(decompressed).toEqual(plain.json());
    expect(decompressed.data).toHaveLength(886);
  });

  it('brotli is preferred when offered, and CSV is compressed too', async () => {
    const response = await get(`${url}&format=csv`, { 'accept-encoding': 'gzip, br' });
    expect(response.headers['content-encoding']).toBe('br');
    const plain = await get(`${url}&format=csv`);
    expect(brotliDecompressSync(response.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('small responses are sent as they are', async () => {
    const response = await get('/health', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('deprecation headers (RFC 9745 Deprecation, RFC 8594 Sunset)', () => {
  let edge: FastifyInstance;

  beforeAll(async () => {
    // buildApp() is ready() when it returns, so the route-config behaviour is exercised on a small app of its own.
    edge = Fastify({ logger: false });
    const config = defaultConfig();
    edge.decorate('now', () => new Date());
    await edge.register(database, {
      databasePath: ':memory:',
      databaseUrl: null,
      migrationsDir: config.migrationsDir,
      migrationsPgDir: config.migrationsPgDir,
      dataDir: config.dataDir,
      readOnly: false,
    });
    await edge.register(httpEdge, { rateLimit: { max: 0, writeMax: 0, windowMs: 60_000 }, corsOrigins: '*' });
    await edge.register(async (v1) => {
      await v1.register(apiEdge, { kind: 'api' });
      v1.get(
        '/v1/old',
        {
          config: {
            deprecation: { since: new Date('2026-01-01T00:00:00Z'), sunset: new Date('2026-12-31T00:00:00Z'), successor: '/v1/new' },
          },
        },
        async () => ({ ok: true }),
      );
      v1.get(
        '/v1/old-collection',
        { config: { deprecation: { since: new Date('2025-07-01T12:30:00Z'), successor: '/v1/new-collection' } } },
        async (_request, reply) => {
          reply.header('link', '</v1/old-collection?cursor=abc>; rel="next"');
          return { data: [] };
        },
      );
      v1.get('/v1/announced', { config: { deprecation: { since: new Date('2027-03-01T00:00:00Z') } } }, async () => ({ ok: true }));
      v1.get('/v1/new', async () => ({ ok: true }));
    });
    await edge.ready();
  });
  afterAll(async () => {
    await edge.close();
  });

  it('a deprecated route sends Deprecation as an epoch date, Sunset as an HTTP-date and its successor', async () => {
    const response = await edge.inject({ method: 'GET', url: '/v1/old' });
    expect(response.statusCode).toBe(200);
    expect(response.headers.deprecation).toBe('@1767225600');
    expect(response.headers.sunset).toBe('Thu, 31 Dec 2026 00:00:00 GMT');
    expect(response.headers.link).toBe('</v1/new>; rel="successor-version"');
  });

  it('keeps a Link the route set (rel="next") next to the successor link', async () => {
    const response = await edge.inject({ method: 'GET', url: '/v1/old-collection' });
    expect(response.headers.deprecation).toBe('@1751373000');
    expect(response.headers.sunset).toBeUndefined();
    expect(response.headers.link).toBe('</v1/old-collection?cursor=abc>; rel="next", </v1/new-collection>; rel="successor-version"');
  });

  it('only Deprecation when there is no sunset or successor; nothing on a current route', async () => {
    const announced = await edge.inject({ method: 'GET', url: '/v1/announced' });
    expect(announced.headers.deprecation).toBe('@1803859200');
    expect(announced.headers.sunset).toBeUndefined();
    expect(announced.headers.link).toBeUndefined();
    const current = await edge.inject({ method: 'GET', url: '/v1/new' });
    expect(current.headers.deprecation).toBeUndefined();
    expect(current.headers.sunset).toBeUndefined();
    expect(current.headers.link).toBeUndefined();
  });

  it('no route of the real API is deprecated today', async () => {
    for (const url of ['/v1/minerals', '/v1/production', '/v1/concentration']) {
      expect((await get(url)).headers.deprecation, url).toBeUndefined();
    }
  });
});
