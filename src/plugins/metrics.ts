import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createDatasetRepository } from '../dataset/dataset.repository.js';

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

interface RequestMetrics {
  total: Counter.Internal;
  duration: Histogram.Internal<'method' | 'route' | 'status_code'>;
}

/** GET /metrics in the Prometheus text format, and per-request counters and latency histograms. */
async function metrics(app: FastifyInstance): Promise<void> {
  const perProcess = processMetrics();
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
  const versions = createDatasetRepository(app.db);
  new Gauge({
    name: 'chokepoint_dataset_version',
    help: 'Numeric part of the dataset version now served; the full version tag is the `tag` label',
    labelNames: ['tag'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const tag = versions.versionTag();
      this.set({ tag: tag ?? 'none' }, datasetVersionNumber(tag));
    },
  });

  // Label children are cached per (method, route, status): label hashing is the costly part of an update.
  const children = new Map<string, RequestMetrics>();
  function record(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
    const status = String(reply.statusCode);
    const key = `${request.method} ${route} ${status}`;
    let child = children.get(key);
    if (!child) {
      const labels = { method: request.method, route, status_code: status };
      child = { total: requests.labels(labels), duration: durations.labels(labels) };
      children.set(key, child);
    }
    child.total.inc();
    child.duration.observe(reply.elapsedTime / 1000);
  }
  // Callback-style: a promise per response is measurable on a cached read.
  app.addHook('onResponse', (request, reply, done) => {
    record(request, reply);
    done();
  });

  app.decorate('metrics', registry);
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

export default fp(metrics, { name: 'metrics', dependencies: ['database'] });
