/**
 * The workbench page at `/` (src/plugins/workbench.ts), against a fixture build: served with the API's security
 * headers and its own caching, precompressed when the build wrote .br/.gz, kept out of the OpenAPI document, and
 * never shadowing the API's problem+json 404/405. The real page in a real browser: tests/web.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { expectProblem } from '../helpers/problem.js';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chokepoint-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>Chokepoint workbench</title><script type="module" src="/assets/main-abc123.js"></script>\n',
  );
  writeFileSync(join(root, 'assets', 'main-abc123.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'main-abc123.js.br'), brotliCompressSync(SCRIPT));
  app = await buildApp(defaultConfig(), { logger: false, webRoot: root });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the workbench page', () => {
  it('is served at / with the security headers, revalidated on every visit', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Chokepoint workbench');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets as immutable, the precompressed file when the client takes it', async () => {
    const plain = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const compressed = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('does not shadow the API: unknown paths are still problem+json 404s, other methods 405s', async () => {
    expectProblem(await app.inject({ url: '/assets/nothing.js' }), 404, 'not_found', '/assets/nothing.js');
    expectProblem(await app.inject({ url: '/workbench' }), 404, 'not_found', '/workbench');
    const post = await app.inject({ method: 'POST', url: '/', payload: {} });
    expectProblem(post, 405, 'method_not_allowed', '/');
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('is not part of the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths.some((path) => !path.startsWith('/v1/') && !['/health', '/ready'].includes(path))).toBe(false);
  });

  it('says how to build it when the build is missing', async () => {
    const bare = await buildApp(defaultConfig(), { logger: false, webRoot: join(root, 'missing') });
    try {
      const response = await bare.inject({ url: '/' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
      expectProblem(await bare.inject({ url: '/assets/main-abc123.js' }), 404, 'not_found', '/assets/main-abc123.js');
    } finally {
      await bare.close();
    }
  });
});
