import { z } from 'zod';
import {
  FormatQuery,
  EditionQuery,
  Iso3Schema,
  MineralIdSchema,
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
  RankedStageFields,
  RankingTimeFields,
  SeriesBreakSchema,
} from '../../schemas/scores.js';

export const ChainSeriesBase = {
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

/** The figures of one stage-year, observed or projected. */
const YearFigureFields = {
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
};

export const HistorySchema = z
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
                ...YearFigureFields,
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
            ...YearFigureFields,
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

export const OverviewSchema = z
  .object({
    year: z.number().int().nullable(),
    ...RankingTimeFields,
    data: z.array(
      z.object({
        ...RankedStageFields,
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
