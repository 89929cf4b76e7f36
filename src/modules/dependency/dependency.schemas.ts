import { z } from 'zod';
import { FormatQuery, EditionQuery, ImporterIdSchema, Iso3Schema, MineralIdSchema } from '../../schemas/common.js';
import { InsufficientDataSchema, MethodLinkSchema, MissingGovernanceSchema, WgiUsedSchema } from '../../schemas/scores.js';
import { ObservedDependencySchema } from '../trade/trade.schemas.js';

export const RelianceSchema = z
  .object({
    year: z.number().int().nullable().describe('Data year; null for a figure over a reference period (see `period`)'),
    stage: z
      .string()
      .nullable()
      .describe(
        'The stage the reliance is for, where the source gives it per stage (EU CRM: the assessed stage); null for a whole-mineral figure',
      ),
    period: z.string().nullable().describe("The source's reference period, where it gives one instead of a year"),
    form: z.string().nullable(),
    percent: z.number().nullable(),
    valueText: z.string().describe('As published, e.g. ">50"'),
    qualifier: z.enum(['eq', 'gt', 'lt', 'net_exporter', 'not_applicable']),
    fraction: z.number().nullable().describe('Reliance as a fraction 0–1 (the bound for a range)'),
    censored: z.boolean(),
    sourceId: z.string(),
  })
  .meta({ id: 'NetImportReliance' });

export const StageRelianceSchema = z
  .object({
    percent: z.number().describe('Import reliance at this stage, percent'),
    fraction: z.number().describe('The same as a fraction 0–1'),
    material: z.string().describe('The material the source assessed (e.g. Neodymium for rare earths)'),
    period: z.string(),
    edition: z.string(),
    sourceId: z.string(),
  })
  .meta({ id: 'StageReliance' });

export const SourcingEntrySchema = z.object({
  country: z.string(),
  name: z.string(),
  sharePct: z.number().describe("Share of the importer's sourcing (domestic production + imports), percent"),
  shareText: z.string().describe('As published'),
  tradeFactor: z.number().nullable().describe('The trade-related variable t published next to the share; null when not given'),
  rank: z.number().int(),
});

export const DependencyStageSchema = z
  .object({
    stage: z.string(),
    assessed: z.boolean().describe('True for the stage the source assessed; the headline fields use it'),
    importReliance: StageRelianceSchema,
    sourcing: z
      .object({
        period: z.string(),
        edition: z.string(),
        listedSharePct: z.number().describe('Sum of the listed shares (the source lists shares of at least 1 % only)'),
        sources: z.array(SourcingEntrySchema),
        sourceIds: z.array(z.string()),
      })
      .nullable(),
    reason: z.string().nullable().describe('Why sourcing is null'),
  })
  .meta({ id: 'ImporterDependencyStage' });

export const DependencyRowSchema = z.object({
  mineral: z.string(),
  netImportReliance: RelianceSchema.nullable(),
  importSources: z
    .object({
      period: z.string(),
      form: z.string().nullable(),
      rankOnly: z.boolean(),
      otherSharePct: z.number().nullable().describe('The published "other countries" share of imports'),
      sources: z.array(z.object({ country: z.string(), name: z.string(), sharePct: z.number().nullable(), rank: z.number().int() })),
      sourceIds: z.array(z.string()),
    })
    .nullable(),
  importSourceConcentration: z
    .union([
      z.object({
        status: z.literal('ok'),
        hhi: z.number(),
        hhiUpperBound: z.number(),
        unlistedShare: z.number(),
        topSupplier: z.object({ country: z.string(), name: z.string(), share: z.number() }),
        method: MethodLinkSchema,
      }),
      InsufficientDataSchema,
    ])
    .nullable(),
  topSupplier: z.object({ country: z.string(), name: z.string(), sharePct: z.number().nullable() }).nullable(),
  dependencyIndex: z.union([
    z.object({
      status: z.literal('ok'),
      index: z.number().describe('TE × DP, 0–1'),
      tradeExposure: z.number().describe('TE: net import reliance, 0–1'),
      disruptionPotential: z.number().describe('DP: Σ (share/100)² × WGI/10 at the assessed stage, 0–1'),
      assessedStage: z.string().nullable(),
      assessedYear: z.number().int().nullable(),
      censoredReliance: z.boolean(),
      wgi: WgiUsedSchema,
      missingGovernance: MissingGovernanceSchema,
      caveats: z.array(z.string()),
      method: MethodLinkSchema,
    }),
    InsufficientDataSchema,
  ]),
  byStage: z
    .array(DependencyStageSchema)
    .describe("Per stage, where the importer's source gives reliance per stage (EU CRM 2023); empty otherwise"),
});

export const DependencySchema = z
  .object({
    importer: z.string(),
    importerName: z.string(),
    data: z.array(DependencyRowSchema),
    total: z.number().int(),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'ImporterDependency',
  });

export const StageShareSchema = z
  .object({
    stage: z.string(),
    year: z.number().int().nullable(),
    share: z.number().nullable().describe('Supplier share of world output at this stage, percent'),
    reason: z.string().nullable(),
    sourceIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'SupplierStageShare' });

export const ExposureStageSchema = z
  .object({
    stage: z.string(),
    assessed: z.boolean().describe('True for the stage the source assessed; the headline `direct` uses it'),
    importReliance: StageRelianceSchema,
    supplierSourcingShare: z
      .object({
        sharePct: z.number(),
        shareText: z.string(),
        tradeFactor: z.number().nullable(),
        rank: z.number().int(),
        period: z.string(),
        edition: z.string(),
        sourceIds: z.array(z.string()),
      })
      .nullable()
      .describe("The supplier's share of the importer's sourcing at this stage, with the trade factor t"),
    direct: z
      .number()
      .nullable()
      .describe('Import reliance at this stage × supplier share of sourcing, 0–1; null with `directReason` when a figure is missing'),
    directReason: z.string().nullable(),
    upstream: z
      .array(
        z.object({
          basis: z.string(),
          sharePct: z
            .number()
            .nullable()
            .describe('Supplier share of world supply at this stage, percent; null when below the reporting threshold or not listed'),
          exposure: z.number().nullable().describe('The same as a fraction 0–1'),
          tradeFactor: z.number().nullable().describe('The trade-related variable t the source gives the supplier at this stage'),
          belowThreshold: z.boolean().describe("Listed below the source's reporting threshold (<0.1 %)"),
          period: z.string().nullable(),
          edition: z.string(),
          sourceIds: z.array(z.string()),
        }),
      )
      .describe("The supplier's share of world supply at this stage, from the share tables (one entry per basis)"),
    upstreamReason: z.string().nullable().describe('Why `upstream` is empty'),
    explanation: z.string(),
  })
  .meta({ id: 'SupplierExposureStage' });

/** Observed U.S. imports from the supplier, beside (never replacing) the USGS shares. */
const ObservedFields = {
  observed: ObservedDependencySchema,
  observedReason: z.string().nullable().describe('Why `observed` is null'),
};

export const ExposureRowSchema = z.union([
  z.object({
    mineral: z.string(),
    status: z.literal('ok'),
    netImportReliance: RelianceSchema.nullable(),
    supplierImportShare: z
      .object({
        sharePct: z.number().nullable(),
        rank: z.number().int(),
        period: z.string(),
        form: z.string().nullable(),
        sourceIds: z.array(z.string()),
      })
      .nullable(),
    stageShares: z.array(StageShareSchema),
    direct: z.number().nullable().describe('Net import reliance × supplier share of imports, 0–1'),
    upstream: z
      .object({ stage: z.string(), exposure: z.number() })
      .nullable()
      .describe('Supplier share of world supply at its strongest stage, 0–1'),
    effectiveExposure: z.number().describe('The larger of direct and upstream, 0–1'),
    drivenBy: z.enum(['direct', 'upstream']),
    directReason: z.string().nullable().describe('Why `direct` is null'),
    byStage: z
      .array(ExposureStageSchema)
      .describe("Per stage, where the importer's source gives reliance per stage (EU CRM 2023); empty otherwise"),
    explanation: z.string(),
    method: MethodLinkSchema,
    ...ObservedFields,
  }),
  z.object({
    mineral: z.string(),
    status: z.literal('insufficient_data'),
    reason: z.string(),
    netImportReliance: RelianceSchema.nullable(),
    supplierImportShare: z.unknown(),
    stageShares: z.array(StageShareSchema),
    effectiveExposure: z.null(),
    directReason: z.string().nullable(),
    byStage: z.array(ExposureStageSchema),
    explanation: z.string(),
    method: MethodLinkSchema,
    ...ObservedFields,
  }),
]);

export const ExposureSchema = z
  .object({
    importer: z.string(),
    importerName: z.string(),
    supplier: z.string(),
    supplierName: z.string(),
    data: z.array(ExposureRowSchema),
    total: z.number().int(),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'SupplierExposure',
  });

/** GET /v1/dependency/{importer} (also the MCP tool `get_importer_dependency`). */
export const DependencyParamsSchema = z.object({ importer: ImporterIdSchema });

export const DependencyQuerySchema = z.object({ ...FormatQuery, ...EditionQuery, mineral: MineralIdSchema.optional() });

/** GET /v1/dependency/{importer}/on/{supplier} (also the MCP tool `get_supplier_exposure`). */
export const ExposureParamsSchema = z.object({ importer: ImporterIdSchema, supplier: Iso3Schema });

export const ExposureQuerySchema = z.object({ ...FormatQuery, ...EditionQuery });

export const ImporterSchema = z
  .object({
    id: z.string().describe('The id the dependency, supply-risk and scenario routes take as `importer` (case-insensitive)'),
    name: z.string(),
    kind: z.string().describe('`country`, or `union` for a group of countries importing as one (the EU)'),
    group: z.string().nullable().describe('For a union: the group whose members are its domestic producers'),
    note: z.string().nullable().describe('Where its figures come from'),
    stageReliance: z
      .array(z.string())
      .describe('Minerals with import reliance per stage (e.g. the EU CRM study); the others use net import reliance'),
  })
  .meta({ id: 'Importer' });
