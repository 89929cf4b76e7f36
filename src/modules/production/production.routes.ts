import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { SALIENT_STATISTICS } from '../../domain/salient.js';
import { Iso3Schema, MineralIdSchema, StageIdSchema, OptionalYearSchema, EditionQuery, collectionQuery } from '../../schemas/common.js';
import { listCapacity, listProduction, listReserves, listSalient } from './production.service.js';
import { ProductionFigureSchema, ReserveSchema, CapacitySchema, SalientSchema } from './production.schemas.js';

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
