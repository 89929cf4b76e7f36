import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { READ_ERRORS, listOf, collectionQuery } from '../../schemas/common.js';
import { SourceValueSchema } from '../../schemas/sources.js';
import { getSource, listSources } from './sources.service.js';

const SOURCE_EXAMPLE = {
  id: 'usgs-mcs-2025-antimony',
  title: 'Mineral Commodity Summaries 2025: Antimony',
  publisher: 'U.S. Geological Survey',
  edition: '2025',
  year: 2025,
  locator: 'pp. 34–35',
  url: 'https://doi.org/10.5066/P13XCP3R',
  licence: 'US public domain (USGS)',
  notes: null,
  citation: 'U.S. Geological Survey, Mineral Commodity Summaries 2025: Antimony, pp. 34–35',
};

export const SourceSchema = SourceValueSchema.extend({ citation: z.string() }).meta({ id: 'Source', example: SOURCE_EXAMPLE });

export const SourceDetailSchema = SourceSchema.extend({
  citedBy: z
    .object({
      production: z.number().int(),
      reserves: z.number().int(),
      importReliance: z.number().int(),
      importSources: z.number().int(),
      defenseUses: z.number().int(),
      governance: z.number().int(),
    })
    .describe('How many stored figures cite this source'),
});

/** GET /v1/sources (also the MCP tool `search_sources`). */
export const SourceListQuerySchema = collectionQuery({
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Search: only sources whose id, title, publisher, edition, locator or citation contain every word (any case), e.g. `usgs antimony`; blank = all',
    ),
});
export const SourceListSchema = listOf(SourceSchema);
export const SourceParamsSchema = z.object({ id: z.string().min(1).describe('Source id') });

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
