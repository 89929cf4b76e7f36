import { ValueAtRiskSchema } from '../trade/trade.schemas.js';
import { z } from 'zod';
import { EditionIdSchema, ImporterIdSchema, Iso3Schema, MineralIdSchema, StageIdSchema } from '../../schemas/common.js';
import { CountryShareSchema, InsufficientDataSchema, MethodLinkSchema, StageTimeFields, WorldTotalSchema } from '../../schemas/scores.js';

// ---- Request -----------------------------------------------------------------------------------

const FractionSchema = z.number().min(0).max(1);

export const ShockSchema = z
  .strictObject({
    countries: z
      .array(Iso3Schema)
      .min(1)
      .max(300)
      .optional()
      .describe('Countries that cut output (ISO3). Give either `countries` or `group`, not both'),
    group: z
      .string()
      .min(1)
      .optional()
      .describe('A country group id (see GET /v1/groups), expanded to its members, e.g. `msp`, `central-asia`'),
    stages: z.array(StageIdSchema).min(1).optional().describe('Stages the shock applies to; default every stage'),
    reduction: FractionSchema.describe('Fraction of output withheld, 0–1 (1 = the supply stops entirely)'),
  })
  .superRefine((shock, ctx) => {
    if (shock.countries !== undefined && shock.group !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'give either countries or group, not both' });
    }
    if (shock.countries === undefined && shock.group === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give countries or group' });
    }
  })
  .describe('One supply shock: who cuts, at which stages, by how much');

export const StockpileSchema = z
  .record(MineralIdSchema, z.number().min(0))
  .meta({ id: 'Stockpile', description: 'Tonnes held, per mineral, in the form of the importer’s apparent consumption' });

export const SubstitutionSchema = z.record(MineralIdSchema, FractionSchema).meta({
  id: 'Substitution',
  description: 'Per mineral, the share of lost supply that non-shocked producers or substitutes make up within a year (default 0)',
});

/** The documented example request (also the soak's heavier scenario). */
export const REQUEST_EXAMPLE = {
  year: 2024,
  minerals: ['antimony', 'tungsten'],
  shocks: [
    { countries: ['CHN'], reduction: 1 },
    { countries: ['RUS'], stages: ['mining'], reduction: 0.5 },
  ],
  importer: 'USA',
  stockpile: { antimony: 1100 },
  substitution: { tungsten: 0.1 },
};

export const DisruptionRequestSchema = z
  .strictObject({
    year: z
      .number()
      .int()
      .min(1900)
      .max(2100)
      .optional()
      .describe('Year to assess; default, per mineral, the latest year with data at any stage. Every stage is read for that year only'),
    edition: EditionIdSchema.optional().describe(
      'Answer as this edition did (e.g. `usgs-mcs-2025`); default: for each series and year, the newest edition that reports it. See GET /v1/editions',
    ),
    minerals: z.array(MineralIdSchema).min(1).max(50).optional().describe('Default: every mineral with production data'),
    shocks: z.array(ShockSchema).min(1).max(100).describe('One or more shocks; a country may be shocked once per stage'),
    importer: ImporterIdSchema.default('USA').describe(
      "Importer whose consumption is assessed: one of the dataset's importers, e.g. USA or EU (case-insensitive, default USA)",
    ),
    stockpile: StockpileSchema.optional(),
    substitution: SubstitutionSchema.optional(),
  })
  .meta({ id: 'DisruptionRequest', example: REQUEST_EXAMPLE });

export type DisruptionRequest = z.output<typeof DisruptionRequestSchema>;

export const PresetOverridesSchema = z
  .strictObject({
    year: z.number().int().min(1900).max(2100).optional().describe('Overrides the preset’s year (default: latest with data)'),
    edition: EditionIdSchema.optional().describe('Answer as this edition did (e.g. `usgs-mcs-2025`); see GET /v1/editions'),
    importer: ImporterIdSchema.optional().describe('Overrides the importer (e.g. USA or EU; default USA)'),
    stockpile: StockpileSchema.optional(),
    substitution: SubstitutionSchema.optional(),
  })
  .meta({ id: 'PresetOverrides', example: { year: 2024, edition: 'usgs-mcs-2025', stockpile: { antimony: 1100 } } });

export type PresetOverrides = z.output<typeof PresetOverridesSchema>;

// ---- Response ----------------------------------------------------------------------------------

const StageOkSchema = z.object({
  stage: z.string(),
  status: z.literal('ok'),
  ...StageTimeFields,
  basis: z.string(),
  basisLabel: z.string(),
  edition: z.string().nullable().describe('The edition whose figures this stage used'),
  baselineTonnes: z
    .number()
    .nullable()
    .describe(
      'World supply before the shock (worldTotal.used: the published world total, or the rows’ sum where that is larger); null on a share table',
    ),
  worldTotal: WorldTotalSchema.nullable(),
  lostTonnes: z.number().nullable().describe('Σ shocked tonnes × reduction; null on a share table'),
  substitutedTonnes: z.number().nullable().describe('Lost tonnes made up by substitution; null on a share table'),
  tonnesReason: z.string().nullable().describe('Why the tonnes are null (a share-based stage); null when they are computed'),
  grossLossShare: z.number().describe('Lost tonnes / baseline, 0–1, before substitution'),
  lossShare: z.number().describe('Lost tonnes net of substitution / baseline, 0–1'),
  hhiBefore: z.number(),
  hhiAfter: z.number().nullable().describe('HHI among the remaining supply; null when nothing is left'),
  topProducerBefore: CountryShareSchema,
  topProducerAfter: CountryShareSchema.nullable().describe('Largest producer’s share of the remaining supply'),
  shocked: z.array(z.object({ country: z.string(), name: z.string(), reduction: z.number(), lostTonnes: z.number().nullable() })),
  withheldShocked: z
    .array(z.string())
    .describe('Shocked producers whose figure the source withholds: their loss is not counted (the loss is a lower bound)'),
  sourceIds: z.array(z.string()),
});

const StageInsufficientSchema = InsufficientDataSchema.extend({
  stage: z.string(),
  year: z.number().int().nullable(),
});

const StageOutcomeSchema = z.union([StageOkSchema, StageInsufficientSchema]).meta({ id: 'StageImpact' });

const ImporterImpactSchema = z
  .object({
    importer: z.string(),
    consumptionAtRisk: z.number().describe('Share of the importer’s consumption at risk, 0–1'),
    valueAtRisk: ValueAtRiskSchema.optional().describe(
      'Disruption scenarios: latest full year’s customs value of own-heading imports from the shocked countries × the reduction',
    ),
    basis: z.enum(['import_sources', 'world_supply_at_binding_stage']),
    proxy: z.boolean().describe('True when the world loss at the binding stage stands in for the importer’s own sources'),
    netImportReliance: z.object({
      used: z.number().describe('Fraction 0–1 used in the calculation'),
      assumed: z.boolean().describe('True when no figure exists and 100 % is assumed'),
      year: z.number().int().nullable(),
      stage: z
        .string()
        .nullable()
        .describe("The stage the reliance is for, where the importer's source gives it per stage (EU CRM: the assessed stage)"),
      period: z.string().nullable().describe("The source's reference period, where it gives one instead of a year"),
      form: z.string().nullable(),
      valueText: z.string().nullable().describe('As published, e.g. `85`, `>50`, `E`'),
      qualifier: z.enum(['eq', 'gt', 'lt', 'net_exporter', 'not_applicable']).nullable(),
      censored: z.boolean().describe('True for a range such as ">50": the bound is used, so the true figure differs'),
      estimated: z.boolean().nullable(),
      sourceId: z.string().nullable(),
    }),
    importSources: z
      .object({
        period: z.string(),
        form: z.string().nullable(),
        rankOnly: z.boolean().describe('True when only the order of suppliers is published (no shares): the proxy is used'),
        used: z.boolean(),
        sources: z.array(
          z.object({
            country: z.string(),
            name: z.string(),
            sharePct: z.number().nullable(),
            rank: z.number().int(),
            reduction: z.number().describe('Largest reduction this scenario applies to the country at any stage'),
          }),
        ),
        sourceIds: z.array(z.string()),
      })
      .nullable(),
    monthsOfCover: z.object({
      months: z.number().nullable().describe('stockpile / (apparent consumption × consumption at risk / 12), 1 dp'),
      stockpileTonnes: z.number().nullable(),
      apparentConsumption: z
        .object({
          tonnes: z.number(),
          year: z.number().int(),
          form: z.string().nullable(),
          note: z.string().nullable(),
          sourceId: z.string(),
        })
        .nullable(),
      tonnesAtRiskPerMonth: z.number().nullable(),
      reason: z.string().nullable().describe('Why months of cover cannot be computed'),
    }),
  })
  .meta({ id: 'ImporterImpact' });

const AlternativeSchema = z
  .object({
    country: z.string(),
    name: z.string(),
    share: z.number().describe('Percent of world supply at the binding stage before the shock'),
    tonnes: z.number().nullable().describe('Tonnes at the binding stage; null when that stage is a share table'),
    reserves: z
      .object({ tonnes: z.number(), year: z.number().int(), basis: z.string(), lowerBound: z.boolean(), sourceId: z.string() })
      .nullable()
      .describe('Latest reserves of the mineral'),
    governance: z
      .object({
        wgiScaled: z.number().describe('EU rescale of the WGI mean, 0 best … 10 worst'),
        year: z.number().int(),
        edition: z.string().describe('The WGI release (one for every alternative)'),
        sourceId: z.string(),
      })
      .nullable(),
    groups: z.array(z.string()),
    alsoShocked: z.boolean().describe('True if this scenario shocks the country at another stage'),
  })
  .meta({ id: 'ScenarioAlternative' });

const DefenseUseRefSchema = z.object({
  id: z.string(),
  category: z.string(),
  application: z.string(),
  source: z.object({ id: z.string(), citation: z.string() }),
});

const StageHhiSchema = z.object({ stage: z.string(), hhi: z.number() });

const MineralOkSchema = z.object({
  mineral: z.string(),
  name: z.string(),
  status: z.literal('ok'),
  year: z.number().int(),
  stages: z.array(StageOutcomeSchema),
  bindingStage: z.string().describe('Stage with the largest loss share (ties go upstream)'),
  bindingLoss: z.number().describe('Largest loss share across stages, 0–1'),
  chokepointBefore: StageHhiSchema,
  chokepointAfter: StageHhiSchema.nullable(),
  importerImpact: ImporterImpactSchema,
  defenseUses: z.array(DefenseUseRefSchema).describe('Defense uses exposed to this mineral'),
  alternatives: z.array(AlternativeSchema).describe('Producers not shocked at the binding stage, largest first'),
  assumptions: z.array(z.string()),
  method: MethodLinkSchema,
  inputs: z.object({ sourceIds: z.array(z.string()) }),
});

const MineralInsufficientSchema = InsufficientDataSchema.extend({
  mineral: z.string(),
  name: z.string(),
  year: z.number().int().nullable(),
  stages: z.array(StageOutcomeSchema),
  assumptions: z.array(z.string()),
});

const MineralResultSchema = z.union([MineralOkSchema, MineralInsufficientSchema]).meta({ id: 'MineralScenarioResult' });

const SummaryRowSchema = z
  .object({
    rank: z.number().int(),
    mineral: z.string(),
    status: z.enum(['ok', 'insufficient_data']),
    bindingLoss: z.number().nullable(),
    bindingStage: z.string().nullable(),
    consumptionAtRisk: z.number().nullable(),
    proxy: z.boolean().nullable(),
    topAlternative: CountryShareSchema.nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ScenarioSummaryRow' });

const ScenarioEchoSchema = z
  .object({
    year: z.number().int().nullable().describe('As requested; null = per mineral, the latest year with data'),
    edition: z.string().nullable().describe('The edition requested; null = the newest edition per series and year'),
    minerals: z.array(z.string()),
    importer: z.string(),
    shocks: z.array(
      z.object({
        index: z.number().int(),
        group: z.string().nullable(),
        countries: z.array(z.string()).describe('After group expansion'),
        stages: z.array(z.string()).nullable().describe('null = every stage'),
        reduction: z.number(),
      }),
    ),
    stockpile: z.record(z.string(), z.number()),
    substitution: z.record(z.string(), z.number()),
  })
  .meta({ id: 'ScenarioEcho' });

const disruptionResponseShape = {
  scenario: ScenarioEchoSchema,
  summary: z.array(SummaryRowSchema).describe('Minerals ranked by binding loss, largest first; those without data last'),
  results: z.array(MineralResultSchema).describe('One result per mineral, in mineral-id order'),
  method: MethodLinkSchema,
};

export const DisruptionResponseSchema = z.object(disruptionResponseShape).meta({ id: 'DisruptionScenario' });

const PresetInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  question: z.string(),
});

export const PresetRunResponseSchema = z.object({ preset: PresetInfoSchema, ...disruptionResponseShape }).meta({
  id: 'PresetScenario',
});

/** A stored request body as listed (plain values, no transforms). */
const PresetBodySchema = z.object({
  year: z.number().int().optional(),
  minerals: z.array(z.string()).optional(),
  shocks: z.array(
    z.object({
      countries: z.array(z.string()).optional(),
      group: z.string().optional(),
      stages: z.array(z.string()).optional(),
      reduction: z.number(),
    }),
  ),
  importer: z.string().optional(),
});

export const PresetListSchema = z
  .object({
    data: z.array(
      PresetInfoSchema.extend({ body: PresetBodySchema.describe('The request body the preset runs (POST /v1/scenarios/disruption)') }),
    ),
    total: z.number().int(),
  })
  .meta({
    id: 'ScenarioPresetList',
  });

/** POST /v1/scenarios/presets/{id} (also the MCP tool `run_scenario_preset`). */
export const PresetParamsSchema = z.object({
  id: z.string().min(1).describe('Preset id, e.g. `china-antimony-ban`; see GET /v1/scenarios/presets'),
});
