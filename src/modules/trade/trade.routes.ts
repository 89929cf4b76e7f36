import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import {
  Iso3Schema,
  MineralIdSchema,
  OptionalYearSchema,
  EditionQuery,
  collectionQuery,
  listOf,
  READ_ERRORS,
} from '../../schemas/common.js';
import { createTradeRepository } from './trade.repository.js';
import {
  HtsHeadingSchema,
  MeasureParams,
  MineralTradeParams,
  MineralTradeQuery,
  MineralTradeSchema,
  ObservedEffectSchema,
  TradeFlowSchema,
  TradeFlowsQuery,
} from './trade.schemas.js';
import { listImportReliance, listImportSources, listTradeFlows, listTradeHeadings, mineralTrade, observedEffect } from './trade.service.js';
import { ImportRelianceSchema, ImportSourceSchema } from './trade.schemas.js';

const ImporterQuery = Iso3Schema.optional().describe('Importing country (ISO3); the data covers USA');

export const tradeRoutes: FastifyPluginAsyncZod = async (app) => {
  const trade = createTradeRepository(app.tradeDb);

  app.get(
    '/trade/flows',
    {
      config: { csv: true },
      schema: {
        operationId: 'listTradeFlows',
        tags: ['trade'],
        summary: 'Observed trade by HTS heading, partner and year: value in USD and each quantity with its unit',
        description: `A value is summed over the units of quantity the heading's lines are counted in; quantities in different units are never added. A missing line is no row, never a zero. A malformed heading, an unknown partner or a year outside the data is a 400 naming the field.`,
        querystring: TradeFlowsQuery,
        response: { 200: listOf(TradeFlowSchema), 400: READ_ERRORS[400], 404: READ_ERRORS[404], 500: READ_ERRORS[500] },
      },
    },
    async (request, reply) => app.pageQuery(request, reply, listTradeFlows(request.snapshot, trade, request.query)),
  );

  listRoute(app, '/trade/headings', {
    operationId: 'listTradeHeadings',
    tags: ['trade'],
    summary: 'Which mineral and stage each HTS heading of the trade file stands for, and which are only proxies',
    description: 'The heading map (data/hts_headings.csv): a proxy heading holds much more than the mineral and is never its own flow.',
    querystring: collectionQuery({}),
    item: HtsHeadingSchema,
    list: (snapshot) => listTradeHeadings(snapshot, trade),
  });

  app.get(
    '/minerals/:mineral/trade',
    {
      schema: {
        operationId: 'getMineralTrade',
        tags: ['trade'],
        summary: "A mineral's observed U.S. trade by partner over time, shares of the covered partners and the Jan–Apr comparison",
        description: `Own headings and proxies are kept apart. Shares (\`shareOfCoveredPartnersPct\`) and the HHI are of the covered partners only: a lower-coverage figure. \`controls\` lists the export-control measures on the mineral that bite on the U.S., with their dates and observed effect.`,
        params: MineralTradeParams,
        querystring: MineralTradeQuery,
        response: { 200: MineralTradeSchema, ...READ_ERRORS },
      },
    },
    async (request) => mineralTrade(request.snapshot, trade, request.params.mineral, request.query),
  );

  app.get(
    '/export-controls/:id/observed-trade',
    {
      schema: {
        operationId: 'getExportControlObservedTrade',
        tags: ['trade'],
        summary: 'What a measure did to U.S. imports from the imposing country: before and after, and the latest Jan–Apr',
        description: `For a measure aimed at the U.S. or at every destination: U.S. imports of each covered mineral's headings (own and proxies apart) from the imposing country in the last full year before it took effect against the first full year after, and the latest January–April against the year before, in USD and kg with the change in %; the same around each suspension and the lifting where the data reaches them. Other measures answer with \`observed: null\` and the reason.`,
        params: MeasureParams,
        response: { 200: ObservedEffectSchema, ...READ_ERRORS },
      },
    },
    async (request) => observedEffect(request.snapshot, trade, request.params.id),
  );

  listRoute(app, '/import-reliance', {
    operationId: 'listImportReliance',
    tags: ['trade'],
    summary: 'Net import reliance as a share of apparent consumption',
    querystring: collectionQuery({
      ...EditionQuery,
      importer: ImporterQuery,
      mineral: MineralIdSchema.optional(),
      year: OptionalYearSchema,
    }),
    item: ImportRelianceSchema,
    list: (snapshot, query) => listImportReliance(snapshot, query),
  });
  listRoute(app, '/import-sources', {
    operationId: 'listImportSources',
    tags: ['trade'],
    summary: 'Where imports come from, by period',
    querystring: collectionQuery({
      ...EditionQuery,
      importer: ImporterQuery,
      mineral: MineralIdSchema.optional(),
      period: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .optional()
        .describe('e.g. 2020-23'),
    }),
    item: ImportSourceSchema,
    list: (snapshot, query) => listImportSources(snapshot, query),
  });
};
