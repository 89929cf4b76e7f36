import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse, READ_ERRORS } from '../../schemas/common.js';
import {
  DisruptionRequestSchema,
  DisruptionResponseSchema,
  PresetListSchema,
  PresetOverridesSchema,
  PresetParamsSchema,
  PresetRunResponseSchema,
} from './scenarios.schemas.js';
import { createTradeRepository } from '../trade/trade.repository.js';
import { listPresets, runPresetWithTrade, runScenarioWithTrade } from './scenarios.service.js';

const SCENARIO_ERRORS = {
  400: problemResponse(
    'Invalid scenario: bad shape (e.g. `body.shocks.1.reduction` outside 0–1, empty `shocks`, both or neither of countries/group), an unknown country, group, mineral or importer, or the same country shocked twice at one stage; the per-field list is in `errors`',
  ),
  500: READ_ERRORS[500],
};

type ScenarioBody = z.output<typeof DisruptionResponseSchema>;

/**
 * The CSV of a scenario: one row per mineral and stage, with the mineral's binding stage and importer impact repeated
 * on each of its rows, so a spreadsheet can filter or pivot either way. Every row has the same columns.
 */
export function scenarioCsvRows(body: unknown): Record<string, unknown>[] {
  return (body as ScenarioBody).results.flatMap((result) => {
    const ok = result.status === 'ok' ? result : null;
    return result.stages.map((stage) => {
      const measured = stage.status === 'ok' ? stage : null;
      return {
        mineral: result.mineral,
        stage: stage.stage,
        status: stage.status,
        year: stage.year,
        measure: measured?.measure ?? null,
        period: measured?.period ?? null,
        basis: measured?.basis ?? null,
        edition: measured?.edition ?? null,
        baselineTonnes: measured?.baselineTonnes ?? null,
        lostTonnes: measured?.lostTonnes ?? null,
        substitutedTonnes: measured?.substitutedTonnes ?? null,
        grossLossShare: measured?.grossLossShare ?? null,
        lossShare: measured?.lossShare ?? null,
        hhiBefore: measured?.hhiBefore ?? null,
        hhiAfter: measured?.hhiAfter ?? null,
        topProducerAfter: measured?.topProducerAfter?.country ?? null,
        topShareAfter: measured?.topProducerAfter?.share ?? null,
        binding: ok ? ok.bindingStage === stage.stage : null,
        bindingLoss: ok?.bindingLoss ?? null,
        importer: ok?.importerImpact.importer ?? null,
        consumptionAtRisk: ok?.importerImpact.consumptionAtRisk ?? null,
        monthsOfCover: ok?.importerImpact.monthsOfCover.months ?? null,
        reason: stage.status === 'ok' ? stage.tonnesReason : stage.reason,
        sourceIds: measured?.sourceIds ?? [],
      };
    });
  });
}

const DESCRIPTION =
  'Cuts the output of the shocked countries (reduction 0–1, per stage) and reports, per mineral and stage, the tonnes and share of world supply lost, HHI before and after among the remaining supply, and the top producer after; the binding stage (largest loss share: a chain is as weak as its weakest stage); the importer’s consumption at risk (net import reliance × the shocked suppliers’ share of its imports where import shares are published, else the world loss at the binding stage, flagged as a proxy) and, with a stockpile, months of cover; the defense uses exposed; and the alternative suppliers at the binding stage with their reserves, governance (WGI) and group memberships. A mineral or stage without data is reported as insufficient_data, never as zero. The same request always gives the same body, byte for byte.';

export const scenariosRoutes: FastifyPluginAsyncZod = async (app) => {
  const trade = createTradeRepository(app.tradeDb);
  app.post(
    '/scenarios/disruption',
    {
      schema: {
        operationId: 'runDisruptionScenario',
        tags: ['scenarios'],
        summary: 'What if a country (or group) stops supplying: losses per stage, importer impact and alternatives',
        description: DESCRIPTION,
        body: DisruptionRequestSchema,
        response: { 200: DisruptionResponseSchema, ...SCENARIO_ERRORS },
      },
      config: { csv: scenarioCsvRows },
    },
    async (request) => runScenarioWithTrade(request.snapshot, trade, request.body),
  );

  app.get(
    '/scenarios/presets',
    {
      schema: {
        operationId: 'listScenarioPresets',
        tags: ['scenarios'],
        summary: 'Stored scenarios for the questions Chokepoint was built to answer',
        description:
          'Each preset is a stored request body for POST /v1/scenarios/disruption. `msp-only-supply` is computed from the data: every producer in the data that is not an MSP partner (EU member states count as partners through the EU).',
        response: { 200: PresetListSchema, 500: READ_ERRORS[500] },
      },
    },
    async (request) => listPresets(request.snapshot),
  );

  app.post(
    '/scenarios/presets/:id',
    {
      schema: {
        operationId: 'runScenarioPreset',
        tags: ['scenarios'],
        summary: 'Run a stored scenario, optionally overriding year, importer, stockpile or substitution',
        description:
          "Runs the preset's stored body through POST /v1/scenarios/disruption and answers as it does, with the preset named; " +
          'an optional JSON body overrides `year`, `importer`, `stockpile` and `substitution`.',
        params: PresetParamsSchema,
        body: PresetOverridesSchema.nullish(),
        response: {
          200: PresetRunResponseSchema,
          400: SCENARIO_ERRORS[400],
          404: problemResponse('Unknown preset id'),
          500: READ_ERRORS[500],
        },
      },
      config: { csv: scenarioCsvRows },
    },
    async (request) => runPresetWithTrade(request.snapshot, trade, request.params.id, request.body ?? undefined),
  );
};
