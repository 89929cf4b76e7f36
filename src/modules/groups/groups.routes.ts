import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { READ_ERRORS, SourceRefSchema, collectionQuery } from '../../schemas/common.js';
import { getGroup, listGroups } from './groups.service.js';

const GroupSchema = z
  .object({
    id: z.string().describe('Group id, e.g. msp, nato, g7, quad, eu, central-asia'),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Group' });

const GroupDetailSchema = GroupSchema.extend({
  members: z.array(
    z.object({
      country: z.string(),
      name: z.string(),
      joined: z.string().nullable().describe('YYYY or YYYY-MM where known'),
      source: SourceRefSchema,
    }),
  ),
});

export const groupsRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/groups', {
    operationId: 'listGroups',
    tags: ['reference'],
    summary: 'Country groups: MSP, NATO, G7, Quad, EU, Central Asia',
    querystring: collectionQuery({}),
    item: GroupSchema,
    list: (snapshot) => listGroups(snapshot),
  });
  app.get(
    '/groups/:id',
    {
      schema: {
        operationId: 'getGroup',
        tags: ['reference'],
        summary: 'One group and its members with join dates',
        params: z.object({ id: z.string().min(1).describe('Group id') }),
        response: {
          200: GroupDetailSchema.meta({
            id: 'GroupDetail',
          }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => getGroup(request.snapshot, request.params.id),
  );
};
