import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, collectionQuery } from '../../schemas/common.js';
import { listStages } from './stages.service.js';
import { StageSchema } from './stages.schemas.js';

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
