import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FormatQuery,
  EditionQuery,
  Iso3Schema,
  MineralIdSchema,
  READ_ERRORS,
  StageIdSchema,
  urlNumber,
  OptionalYearSchema,
} from '../../schemas/common.js';
import {
  BandSchema,
  BelowThresholdSchema,
  ChokepointSchema,
  ConcentrationBlockSchema,
  HhiRangeSchema,
  InsufficientDataSchema,
  InsufficientStageSchema,
  MethodLinkSchema,
  StageTimeFields,
  ComparabilityFields,
  RankedRowFields,
  RankingTimeFields,
  SeriesBreakSchema,
} from '../../schemas/scores.js';
import { AsOfQuerySchema } from '../../schemas/export-controls.js';
import { withControlledShare } from '../export-controls/export-controls.service.js';
import {
  concentrationHistory,
  concentrationOverview,
  countryDominance,
  mineralChain,
  mineralConcentration,
} from './concentration.service.js';

const ChainSeriesBase = {
  basis: z.string(),
  basisLabel: z
    .string()
    .describe('What the figures measure (contained metal, REO, magnet elements, APT …): never compare two bases as one'),
  ...StageTimeFields,
  edition: z.string(),
  sourceIds: z.array(z.string()).describe('GET /v1/sources/{id} for each citation'),
};

export const ChainSchema = z
  .object({
    mineral: z.string(),
    name: z.string(),
    stages: z.array(
      z.object({
        stage: z.string(),
        name: z.string().describe('The stage as this mineral calls it: smelting, APT, chemicals, separation, magnets …'),
        status: z.enum(['ok', 'insufficient_data']),
        reason: z.string().optional().describe('Why the stage has no figures'),
        series: z
          .array(
            z.union([
              z.object({
                ...ChainSeriesBase,
                status: z.literal('ok'),
                hhi: z.number().describe('Σ share² over named producers (the lower end of hhiRange)'),
                hhiRange: HhiRangeSchema,
                cr1: z.number(),
                cr3: z.number(),
                band2023: BandSchema,
                topProducers: z.array(z.object({ country: z.string(), name: z.string(), share: z.number() })),
                china: z
                  .object({ share: z.number().nullable(), note: z.string().nullable() })
                  .describe("China's share of world supply at this stage"),
                belowThreshold: BelowThresholdSchema.nullable(),
              }),
              z.object({ ...ChainSeriesBase, status: z.literal('insufficient_data'), reason: z.string() }),
            ]),
          )
          .describe('The default series first (newest figures), then every other basis known for the stage'),
      }),
    ),
    binding: ChokepointSchema.describe('The binding stage: highest HHI among the default series, with comparability'),
    notes: z.array(z.string()),
  })
  .meta({
    id: 'MineralChain',
  });

export const MineralConcentrationSchema = z
  .object({
    mineral: z.string(),
    year: z.number().int().nullable().describe('The requested year; null = latest year with data per stage'),
    stages: z.array(ConcentrationBlockSchema),
    chokepoint: ChokepointSchema,
  })
  .meta({
    id: 'MineralConcentration',
  });

const HistorySchema = z
  .object({
    mineral: z.string(),
    stages: z.array(
      z.union([
        z.object({
          stage: z.string(),
          status: z.literal('ok'),
          series: z.array(
            z.union([
              z.object({
                year: z.number().int(),
                status: z.literal('ok'),
                basis: z.string(),
                edition: z.string(),
                publication: z.string().describe('The publication the figures are from (the edition’s title)'),
                hhi: z.number(),
                cr1: z.number(),
                topCountry: z.string(),
                topShare: z.number(),
                worldTonnes: z.number().nullable(),
                sourceIds: z.array(z.string()),
                break: SeriesBreakSchema,
              }),
              z.object({ year: z.number().int(), status: z.literal('insufficient_data'), reason: z.string(), break: SeriesBreakSchema }),
            ]),
          ),
          method: MethodLinkSchema,
        }),
        InsufficientDataSchema.extend({ stage: z.string() }),
      ]),
    ),
    projections: z
      .array(
        z.union([
          z.object({
            stage: z.string(),
            year: z.number().int(),
            projection: z.literal(true),
            scenario: z.string().describe('e.g. "IEA GCMO 2026 base case"'),
            status: z.literal('ok'),
            basis: z.string(),
            edition: z.string(),
            publication: z.string(),
            hhi: z.number(),
            cr1: z.number(),
            topCountry: z.string(),
            topShare: z.number(),
            worldTonnes: z.number().nullable(),
            sourceIds: z.array(z.string()),
          }),
          z.object({
            stage: z.string(),
            year: z.number().int(),
            projection: z.literal(true),
            scenario: z.string(),
            status: z.literal('insufficient_data'),
            reason: z.string(),
          }),
        ]),
      )
      .optional()
      .describe(
        'Only with `?projections=true`: projected years (scenario figures, not observations), per stage and year, kept apart from the observed `series`',
      ),
  })
  .meta({
    id: 'ConcentrationHistory',
  });

const OverviewSchema = z
  .object({
    year: z.number().int().nullable(),
    ...RankingTimeFields,
    data: z.array(
      z.object({
        ...RankedRowFields,
        mineral: z.string(),
        stage: z.string(),
        ...StageTimeFields,
        edition: z.string(),
        hhi: z.number(),
        hhiUpperBound: z.number(),
        cr1: z.number(),
        cr3: z.number(),
        band2023: BandSchema,
        topCountry: z.string(),
        topShare: z.number(),
        sourceIds: z.array(z.string()),
        ...ComparabilityFields,
      }),
    ),
    total: z.number().int(),
    insufficientData: z.array(InsufficientStageSchema).describe('Every mineral × stage without a score, and why'),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'ConcentrationOverview',
  });

export const DominanceSchema = z
  .object({
    country: z.string(),
    name: z.string(),
    minShare: z.number(),
    year: z.number().int().nullable(),
    data: z.array(
      z.object({
        mineral: z.string(),
        stage: z.string(),
        ...StageTimeFields,
        edition: z.string(),
        share: z.number().describe('Percent of world output'),
        tonnes: z.number().nullable().describe('Null on a share-based stage'),
        rank: z.number().int(),
        hhi: z.number(),
        worldTonnes: z.number().nullable().describe('Null on a share-based stage'),
        estimated: z.boolean(),
        sourceIds: z.array(z.string()),
      }),
    ),
    total: z.number().int(),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'CountryDominance',
  });

/** `:mineral` in the path of the per-mineral score routes. */
export const MineralParamsSchema = z.object({ mineral: MineralIdSchema });

/** GET /v1/minerals/{mineral}/concentration and GET /v1/concentration (also the MCP tool `get_mineral_concentration`). */
export const YearAndStageQuerySchema = z.object({
  ...FormatQuery,
  ...EditionQuery,
  year: OptionalYearSchema.describe('Year to score; default: the latest year with data, per stage'),
  stage: StageIdSchema.optional(),
});

/** GET /v1/countries/{iso3}/dominance (also the MCP tool `get_country_dominance`). */
export const DominanceParamsSchema = z.object({ iso3: Iso3Schema });
export const DominanceQuerySchema = z.object({
  ...FormatQuery,
  ...EditionQuery,
  minShare: urlNumber(z.number().min(0).max(100).default(25)).describe('Minimum share in percent (default 25)'),
  year: OptionalYearSchema.describe('Default: the latest year with data, per stage'),
});

export const concentrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/minerals/:mineral/concentration',
    {
      config: { csv: (body) => (body as { stages: unknown[] }).stages },
      schema: {
        operationId: 'getMineralConcentration',
        tags: ['scores'],
        summary: 'Concentration per stage (HHI, CR1/CR3, bands, governance-weighted HHI) and the chokepoint stage',
        description:
          'One block per stage: the latest year with data unless `year` is given. A stage without data is reported as insufficient_data, never as zero. Each block carries its inputs (shares, world total, source ids) and method. ' +
          'A `year` with no observed figures but a projection (e.g. `year=2030` for IEA refining) answers from the projection, flagged `projection: true` with its `scenario`; projections never answer by default and are not ranked in `chokepoint`.',
        params: MineralParamsSchema,
        querystring: YearAndStageQuerySchema.extend({
          asOf: AsOfQuerySchema.describe(
            'With a date (YYYY-MM-DD), each scored stage also carries `exportControls`: its share of supply under export controls in force that day',
          ),
        }),
        response: {
          200: MineralConcentrationSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => {
      const { asOf, ...filters } = request.query;
      const result = mineralConcentration(request.snapshot, request.params.mineral, filters);
      return asOf === undefined ? result : withControlledShare(request.snapshot, result, asOf);
    },
  );
  app.get(
    '/minerals/:mineral/chain',
    {
      schema: {
        operationId: 'getMineralChain',
        tags: ['scores'],
        summary: 'The whole chain of one mineral: every stage, its basis, period, source, HHI (or range) and China’s share',
        description:
          'Mining → processing → metal → component, with the mineral’s own stage names. Each stage answers with its newest figures: annual production by country where published (USGS, IEA), else country shares over the reference period of the EU CRM 2023 study. Other bases known for a stage follow (e.g. light and heavy rare-earth separation). A stage without figures is insufficient_data with the reason. `binding` names the most concentrated stage and whether the stages compared are like for like (`comparable`).',
        params: MineralParamsSchema,
        querystring: z.object({ ...EditionQuery }),
        response: {
          200: ChainSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => mineralChain(request.snapshot, request.params.mineral),
  );
  app.get(
    '/minerals/:mineral/concentration/history',
    {
      config: {
        csv: (body) =>
          (body as { stages: { stage: string; series?: object[] }[] }).stages.flatMap((stage) =>
            (stage.series ?? []).map((point) => ({ stage: stage.stage, ...point })),
          ),
      },
      schema: {
        operationId: 'getConcentrationHistory',
        tags: ['scores'],
        summary: 'HHI, CR1 and top country per year, per stage',
        description:
          'The observed series per stage. With `projections=true`, projected years (e.g. the IEA GCMO 2026 base case for 2030 and 2040) follow in a separate `projections` list, each flagged with its scenario; they never enter `series`. The CSV carries the observed series only.',
        params: MineralParamsSchema,
        querystring: z.object({
          ...FormatQuery,
          ...EditionQuery,
          stage: StageIdSchema.optional(),
          projections: z
            .enum(['true', 'false'])
            .optional()
            .describe('`true` adds the projected years in a separate `projections` list (default: observed years only)'),
        }),
        response: {
          200: HistorySchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) =>
      concentrationHistory(request.snapshot, request.params.mineral, {
        stage: request.query.stage,
        projections: request.query.projections === 'true',
      }),
  );
  app.get(
    '/concentration',
    {
      config: { csv: true },
      schema: {
        operationId: 'listConcentration',
        tags: ['scores'],
        summary: 'Every mineral × stage ranked by HHI',
        querystring: YearAndStageQuerySchema,
        response: {
          200: OverviewSchema,
          400: READ_ERRORS[400],
          500: READ_ERRORS[500],
        },
      },
    },
    async (request) => concentrationOverview(request.snapshot, request.query),
  );
  app.get(
    '/countries/:iso3/dominance',
    {
      config: { csv: true },
      schema: {
        operationId: 'getCountryDominance',
        tags: ['scores'],
        summary: 'Every (mineral, stage) where a country holds at least minShare percent of world supply',
        params: DominanceParamsSchema,
        querystring: DominanceQuerySchema,
        response: {
          200: DominanceSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => countryDominance(request.snapshot, request.params.iso3, request.query),
  );
};
