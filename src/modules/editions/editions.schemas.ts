import { z } from 'zod';
import { SourceRefSchema } from '../../schemas/common.js';

export const EditionSchema = z
  .object({
    id: z.string().describe('Edition id, as `edition` in every figure and `?edition=` on figure and score routes'),
    family: z.string().describe('Editions of one family revise each other (e.g. usgs-mcs)'),
    publisher: z.string(),
    title: z.string(),
    doi: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().describe('Publication date: YYYY-MM-DD, YYYY-MM or YYYY as precisely as known'),
    dataYears: z
      .string()
      .describe(
        'Years its figures cover: a range (2021-2025), a year, or a list ("2021, 2025"); empty when the source does not state them (see notes)',
      ),
    newest: z.boolean().describe('The newest edition of its family: it answers by default for the series it reports'),
    supersededBy: z.string().nullable().describe('The newest edition of the family, when this one is older'),
    notes: z.string().nullable(),
    figures: z
      .object({
        production: z.number().int(),
        capacity: z.number().int(),
        reserves: z.number().int(),
        importReliance: z.number().int(),
        importSources: z.number().int(),
        apparentConsumption: z.number().int(),
        prices: z.number().int(),
        salient: z.number().int(),
        governance: z.number().int().describe('WGI estimates (country, year, indicator)'),
        projections: z.number().int().describe('Projected figures (a scenario’s tonnes for a future year), never counted as production'),
      })
      .describe('How many figures of each kind the edition holds'),
  })
  .meta({ id: 'Edition' });

export const RevisionSchema = z
  .object({
    kind: z.enum(['production', 'reserves', 'import_reliance']),
    mineral: z.string(),
    stage: z.string().nullable().describe('Production only'),
    country: z.string().describe('Producing country, or the importer for import reliance'),
    countryName: z.string(),
    year: z.number().int(),
    basis: z.string().describe('Basis id (production), basis text (reserves) or `net import reliance`'),
    form: z.string().nullable(),
    unit: z.string().describe('`t` (metric tons of the basis) or `%`'),
    oldEdition: z.string(),
    oldValue: z.number().nullable().describe('null when withheld or not numeric (e.g. E, net exporter)'),
    oldValueText: z.string().describe('As published: `>` marks a lower bound, `W` withheld'),
    newEdition: z.string(),
    newValue: z.number().nullable(),
    newValueText: z.string(),
    change: z.number().nullable().describe('newValue − oldValue'),
    relativeChange: z.number().nullable().describe('change / oldValue (a fraction); null when either is missing or old is 0'),
    oldSource: SourceRefSchema,
    newSource: SourceRefSchema,
  })
  .meta({ id: 'Revision' });

export const PriceSchema = z
  .object({
    mineral: z.string(),
    series: z.string().describe('Series id within the mineral'),
    description: z.string().describe('The series as the source names it'),
    unit: z.string().describe('Unit as published, e.g. dollars per pound'),
    year: z.number().int(),
    value: z.number().nullable().describe('null when the source gives no number (W, NA)'),
    valueText: z.string(),
    estimated: z.boolean(),
    edition: z.string(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Price' });
