import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SALIENT_STATISTICS } from '../../domain/salient.js';
import {
  Iso3Schema,
  MineralIdSchema,
  READ_ERRORS,
  SourceRefSchema,
  StageIdSchema,
  OptionalYearSchema,
  FormatQuery,
  EditionQuery,
  PageQuery,
  listOf,
} from '../../schemas/common.js';
import { listCapacity, listProduction, listReserves, listSalient } from './production.service.js';

export const ProductionFigureSchema = z
  .object({
    mineral: z.string(),
    stage: z.string(),
    country: z.string().describe('ISO3, or WLD (published world total) / OTH (published "other countries")'),
    year: z.number().int(),
    tonnes: z.number().nullable().describe('Metric tons of the basis; null only when withheld'),
    basis: z.string().describe('Basis id; see the mineral for labels'),
    basisLabel: z.string(),
    edition: z.string().describe('The edition the figure belongs to (e.g. `usgs-mcs-2026`); see GET /v1/editions'),
    estimated: z.boolean(),
    withheld: z.boolean().describe('A known producer whose figure is not published'),
    lowerBound: z.boolean().describe('The source gives the figure as "more than"'),
    source: SourceRefSchema,
  })
  .meta({ id: 'ProductionFigure' });

const ReserveSchema = z
  .object({
    mineral: z.string(),
    country: z.string(),
    year: z.number().int(),
    tonnes: z.number(),
    basis: z.string(),
    lowerBound: z.boolean(),
    edition: z.string().describe('The edition the figure belongs to; see GET /v1/editions'),
    source: SourceRefSchema,
  })
  .meta({ id: 'Reserve' });

const CapacitySchema = z
  .object({
    mineral: z.string(),
    stage: z.string(),
    country: z.string().describe('ISO3, or WLD for the published world total'),
    year: z.number().int(),
    tonnes: z.number().describe('Metric tons of the basis per year'),
    basis: z.string(),
    basisLabel: z.string(),
    estimated: z.boolean(),
    lowerBound: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Capacity' });

const SalientSchema = z
  .object({
    country: z.string(),
    mineral: z.string(),
    statistic: z.enum(SALIENT_STATISTICS),
    detail: z.string().describe('The line as the source prints it, e.g. "Imports for consumption: Oxide"'),
    unit: z.string().describe('`t` (metric tons; kilograms and thousand tons converted) or the unit as published'),
    year: z.number().int(),
    value: z.number().nullable().describe('null when withheld (W) or not available (NA); never zero for a missing figure'),
    valueText: z.string().describe('As published'),
    estimated: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'SalientStatistic' });

export const productionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/capacity',
    {
      config: { csv: true },
      schema: {
        operationId: 'listCapacity',
        tags: ['production'],
        summary: 'Production capacity by country as published (gallium, titanium sponge, refined bismuth, indium, tellurium)',
        description: 'Capacity is not production: no score reads it.',
        querystring: z.object({
          ...PageQuery,
          ...FormatQuery,
          ...EditionQuery,
          mineral: MineralIdSchema.optional(),
          stage: StageIdSchema.optional(),
          country: Iso3Schema.optional(),
          year: OptionalYearSchema,
        }),
        response: {
          200: listOf(CapacitySchema),
          ...READ_ERRORS,
        },
      },
    },
    async (request, reply) => app.page(request, reply, listCapacity(request.snapshot, request.query)),
  );
  app.get(
    '/salient',
    {
      config: { csv: true },
      schema: {
        operationId: 'listSalientStatistics',
        tags: ['trade'],
        summary: 'A country’s salient statistics (USGS: U.S. production, imports, exports, consumption, stocks, stockpile shipments)',
        querystring: z.object({
          ...PageQuery,
          ...FormatQuery,
          ...EditionQuery,
          mineral: MineralIdSchema.optional(),
          country: Iso3Schema.optional(),
          statistic: z.enum(SALIENT_STATISTICS).optional(),
          year: OptionalYearSchema,
        }),
        response: {
          200: listOf(SalientSchema),
          ...READ_ERRORS,
        },
      },
    },
    async (request, reply) => app.page(request, reply, listSalient(request.snapshot, request.query)),
  );
  app.get(
    '/production',
    {
      config: { csv: true },
      schema: {
        operationId: 'listProduction',
        tags: ['production'],
        summary: 'Production figures by mineral, stage, country and year',
        description: 'Includes the published world total (WLD) and "other countries" (OTH) rows, each with its source and flags.',
        querystring: z.object({
          ...PageQuery,
          ...FormatQuery,
          ...EditionQuery,
          mineral: MineralIdSchema.optional(),
          stage: StageIdSchema.optional(),
          country: Iso3Schema.optional(),
          year: OptionalYearSchema,
          from: OptionalYearSchema.describe('First year (inclusive)'),
          to: OptionalYearSchema.describe('Last year (inclusive)'),
        }),
        response: {
          200: listOf(ProductionFigureSchema),
          400: READ_ERRORS[400],
          500: READ_ERRORS[500],
        },
      },
    },
    async (request, reply) => app.page(request, reply, listProduction(request.snapshot, request.query)),
  );
  app.get(
    '/reserves',
    {
      config: { csv: true },
      schema: {
        operationId: 'listReserves',
        tags: ['production'],
        summary: 'Reserves by mineral and country',
        querystring: z.object({
          ...PageQuery,
          ...FormatQuery,
          ...EditionQuery,
          mineral: MineralIdSchema.optional(),
          country: Iso3Schema.optional(),
          year: OptionalYearSchema,
        }),
        response: {
          200: listOf(ReserveSchema),
          400: READ_ERRORS[400],
          500: READ_ERRORS[500],
        },
      },
    },
    async (request, reply) => app.page(request, reply, listReserves(request.snapshot, request.query)),
  );
};
