import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { MineralIdSchema, collectionQuery } from '../../schemas/common.js';
import { DEFENSE_CATEGORIES } from '../../domain/defense.js';
import { listDefenseUses } from './defense-uses.service.js';
import { DefenseUseSchema } from './defense-uses.schemas.js';

export const defenseUsesRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/defense-uses', {
    operationId: 'listDefenseUses',
    tags: ['defense'],
    summary: 'Defense uses of each mineral, each with its source',
    querystring: collectionQuery({ mineral: MineralIdSchema.optional(), category: z.enum(DEFENSE_CATEGORIES).optional() }),
    item: DefenseUseSchema,
    list: (snapshot, query) => listDefenseUses(snapshot, query),
  });
};
