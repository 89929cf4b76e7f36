import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown, request side: whether the app has started closing (its preClose hooks ran). Once it has
 * (SIGTERM/SIGINT in src/server.ts), the server stops accepting connections and lets in-flight requests finish; a
 * request that still arrives on an open keep-alive connection is answered 503 problem+json by the edge (http-edge),
 * which asks this on every request after the request id, security and CORS headers are set, so the 503 carries them
 * like any other reply. Fastify's own 503 for this case is plain JSON, so the app sets `return503OnClosing: false`.
 */
export function watchClosing(app: FastifyInstance): () => boolean {
  let isClosing = false;
  app.addHook('preClose', (done) => {
    isClosing = true;
    done();
  });
  return () => isClosing;
}
