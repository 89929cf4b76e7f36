import { z } from 'zod';
import { CHANGE_ACTIONS } from '../../db/schema.js';
import { listOf, urlNumber } from '../../schemas/common.js';
import { EXPORT_CONTROL_EXAMPLE, ExportControlValueSchema } from '../../schemas/export-controls.js';
import { SourceValueSchema } from '../../schemas/sources.js';

/** Most rows one PUT /v1/production may carry. */
export const MAX_UPSERT_ROWS = 1000;

/*
 * Request schemas check JSON types only (a wrong type is a 400). What the values mean — slugs, years, negative
 * tonnes, withheld figures, references, the world-total rule — is checked by the dataset loader's own rules, so
 * an API write and data/*.csv are held to exactly the same standard (a failing rule is a 422).
 */

const optionalText = (description: string) => z.string().nullable().optional().describe(description);

export const NewSourceSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug such as usgs-mcs-2026-tungsten')
      .describe('New source id: a lower-case slug, cited by production rows as `sourceId`'),
    title: z.string().describe('Title of the publication'),
    publisher: z.string().describe('Publisher or author'),
    edition: optionalText('Edition, e.g. 2026'),
    year: z.number().int().nullable().optional().describe('Publication year (four digits)'),
    locator: optionalText('Page, table or sheet'),
    url: optionalText('Where to find it'),
    licence: optionalText('Terms of reuse'),
    notes: optionalText('Which copy was used, and caveats'),
  })
  .meta({
    id: 'NewSource',
    example: {
      id: 'usgs-mcs-2026-tungsten',
      title: 'Mineral Commodity Summaries 2026',
      publisher: 'U.S. Geological Survey',
      edition: '2026',
      year: 2026,
      locator: 'Tungsten chapter, world production table',
      url: 'https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries',
      licence: 'US public domain (USGS)',
    },
  });
export type NewSource = z.infer<typeof NewSourceSchema>;

export const ProductionRowInputSchema = z
  .strictObject({
    mineral: z.string().describe('Mineral id, e.g. `tungsten`'),
    stage: z.string().describe('Stage id: mining, refining, metal or component'),
    country: z.string().describe('ISO 3166-1 alpha-3 (case-insensitive), or WLD (world total) / OTH (other countries)'),
    year: z.number().int().describe('Four-digit year'),
    tonnes: z.number().nullable().describe('Metric tons of the basis, not negative; null only for a withheld figure'),
    basis: z.string().describe('Basis id; it must measure this mineral and stage (see GET /v1/minerals/{mineral})'),
    sourceId: z.string().describe('An existing source (GET /v1/sources, or add one with POST /v1/sources)'),
    estimated: z.boolean().optional().describe('The source marks the figure as estimated (default false)'),
    lowerBound: z.boolean().optional().describe('The source gives the figure as "more than" (default false)'),
    withheld: z.boolean().optional().describe('A known producer whose figure is not published; tonnes must be null (default false)'),
    edition: z
      .string()
      .optional()
      .describe(
        'Edition id (GET /v1/editions), part of the key. Default: the edition that answers for this mineral, stage, basis and year ' +
          'today (the newest that reports it); required when no edition reports that year yet',
      ),
  })
  .meta({ id: 'ProductionRowWrite' });
export type ProductionRowInput = z.infer<typeof ProductionRowInputSchema>;

export const ProductionUpsertSchema = z
  .strictObject({
    rows: z
      .array(ProductionRowInputSchema)
      .min(1)
      .max(MAX_UPSERT_ROWS)
      .describe(`1 to ${MAX_UPSERT_ROWS} rows, each keyed by (mineral, stage, country, year, basis, edition)`),
  })
  .meta({
    id: 'ProductionUpsert',
    example: {
      rows: [
        {
          mineral: 'tungsten',
          stage: 'mining',
          country: 'VNM',
          year: 2024,
          tonnes: 5000,
          basis: 'w-contained',
          sourceId: 'usgs-mcs-2025-tungsten',
          estimated: true,
          edition: 'usgs-mcs-2025',
        },
      ],
    },
  });

// min(1): an empty path segment is not an id, in the spec (so a client or fuzzer never sends one) as on the wire.
export const ProductionDeleteParamsSchema = z.object({
  mineral: z.string().min(1).describe('Mineral id'),
  stage: z.string().min(1).describe('Stage id'),
  country: z
    .string()
    .min(1)
    .transform((value) => value.toUpperCase())
    .describe('ISO3 (case-insensitive), WLD or OTH'),
  year: urlNumber(z.number().int()).describe('Four-digit year'),
  basis: z.string().min(1).describe('Basis id'),
});

export const ProductionDeleteQuerySchema = z.object({
  edition: z
    .string()
    .optional()
    .describe('Edition id of the figure to delete; default: the edition that answers for that mineral, stage, basis and year today'),
});

/** Mineral, stage, country, year and basis: with the edition, what identifies a production figure. */
const productionCoordinates = {
  mineral: z.string(),
  stage: z.string(),
  country: z.string(),
  year: z.number().int(),
  basis: z.string(),
};

export const ProductionKeySchema = z
  .object({
    ...productionCoordinates,
    edition: z.string(),
  })
  .meta({ id: 'ProductionKey', description: 'What identifies a production figure' });

export const ProductionValueSchema = z
  .object({
    ...productionCoordinates,
    tonnes: z.number().nullable(),
    edition: z.string(),
    sourceId: z.string(),
    estimated: z.boolean(),
    withheld: z.boolean(),
    lowerBound: z.boolean(),
  })
  .meta({ id: 'ProductionValue', description: 'A production figure as stored' });
export type ProductionValue = z.infer<typeof ProductionValueSchema>;

const PRODUCTION_VALUE_EXAMPLE = {
  mineral: 'tungsten',
  stage: 'mining',
  country: 'VNM',
  year: 2024,
  basis: 'w-contained',
  tonnes: 5000,
  edition: 'usgs-mcs-2025',
  sourceId: 'usgs-mcs-2025-tungsten',
  estimated: true,
  withheld: false,
  lowerBound: false,
};

export const UpsertResultSchema = z
  .object({
    version: z.string().describe('The dataset version after the write (changes every ETag); unchanged if nothing changed'),
    created: z.number().int().describe('Rows that did not exist before'),
    updated: z.number().int().describe('Existing rows whose values changed'),
    unchanged: z.number().int().describe('Rows identical to what was stored: not rewritten and not in the change feed'),
    rows: z
      .array(ProductionValueSchema.extend({ action: z.enum(['create', 'update', 'unchanged']) }))
      .describe('The stored rows, in request order (country upper-cased, flags defaulted)'),
  })
  .meta({
    id: 'ProductionUpsertResult',
    example: {
      version: '2-5f0c1d9e2a7b',
      created: 0,
      updated: 1,
      unchanged: 0,
      rows: [{ ...PRODUCTION_VALUE_EXAMPLE, action: 'update' }],
    },
  });
export type UpsertResult = z.infer<typeof UpsertResultSchema>;

export type SourceValue = z.infer<typeof SourceValueSchema>;

const changeFields = {
  id: z.number().int().describe('Position in the feed; ascending'),
  version: z.number().int().describe('The dataset version this change produced'),
  at: z.iso.datetime().describe('When the write was accepted (UTC)'),
  actor: z.string().describe('Name of the API key that made the write (never the key)'),
  action: z.enum(CHANGE_ACTIONS),
};

/** One entity's change record: what changed (`key`), and the value before and after. */
function changeOf<Entity extends string, Key extends z.ZodType, Value extends z.ZodType>(entity: Entity, key: Key, value: Value) {
  return z.object({
    ...changeFields,
    entity: z.literal(entity),
    key,
    old: value.nullable().describe('Before the write; null for a create'),
    new: value.nullable().describe('After the write; null for a delete'),
  });
}

export const ProductionChangeSchema = changeOf('production', ProductionKeySchema, ProductionValueSchema).meta({ id: 'ProductionChange' });

export const SourceChangeSchema = changeOf('source', z.object({ id: z.string() }), SourceValueSchema).meta({ id: 'SourceChange' });

export const ExportControlChangeSchema = changeOf('export_control', z.object({ id: z.string() }), ExportControlValueSchema).meta({
  id: 'ExportControlChange',
  example: {
    id: 7,
    version: 9,
    at: '2026-12-02T09:00:00.000Z',
    actor: 'analyst',
    action: 'create',
    entity: 'export_control',
    key: { id: EXPORT_CONTROL_EXAMPLE.id },
    old: null,
    new: EXPORT_CONTROL_EXAMPLE,
  },
});

export const ChangeSchema = z
  .discriminatedUnion('entity', [ProductionChangeSchema, SourceChangeSchema, ExportControlChangeSchema])
  .meta({ id: 'Change' });
export type Change = z.infer<typeof ChangeSchema>;

export const ChangesQuerySchema = z.object({
  since: urlNumber(z.number().int().min(0).default(0)).describe(
    'Only changes with a version greater than this (a previous `currentVersion`); default 0 = everything',
  ),
});

export const ChangeListSchema = listOf(ChangeSchema)
  .extend({
    currentVersion: z.number().int().describe('The dataset version now; pass it as `since` next time'),
  })
  .meta({
    id: 'ChangeList',
    example: {
      data: [
        {
          id: 1,
          version: 2,
          at: '2026-03-02T09:15:00.000Z',
          actor: 'analyst',
          action: 'update',
          entity: 'production',
          key: { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024, basis: 'w-contained', edition: 'usgs-mcs-2025' },
          old: { ...PRODUCTION_VALUE_EXAMPLE, tonnes: 3400 },
          new: PRODUCTION_VALUE_EXAMPLE,
        },
      ],
      total: 1,
      next: null,
      currentVersion: 2,
    },
  });
