import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormatQuery, EditionQuery, MineralIdSchema, READ_ERRORS, OptionalYearSchema } from '../../schemas/common.js';
import { CountryShareSchema, InsufficientDataSchema, MethodLinkSchema } from '../../schemas/scores.js';
import { mineralAlignment } from './alignment.service.js';

const AlignmentSchema = z
  .object({
    mineral: z.string(),
    bloc: z.object({ group: z.string().nullable(), name: z.string(), members: z.array(z.string()) }),
    year: z.number().int().nullable(),
    stages: z.array(
      z.union([
        z.object({
          stage: z.string(),
          status: z.literal('ok'),
          year: z
            .number()
            .int()
            .nullable()
            .describe('Data year; null for a share-based stage (see GET /v1/minerals/{mineral}/chain for its period)'),
          insideShare: z.number().describe('Percent of world supply from bloc members'),
          outsideShare: z.number().describe('Percent from named non-members'),
          unallocatedShare: z.number().describe('Percent from unnamed producers: membership unknown'),
          namedShareTotal: z
            .number()
            .describe('inside + outside: can exceed 100 because published world totals are rounded (antimony 2024: 103.96)'),
          largestNonMember: CountryShareSchema.nullable(),
          memberProducers: z.array(CountryShareSchema),
          blocHhi: z.number().describe('HHI with the bloc merged into one producer'),
          hhi: z.number(),
          crmaBenchmark: z.object({
            maxSingleCountryShare: z.number().describe('65: no single third country above this share (EU CRMA)'),
            passes: z.boolean(),
            worstCountry: CountryShareSchema.nullable(),
          }),
          sourceIds: z.array(z.string()),
          method: MethodLinkSchema,
        }),
        InsufficientDataSchema.extend({ stage: z.string() }),
      ]),
    ),
    method: MethodLinkSchema,
  })
  .meta({
    id: 'BlocAlignment',
  });

/** The pattern is in the spec too, so a client can tell `USA,CAN` from `USA, CAN` or an empty list before asking. */
const countriesList = z
  .string()
  .regex(/^[A-Za-z]{3}(,[A-Za-z]{3})*$/, 'must be ISO3 codes separated by commas, e.g. USA,CAN,AUS')
  .transform((value) => value.toUpperCase().split(','));

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
