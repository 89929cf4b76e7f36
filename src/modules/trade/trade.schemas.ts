import { z } from 'zod';
import { TRADE_FLOWS } from '../../db/schema.js';
import { TRADE_PERIODS } from '../../domain/trade.js';
import { collectionQuery, Iso3Schema, MineralIdSchema, OptionalYearSchema, SourceRefSchema, urlNumber } from '../../schemas/common.js';

/** Observed trade (USITC DataWeb): the request and response contracts of the trade routes. */

const FlowSchema = z.enum(TRADE_FLOWS).describe('Imports for consumption or domestic exports');
const PeriodSchema = z.enum(TRADE_PERIODS).describe('A full year, or January–April');
const ValueBasisSchema = z.enum(['customs', 'fas']).describe('Customs (imports) or FAS (exports) value, nominal USD');

export const TradeFlowsQuery = collectionQuery({
  importer: Iso3Schema.optional().describe('Reporter (ISO3); the file covers USA'),
  flow: FlowSchema.optional(),
  partner: Iso3Schema.optional().describe('One of the 18 partners the file breaks out'),
  hts: z
    .string()
    .regex(/^\d{4}$/, 'must be a 4-digit HTS heading, e.g. 8110')
    .optional()
    .describe('HTS 4-digit heading, e.g. `8110`'),
  mineral: MineralIdSchema.optional().describe("A mineral's headings, own and proxies"),
  year: OptionalYearSchema,
  period: PeriodSchema.optional(),
});

export const TradeQuantitySchema = z
  .object({
    measure: z.enum(['first', 'second']),
    unit: z.string().describe('kg, g, t, number, component_kg … or none'),
    quantity: z.number().nullable(),
    suppressed: z.boolean().describe('Some withheld: a lower bound'),
    valueUsd: z.number().nullable().describe('First units: the value counted in this unit'),
  })
  .meta({ id: 'TradeQuantity', description: 'Units are never added together.' });

export const TradeFlowSchema = z
  .object({
    importer: z.string(),
    flow: FlowSchema,
    hts: z.string(),
    partner: z.string(),
    partnerName: z.string(),
    year: z.number().int(),
    period: PeriodSchema,
    valueUsd: z.number().nullable().describe('Summed over the units; null when part is missing'),
    valueBasis: ValueBasisSchema,
    quantities: z.array(TradeQuantitySchema),
    suppressed: z.boolean(),
    minerals: z.array(z.object({ mineral: z.string(), stage: z.string(), proxy: z.boolean() })),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'TradeFlow' });

export const HtsHeadingSchema = z
  .object({
    hts: z.string(),
    description: z.string(),
    mineral: z.string().nullable(),
    stage: z.string().nullable(),
    proxy: z.boolean(),
    note: z.string(),
  })
  .meta({ id: 'HtsHeading' });

const HeadingRefShape = {
  hts: z.string(),
  description: z.string(),
  stage: z.string().nullable(),
  proxy: z.boolean().describe('Never the mineral’s own flow'),
  alsoHolds: z.string().optional(),
};

const FigureSchema = z
  .object({ year: z.number().int(), valueUsd: z.number().nullable(), kg: z.number().nullable() })
  .meta({ id: 'TradeFigure' });

export const TradeComparisonSchema = z
  .object({
    period: PeriodSchema,
    before: FigureSchema,
    after: FigureSchema.nullable(),
    valueChangePct: z.number().nullable(),
    kgChangePct: z.number().nullable(),
    kgPartial: z.boolean().describe('Part counted in other units, or withheld'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'TradeComparison' });

const HeadingAroundSchema = z
  .object({
    ...HeadingRefShape,
    fullYears: TradeComparisonSchema,
    janApr: TradeComparisonSchema.nullable(),
    janAprReason: z.string().nullable(),
  })
  .meta({ id: 'TradeAroundDate' });

const MineralAroundSchema = z
  .object({
    mineral: z.string(),
    own: z.array(HeadingAroundSchema),
    proxies: z.array(HeadingAroundSchema),
    reason: z.string().nullable(),
  })
  .meta({ id: 'TradeMineralAround' });

export const ObservedEffectSchema = z
  .object({
    measure: z.string(),
    importer: z.string(),
    exporter: z.string(),
    target: z.string(),
    effective: z.string().nullable(),
    bitesOnImporter: z.boolean(),
    observed: z.object({ date: z.string(), minerals: z.array(MineralAroundSchema) }).nullable(),
    reason: z.string().nullable(),
    events: z.array(
      z.object({
        kind: z.enum(['suspended', 'lifted', 'ended']),
        date: z.string(),
        by: z.string().nullable(),
        minerals: z.array(MineralAroundSchema),
      }),
    ),
    edition: z.string(),
    sources: z.array(SourceRefSchema),
  })
  .meta({ id: 'ObservedEffect' });

export const ObservedHeadingSchema = z
  .object({ ...HeadingRefShape, fullYear: TradeComparisonSchema, janApr: TradeComparisonSchema })
  .meta({ id: 'ObservedHeading' });

export const ObservedDependencySchema = z
  .object({
    flow: z.literal('imports'),
    edition: z.string(),
    source: SourceRefSchema,
    own: z.array(ObservedHeadingSchema),
    proxies: z.array(ObservedHeadingSchema),
  })
  .nullable()
  .meta({ id: 'ObservedDependency', description: 'U.S. imports from the supplier (USITC DataWeb)' });

export const ValueAtRiskSchema = z
  .object({
    usd: z.number().nullable(),
    year: z.number().int().nullable(),
    headings: z.array(z.string()),
    byCountry: z.array(
      z.object({ country: z.string(), observedUsd: z.number().nullable(), reduction: z.number(), atRiskUsd: z.number().nullable() }),
    ),
    uncovered: z.array(z.string()).describe('Not broken out by the file: not counted'),
    edition: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ValueAtRisk' });

const PartnerShareSchema = z.object({
  partner: z.string(),
  name: z.string(),
  valueUsd: z.number().nullable(),
  kg: z.number().nullable(),
  shareOfCoveredPartnersPct: z.number().nullable().describe('Of the covered partners only (no World row)'),
});

const HeadingTradeSchema = z
  .object({
    ...HeadingRefShape,
    series: z.array(z.object({ partner: z.string(), name: z.string(), points: z.array(FigureSchema) })),
    latestFullYear: z.object({
      year: z.number().int(),
      totalOfCoveredPartnersUsd: z.number(),
      partners: z.array(PartnerShareSchema),
      hhiOfCoveredPartners: z.number().nullable().describe('A lower-coverage figure'),
      hhiCoverage: z.literal('covered-partners-only'),
    }),
    janApr: z.object({
      year: z.number().int(),
      against: z.number().int(),
      totalOfCoveredPartnersUsd: z.object({
        before: z.number().nullable(),
        after: z.number().nullable(),
        changePct: z.number().nullable(),
      }),
      partners: z.array(TradeComparisonSchema.extend({ partner: z.string(), name: z.string() })),
    }),
  })
  .meta({ id: 'HeadingTrade' });

export const MineralTradeSchema = z
  .object({
    mineral: z.string(),
    importer: z.string(),
    flow: FlowSchema,
    valueBasis: ValueBasisSchema,
    coveredPartners: z.array(z.string()),
    coverageNote: z.string(),
    own: z.array(HeadingTradeSchema),
    proxies: z.array(HeadingTradeSchema),
    controls: z
      .array(
        z.object({
          id: z.string(),
          exporter: z.string(),
          measure: z.string(),
          target: z.string(),
          effective: z.string().nullable(),
          lifted: z.string().nullable(),
          suspendedOn: z.array(z.string().nullable()),
          observed: z.object({ own: z.array(HeadingAroundSchema), proxies: z.array(HeadingAroundSchema) }).nullable(),
          reason: z.string().nullable(),
        }),
      )
      .describe('Measures biting on the U.S.'),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'MineralTrade' });

export const MineralTradeParams = z.object({ mineral: MineralIdSchema });
export const MineralTradeQuery = z.object({
  flow: FlowSchema.optional(),
  from: urlNumber(z.number().int().min(1900).max(2100).optional()).describe('First year of the series (default: latest − 10)'),
});
export const MeasureParams = z.object({ id: z.string().min(1).describe('Measure id') });

export const ImportRelianceSchema = z
  .object({
    importer: z.string(),
    mineral: z.string(),
    form: z.string().nullable().describe('Product form where the source splits it (rare earths, titanium)'),
    year: z.number().int(),
    percent: z.number().nullable().describe('Net import reliance, % of apparent consumption; null for E (net exporter)'),
    qualifier: z.enum(['eq', 'gt', 'lt', 'net_exporter', 'not_applicable']).describe('gt for ">50", lt for "<25"'),
    valueText: z.string().describe('The value as published, e.g. ">50"'),
    estimated: z.boolean(),
    edition: z.string().describe('The edition the figure belongs to; see GET /v1/editions'),
    source: SourceRefSchema,
  })
  .meta({ id: 'ImportReliance' });

export const ImportSourceSchema = z
  .object({
    importer: z.string(),
    mineral: z.string(),
    form: z.string().nullable(),
    period: z.string().describe('Averaging period, e.g. 2020-23'),
    country: z.string(),
    sharePct: z.number().nullable().describe('Share of imports (%); null where the source gives only the order'),
    rank: z.number().int(),
    edition: z.string().describe('The edition the figure belongs to; see GET /v1/editions'),
    source: SourceRefSchema,
  })
  .meta({ id: 'ImportSource' });
