import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EditionQuery, READ_ERRORS, FormatQuery, PageQuery, listOf } from '../../schemas/common.js';
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
  app.get(
    '/stages',
    {
      config: { csv: true },
      schema: {
        operationId: 'listStages',
        tags: ['reference'],
        querystring: z.object({ ...PageQuery, ...FormatQuery, ...EditionQuery }),
        summary: 'Processing stages, mining to component',
        description: 'Every stage exists even when no mineral has data for it yet.',
        response: {
          400: READ_ERRORS[400],
          200: listOf(StageSchema),
          500: READ_ERRORS[500],
        },
      },
    },
    async (request, reply) => app.page(request, reply, listStages(request.snapshot)),
  );
};
