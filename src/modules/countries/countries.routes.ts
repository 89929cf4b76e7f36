import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoute } from '../list-route.js';
import { EditionQuery, Iso3Schema, READ_ERRORS, collectionQuery } from '../../schemas/common.js';
import { getCountry, listCountries } from './countries.service.js';
import { CountrySchema, CountryDetailSchema } from './countries.schemas.js';

export const countriesRoutes: FastifyPluginAsyncZod = async (app) => {
  listRoute(app, '/countries', {
    operationId: 'listCountries',
    tags: ['countries'],
    summary: 'Countries and the aggregates (WLD, OTH, EUU)',
    querystring: collectionQuery({
      group: z.string().optional().describe('Only members of this group, e.g. msp'),
      region: z.string().optional().describe('Only this UN M49 region'),
    }),
    item: CountrySchema,
    list: (snapshot, query) => listCountries(snapshot, query),
  });
  app.get(
    '/countries/:iso3',
    {
      schema: {
        operationId: 'getCountry',
        tags: ['countries'],
        summary: 'One country: groups, latest governance, and what it produces with its world share',
        params: z.object({ iso3: Iso3Schema }),
        querystring: z.object({ ...EditionQuery }),
        response: {
          200: CountryDetailSchema.meta({
            id: 'CountryDetail',
          }),
          ...READ_ERRORS,
        },
      },
    },
    async (request) => getCountry(request.snapshot, request.params.iso3),
  );
};
