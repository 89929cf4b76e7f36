import { z } from 'zod';
import { STAGE_GAP_KINDS } from '../domain/supply.js';
import { WORLD_TOTAL_RULES } from '../scoring/world-total.js';
import { SourceRefSchema } from './common.js';

export const MethodLinkSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    href: z.string().describe('GET this for the formula, variables, thresholds, references and caveats'),
  })
  .meta({ id: 'MethodLink' });

export const InsufficientDataSchema = z
  .object({
    status: z.literal('insufficient_data'),
    reason: z.string(),
    method: MethodLinkSchema,
  })
  .meta({ id: 'InsufficientData' });

export const BandSchema = z.enum(['unconcentrated', 'moderately_concentrated', 'highly_concentrated']);

const ProducerShareSchema = z.object({
  country: z.string(),
  name: z.string(),
  tonnes: z.number().nullable().describe('Null on a share-based stage (only shares are published)'),
  share: z.number().describe('Percent of the world total'),
  estimated: z.boolean(),
  lowerBound: z.boolean(),
});

export const WgiUsedSchema = z
  .object({
    edition: z
      .string()
      .nullable()
      .describe('The WGI release the estimates come from (GET /v1/editions); one release per score, never mixed'),
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

/** When a stage is known and how: a data year (tonnes), or a source's reference period (shares). */
export const StageTimeFields = {
  year: z
    .number()
    .int()
    .nullable()
    .meta({ id: 'StageYear', description: 'Data year; null for a share-based stage, which covers `period` instead' }),
  period: z
    .string()
    .nullable()
    .meta({ id: 'StagePeriod', description: 'Reference period of a share-based stage, as its source states it; null for annual tonnes' }),
  measure: z.enum(['tonnes', 'shares']).meta({
    id: 'StageMeasure',
    description: 'tonnes: production by country; shares: published country shares of world supply (tonnes unknown)',
  }),
};

/** A ranking's time basis: the year its ranked rows describe (rows of another time follow them, unranked). */
export const RankingTimeFields = {
  rankingYear: z
    .number()
    .int()
    .nullable()
    .meta({ id: 'RankingYear', description: 'The year the ranked rows describe: `year` if asked, else the newest data year' }),
  comparableTotal: z.number().int().describe('How many rows are ranked (comparable: true); the others follow them'),
};

const RankedRowFields = {
  rank: z
    .number()
    .int()
    .nullable()
    .meta({ id: 'Rank', description: '1 … comparableTotal among the rows of rankingYear; null for a row of another time' }),
};

/** A ranked row of a mineral × stage ranking. */
export const RankedStageFields = { ...RankedRowFields, mineral: z.string(), stage: z.string() };

/** Whether a row can be compared with the ranking's year, and why not. */
export const ComparabilityFields = {
  comparable: z
    .boolean()
    .meta({ id: 'Comparable', description: 'False when the figure describes another year or a study period than rankingYear' }),
  reason: z
    .string()
    .nullable()
    .meta({ id: 'ComparabilityReason', description: 'Why the row is not ranked with the others; null when it is' }),
};

/** Where a point of a series is not of the same publication or basis as the one before it. */
export const SeriesBreakSchema = z
  .object({
    kinds: z.array(z.enum(['publication', 'basis'])),
    reason: z.string(),
  })
  .nullable()
  .meta({
    id: 'SeriesBreak',
    description:
      'Set on a point whose figures come from another publication (edition) or basis than the point before: no change or trend is to be read across it. Null when the series continues',
  });

export const HhiRangeSchema = z
  .object({
    lower: z.number().describe('Σ share² over named producers: the remainder spread over infinitely many producers'),
    upper: z.number().describe('The remainder (unallocated share) as one producer'),
    exact: z.boolean().describe('True when the named shares cover the world to within 0.5 point, so lower ≈ upper'),
  })
  .meta({ id: 'HhiRange', description: 'The HHI the published figures allow: a range wherever part of the world is not attributed' });

export const BelowThresholdSchema = z
  .object({
    countries: z.array(z.string()),
    threshold: z.string().describe('The reporting threshold, as printed (e.g. "<0.1%")'),
    note: z.string(),
  })
  .meta({
    id: 'BelowThreshold',
    description: 'Countries the source lists below its reporting threshold: present, with no number (never 0)',
  });

/** A country with its name and share of world supply at a stage. */
export const CountryShareSchema = z
  .object({
    country: z.string(),
    name: z.string(),
    share: z.number().describe('Percent of world supply (2 dp)'),
  })
  .meta({ id: 'CountryShare' });

/** Which total a stage's shares are of: a world-total rule, or `shares` on a share-based stage (its world is 100 %). */
export const WorldTotalBasisSchema = z.enum([...WORLD_TOTAL_RULES, 'shares']);

/** The denominator of a stage's shares: the published world total, or the rows' sum where that total was rounded below it. */
export const WorldTotalSchema = z
  .object({
    rule: z
      .enum(WORLD_TOTAL_RULES)
      .describe(
        'reconciled: the rows add up to more than the rounded published total, so their sum is used; sum_of_rows: none is published',
      ),
    unit: z.enum(['t', '%']).describe('% on a share-based stage, whose world is 100'),
    published: z.number().nullable().describe('The world total as published; null when none is'),
    used: z.number().describe('The total every share is taken of'),
    accounted: z.number().describe('Named countries plus "Other countries"'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'WorldTotal' });

/** A stage of a mineral without figures, and why (data/curated/stage_gaps.csv): every empty cell of the grid says. */
export const StageGapSchema = z
  .object({
    stage: z.string(),
    name: z.string().describe('What the mineral calls the stage'),
    kind: z
      .enum([...STAGE_GAP_KINDS, 'not-in-edition'])
      .describe('not-in-edition: the figures came with a later edition than the one pinned'),
    reason: z.string(),
    source: SourceRefSchema.nullable(),
  })
  .meta({ id: 'StageGap' });

/** A mineral's stage that a ranking could not score. */
export const InsufficientStageSchema = z
  .object({
    mineral: z.string(),
    stage: z.string(),
    status: z.literal('insufficient_data'),
    kind: z
      .enum([...STAGE_GAP_KINDS, 'not-in-edition', 'not-in-year', 'shares-only'])
      .describe('The first four as StageGap.kind; the last two: figures, but not for the year asked'),
    reason: z.string(),
  })
  .meta({ id: 'InsufficientStage' });

export const ConcentrationBlockSchema = z
  .union([
    z.object({
      stage: z.string(),
      ...StageTimeFields,
      basis: z.string(),
      basisLabel: z.string(),
      edition: z.string().describe('The edition whose figures answered (see GET /v1/editions)'),
      projection: z
        .boolean()
        .describe(
          'True for a projected year (e.g. `?year=2030`): a scenario’s figures, not an observation; never part of “latest”, histories or rankings',
        ),
      scenario: z
        .string()
        .nullable()
        .describe('The scenario a projection belongs to (e.g. "IEA GCMO 2026 base case"); null for observed figures'),
      status: z.literal('ok'),
      hhi: z.number().describe('Σ share² over named producers, 0–10,000'),
      hhiUpperBound: z.number().describe('HHI + unallocatedShare², as if the remainder were one producer'),
      unallocatedShare: z
        .number()
        .describe('Percent not attributed to a named country: the published "Other countries", withheld producers and any gap'),
      otherShare: z.number().nullable().describe('The published "Other countries" row, percent of the total; null when none is printed'),
      namedShareTotal: z.number().describe('Sum of named shares, at most 100 (see inputs.worldTotal)'),
      cr1: z.number(),
      cr3: z.number(),
      hhiRange: HhiRangeSchema,
      equivalentSuppliers: z.number().describe('10,000 / HHI'),
      bands: z.object({ doj2023: BandSchema, hmg2010: BandSchema }),
      top: z.object({ country: z.string(), name: z.string(), tonnes: z.number().nullable(), share: z.number() }),
      belowThreshold: BelowThresholdSchema.nullable(),
      withheld: z.array(z.string()).describe('Known producers whose figure is withheld (counted as unallocated)'),
      governanceWeighted: GovernanceWeightedSchema,
      method: MethodLinkSchema,
      inputs: z.object({
        worldTonnes: z.number().nullable().describe('Null on a share-based stage'),
        worldTotalBasis: WorldTotalBasisSchema,
        worldTotal: WorldTotalSchema,
        otherTonnes: z.number().nullable(),
        producers: z.array(ProducerShareSchema),
        unreported: z.array(z.string()),
        sourceIds: z.array(z.string()),
      }),
      exportControls: z
        .object({
          asOf: z.string(),
          controlledShare: z
            .number()
            .describe('Percent of this stage-year’s world supply under an every-destination export control in force on asOf'),
          unknownShare: z.number().describe('Percent behind measures of unknown status on asOf'),
          measures: z.array(z.string()).describe('The measures in force behind controlledShare'),
          href: z.string().describe('The full breakdown: GET /v1/minerals/{mineral}/export-controls/supply'),
        })
        .optional()
        .describe('Only with `?asOf=`: the share of this stage under export controls on that date, from the same figures'),
    }),
    z.object({
      stage: z.string(),
      year: z.number().int().nullable().optional(),
      period: z.string().nullable().optional(),
      basis: z.string().optional(),
      basisLabel: z.string().optional(),
      edition: z.string().optional(),
      projection: z.boolean().optional(),
      scenario: z.string().nullable().optional(),
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
      year: z.number().int().nullable(),
      period: z.string().nullable(),
      edition: z.string(),
      hhi: z.number(),
      topCountry: z.string(),
      topCountryName: z.string(),
      topShare: z.number(),
      comparedStages: z.array(
        z.object({
          stage: z.string(),
          ...StageTimeFields,
          basis: z.string(),
          basisLabel: z.string(),
          edition: z.string(),
          hhi: z.number(),
        }),
      ),
      comparable: z.boolean().describe('False when the compared stages cover different times or are measured on different bases'),
      reason: z.string().nullable().describe('Why the comparison is not like for like; null when it is'),
      method: MethodLinkSchema,
    }),
    z.object({ status: z.literal('insufficient_data'), stage: z.null(), reason: z.string(), method: MethodLinkSchema }),
  ])
  .meta({ id: 'Chokepoint' });
