import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, MineralIdSchema, collectionQuery } from '../../schemas/common.js';
import { QUALITY_KINDS, listQuality } from './quality.service.js';

const QualityItemSchema = z
  .object({
    kind: z
      .enum(QUALITY_KINDS)
      .describe(
        'reconciled-total: shares taken of the rows’ sum, the published world total being rounded below it; series-break: a point of a history from another publication or basis than the one before; period-based: a stage scored on a study period’s shares; empty-stage: no figures, and why; censored: a value published as a bound or below a threshold, and how it is used',
      ),
    mineral: z.string(),
    stage: z.string().nullable(),
    year: z.number().int().nullable(),
    period: z.string().nullable(),
    basis: z.string().nullable(),
    edition: z.string().nullable(),
    reason: z.string(),
    href: z.string().describe('Where the figure is answered'),
  })
  .meta({ id: 'QualityItem' });

export const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/quality', {
    operationId: 'listQuality',
    tags: ['quality'],
    summary: 'What to know before quoting a number: reconciled totals, breaks, period-based stages, empty stages, censored values',
    description:
      'Every caveat of the view (`?edition=` pins one), each with its mineral, stage, year or period and reason: the derived numbers obey their invariants, and this says where that took a rule.',
    querystring: collectionQuery({
      ...EditionQuery,
      kind: z.enum(QUALITY_KINDS).optional(),
      mineral: MineralIdSchema.optional(),
    }),
    item: QualityItemSchema,
    list: (snapshot, query) => listQuality(snapshot, query),
  });
};
