import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MineralIdSchema, READ_ERRORS, SourceRefSchema, FormatQuery, PageQuery, listOf } from '../../schemas/common.js';
import { DEFENSE_CATEGORIES } from '../../domain/defense.js';
import { listDefenseUses } from './defense-uses.service.js';

export const DefenseUseSchema = z
  .object({
    id: z.string(),
    mineral: z.string(),
    category: z.enum(DEFENSE_CATEGORIES),
    application: z.string(),
    description: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'DefenseUse' });

export const defenseUsesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/defense-uses',
    {
      config: { csv: true },
      schema: {
        operationId: 'listDefenseUses',
        tags: ['defense'],
        summary: 'Defense uses of each mineral, each with its source',
        querystring: z.object({
          ...PageQuery,
          ...FormatQuery,
          mineral: MineralIdSchema.optional(),
          category: z.enum(DEFENSE_CATEGORIES).optional(),
        }),
        response: {
          200: listOf(DefenseUseSchema),
          400: READ_ERRORS[400],
          500: READ_ERRORS[500],
        },
      },
    },
    async (request, reply) => app.page(request, reply, listDefenseUses(request.snapshot, request.query)),
  );
};
