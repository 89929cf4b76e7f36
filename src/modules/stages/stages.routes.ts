import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, collectionQuery } from '../../schemas/common.js';
import { listStages } from './stages.service.js';

export const StageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    order: z.number().int().describe('Position in the chain, mining first'),
    description: z.string(),
    mineralsWithData: z.array(z.string()).describe('Minerals with at least one figure at this stage'),
  })
  .meta({ id: 'Stage' });

export const stagesRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/stages', {
    operationId: 'listStages',
    tags: ['reference'],
    summary: 'Processing stages, mining to component',
    description: 'Every stage exists even when no mineral has data for it yet.',
    querystring: collectionQuery({ ...EditionQuery }),
    item: StageSchema,
    list: (snapshot) => listStages(snapshot),
  });
};
