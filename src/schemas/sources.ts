import { z } from 'zod';

/** A publication as stored: what GET /v1/sources serves (plus its citation) and what the change feed records. */
export const SourceValueSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    edition: z.string().nullable(),
    year: z.number().int().nullable(),
    locator: z.string().nullable().describe('Page, table or sheet'),
    url: z.string().nullable(),
    licence: z.string().nullable(),
    notes: z.string().nullable().describe('Which copy was used, and caveats'),
  })
  .meta({ id: 'SourceValue', description: 'A source as stored' });
