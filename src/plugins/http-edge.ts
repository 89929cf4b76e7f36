import compress from '@fastify/compress';
import cors from '@fastify/cors';
import securityHeaders from './security-headers.js';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route changes stored data (the authenticated writes): rate-limited by RATE_LIMIT_WRITE_MAX. */
    changesData?: boolean;
    /** Announces a route's retirement: RFC 9745 `Deprecation` and RFC 8594 `Sunset` headers. */
    deprecation?: { since: Date; sunset?: Date; successor?: string };
  }
}

/** Methods that change nothing (RFC 9110 §9.2.1). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers clients read from scripts in a browser. */
const EXPOSED_HEADERS = ['ETag', 'Link', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Deprecation', 'Sunset', 'X-Request-Id'];

/** The API under /v1 and the MCP endpoint: the paths the rate limit counts. */
function isLimited(url: string): boolean {
  return url.startsWith('/v1/') || url === '/mcp' || url.startsWith('/mcp?') || url.startsWith('/mcp/');
}

/** What every response passes through on its way out: security headers, CORS for reads, compression, rate limits. */
async function edge(app: FastifyInstance, config: Pick<Config, 'rateLimit' | 'corsOrigins'>): Promise<void> {
  await app.register(securityHeaders, {
    // Swagger UI at /docs loads its own scripts, styles and data: images from 'self'.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        // The API is often reached over plain HTTP (localhost, a container port): upgrading would break /docs.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD'],
    // An OPTIONS request that is not a CORS preflight would otherwise get a plain-text 400 from the plugin.
    strictPreflight: false,
    exposedHeaders: EXPOSED_HEADERS,
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  if (config.rateLimit.max > 0) {
    await app.register(rateLimit, {
      // Not per route: the plugin would append its hook to each route's own onRequest hooks, which run after
      // every app-level hook — so 406s, 304s and a write route's 401 (API key guessing) would never be counted.
      // One app-level hook, added below, runs before content negotiation, the ETag check and authentication.
      global: false,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      enableDraftSpec: true,
      // Health, readiness, metrics and the docs stay reachable for operators and load balancers; the API and its
      // MCP endpoint (/mcp, one request per JSON-RPC message) share one budget per client.
      allowList: (request) => !isLimited(request.url),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'rate_limited',
          `Rate limit of ${context.max} requests per ${context.after} window exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        ),
    });
    // Writes have their own, tighter budget (RATE_LIMIT_WRITE_MAX): reads cannot exhaust it, and guessing API
    // keys or flooding the change feed is limited to a few attempts a minute. POSTed computations (scenarios)
    // count as reads. One hook picks the limiter, since the plugin lets only one limiter run per request.
    const readLimit = app.rateLimit();
    const writeLimit = config.rateLimit.writeMax > 0 ? app.rateLimit({ max: config.rateLimit.writeMax }) : readLimit;
    app.addHook('onRequest', function limit(request, reply) {
      // The method first: reads, the hot path, never pay for the routeOptions getter.
      const writes = !SAFE_METHODS.has(request.method) && request.routeOptions.config?.changesData === true;
      return (writes ? writeLimit : readLimit).call(this, request, reply);
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    const deprecation = request.routeOptions.config?.deprecation;
    if (deprecation) {
      reply.header('deprecation', `@${Math.floor(deprecation.since.getTime() / 1000)}`);
      if (deprecation.sunset) reply.header('sunset', deprecation.sunset.toUTCString());
      if (deprecation.successor) {
        // Added to any Link the route set (e.g. rel="next" on a collection), not replacing it.
        const link = reply.getHeader('link');
        const successor = `<${deprecation.successor}>; rel="successor-version"`;
        reply.header('link', link ? `${String(link)}, ${successor}` : successor);
      }
    }
    return payload;
  });
}

export default fp(edge, { name: 'http-edge' });
