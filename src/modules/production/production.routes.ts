import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { SALIENT_STATISTICS } from '../../domain/salient.js';
import {
  Iso3Schema,
  MineralIdSchema,
  SourceRefSchema,
  StageIdSchema,
  OptionalYearSchema,
  EditionQuery,
  collectionQuery,
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

/** The filters of the per-stage figure collections (production, capacity). */
const STAGE_FIGURE_FILTERS = {
  ...EditionQuery,
  mineral: MineralIdSchema.optional(),
  stage: StageIdSchema.optional(),
  country: Iso3Schema.optional(),
  year: OptionalYearSchema,
};

export const productionRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/capacity', {
    operationId: 'listCapacity',
    tags: ['production'],
    summary: 'Production capacity by country as published (gallium, titanium sponge, refined bismuth, indium, tellurium)',
    description: 'Capacity is not production: no score reads it.',
    querystring: collectionQuery(STAGE_FIGURE_FILTERS),
    item: CapacitySchema,
    unknownId: true,
    list: (snapshot, query) => listCapacity(snapshot, query),
  });
  listRoute(app, '/salient', {
    operationId: 'listSalientStatistics',
    tags: ['trade'],
    summary: 'A country’s salient statistics (USGS: U.S. production, imports, exports, consumption, stocks, stockpile shipments)',
    querystring: collectionQuery({
      ...EditionQuery,
      mineral: MineralIdSchema.optional(),
      country: Iso3Schema.optional(),
      statistic: z.enum(SALIENT_STATISTICS).optional(),
      year: OptionalYearSchema,
    }),
    item: SalientSchema,
    unknownId: true,
    list: (snapshot, query) => listSalient(snapshot, query),
  });
  listRoute(app, '/production', {
    operationId: 'listProduction',
    tags: ['production'],
    summary: 'Production figures by mineral, stage, country and year',
    description: 'Includes the published world total (WLD) and "other countries" (OTH) rows, each with its source and flags.',
    querystring: collectionQuery({
      ...STAGE_FIGURE_FILTERS,
      from: OptionalYearSchema.describe('First year (inclusive)'),
      to: OptionalYearSchema.describe('Last year (inclusive)'),
    }),
    item: ProductionFigureSchema,
    list: (snapshot, query) => listProduction(snapshot, query),
  });
  listRoute(app, '/reserves', {
    operationId: 'listReserves',
    tags: ['production'],
    summary: 'Reserves by mineral and country',
    querystring: collectionQuery({
      ...EditionQuery,
      mineral: MineralIdSchema.optional(),
      country: Iso3Schema.optional(),
      year: OptionalYearSchema,
    }),
    item: ReserveSchema,
    list: (snapshot, query) => listReserves(snapshot, query),
  });
};
