import { z } from 'zod';
import { FormatQuery, EditionQuery, ImporterIdSchema, MineralIdSchema, OptionalYearSchema, urlNumber } from '../../schemas/common.js';
import { InsufficientDataSchema, MethodLinkSchema, StageTimeFields, WgiUsedSchema } from '../../schemas/scores.js';

export const fraction = (what: string) => z.number().min(0).max(1).describe(`${what}, a fraction 0–1`);

export const EvaluateBodySchema = z
  .object({
    globalHhiWgi: z.number().min(0).describe('(HHI_WGI,t) of global supply, 0–10'),
    euSourcingHhiWgi: z.number().min(0).nullable().default(null).describe('(HHI_WGI,t) of EU sourcing, 0–10; null → global supply only'),
    importReliance: fraction('Import reliance'),
    endOfLifeRecyclingInputRate: fraction('End-of-life recycling input rate'),
    substitutionIndex: z.number().min(0).max(1).describe('Substitution index for supply risk (SI_SR ≤ 1)'),
  })
  .meta({
    id: 'EuSupplyRiskInputs',
    example: { globalHhiWgi: 7.5, euSourcingHhiWgi: 1.9, importReliance: 0.44, endOfLifeRecyclingInputRate: 0.42, substitutionIndex: 1 },
  });

export const SupplyRiskScoreSchema = z.union([
  z.object({
    status: z.literal('ok'),
    supplyRisk: z.number().describe('SR, unrounded to 3 decimals'),
    supplyRiskRounded: z.number().describe('SR to one decimal, as the EU publishes it'),
    criticalThreshold: z.number(),
    aboveThreshold: z.boolean(),
    breakdown: z
      .object({
        scope: z.enum(['GS+EU', 'GS only']),
        importRelianceUsed: z.number(),
        weightGlobal: z.number().describe('IR/2 (or 1 for global supply only)'),
        weightEu: z.number().describe('1 − IR/2 (or 0)'),
        globalComponent: z.number(),
        euComponent: z.number(),
        recyclingFactor: z.number().describe('1 − EoL-RIR'),
        substitutionFactor: z.number().describe('SI_SR'),
      })
      .meta({ id: 'SupplyRiskBreakdown' }),
    method: MethodLinkSchema,
  }),
  // Written out, not the InsufficientData component: this union is intersected below, and an allOf of two
  // closed objects (additionalProperties: false) behind $refs admits nothing.
  InsufficientDataSchema.extend({}),
]);

export const EvaluateResponseSchema = z
  .intersection(z.object({ inputs: EvaluateBodySchema }), SupplyRiskScoreSchema)
  .meta({ id: 'EuSupplyRiskEvaluation' });

export const TradeFactorTermSchema = z
  .object({
    country: z.string(),
    name: z.string(),
    share: z.number().describe('Percent'),
    wgiScaled: z.number().describe('WGI on the EU 0–10 scale'),
    tradeFactor: z.number().describe('t used'),
    tradeFactorPublished: z.boolean().describe("True when t is the source's published value; false when 1 is assumed"),
    contribution: z.number().describe('(share/100)² × WGI × t'),
  })
  .meta({ id: 'TradeFactorTerm' });

export const StageRiskSchema = z.union([
  z.intersection(
    z.object({
      stage: z.string(),
      year: StageTimeFields.year,
      period: StageTimeFields.period,
      inputs: EvaluateBodySchema,
      tradeFactors: z
        .object({ global: z.array(TradeFactorTermSchema), sourcing: z.array(TradeFactorTermSchema) })
        .describe('Every term of the two HHI_WGI,t sums with its trade factor t (empty where t is not published and 1 is used)'),
      publishedSupplyRisk: z.number().nullable().describe("The assessor's published SR for this stage, where it publishes one"),
      explanation: z.string(),
    }),
    SupplyRiskScoreSchema,
  ),
  InsufficientDataSchema.extend({ stage: z.string() }),
]);

export const MineralSupplyRiskSchema = z
  .object({
    mineral: z.string(),
    importer: z.string(),
    importerName: z.string(),
    bottleneckStage: z.string().nullable().describe('The stage with the higher supply risk (EU bottleneck rule)'),
    supplyRisk: z.number().nullable(),
    publishedSupplyRisk: z
      .object({
        supplyRisk: z.number().nullable().describe("The assessor's published SR (EU: one decimal)"),
        stage: z.string().describe('The stage it assessed'),
        material: z.string(),
        endOfLifeRecyclingInputRate: z.number().nullable().describe('Published EoL-RIR, fraction 0–1'),
        substitutionIndex: z.number().nullable().describe('Published SI_SR'),
        scope: z.string().nullable().describe('GS+EU or GSonly, as published'),
        edition: z.string(),
        sourceId: z.string(),
      })
      .nullable()
      .describe('The published assessment of this importer (EU CRM 2023), to compare with `supplyRisk`; null when there is none'),
    stages: z.array(StageRiskSchema),
    importReliance: z
      .object({
        year: z.number().int().nullable(),
        stage: z.string().nullable().describe('The assessed stage, where reliance is given per stage'),
        period: z.string().nullable(),
        form: z.string().nullable(),
        valueText: z.string(),
        fraction: z.number().nullable(),
        censored: z.boolean().describe('True for published ranges such as ">50"'),
        sourceId: z.string(),
      })
      .nullable(),
    importerSourcing: z
      .object({
        period: z.string(),
        form: z.string().nullable(),
        stage: z.string().nullable().describe('The stage of the sourcing shares, where given per stage'),
        rankOnly: z.boolean(),
        hhiWgi: z.number().nullable(),
        wgiYears: z.array(z.number().int()),
        wgi: WgiUsedSchema,
        sourceIds: z.array(z.string()),
      })
      .nullable(),
    assumptions: z.array(z.string()),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'MineralSupplyRisk',
  });

/** GET /v1/minerals/{mineral}/supply-risk (also the MCP tool `get_supply_risk`). */
export const SupplyRiskParamsSchema = z.object({ mineral: MineralIdSchema });

export const SupplyRiskQuerySchema = z.object({
  ...FormatQuery,
  ...EditionQuery,
  importer: ImporterIdSchema.default('USA'),
  year: OptionalYearSchema.describe('Latest data up to this year (default: latest)'),
  endOfLifeRecyclingInputRate: urlNumber(z.number().min(0).max(1).optional()).describe(
    "EoL-RIR, 0–1 (default: the importer's published assessment input, else 0)",
  ),
  substitutionIndex: urlNumber(z.number().min(0).max(1).optional()).describe(
    "SI_SR, 0–1 (default: the importer's published assessment input, else 1)",
  ),
});
