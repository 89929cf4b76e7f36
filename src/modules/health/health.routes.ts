import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../../schemas/common.js';
import { createHealthService } from './health.service.js';
import { HealthSchema, ReadinessSchema } from './health.schemas.js';

/**
 * Probes are polled every few seconds: they are logged only at warn and above, never cached, and exempt
 * from rate limiting (`config.rateLimit: false` is what @fastify/rate-limit reads).
 */
const PROBE_OPTIONS = { logLevel: 'warn', config: { rateLimit: false, probe: true } } as const;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const health = createHealthService(app.store.probe);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/health',
    {
      ...PROBE_OPTIONS,
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Liveness: the process is up',
        description: 'Answers 200 while the process can serve HTTP; it does not touch the database. Use /ready for that.',
        response: { 200: HealthSchema, 500: problemResponse('Unexpected server error') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      ...PROBE_OPTIONS,
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Readiness: the database is reachable, migrated and holds a dataset',
        description:
          'Answers 200 with the dataset version when this instance can serve the API, and 503 problem+json ' +
          '(code `unavailable`) naming what is missing otherwise, or while the server shuts down. A replica on ' +
          'PostgreSQL that cannot reach it answers 200 with status `degraded`: it still serves reads from memory.',
        response: {
          200: ReadinessSchema,
          500: problemResponse('Unexpected server error'),
          503: problemResponse('Not ready: the database is unreachable, not migrated or empty, or the server is closing'),
        },
      },
    },
    async () => health.readiness(),
  );
};
