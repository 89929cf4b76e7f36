import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { addVary } from '../lib/vary.js';

declare module 'fastify' {
  interface FastifyRequest {
    etag: string | null;
  }
}

/** Figures change a few times a year; clients may reuse a response briefly, then revalidate cheaply with ETags. */
export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * Strong ETags derived from the dataset version and the representation (URL, media type, content coding),
 * so an unchanged resource is answered with 304 before any work is done, and any write changes every ETag.
 */
async function caching(app: FastifyInstance): Promise<void> {
  app.decorateRequest('etag', null);

  const cacheable = (request: FastifyRequest) =>
    (request.method === 'GET' || request.method === 'HEAD') && request.url.startsWith('/v1/') && request.routeOptions.url !== undefined;

  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = app.dataset.current().version;
    const representation = [request.url, request.representation, request.headers['accept-encoding'] ?? ''].join('\n');
    request.etag = `"${version}.${createHash('sha1').update(representation).digest('base64url').slice(0, 16)}"`;
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && matches(ifNoneMatch, request.etag)) {
      reply.header('etag', request.etag).header('cache-control', CACHE_CONTROL);
      addVary(reply, 'Accept', 'Accept-Encoding');
      return reply.code(304).send();
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.etag && reply.statusCode === 200) {
      reply.header('etag', request.etag).header('cache-control', CACHE_CONTROL);
      addVary(reply, 'Accept', 'Accept-Encoding');
    }
    return payload;
  });
}

export default fp(caching, { name: 'http-caching', dependencies: ['database', 'http-representation'] });
