import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
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

/**
 * helmet's security headers (CSP, HSTS, X-Frame-Options…), the same names, values and order @fastify/helmet
 * writes, computed once at start-up. @fastify/helmet rebuilds helmet's middleware from its options on every request
 * (parsing the CSP directives each time): that was the single largest cost of answering a cached read.
 */
async function securityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): Promise<void> {
  const operations = helmetOperations(options);
  const apply = (response: ServerResponse) => {
    for (const operation of operations) {
      if ('set' in operation) response.setHeader(operation.set, operation.value);
      else response.removeHeader(operation.remove);
    }
  };
  app.decorate('applySecurityHeaders', apply);
  app.addHook('onRequest', (_request, reply, done) => {
    apply(reply.raw);
    done();
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
