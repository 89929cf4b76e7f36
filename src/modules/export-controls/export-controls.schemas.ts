import { z } from 'zod';
import { CONFIDENCE_LEVELS, END_USER_KINDS, MEASURE_TYPES } from '../../domain/export-controls.js';
import {
  EditionIdSchema,
  ImporterIdSchema,
  Iso3Schema,
  MineralIdSchema,
  SourceRefSchema,
  listOf,
  EditionQuery,
  FormatQuery,
  OptionalYearSchema,
  StageIdSchema,
  collectionQuery,
} from '../../schemas/common.js';
import {
  EXPORT_CONTROL_EXAMPLE,
  ExportControlValueSchema,
  MeasureStatusIdSchema,
  MeasureTypeSchema,
  AsOfQuerySchema,
  CalendarDaySchema,
} from '../../schemas/export-controls.js';
import {
  ComparabilityFields,
  InsufficientDataSchema,
  InsufficientStageSchema,
  MethodLinkSchema,
  RankedStageFields,
  RankingTimeFields,
  StageTimeFields,
} from '../../schemas/scores.js';
import { DisruptionResponseSchema, StockpileSchema, SubstitutionSchema } from '../scenarios/scenarios.schemas.js';
import { EXPORT_CONTROL_PRESETS } from './export-controls.scenario.js';

export const MeasureStatusSchema = z
  .object({
    status: MeasureStatusIdSchema.describe(
      'On `asOf`: not-announced, announced (not yet effective), announced-date-unknown, in-force, suspended (by which ' +
        'measure, until when), suspension-ended (a suspension whose scheduled end has passed with no later record, ' +
        'e.g. "suspension ended 2026-11-27; no later measure recorded": counted as unknown, never as in force or lifted), ' +
        'expired, lifted, superseded, undated',
    ),
    bites: z
      .enum(['yes', 'no', 'unknown'])
      .describe('Whether the status puts supply under control on the date; unknown when the data cannot tell'),
    since: z.string().nullable().describe('Day the status began, when known'),
    until: z.string().nullable().describe('Day it is scheduled to end (last day), when known'),
    by: z.string().nullable().describe('The suspension, replacement or ended suspension behind the status'),
    detail: z.string().describe('The status in words, e.g. "suspension ended 2026-11-27; no later measure recorded"'),
  })
  .meta({ id: 'MeasureStatus' });

const { sourceId: _sourceId, ...measureFields } = ExportControlValueSchema.shape;

export const ExportControlSchema = z
  .object({
    ...measureFields,
    imposingCountryName: z.string(),
    source: SourceRefSchema,
    status: MeasureStatusSchema,
  })
  .meta({ id: 'ExportControl' });

export const ExportControlListSchema = listOf(ExportControlSchema)
  .extend({ asOf: z.string().describe('The date statuses are read on') })
  .meta({ id: 'ExportControlList' });

export const ExportControlListQuery = {
  mineral: MineralIdSchema.optional().describe('Measures covering this mineral'),
  country: Iso3Schema.optional().describe('Imposing country (ISO3; EUU for the European Union)'),
  target: z
    .string()
    .min(1)
    .optional()
    .describe('Exact target: `all`, `non-oecd` or an ISO3 destination (e.g. `USA` lists the measures aimed at the US)'),
  measure: z.enum(MEASURE_TYPES).optional().describe('Measure type'),
  status: MeasureStatusIdSchema.optional().describe('Only measures with this status on `asOf`'),
};

const TimelineEventSchema = z.object({
  date: z.string(),
  event: z.enum(['announced', 'effective', 'scheduled-end', 'lifted', 'suspended', 'suspension-scheduled-end', 'replaced']),
  measure: z.string(),
  by: z.string().nullable().describe('The suspension or replacement behind the event'),
  imposingCountry: z.string(),
  measureType: MeasureTypeSchema,
  target: z.string(),
  title: z.string(),
});

// An intersection, not `.extend`: the spec then says "an ExportControl, and…" (allOf) instead of repeating its fields.
export const ExportControlDetailSchema = z
  .intersection(
    ExportControlSchema,
    z.object({
      asOf: z.string(),
      suspendedBy: z.array(z.string()).describe('Suspensions recorded for this measure'),
      replaces: z.array(z.string()).describe('Measures this one took over from'),
      events: z.array(TimelineEventSchema.pick({ date: true, event: true, measure: true, by: true })),
      method: MethodLinkSchema,
    }),
  )
  .meta({ id: 'ExportControlDetail' });

export const TimelineSchema = listOf(TimelineEventSchema)
  .extend({
    mineral: z.string(),
    undated: z.array(z.string()).describe('Measures on the mineral with no recorded date (not in the timeline)'),
  })
  .meta({
    id: 'ExportControlTimeline',
  });

const MeasureRefSchema = z
  .object({ id: z.string(), measure: MeasureTypeSchema, target: z.string(), status: MeasureStatusIdSchema })
  .meta({ id: 'MeasureRef' });

const ControlledStageOkSchema = z.object({
  stage: z.string(),
  status: z.literal('ok'),
  year: z
    .number()
    .int()
    .nullable()
    .describe('Data year of the production figures (latest up to the as-of year unless `year` is given); null for a share-based stage'),
  period: StageTimeFields.period,
  edition: z.string(),
  basis: z.string(),
  basisLabel: z.string(),
  worldTonnes: z.number().nullable().describe('Null on a share-based stage'),
  hhi: z.number().describe('Concentration of the same figures, as GET /v1/minerals/{mineral}/concentration'),
  cr1: z.number(),
  controlledShare: z
    .number()
    .describe('Percent of world supply produced in countries with a covering measure in force that applies to every destination'),
  unknownShare: z
    .number()
    .describe(
      'Percent produced in countries whose every-destination measures have unknown status only (e.g. a suspension ended with no later record)',
    ),
  byType: z
    .array(z.object({ measure: MeasureTypeSchema, share: z.number() }))
    .describe('Percent under at least one in-force measure of each type, any target (types overlap)'),
  byTarget: z
    .array(z.object({ target: z.string(), share: z.number(), unknownShare: z.number() }))
    .describe(
      'Per target (`all`, then destinations such as USA): percent under an in-force measure with that target, and under one of unknown status only',
    ),
  countries: z.array(
    z.object({
      country: z.string(),
      name: z.string(),
      share: z.number(),
      inForce: z.array(MeasureRefSchema),
      unknown: z.array(MeasureRefSchema),
    }),
  ),
  measures: z.array(MeasureRefSchema).describe('The measures in force behind the controlled share'),
  unknownMeasures: z.array(MeasureRefSchema),
  sourceIds: z.array(z.string()),
  method: MethodLinkSchema,
});

const ControlledStageSchema = z.union([
  ControlledStageOkSchema,
  InsufficientDataSchema.extend({ stage: z.string(), year: z.number().int().nullable() }),
]);

export const MineralControlledSupplySchema = z
  .object({ mineral: z.string(), asOf: z.string(), stages: z.array(ControlledStageSchema) })
  .meta({ id: 'MineralControlledSupply' });

export const ControlledSupplyRankingSchema = z
  .object({
    asOf: z.string(),
    ...RankingTimeFields,
    data: z.array(
      z.object({
        ...RankedStageFields,
        year: StageTimeFields.year,
        period: StageTimeFields.period,
        edition: z.string(),
        controlledShare: z.number(),
        unknownShare: z.number(),
        hhi: z.number(),
        topCountry: z.string().nullable().describe('Largest producer among those with a measure'),
        measures: z.array(z.string()),
        ...ComparabilityFields,
      }),
    ),
    total: z.number().int(),
    insufficientData: z.array(InsufficientStageSchema),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'ControlledSupplyRanking',
  });

export const ImporterExportControlsSchema = z
  .object({
    importer: z.string(),
    name: z.string(),
    asOf: z.string(),
    data: z.array(
      z.object({
        mineral: z.string(),
        form: z.string().nullable(),
        period: z.string(),
        targetedShare: z
          .number()
          .describe('Percent of imports from suppliers with an export or destination ban naming the importer, in force'),
        restrictedShare: z
          .number()
          .describe('Percent from suppliers with any supply measure in force that applies to the importer (licensing included)'),
        unknownShare: z.number().describe('Percent from suppliers whose applicable measures have unknown status'),
        otherSharePct: z.number().nullable().describe('Published "other countries" share (never counted)'),
        byType: z.array(z.object({ measure: MeasureTypeSchema, share: z.number() })),
        suppliers: z.array(
          z.object({
            country: z.string(),
            name: z.string(),
            sharePct: z.number(),
            inForce: z.array(z.string()),
            targeting: z.array(z.string()).describe('Bans naming the importer'),
            unknown: z.array(z.string()),
          }),
        ),
        sourceIds: z.array(z.string()),
      }),
    ),
    withoutShares: z.array(z.object({ mineral: z.string(), period: z.string(), reason: z.string() })),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'ImporterExportControls',
  });

// ---- Writes ------------------------------------------------------------------------------------

/** Most measures one PUT may carry. */
export const MAX_MEASURE_ROWS = 500;

const optionalText = (description: string) => z.string().nullable().optional().describe(description);

export const ExportControlWriteSchema = z
  .strictObject({
    id: z.string().describe('Measure id, a lower-case slug; an existing id is replaced'),
    imposingCountry: z.string().describe('ISO3 of the imposing state (EUU for the EU)'),
    instrument: z.string(),
    title: z.string(),
    measure: z.string().describe(`One of ${MEASURE_TYPES.join(', ')}`),
    target: z.string().describe('`all`, `non-oecd` or an ISO3 destination'),
    endUsers: z
      .string()
      .nullable()
      .optional()
      .describe(`For end-user bans: ${END_USER_KINDS.join(' or ')}`),
    minerals: z.array(z.string()).describe('Mineral ids (at least one)'),
    stages: z.array(z.string()).describe('Stage ids the measure bites at; empty for technology controls'),
    covers: z.string(),
    announced: optionalText('YYYY-MM-DD'),
    effective: optionalText('YYYY-MM-DD; not before announced'),
    ends: optionalText('Scheduled end, YYYY-MM-DD; not before effective'),
    lifted: optionalText('YYYY-MM-DD; not before effective'),
    suspends: optionalText('For a suspension: the id of an existing measure it suspends'),
    replacedBy: optionalText('The id of the measure that took over'),
    note: optionalText('Caveats'),
    sourceId: z.string().describe('An existing source (GET /v1/sources)'),
    confidence: z.string().describe(`One of ${CONFIDENCE_LEVELS.join(', ')}`),
  })
  .meta({ id: 'ExportControlWrite' });

export const ExportControlUpsertSchema = z
  .strictObject({
    rows: z.array(ExportControlWriteSchema).min(1).max(MAX_MEASURE_ROWS).describe(`1 to ${MAX_MEASURE_ROWS} measures, keyed by id`),
  })
  .meta({ id: 'ExportControlUpsert', example: { rows: [{ ...EXPORT_CONTROL_EXAMPLE }] } });

export const ExportControlUpsertResultSchema = z
  .object({
    version: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rows: z.array(z.intersection(ExportControlValueSchema, z.object({ action: z.enum(['create', 'update', 'unchanged']) }))),
  })
  .meta({
    id: 'ExportControlUpsertResult',
    example: { version: '3-5f0c1d9e2a7b', created: 0, updated: 1, unchanged: 0, rows: [{ ...EXPORT_CONTROL_EXAMPLE, action: 'update' }] },
  });

// ---- Scenario ----------------------------------------------------------------------------------

export const ExportControlScenarioRequestSchema = z
  .strictObject({
    preset: z
      .enum(EXPORT_CONTROL_PRESETS)
      .describe('`in-force`: the measures in force on asOf; `suspensions-lapse`: also the suspended ones, as if every suspension lapsed'),
    asOf: CalendarDaySchema.optional().describe('YYYY-MM-DD (1900-01-01 … 2100-12-31); default today (UTC)'),
    importer: ImporterIdSchema.default('USA').describe(
      "Importer whose consumption is assessed: one of the dataset's importers, e.g. USA or EU (case-insensitive, default USA)",
    ),
    minerals: z.array(MineralIdSchema).min(1).max(50).optional().describe('Default: every mineral with production data'),
    licensingReduction: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Cut applied for a licence requirement, quota or extraterritorial rule, 0–1 (default 0: a licence is not a ban)'),
    year: z.number().int().min(1900).max(2100).optional().describe('Production year to assess (default: latest with data)'),
    edition: EditionIdSchema.optional().describe('Answer with the figures of this edition (e.g. `usgs-mcs-2025`); see GET /v1/editions'),
    stockpile: StockpileSchema.optional(),
    substitution: SubstitutionSchema.optional(),
  })
  .meta({
    id: 'ExportControlScenarioRequest',
    example: { preset: 'suspensions-lapse', asOf: '2026-12-02', importer: 'USA', minerals: ['antimony'], licensingReduction: 0.2 },
  });

export const ExportControlScenarioSchema = z
  .object({
    preset: z.enum(EXPORT_CONTROL_PRESETS),
    asOf: z.string(),
    importer: z.string(),
    licensingReduction: z.number(),
    assumptions: z.array(z.string()),
    unaffected: z.array(z.string()).describe('Minerals with no applying measure'),
    scenarios: z.array(
      z.object({
        mineral: z.string(),
        measures: z.array(
          z.object({
            id: z.string(),
            measure: z.string(),
            target: z.string(),
            status: z.string(),
            countries: z.array(z.string()),
            stages: z.array(z.string()),
            reduction: z.number(),
          }),
        ),
        result: DisruptionResponseSchema,
      }),
    ),
  })
  .meta({
    id: 'ExportControlScenario',
  });

export { ExportControlValueSchema };

/** `:mineral` of GET /v1/minerals/{mineral}/export-controls/supply (also the MCP tool `get_controlled_supply`). */
export const ControlledSupplyParamsSchema = z.object({ mineral: MineralIdSchema });

export const ControlledSupplyQuerySchema = z.object({
  ...FormatQuery,
  ...EditionQuery,
  asOf: AsOfQuerySchema,
  stage: StageIdSchema.optional(),
  year: OptionalYearSchema,
});

/** GET /v1/export-controls (also the MCP tool `get_export_controls`). */
export const ExportControlListQuerySchema = collectionQuery({ ...ExportControlListQuery, asOf: AsOfQuerySchema });
