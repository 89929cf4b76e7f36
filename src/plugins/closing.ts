import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

/**
 * Graceful shutdown, request side. Once the app starts closing (SIGTERM/SIGINT in src/server.ts), the server
 * stops accepting connections and lets in-flight requests finish; a request that still arrives on an open
 * keep-alive connection is answered 503 problem+json (code `unavailable`, `Connection: close`) so the client
 * retries elsewhere. Fastify's own 503 for this case is plain JSON, so the app sets `return503OnClosing: false`
 * and this hook answers through the error handler instead.
 */
async function closing(app: FastifyInstance): Promise<void> {
  const isClosing = watchClosing(app);
  app.addHook('onRequest', async () => {
    if (isClosing()) throw new AppError('unavailable', 'The server is shutting down; retry the request.');
  });
}

/**
 * Whether the app has started closing (its preClose hooks ran). The app's edge (http-edge) asks on every request,
 * after the request id, security and CORS headers are set, so the 503 carries them like any other reply.
 */
export function watchClosing(app: FastifyInstance): () => boolean {
  let isClosing = false;
  app.addHook('preClose', (done) => {
    isClosing = true;
    done();
  });
  return () => isClosing;
}

export default fp(closing, { name: 'closing' });
