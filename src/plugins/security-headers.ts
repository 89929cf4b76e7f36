import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sets the security headers on a response that no hook will see (Fastify's framework errors). */
    applySecurityHeaders?: (response: ServerResponse) => void;
  }
}

/** What helmet does to a response: set a header (name as helmet spells it) or remove one (X-Powered-By). */
export type HeaderOperation = { set: string; value: number | string | readonly string[] } | { remove: string };

/**
 * Runs helmet's middleware once against a recording response and returns what it did. Helmet's headers depend
 * only on its options (no directive here is a function of the request), so every response gets the same ones.
 */
export function helmetOperations(options: Readonly<HelmetOptions>): HeaderOperation[] {
  const operations: HeaderOperation[] = [];
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      operations.push({ set: name, value });
      return recorder;
    },
    removeHeader(name: string) {
      operations.push({ remove: name });
    },
    getHeader: (): OutgoingHttpHeader | undefined => undefined,
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return operations;
}
