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
  SourceRefSchema,
  StageIdSchema,
  urlNumber,
  collectionQuery,
} from '../../schemas/common.js';
import { ConcentrationBlockSchema, SeriesBreakSchema } from '../../schemas/scores.js';
import { concentrationByEdition, getEdition, listEditions, listPrices, listRevisions } from './editions.service.js';

export const EditionSchema = z
  .object({
    id: z.string().describe('Edition id, as `edition` in every figure and `?edition=` on figure and score routes'),
    family: z.string().describe('Editions of one family revise each other (e.g. usgs-mcs)'),
    publisher: z.string(),
    title: z.string(),
    doi: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().describe('Publication date: YYYY-MM-DD, YYYY-MM or YYYY as precisely as known'),
    dataYears: z
      .string()
      .describe(
        'Years its figures cover: a range (2021-2025), a year, or a list ("2021, 2025"); empty when the source does not state them (see notes)',
      ),
    newest: z.boolean().describe('The newest edition of its family: it answers by default for the series it reports'),
    supersededBy: z.string().nullable().describe('The newest edition of the family, when this one is older'),
    notes: z.string().nullable(),
    figures: z
      .object({
        production: z.number().int(),
        capacity: z.number().int(),
        reserves: z.number().int(),
        importReliance: z.number().int(),
        importSources: z.number().int(),
        apparentConsumption: z.number().int(),
        prices: z.number().int(),
        salient: z.number().int(),
        governance: z.number().int().describe('WGI estimates (country, year, indicator)'),
        projections: z.number().int().describe('Projected figures (a scenario’s tonnes for a future year), never counted as production'),
      })
      .describe('How many figures of each kind the edition holds'),
  })
  .meta({ id: 'Edition' });

const RevisionSchema = z
  .object({
    kind: z.enum(['production', 'reserves', 'import_reliance']),
    mineral: z.string(),
    stage: z.string().nullable().describe('Production only'),
    country: z.string().describe('Producing country, or the importer for import reliance'),
    countryName: z.string(),
    year: z.number().int(),
    basis: z.string().describe('Basis id (production), basis text (reserves) or `net import reliance`'),
    form: z.string().nullable(),
    unit: z.string().describe('`t` (metric tons of the basis) or `%`'),
    oldEdition: z.string(),
    oldValue: z.number().nullable().describe('null when withheld or not numeric (e.g. E, net exporter)'),
    oldValueText: z.string().describe('As published: `>` marks a lower bound, `W` withheld'),
    newEdition: z.string(),
    newValue: z.number().nullable(),
    newValueText: z.string(),
    change: z.number().nullable().describe('newValue − oldValue'),
    relativeChange: z.number().nullable().describe('change / oldValue (a fraction); null when either is missing or old is 0'),
    oldSource: SourceRefSchema,
    newSource: SourceRefSchema,
  })
  .meta({ id: 'Revision' });

const PriceSchema = z
  .object({
    mineral: z.string(),
    series: z.string().describe('Series id within the mineral'),
    description: z.string().describe('The series as the source names it'),
    unit: z.string().describe('Unit as published, e.g. dollars per pound'),
    year: z.number().int(),
    value: z.number().nullable().describe('null when the source gives no number (W, NA)'),
    valueText: z.string(),
    estimated: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Price' });

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
