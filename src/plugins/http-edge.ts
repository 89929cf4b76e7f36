import accepts from '@fastify/accepts';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { addVary } from '../lib/vary.js';
import { watchClosing } from './closing.js';
import { createCaching, type Caching } from './http-caching.js';
import { listItemColumns, negotiate, renderCsv } from './http-representation.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { helmetOperations } from './security-headers.js';
import type { ServerResponse } from 'node:http';
import './http-types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route changes stored data (the authenticated writes): rate-limited by RATE_LIMIT_WRITE_MAX. */
    changesData?: boolean;
    /** A health probe (/health, /ready): answered at once, never waiting on the database or the snapshot. */
    probe?: boolean;
    /** Announces a route's retirement: RFC 9745 `Deprecation` and RFC 8594 `Sunset` headers. */
    deprecation?: { since: Date; sunset?: Date; successor?: string };
  }
  interface FastifyInstance {
    /** What the API contexts (apiEdge) share with the root edge: the rate limiters and the response cache. */
    edge: EdgeShared;
    /**
     * The edge's headers (request id, security, CORS) for a reply that skips every hook: Fastify's framework errors
     * (a bad URL, an over-long path segment) answered by the error handler's `frameworkErrors`.
     */
    applyEdgeHeaders?: (request: FastifyRequest, reply: FastifyReply) => void;
  }
}

type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

interface EdgeShared {
  /** The read and write limiters (one budget per client across the API and MCP), or null when RATE_LIMIT_MAX=0. */
  limits: { read: Limiter; write: Limiter } | null;
  caching: Caching;
}

type Done = (error?: Error) => void;

/** Methods that change nothing (RFC 9110 §9.2.1). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers clients read from scripts in a browser. */
const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Deprecation',
  'Sunset',
  'X-Request-Id',
];

/** The methods a cross-origin script may use: reads only. */
const CORS_METHODS = 'GET, HEAD';

export const CSP_OPTIONS = {
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
};

/**
 * CORS for reads (what @fastify/cors did with `methods: GET, HEAD`, `strictPreflight: false` and these exposed
 * headers): every response names the allowed origin and the exposed headers; every OPTIONS request is answered as a
 * preflight (204) that allows GET and HEAD only, so writes never go cross-origin.
 */
function createCors(origins: Config['corsOrigins']) {
  const anyOrigin = origins === '*' || origins.includes('*');
  const allowed = new Set(anyOrigin ? [] : origins);
  const exposed = EXPOSED_HEADERS.join(', ');
  return {
    headers(request: FastifyRequest, reply: FastifyReply): void {
      if (!anyOrigin) addVary(reply, 'Origin');
      const origin = request.headers.origin;
      if (anyOrigin) reply.header('access-control-allow-origin', '*');
      else if (typeof origin === 'string' && allowed.has(origin)) reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', exposed);
    },
    preflight(request: FastifyRequest, reply: FastifyReply): void {
      reply.header('access-control-allow-methods', CORS_METHODS);
      addVary(reply, 'Access-Control-Request-Headers');
      const requested = request.headers['access-control-request-headers'];
      if (requested !== undefined) reply.header('access-control-allow-headers', requested);
      reply.code(204).header('content-length', '0').send();
    },
  };
}

/**
 * The edge every reply crosses, routes, 404s, 405s and the shutdown 503 alike: one onRequest hook that, in this order,
 * echoes the request id, sets the security headers and the CORS headers, refuses requests once the server is closing,
 * and answers CORS preflights. Compression is `compression` below (its onSend, added per route, runs last). The API's
 * own needs are compiled per route by apiEdge below, inside the /v1 context.
 */
async function edge(app: FastifyInstance, config: Pick<Config, 'rateLimit' | 'corsOrigins'>): Promise<void> {
  const operations = helmetOperations(CSP_OPTIONS);
  const applySecurityHeaders = (response: ServerResponse) => {
    for (const operation of operations) {
      if ('set' in operation) response.setHeader(operation.set, operation.value);
      else response.removeHeader(operation.remove);
    }
  };
  app.decorate('applySecurityHeaders', applySecurityHeaders);
  // The same headers held by the reply rather than set on the raw response: Node then writes every header of the
  // response in one pass (writeHead with an object), instead of validating and storing each through setHeader
  // (profiled: the security headers were the largest cost left in the edge's own code). Helmet only sets headers
  // here (its one removal, X-Powered-By, is a header Fastify never sets).
  const securityHeaders = Object.fromEntries(
    operations.flatMap((operation) => ('set' in operation ? [[operation.set.toLowerCase(), operation.value]] : [])),
  ) as Record<string, string>;
  const securityHeaderNames = Object.keys(securityHeaders);
  const cors = createCors(config.corsOrigins);
  const isClosing = watchClosing(app);

  const edgeHeaders = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    for (const name of securityHeaderNames) reply.header(name, securityHeaders[name]);
    cors.headers(request, reply);
  };
  app.decorate('applyEdgeHeaders', edgeHeaders);

  app.addHook('onRequest', function edgeRequest(request, reply, done: Done) {
    edgeHeaders(request, reply);
    if (isClosing()) {
      done(new AppError('unavailable', 'The server is shutting down; retry the request.'));
      return;
    }
    if (request.method === 'OPTIONS') {
      // Answered: `done` is not called, so Fastify goes no further.
      cors.preflight(request, reply);
      return;
    }
    done();
  });
  // Every path answers OPTIONS (as a preflight, above); the route only gives those requests a route to match.
  app.options('*', { schema: { hide: true } }, (_request, reply) => {
    reply.callNotFound();
  });

  await app.register(accepts);
  app.decorateRequest('representation', 'json');

  let limits: EdgeShared['limits'] = null;
  if (config.rateLimit.max > 0) {
    await app.register(rateLimit, {
      // Not per route and not global: the API contexts call the limiter first thing in their own onRequest, so 406s,
      // 304s and a write route's 401 (API key guessing) are counted. Health, readiness, metrics and the docs are
      // outside those contexts and stay reachable for operators and load balancers.
      global: false,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'rate_limited',
          `Rate limit of ${context.max} requests per ${context.after} window exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        ),
    });
    // Writes have their own, tighter budget (RATE_LIMIT_WRITE_MAX): reads cannot exhaust it, and guessing API
    // keys or flooding the change feed is limited to a few attempts a minute. POSTed computations (scenarios)
    // count as reads.
    const read = app.rateLimit() as unknown as Limiter;
    const write = config.rateLimit.writeMax > 0 ? (app.rateLimit({ max: config.rateLimit.writeMax }) as unknown as Limiter) : read;
    limits = { read, write };
  }
  app.decorate('edge', { limits, caching: createCaching(app) });
}

export default fp(edge, { name: 'http-edge', dependencies: ['database'] });

/**
 * Response compression (@fastify/compress adds its onSend to each route registered after it, so it runs after the
 * edge's own onSend). Registered by the app after the docs and metrics routes, which stay uncompressed as before.
 */
export const compression = fp(
  async (app: FastifyInstance) => {
    await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  },
  { name: 'http-compression' },
);

/** Puts a hook first among a route's own hooks of that kind (before e.g. authentication or compression). */
function prepend<T>(existing: T | T[] | undefined, hook: T): T[] {
  return [hook, ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing])];
}

export interface ApiEdgeOptions {
  /** `api`: the /v1 routes (every step below); `mcp`: the MCP endpoint (the rate limit only). */
  kind: 'api' | 'mcp';
}

/**
 * The API's edge, compiled once per route at `onRoute` from what the route declares, and run as one onRequest,
 * one preParsing, one preSerialization and one onSend of the route's own, ahead of any the route adds itself:
 *
 * - onRequest: rate limit (reads or writes) → content negotiation (JSON, CSV where `config.csv`, else 406) →
 *   ETag and `If-None-Match` (304) for GET and HEAD;
 * - preParsing: replay of a cached 200 (GET);
 * - preSerialization: CSV rendering, then the final bytes (stored for replay on a cache miss);
 * - onSend: deprecation headers (only on routes with `config.deprecation`) → ETag, Cache-Control, Vary.
 *
 * Registered inside the context that holds the routes, so nothing outside it (health, metrics, docs, the workbench)
 * runs any of this, and no hook looks at the URL.
 */
async function routeEdge(app: FastifyInstance, options: ApiEdgeOptions): Promise<void> {
  const { limits, caching } = app.edge;
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = route.config ?? {};
    const methods = ([] as string[]).concat(route.method);
    const writes = config.changesData === true && methods.some((method) => !SAFE_METHODS.has(method));
    const limit = limits === null ? null : writes ? limits.write : limits.read;
    if (options.kind === 'mcp') {
      if (limit !== null) {
        route.onRequest = prepend(route.onRequest, function limitRequest(request: FastifyRequest, reply: FastifyReply, done: Done) {
          limit(request, reply).then(() => done(), done);
        });
      }
      return;
    }

    const csv = config.csv;
    const deprecation = config.deprecation;
    const routeKey = `${methods.join(',')} ${route.url}`;
    const emptyCsvColumns = csv === true ? listItemColumns(route.schema) : [];

    const afterLimit = (request: FastifyRequest, reply: FastifyReply, done: Done) => {
      try {
        negotiate(request, csv !== undefined);
        if ((request.method === 'GET' || request.method === 'HEAD') && caching.check(request, reply)) return;
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    };
    route.onRequest = prepend(
      route.onRequest,
      limit === null
        ? afterLimit
        : function edgeRequest(request: FastifyRequest, reply: FastifyReply, done: Done) {
            limit(request, reply).then(() => afterLimit(request, reply, done), done);
          },
    );

    route.preParsing = prepend(route.preParsing, function edgeReplay(
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (error: Error | null, payload?: unknown) => void,
    ) {
      if (request.method === 'GET' && caching.replay(request, reply)) return;
      done(null, payload);
    } as never);

    route.preSerialization = prepend(route.preSerialization, function edgeSerialize(
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (error: Error | null, payload?: unknown) => void,
    ) {
      let body: unknown;
      try {
        const rendered = csv === undefined ? payload : renderCsv(request, reply, payload, csv, emptyCsvColumns);
        body = caching.finalBody(request, reply, rendered, routeKey);
      } catch (error) {
        done(error as Error);
        return;
      }
      done(null, body);
    } as never);

    route.onSend = prepend(route.onSend, function edgeSend(
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (error: Error | null, payload?: unknown) => void,
    ) {
      if (deprecation !== undefined) deprecationHeaders(reply, deprecation);
      done(null, caching.onSend(request, reply, payload));
    } as never);
  });
}

function deprecationHeaders(reply: FastifyReply, deprecation: NonNullable<RouteOptions['config']>['deprecation'] & object): void {
  reply.header('deprecation', `@${Math.floor(deprecation.since.getTime() / 1000)}`);
  if (deprecation.sunset) reply.header('sunset', deprecation.sunset.toUTCString());
  if (deprecation.successor) {
    // Added to any Link the route set (e.g. rel="next" on a collection), not replacing it.
    const link = reply.getHeader('link');
    const successor = `<${deprecation.successor}>; rel="successor-version"`;
    reply.header('link', link ? `${String(link)}, ${successor}` : successor);
  }
}

/** Not encapsulated on its own (fastify-plugin): its onRoute hook belongs to the context that registers it. */
export const apiEdge = fp(routeEdge, { dependencies: ['http-edge'] });

/**
 * 404s and 405s under a prefix the API or MCP serves (`/v1`, `/mcp`): the app's not-found answer, counted against the
 * same read budget as the routes there (probing unknown API paths is not a way round the limit). Registered with that
 * prefix, so Fastify picks it for unmatched paths under it; it holds no routes, and its hook tests no URL.
 */
export async function limitedNotFound(app: FastifyInstance): Promise<void> {
  const limit = app.edge.limits?.read;
  if (limit !== undefined) {
    app.addHook('onRequest', function limitUnmatched(request, reply, done: Done) {
      limit(request, reply).then(() => done(), done);
    });
  }
  app.setNotFoundHandler(app.answerNotFound);
}
