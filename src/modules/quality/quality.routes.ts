import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, MineralIdSchema, collectionQuery } from '../../schemas/common.js';
import { QUALITY_KINDS, listQuality } from './quality.service.js';
import { QualityItemSchema } from './quality.schemas.js';

export const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/quality', {
    operationId: 'listQuality',
    tags: ['quality'],
    summary: 'What to know before quoting a number: reconciled totals, breaks, period-based stages, empty stages, censored values',
    description: 'Every caveat of the view (`?edition=` pins one), with its mineral, stage, year or period and reason.',
    querystring: collectionQuery({
      ...EditionQuery,
      kind: z.enum(QUALITY_KINDS).optional(),
      mineral: MineralIdSchema.optional(),
    }),
    item: QualityItemSchema,
    list: (snapshot, query) => listQuality(snapshot, query),
  });
};
