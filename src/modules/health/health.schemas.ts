import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health', example: { status: 'ok' } });

export const ReadinessSchema = z
  .object({
    status: z
      .enum(['ready', 'degraded'])
      .describe('`degraded`: the shared database is unreachable; reads are answered from memory, writes get 503'),
    datasetVersion: z.string().describe('Version tag of the dataset served: write counter and content hash'),
    migrations: z.number().int().describe('Number of database migrations applied'),
    detail: z.string().optional().describe('Why the instance is degraded'),
  })
  .meta({ id: 'Readiness', example: { status: 'ready', datasetVersion: '1-3f9a0c2b7d41', migrations: 2 } });
