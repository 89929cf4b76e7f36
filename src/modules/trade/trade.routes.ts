import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { Iso3Schema, MineralIdSchema, SourceRefSchema, OptionalYearSchema, EditionQuery, collectionQuery } from '../../schemas/common.js';
import { listImportReliance, listImportSources } from './trade.service.js';

const ImportRelianceSchema = z
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

const ImportSourceSchema = z
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

const ImporterQuery = Iso3Schema.optional().describe('Importing country (ISO3); the data covers USA');

export const tradeRoutes: FastifyPluginAsyncZod = async (app) => {
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
