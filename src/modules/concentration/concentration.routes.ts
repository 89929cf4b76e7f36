import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormatQuery, EditionQuery, READ_ERRORS, StageIdSchema } from '../../schemas/common.js';
import { AsOfQuerySchema } from '../../schemas/export-controls.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import {
  concentrationHistory,
  concentrationOverview,
  countryDominance,
  mineralChain,
  mineralConcentration,
} from './concentration.service.js';
import {
  ChainSchema,
  MineralConcentrationSchema,
  HistorySchema,
  OverviewSchema,
  DominanceSchema,
  MineralParamsSchema,
  YearAndStageQuerySchema,
  DominanceParamsSchema,
  DominanceQuerySchema,
} from './concentration.schemas.js';

type MineralConcentration = ReturnType<typeof mineralConcentration>;

export interface ConcentrationRoutesOptions {
  /**
   * What `?asOf=` adds to each scored stage: its share of supply under export controls that day. The export-controls
   * module builds on this one, so modules/index.ts hands its overlay in rather than this module importing it.
   */
  withControlledShare: (snapshot: DatasetSnapshot, result: MineralConcentration, asOf: string) => MineralConcentration;
}

export const concentrationRoutes: FastifyPluginAsyncZod<ConcentrationRoutesOptions> = async (app, { withControlledShare }) => {
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
