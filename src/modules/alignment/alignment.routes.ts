import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormatQuery, EditionQuery, MineralIdSchema, READ_ERRORS, OptionalYearSchema } from '../../schemas/common.js';
import { mineralAlignment } from './alignment.service.js';
import { AlignmentSchema, countriesList } from './alignment.schemas.js';

export const alignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/minerals/:mineral/alignment',
    {
      config: { csv: (body) => (body as { stages: unknown[] }).stages },
      schema: {
        operationId: 'getMineralAlignment',
        tags: ['scores'],
        summary: 'Supply inside and outside a bloc per stage, bloc HHI and the EU CRMA 65% benchmark',
        description: 'Give `group` (e.g. MSP, NATO, G7, Quad, EU, central-asia) or `countries` (ISO3 list), not both.',
        params: z.object({ mineral: MineralIdSchema }),
        querystring: z.object({
          ...FormatQuery,
          ...EditionQuery,
          group: z.string().min(1).optional().describe('Group id, case-insensitive, e.g. MSP'),
          countries: countriesList.optional().describe('Comma-separated ISO3 codes, e.g. USA,CAN,AUS'),
          year: OptionalYearSchema,
        }),
        response: {
          200: AlignmentSchema,
          ...READ_ERRORS,
        },
      },
    },
    async (request) => mineralAlignment(request.snapshot, request.params.mineral, request.query),
  );
};
