import { z } from 'zod';

export const MethodLinkSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    href: z.string().describe('GET this for the formula, variables, thresholds, references and caveats'),
  })
  .meta({ id: 'MethodLink' });

export const InsufficientDataSchema = z.object({
  status: z.literal('insufficient_data'),
  reason: z.string(),
  method: MethodLinkSchema,
});

export const BandSchema = z.enum(['unconcentrated', 'moderately_concentrated', 'highly_concentrated']);

const ProducerShareSchema = z.object({
  country: z.string(),
  name: z.string(),
  tonnes: z.number(),
  share: z.number().describe('Percent of the world total'),
  estimated: z.boolean(),
  lowerBound: z.boolean(),
});

export const WgiUsedSchema = z
  .object({
    edition: z.string().nullable().describe('The WGI release the estimates come from (GET /v1/editions); one release per score, never mixed'),
    years: z.array(z.number().int()).describe('WGI data years used (each country: its latest year with all six estimates)'),
  })
  .meta({ id: 'WgiUsed' });

export const MissingGovernanceSchema = z
  .object({
    countries: z.array(z.string()).describe('Left out of the sum: the score is a lower bound while this is non-empty'),
    combinedShare: z.number().describe('Their combined share, percent'),
    reasons: z.array(z.object({ country: z.string(), reason: z.string() })).describe('Why each has no WGI score'),
  })
  .meta({ id: 'MissingGovernance' });

const GovernanceWeightedSchema = z.union([
  z.object({
    status: z.literal('ok'),
    hhiWgi: z.number().describe('Σ (share/100)² × WGI(0–10) × t'),
    scale: z.string(),
    wgiYears: z.array(z.number().int()).describe('WGI years used (also in `wgi`, kept for existing clients)'),
    wgi: WgiUsedSchema,
    tradeFactor: z.number().describe('t, applied as 1: the EU export-restriction factor formula is not published'),
    missingGovernance: MissingGovernanceSchema,
    method: MethodLinkSchema,
  }),
  InsufficientDataSchema,
]);

export const ConcentrationBlockSchema = z
  .union([
    z.object({
      stage: z.string(),
      year: z.number().int(),
      basis: z.string(),
      basisLabel: z.string(),
      edition: z.string().describe('The edition whose figures answered (see GET /v1/editions)'),
      status: z.literal('ok'),
      hhi: z.number().describe('Σ share² over named producers, 0–10,000'),
      hhiUpperBound: z.number().describe('HHI + unallocatedShare², as if the remainder were one producer'),
      unallocatedShare: z.number().describe('Percent not attributed to a named country (other countries, withheld)'),
      namedShareTotal: z.number().describe('Sum of named shares; may exceed 100 because world totals are rounded'),
      cr1: z.number(),
      cr3: z.number(),
      equivalentSuppliers: z.number().describe('10,000 / HHI'),
      bands: z.object({ doj2023: BandSchema, hmg2010: BandSchema }),
      top: z.object({ country: z.string(), name: z.string(), tonnes: z.number(), share: z.number() }),
      withheld: z.array(z.string()).describe('Known producers whose figure is withheld (counted as unallocated)'),
      governanceWeighted: GovernanceWeightedSchema,
      method: MethodLinkSchema,
      inputs: z.object({
        worldTonnes: z.number(),
        worldTotalBasis: z.enum(['published', 'sum_of_rows']),
        otherTonnes: z.number().nullable(),
        producers: z.array(ProducerShareSchema),
        unreported: z.array(z.string()),
        sourceIds: z.array(z.string()),
      }),
      exportControls: z
        .object({
          asOf: z.string(),
          controlledShare: z.number().describe('Percent of this stage-year’s world supply under an every-destination export control in force on asOf'),
          unknownShare: z.number().describe('Percent behind measures of unknown status on asOf'),
          measures: z.array(z.string()).describe('The measures in force behind controlledShare'),
          href: z.string().describe('The full breakdown: GET /v1/minerals/{mineral}/export-controls/supply'),
        })
        .optional()
        .describe('Only with `?asOf=`: the share of this stage under export controls on that date, from the same figures'),
    }),
    z.object({
      stage: z.string(),
      year: z.number().int().optional(),
      basis: z.string().optional(),
      basisLabel: z.string().optional(),
      edition: z.string().optional(),
      status: z.literal('insufficient_data'),
      reason: z.string(),
      method: MethodLinkSchema,
    }),
  ])
  .meta({ id: 'ConcentrationBlock' });

export const ChokepointSchema = z
  .union([
    z.object({
      status: z.literal('ok'),
      stage: z.string(),
      year: z.number().int(),
      edition: z.string(),
      hhi: z.number(),
      topCountry: z.string(),
      topCountryName: z.string(),
      topShare: z.number(),
      comparedStages: z.array(z.object({ stage: z.string(), year: z.number().int(), edition: z.string(), hhi: z.number() })),
      method: MethodLinkSchema,
    }),
    z.object({ status: z.literal('insufficient_data'), stage: z.null(), reason: z.string(), method: MethodLinkSchema }),
  ])
  .meta({ id: 'Chokepoint' });
