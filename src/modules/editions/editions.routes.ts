import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import {
  EditionQuery,
  FormatQuery,
  Iso3Schema,
  MineralIdSchema,
  OptionalYearSchema,
  READ_ERRORS,
  StageIdSchema,
  urlNumber,
  collectionQuery,
} from '../../schemas/common.js';
import { ConcentrationBlockSchema, SeriesBreakSchema } from '../../schemas/scores.js';
import { concentrationByEdition, getEdition, listEditions, listPrices, listRevisions } from './editions.service.js';
import { EditionSchema, RevisionSchema, PriceSchema } from './editions.schemas.js';

export const editionsRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/editions', {
    operationId: 'listEditions',
    tags: ['reference'],
    summary: 'Editions of the sources, newest first, with which one answers by default',
    description:
      'Every figure belongs to one edition. By default, for each series (mineral, stage, basis, year) the newest edition that reports it answers; `?edition=` on figure and score routes answers as an older edition did.',
    querystring: collectionQuery({}),
    item: EditionSchema,
    list: (snapshot) => listEditions(snapshot),
  });
  app.get(
    '/editions/:id',
    {
      schema: {
        operationId: 'getEdition',
        tags: ['reference'],
        summary: 'One edition',
        params: z.object({
          id: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an edition id')
            .describe('Edition id'),
        }),
        response: { 200: EditionSchema, ...READ_ERRORS },
      },
    },
    async (request) => getEdition(request.snapshot, request.params.id),
  );
  listRoute(app, '/revisions', {
    operationId: 'listRevisions',
    tags: ['figures'],
    summary: 'Figures whose value changed between editions, newest revision first',
    description:
      'Each row compares one figure (production, reserves or U.S. net import reliance) in two consecutive editions of the same family that report it.',
    querystring: collectionQuery({
      mineral: MineralIdSchema.optional(),
      country: Iso3Schema.optional(),
      stage: StageIdSchema.optional(),
      year: OptionalYearSchema,
      kind: z.enum(['production', 'reserves', 'import_reliance']).optional().describe('Only this kind of figure'),
    }),
    item: RevisionSchema,
    unknownId: true,
    list: (snapshot, query) => listRevisions(snapshot, query),
  });
  app.get(
    '/minerals/:mineral/concentration/editions',
    {
      config: { csv: (body) => (body as { data: object[] }).data },
      schema: {
        operationId: 'getConcentrationByEdition',
        tags: ['scores'],
        summary: 'One stage-year’s concentration under each edition that reported it',
        description: 'Shows whether a change in HHI comes from a revision of the data rather than a change in the world.',
        params: z.object({ mineral: MineralIdSchema }),
        querystring: z.object({
          ...FormatQuery,
          stage: StageIdSchema.default('mining'),
          year: urlNumber(z.number().int().min(1900).max(2100)).describe('Four-digit year'),
        }),
        response: {
          200: z
            .object({
              mineral: z.string(),
              stage: z.string(),
              year: z.number().int(),
              data: z.array(
                z.object({ edition: z.string(), published: z.string(), break: SeriesBreakSchema, concentration: ConcentrationBlockSchema }),
              ),
              total: z.number().int(),
            })
            .meta({ id: 'ConcentrationByEdition' }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => concentrationByEdition(request.snapshot, request.params.mineral, request.query.stage, request.query.year),
  );
  app.get(
    '/minerals/:mineral/prices',
    {
      config: { csv: (body) => (body as { data: object[] }).data },
      schema: {
        operationId: 'getMineralPrices',
        tags: ['figures'],
        summary: 'Price series as published (unit, basis and source as the publication gives them)',
        params: z.object({ mineral: MineralIdSchema }),
        querystring: z.object({ ...FormatQuery, ...EditionQuery }),
        response: {
          200: z.object({ mineral: z.string(), data: z.array(PriceSchema), total: z.number().int() }).meta({ id: 'MineralPrices' }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => listPrices(request.snapshot, request.params.mineral),
  );
};
