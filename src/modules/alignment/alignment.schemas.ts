import { z } from 'zod';
import { CountryShareSchema, InsufficientDataSchema, MethodLinkSchema } from '../../schemas/scores.js';

export const AlignmentSchema = z
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
            .describe('inside + outside; at most 100, as every share is of the world total the concentration answer names'),
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
export const countriesList = z
  .string()
  .regex(/^[A-Za-z]{3}(,[A-Za-z]{3})*$/, 'must be ISO3 codes separated by commas, e.g. USA,CAN,AUS')
  .transform((value) => value.toUpperCase().split(','));
