import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROJECT_ROOT } from '../config.js';
import { NotFoundError } from '../errors.js';
import { compactOpenApi } from './openapi-compact.js';
import { EXAMPLE_ROUTES, RESPONSE_EXAMPLE_REQUESTS, exampleFileName } from './openapi-examples.js';
import { CSV_TABLE_SCHEMA, transformWithHttpConventions } from './openapi-http.js';

export const API_TAGS = [
  { name: 'minerals', description: 'Minerals, their stages, bases and coverage' },
  { name: 'countries', description: 'Countries, aggregates (WLD, OTH, EUU) and their role in supply' },
  { name: 'reference', description: 'Stages, groups and sources' },
  { name: 'production', description: 'Production by country, stage and year, with reserves' },
  {
    name: 'trade',
    description:
      'US net import reliance and import sources (USGS), and observed U.S. trade by HTS heading and partner (USITC DataWeb, Census: 25 headings, 18 partners and no World row; 1993–2025 and Jan–Apr 1993–2026): flows, a mineral’s trade by partner, what a measure did to imports',
  },
  { name: 'figures', description: 'Revisions of figures between editions, and price series' },
  { name: 'defense', description: 'Defense uses of each mineral' },
  { name: 'scores', description: 'Concentration, chokepoints, supply risk, dependency and alignment, each with its method' },
  { name: 'export-controls', description: 'Export-control measures: status on any date, supply under control, importer exposure' },
  { name: 'scenarios', description: 'Disruption and decoupling scenarios: what if a country stops supplying' },
  { name: 'methods', description: 'The methods behind every score' },
  {
    name: 'quality',
    description: 'What to know before quoting a number: every reconciled total, break, period-based stage, empty stage and censored value',
  },
  { name: 'health', description: 'Liveness and readiness' },
  {
    name: 'writes',
    description:
      'Authenticated writes and the change feed that records them. A write needs `Authorization: Bearer <key>` (a key from ' +
      'API_KEYS), is all-or-nothing, bumps the dataset version (so every ETag changes and scores reflect it at once) and is ' +
      "recorded in GET /v1/changes under the key's name.",
  },
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
          'Errors are RFC 9457 problem details. Collections page with `limit` and a signed `cursor` (RFC 8288 `Link` header); ' +
          'collections and score tables also answer `text/csv`.\n\n' +
          'Every GET answers with a strong `ETag` (send it back in `If-None-Match` for a 304 when nothing changed), ' +
          '`Cache-Control: public, max-age=60, stale-while-revalidate=300` and `Vary`. Every /v1 answer carries `RateLimit-Limit`, ' +
          '`RateLimit-Remaining` and `RateLimit-Reset` (draft-ietf-httpapi-ratelimit-headers); a 429 adds `Retry-After`.\n\n' +
          'Response examples are real answers to the request each example names.',
      },
      // Relative first: Swagger UI and any client that reads the document from a server resolve it against that
      // server (OpenAPI 3.1 §4.8.5); the second is the address `npm start` listens on by default (HOST, PORT).
      servers: [
        { url: '/', description: 'The server that serves this document' },
        { url: 'http://127.0.0.1:3000', description: 'A local server with the default HOST and PORT' },
      ],
      // Reads need no key: said once here for every operation (a write overrides it with bearerAuth), rather than
      // `security: []` on each of ~45 reads.
      security: [],
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

  // The response examples the spec names by `externalValue` (written by `npm run openapi`).
  const exampleFiles = new Set(Object.keys(RESPONSE_EXAMPLE_REQUESTS).map(exampleFileName));
  for (const url of EXAMPLE_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      const { file } = request.params as { file: string };
      if (!exampleFiles.has(file)) throw new NotFoundError(`No response example is called ${file}; the spec names each one`);
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(await readFile(join(PROJECT_ROOT, 'openapi', 'examples', file)));
    });
  }
}

export default fp(openapi, { name: 'openapi' });
