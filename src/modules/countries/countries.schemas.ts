import { z } from 'zod';
import { SourceRefSchema } from '../../schemas/common.js';
import { StageTimeFields } from '../../schemas/scores.js';

export const CountrySchema = z
  .object({
    iso3: z.string().describe('ISO 3166-1 alpha-3, upper case'),
    name: z.string(),
    aliases: z.array(z.string()).describe('Names the sources use, e.g. Burma, Congo (Kinshasa)'),
    region: z.string().nullable().describe('UN M49 region'),
    isAggregate: z.boolean().describe('True for WLD (world total), OTH (other countries) and EUU (European Union)'),
  })
  .meta({ id: 'Country' });

export const WgiEstimatesSchema = z
  .object({
    VA: z.number().nullable(),
    PV: z.number().nullable(),
    GE: z.number().nullable(),
    RQ: z.number().nullable(),
    RL: z.number().nullable(),
    CC: z.number().nullable(),
  })
  .partial();

export const CountryDetailSchema = CountrySchema.extend({
  groups: z.array(z.object({ id: z.string(), name: z.string(), joined: z.string().nullable() })),
  governance: z
    .object({
      year: z.number().int(),
      estimates: WgiEstimatesSchema.describe('World Bank WGI estimates, about −2.5 (worst) to 2.5 (best)'),
      mean: z.number().nullable(),
      euScaled: z.number().nullable().describe('EU rescale (2.5 − mean) × 2: 0 best … 10 worst'),
      edition: z.string().describe('The WGI release (GET /v1/editions): the newest by default, or the one `?edition=` pins'),
      source: SourceRefSchema,
    })
    .nullable()
    .describe('The latest year with all six estimates in the WGI release the view uses'),
  governanceGap: z
    .string()
    .nullable()
    .describe('Why a country has no governance (e.g. not covered by the WGI); null when it has one, and for aggregates'),
  production: z.array(
    z.object({
      mineral: z.string(),
      stage: z.string(),
      ...StageTimeFields,
      basis: z.string(),
      tonnes: z.number().nullable().describe('Null when withheld, and on a share table (no tonnes are published)'),
      share: z.number().nullable().describe('Percent of world output that year'),
      rank: z.number().int().nullable(),
      estimated: z.boolean(),
      withheld: z.boolean(),
      edition: z.string().describe('The edition whose figures answered'),
      source: SourceRefSchema,
    }),
  ),
});
