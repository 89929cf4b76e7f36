import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, MineralIdSchema, READ_ERRORS } from '../../schemas/common.js';
import { getMineral, listMinerals } from './minerals.service.js';
import { MineralSchema, MineralDetailSchema, MineralListQuerySchema } from './minerals.schemas.js';

export const mineralsRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/minerals', {
    operationId: 'listMinerals',
    tags: ['minerals'],
    summary: 'The minerals Chokepoint covers',
    querystring: MineralListQuerySchema,
    item: MineralSchema,
    list: (snapshot) => listMinerals(snapshot),
  });
  app.get(
    '/minerals/:mineral',
    {
      schema: {
        operationId: 'getMineral',
        tags: ['minerals'],
        summary: 'One mineral: stages with data, bases, years, latest world output and its top producer',
        params: z.object({ mineral: MineralIdSchema }),
        querystring: z.object({ ...EditionQuery }),
        response: {
          200: MineralDetailSchema.meta({
            id: 'MineralDetail',
          }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => getMineral(request.snapshot, request.params.mineral),
  );
};
