import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface WorkbenchOptions {
  /** The Vite build output (index.html plus hashed assets/), `dist/web` under the project. */
  root: string;
}

/** Hashed file names never change content: browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page itself names the current asset hashes, so it is always revalidated. */
const REVALIDATE = 'no-cache';

/**
 * The analyst workbench: the page built by `npm run build` (Vite, src/web) served at `/` from the same server.
 * Only the files present at start-up get routes (no `/*` wildcard), so every other path still reaches the API's
 * problem+json not-found handler and its 405 logic. The routes are hidden from the OpenAPI document: the page is a
 * client of the API, not part of it. Without a build (unit tests, `tsx` before `npm run build`), `/` says how to build.
 */
async function workbench(app: FastifyInstance, options: WorkbenchOptions): Promise<void> {
  if (!existsSync(join(options.root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('The workbench page is not built: run `npm run build` (npm start does it), then restart the server.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: options.root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    schemaHide: true,
    // The build writes .br and .gz next to each file: sent as they are, never compressed per request.
    preCompressed: true,
    // Our own Cache-Control below; ETag/Last-Modified from the plugin for revalidation.
    cacheControl: false,
    setHeaders(response, path) {
      response.header('cache-control', path.includes(`${join('assets', '')}`) ? IMMUTABLE : REVALIDATE);
    },
  });
}

export default fp(workbench, { name: 'workbench' });
