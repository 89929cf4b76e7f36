import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, READ_ERRORS, collectionQuery } from '../../schemas/common.js';
import { createTradeRepository } from '../trade/trade.repository.js';
import { importerDependency, listImporters, supplierExposure } from './dependency.service.js';
import {
  DependencySchema,
  ExposureSchema,
  DependencyParamsSchema,
  DependencyQuerySchema,
  ExposureParamsSchema,
  ExposureQuerySchema,
  ImporterSchema,
} from './dependency.schemas.js';

export const dependencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const trade = createTradeRepository(app.tradeDb);
  listRoute(app, '/importers', {
    operationId: 'listImporters',
    tags: ['reference'],
    summary: 'The importers the dependency, supply-risk and scenario routes answer for',
    description:
      'Importers are data (data/importers.csv): adding one is a row plus its figures. Any other id given as `importer` is a 400 naming the field.',
    querystring: collectionQuery({ ...EditionQuery }),
    item: ImporterSchema,
    list: (snapshot) => listImporters(snapshot),
  });
  app.get(
    '/dependency/:importer',
    {
      config: { csv: true },
      schema: {
        operationId: 'getImporterDependency',
        tags: ['scores'],
        summary: 'Per mineral: net import reliance, import sources and their HHI, and a dependency index',
        description:
          "The importer is any of the dataset's importers (USA: USGS net import reliance and import sources; EU: the EU CRM 2023 study's import reliance and sourcing shares at the assessed stage, every stage in `byStage`); any other id is a 400 naming `params.importer`. The dependency index follows the USGS supply-risk structure: trade exposure (import reliance) × disruption potential (governance-weighted concentration of world supply at the chokepoint stage). See GET /v1/methods/import-dependency for caveats.",
        params: DependencyParamsSchema,
        querystring: DependencyQuerySchema,
        response: {
          200: DependencySchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => importerDependency(request.snapshot, request.params.importer, request.query),
  );
  app.get(
    '/dependency/:importer/on/:supplier',
    {
      config: { csv: true },
      schema: {
        operationId: 'getSupplierExposure',
        tags: ['scores'],
        summary: 'How exposed an importer is to one supplier, mineral by mineral, direct and upstream',
        description:
          'direct = import reliance × the supplier’s share of imports (EU: reliance at the assessed stage × the supplier’s share of EU sourcing at that stage; null with `directReason` when a figure is missing); upstream = the supplier’s share of world supply at each stage; effectiveExposure = the larger, with `drivenBy` and an `explanation`. `byStage` (EU) gives direct and the supplier’s world share per stage with the trade variable t. Exposures are fractions 0–1; shares are percentages. Sorted by effective exposure. An importer that is not in the dataset is a 400 naming `params.importer`.',
        querystring: ExposureQuerySchema,
        params: ExposureParamsSchema,
        response: {
          200: ExposureSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => supplierExposure(request.snapshot, trade, request.params.importer, request.params.supplier),
  );
};
