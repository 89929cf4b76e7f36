import { z } from 'zod';
import { listOf, collectionQuery } from '../../schemas/common.js';
import { SourceValueSchema } from '../../schemas/sources.js';

export const SOURCE_EXAMPLE = {
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
