import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { READ_ERRORS, collectionQuery } from '../../schemas/common.js';
import { getGroup, listGroups } from './groups.service.js';
import { GroupSchema, GroupDetailSchema } from './groups.schemas.js';

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
