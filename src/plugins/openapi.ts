import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { compactOpenApi } from './openapi-compact.js';
import { CSV_TABLE_SCHEMA, transformWithHttpConventions } from './openapi-http.js';

export const API_TAGS = [
  { name: 'minerals', description: 'Minerals, their stages, bases and coverage' },
  { name: 'countries', description: 'Countries, aggregates (WLD, OTH) and their role in supply' },
  { name: 'reference', description: 'Stages, groups and sources' },
  { name: 'production', description: 'Production by country, stage and year, with reserves' },
  { name: 'trade', description: 'US net import reliance and import sources' },
  { name: 'defense', description: 'Defense uses of each mineral' },
  { name: 'scores', description: 'Concentration, chokepoints, supply risk, dependency and alignment, each with its method' },
  { name: 'export-controls', description: 'Export-control measures: status on any date, supply under control, importer exposure' },
  { name: 'scenarios', description: 'Disruption and decoupling scenarios: what if a country stops supplying' },
  { name: 'methods', description: 'The methods behind every score' },
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'writes', description: 'Authenticated writes (Authorization: Bearer <API key>) and the change feed that records them' },
];

async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chokepoint API',
        version: '1.0.0',
        description:
          'Where critical-mineral supply chains are concentrated, stage by stage, and how dependent a country ' +
          'is on them. Every figure carries its source and flags; every score names its method and shows its inputs; ' +
          'missing data is reported as `insufficient_data`, never as zero.\n\n' +
          'Units: fields called `share` are percentages (0–100); fields called reliance, exposure, reduction or loss ' +
          '(e.g. `effectiveExposure`, `lossShare`, `bindingLoss`, `importReliance`) are fractions (0–1). Tonnes are metric ' +
          'tonnes of the stated basis.\n\n' +
          'Errors are RFC 9457 problem details. Collections page with `limit` and a signed `cursor` (RFC 8288 `Link` ' +
          'header), collections and score tables answer `text/csv`, and every GET carries a strong ETag for conditional requests.',
      },
      tags: API_TAGS,
      components: {
        schemas: { CsvTable: CSV_TABLE_SCHEMA },
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: "An API key from the server's API_KEYS setting, sent as `Authorization: Bearer <key>`; writes only",
          },
        },
      },
    },
    hideUntagged: true,
    transform: transformWithHttpConventions,
    // Components from the zod registry (`.meta({ id })`), then what repeats across operations written once.
    transformObject: (document) => compactOpenApi(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapi, { name: 'openapi' });
