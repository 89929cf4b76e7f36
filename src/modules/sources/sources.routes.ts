import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRoute } from '../list-route.js';
import { READ_ERRORS } from '../../schemas/common.js';
import { getSource, listSources } from './sources.service.js';
import { SourceSchema, SourceDetailSchema, SourceListQuerySchema, SourceParamsSchema } from './sources.schemas.js';

export const sourcesRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/sources', {
    operationId: 'listSources',
    tags: ['reference'],
    summary: 'Publications the figures cite; `q` searches them',
    querystring: SourceListQuerySchema,
    item: SourceSchema,
    list: (snapshot, query) => listSources(snapshot, query),
  });
  app.get(
    '/sources/:id',
    {
      schema: {
        operationId: 'getSource',
        tags: ['reference'],
        summary: 'One publication, with how many figures cite it',
        params: SourceParamsSchema,
        response: {
          200: SourceDetailSchema.meta({
            id: 'SourceDetail',
          }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => getSource(request.snapshot, request.params.id),
  );
};
