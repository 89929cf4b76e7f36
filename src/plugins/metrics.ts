import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { NO_VERSION } from '../dataset/snapshot.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry (HTTP and dataset metrics; process metrics live in a per-process one). */
    metrics: Registry;
  }
}

/** Route label for requests no route matched (the 404 handler), so raw URLs never become label values. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Latency buckets in seconds, from sub-millisecond cached reads to slow computations. */
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Process metrics (CPU, memory, event loop, GC) describe the process, not an app, and prom-client's collectors
 * install process-wide observers: collect them once per process, in a registry of their own (not the global one).
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The numeric part of a dataset version tag (`3-ab12cd34ef56` → 3); NaN when there is none. */
export function datasetVersionNumber(tag: string | null): number {
  const match = tag === null ? null : /^(\d+)/.exec(tag);
  return match ? Number(match[1]) : Number.NaN;
}

type LabelName = 'method' | 'route' | 'status_code';

interface RequestMetrics {
  total: Counter.Internal;
  duration: Histogram.Internal<LabelName>;
}

type Done = (error?: Error) => void;

/**
 * Records one route's requests: its label children per method and status code, made on first use, so a request
 * costs two Map lookups (no route lookup, no label key built per request).
 */
function recorderFor(requests: Counter<LabelName>, durations: Histogram<LabelName>, route: string) {
  const byMethod = new Map<string, Map<number, RequestMetrics>>();
  return (request: FastifyRequest, reply: FastifyReply): void => {
    let byStatus = byMethod.get(request.method);
    if (byStatus === undefined) byMethod.set(request.method, (byStatus = new Map()));
    let child = byStatus.get(reply.statusCode);
    if (child === undefined) {
      const labels = { method: request.method, route, status_code: String(reply.statusCode) };
      child = { total: requests.labels(labels), duration: durations.labels(labels) };
      byStatus.set(reply.statusCode, child);
    }
    child.total.inc();
    child.duration.observe(reply.elapsedTime / 1000);
  };
}

/**
 * Per-request counters and latency histograms, and the registry GET /metrics (below) answers from. Registered before
 * any route, so its onRoute hook compiles a recorder into every route (labels bound once, not looked up per request
 * through `request.routeOptions`, which builds a new object on each read); the one app-level onResponse only counts
 * what no route matched (404s, and requests handed to the not-found handler).
 */
async function requestMetrics(app: FastifyInstance): Promise<void> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route pattern and status code',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'chokepoint_dataset_version',
    help: 'Numeric part of the dataset version now served; the full version tag is the `tag` label',
    labelNames: ['tag'] as const,
    registers: [registry],
    collect() {
      this.reset();
      // The version this instance answers with (its snapshot's; the database's on every store).
      const served = app.dataset.current().version;
      const tag = served === NO_VERSION ? null : served;
      this.set({ tag: tag ?? 'none' }, datasetVersionNumber(tag));
    },
  });

  app.addHook('onRoute', (route) => {
    const record = recorderFor(requests, durations, route.url);
    // Callback-style: a promise per response is measurable on a cached read. First among the route's own
    // onResponse hooks, as the app-level hook it replaces was.
    const onResponse = function recordRoute(request: FastifyRequest, reply: FastifyReply, done: Done) {
      // A route that hands its request to the not-found handler (callNotFound) answers as unmatched.
      if (!request.is404) record(request, reply);
      done();
    };
    const existing = route.onResponse === undefined ? [] : Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse];
    route.onResponse = [onResponse, ...existing];
  });
  const recordUnmatched = recorderFor(requests, durations, UNMATCHED_ROUTE);
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) recordUnmatched(request, reply);
    done();
  });
  app.decorate('metrics', registry);
}

export const httpMetrics = fp(requestMetrics, { name: 'http-metrics', dependencies: ['database'] });

/** GET /metrics in the Prometheus text format: this app's registry (see httpMetrics) and the process metrics. */
async function metrics(app: FastifyInstance): Promise<void> {
  const perProcess = processMetrics();
  const registry = app.metrics;
  app.get(
    '/metrics',
    // Hidden from the API description (it is not JSON), unlogged at info (scraped every few seconds).
    { schema: { hide: true }, logLevel: 'warn', config: { rateLimit: false } },
    async (_request, reply) => {
      const [own, process] = await Promise.all([registry.metrics(), perProcess.metrics()]);
      return reply
        .type(registry.contentType)
        .header('cache-control', 'no-store')
        .serializer((payload: string) => payload)
        .send(`${own}\n${process}`);
    },
  );
}

export default fp(metrics, { name: 'metrics', dependencies: ['http-metrics'] });
