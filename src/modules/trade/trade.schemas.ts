/** Observed trade (USITC DataWeb): the request and response contracts of the trade routes. */
import { z } from 'zod';
import { collectionQuery, Iso3Schema, MineralIdSchema, OptionalYearSchema, SourceRefSchema, urlNumber } from '../../schemas/common.js';

const FlowSchema = z.enum(['imports', 'exports']).describe('`imports` (imports for consumption) or `exports` (domestic exports)');
const PeriodSchema = z.enum(['year', 'jan-apr']).describe('`year`: a full calendar year; `jan-apr`: January–April of the year');
const ValueBasisSchema = z.enum(['customs', 'fas']).describe('Customs value (imports) or FAS value (exports), nominal USD');

export const TradeFlowsQuery = collectionQuery({
  importer: Iso3Schema.optional().describe('Reporting country (ISO3); the file covers USA (default USA)'),
  flow: FlowSchema.optional(),
  partner: Iso3Schema.optional().describe('Partner country (ISO3), one of the 18 the file breaks out'),
  hts: z
    .string()
    .regex(/^\d{4}$/, 'must be a 4-digit HTS heading, e.g. 8110')
    .optional()
    .describe('HTS 4-digit heading, e.g. `8110` (antimony); see GET /v1/trade/headings'),
  mineral: MineralIdSchema.optional().describe("A mineral's headings, own and proxies (each row says which)"),
  year: OptionalYearSchema,
  period: PeriodSchema.optional(),
});

export const TradeQuantitySchema = z
  .object({
    measure: z.enum(['first', 'second']).describe("DataWeb's first or second unit of quantity"),
    unit: z.string().describe('kg, g, t, number, component_kg, component_g, component_t, gold_content_g, or none (no quantity collected)'),
    quantity: z.number().nullable().describe('Null: none collected, an empty cell, or all withheld'),
    suppressed: z.boolean().describe('Census withheld some records: the quantity is a lower bound'),
    valueUsd: z.number().nullable().describe('First units: the value of the lines counted in this unit; null for second units'),
  })
  .meta({ id: 'TradeQuantity', description: 'One unit of quantity of a flow; quantities in different units are never added.' });

export const TradeFlowSchema = z
  .object({
    importer: z.string().describe('Reporting country (ISO3)'),
    flow: FlowSchema,
    hts: z.string().describe('HTS 4-digit heading'),
    partner: z.string().describe('Partner country (ISO3)'),
    partnerName: z.string(),
    year: z.number().int(),
    period: PeriodSchema,
    valueUsd: z.number().nullable().describe('Value summed over every unit of quantity; null when part of it is missing'),
    valueBasis: ValueBasisSchema,
    quantities: z.array(TradeQuantitySchema),
    suppressed: z.boolean().describe('Some quantity of the flow was withheld by Census'),
    minerals: z
      .array(
        z.object({ mineral: z.string(), stage: z.string(), proxy: z.boolean().describe('A broad heading: never the mineral’s own flow') }),
      )
      .describe('What the heading stands for (data/hts_headings.csv)'),
    edition: z.string().describe('The edition the figure belongs to; see GET /v1/editions'),
    source: SourceRefSchema,
  })
  .meta({ id: 'TradeFlow' });

export const HtsHeadingSchema = z
  .object({
    hts: z.string(),
    description: z.string().describe('As DataWeb prints it'),
    mineral: z.string().nullable().describe('Null: no mineral of the dataset'),
    stage: z.string().nullable(),
    proxy: z.boolean().describe('The heading holds much more than the mineral (the note says what)'),
    note: z.string(),
  })
  .meta({ id: 'HtsHeading' });

const HeadingRefShape = {
  hts: z.string(),
  description: z.string(),
  stage: z.string().nullable(),
  proxy: z.boolean().describe('A broad heading: never the mineral’s own flow'),
  alsoHolds: z.string().optional().describe('For a proxy: what else the heading holds'),
};

const FigureSchema = z.object({
  year: z.number().int(),
  valueUsd: z.number().nullable(),
  kg: z.number().nullable().describe('First-unit kilograms'),
});

export const TradeComparisonSchema = z
  .object({
    period: PeriodSchema,
    before: FigureSchema,
    after: FigureSchema.nullable().describe('Null when the year is not in the data yet'),
    valueChangePct: z.number().nullable(),
    kgChangePct: z.number().nullable(),
    kgPartial: z.boolean().describe('Some of the value is counted in units other than kg, or some kilograms were withheld'),
    reason: z.string().nullable().describe('Why a side is missing (never read as zero)'),
  })
  .meta({ id: 'TradeComparison', description: 'The same period in two years: value, kilograms and their change in %.' });

const HeadingAroundSchema = z
  .object({
    ...HeadingRefShape,
    fullYears: TradeComparisonSchema.describe('The last full year before the date against the first full year after'),
    janApr: TradeComparisonSchema.nullable().describe('The latest January–April against the year before'),
    janAprReason: z.string().nullable(),
  })
  .meta({ id: 'TradeAroundDate' });

const MineralAroundSchema = z.object({
  mineral: z.string(),
  own: z.array(HeadingAroundSchema).describe("The mineral's own headings"),
  proxies: z.array(HeadingAroundSchema).describe('Broad headings, apart: never the mineral’s own flow'),
  reason: z.string().nullable(),
});

export const ObservedEffectSchema = z
  .object({
    measure: z.string(),
    importer: z.string(),
    exporter: z.string().describe('The imposing country: the partner whose flows are read'),
    target: z.string(),
    effective: z.string().nullable(),
    bitesOnImporter: z.boolean().describe('Aimed at the importer or at every destination'),
    observed: z.object({ date: z.string(), minerals: z.array(MineralAroundSchema) }).nullable(),
    reason: z.string().nullable().describe('Why there is no observed effect'),
    events: z
      .array(
        z.object({
          kind: z.enum(['suspended', 'lifted']),
          date: z.string(),
          by: z.string().nullable(),
          minerals: z.array(MineralAroundSchema),
        }),
      )
      .describe('The same comparison around each suspension and the lifting, where the data reaches them'),
    edition: z.string(),
    sources: z.array(SourceRefSchema),
  })
  .meta({ id: 'ObservedEffect' });

export const ObservedHeadingSchema = z
  .object({ ...HeadingRefShape, fullYear: TradeComparisonSchema, janApr: TradeComparisonSchema })
  .meta({ id: 'ObservedHeading', description: 'Latest full year and latest January–April of one heading, each against the year before.' });

export const ObservedDependencySchema = z
  .object({
    flow: z.literal('imports'),
    edition: z.string(),
    source: SourceRefSchema,
    own: z.array(ObservedHeadingSchema),
    proxies: z.array(ObservedHeadingSchema),
  })
  .nullable()
  .meta({
    id: 'ObservedDependency',
    description:
      'Observed U.S. imports from the supplier (USITC DataWeb), beside the USGS shares; null with `observedReason` where the file cannot answer',
  });

export const ValueAtRiskSchema = z
  .object({
    usd: z.number().nullable().describe('Observed customs value × the reduction, summed over the shocked countries'),
    year: z.number().int().nullable().describe('The latest full year of the data'),
    headings: z.array(z.string()).describe("The mineral's own headings (never proxies)"),
    byCountry: z.array(
      z.object({ country: z.string(), observedUsd: z.number().nullable(), reduction: z.number(), atRiskUsd: z.number().nullable() }),
    ),
    uncovered: z.array(z.string()).describe('Shocked countries the file does not break out (not counted)'),
    edition: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ValueAtRisk' });

const PartnerShareSchema = z.object({
  partner: z.string(),
  name: z.string(),
  valueUsd: z.number().nullable(),
  kg: z.number().nullable(),
  shareOfCoveredPartnersPct: z.number().nullable().describe('Share of the value of the covered partners only (no World row)'),
});

const HeadingTradeSchema = z
  .object({
    ...HeadingRefShape,
    series: z.array(z.object({ partner: z.string(), name: z.string(), points: z.array(FigureSchema) })).describe('Full years by partner'),
    latestFullYear: z.object({
      year: z.number().int(),
      totalOfCoveredPartnersUsd: z.number(),
      partners: z.array(PartnerShareSchema),
      hhiOfCoveredPartners: z.number().nullable().describe('HHI of the shares of the covered partners: a lower-coverage figure'),
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
    own: z.array(HeadingTradeSchema).describe("The mineral's own headings"),
    proxies: z.array(HeadingTradeSchema).describe('Broad headings, apart (alsoHolds says what else they hold)'),
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
      .describe('Export-control measures on the mineral that bite on the U.S., their dates and observed effect'),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'MineralTrade' });

export const MineralTradeParams = z.object({ mineral: MineralIdSchema });
export const MineralTradeQuery = z.object({
  flow: FlowSchema.optional().describe('Default imports'),
  from: urlNumber(z.number().int().min(1900).max(2100).optional()).describe(
    'First year of the series (default: ten years before the latest)',
  ),
});
export const MeasureParams = z.object({ id: z.string().min(1).describe('Measure id, e.g. `cn-mofcom-2024-46-us-ga-ge-sb-denial`') });
