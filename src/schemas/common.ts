import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../lib/pagination.js';

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().describe('The request path that produced the problem'),
    code: z.string().describe('Machine-readable error code'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Per-field problems, e.g. `query.year`'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, served as application/problem+json',
    example: {
      type: '/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'The querystring has 1 invalid field(s).',
      instance: '/v1/production?year=abc',
      code: 'validation_failed',
      errors: [{ field: 'querystring.year', message: 'Invalid input: expected number, received NaN' }],
    },
  });

/** An error response as documented: RFC 9457 body under application/problem+json. */
export function problemResponse(description: string, headers?: Record<string, { type: string; description: string }>) {
  return { description, ...(headers ? { headers } : {}), content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** A write while the shared database (PostgreSQL) is unreachable: nothing was stored. */
export const WRITE_UNAVAILABLE = problemResponse(
  'The shared database is unreachable; nothing was stored. Retry after `Retry-After` seconds',
  {
    'Retry-After': { type: 'integer', description: 'Seconds to wait before retrying' },
  },
);

/** Error responses every read route can produce. */
export const READ_ERRORS = {
  400: problemResponse('Malformed parameters; the per-field list is in `errors`'),
  404: problemResponse('Unknown id'),
  500: problemResponse('Unexpected server error'),
} as const;

export const SourceRefSchema = z
  .object({
    id: z.string().describe('Source id; see GET /v1/sources/{id}'),
    citation: z.string().describe('Publisher, title, edition and page or table'),
  })
  .meta({ id: 'SourceRef' });

export const MineralIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a mineral slug such as antimony or rare-earths')
  .describe('Mineral slug, e.g. `antimony`, `rare-earths`');

export const StageIdSchema = z.enum(['mining', 'refining', 'metal', 'component']).describe('Processing stage');

export const Iso3Schema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
  .transform((value) => value.toUpperCase())
  .describe('ISO 3166-1 alpha-3 code (case-insensitive), or WLD / OTH for the world total and the remainder');

/**
 * An importer id (case-insensitive, 2–3 letters, e.g. `USA`, `EU`); the service checks it against the dataset's
 * importers and answers 400 naming the field for any other, so adding an importer is a data row only.
 */
export const ImporterIdSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}$/, 'must be an importer id of 2–3 letters, e.g. USA or EU')
  .transform((value) => value.toUpperCase())
  .describe("Importer id (case-insensitive): one of the dataset's importers, e.g. USA (USGS figures) or EU (EU CRM 2023 study)");

/** A number written as in JSON: `2024`, `-0.5`, `1e2`. */
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A number read from a query string or a path segment, checked by `schema`. Only JSON-number text is a number:
 * z.coerce.number() would read ' ' as 0, '0x10' as 16 and 'true' as 1, and quietly change a score. An empty
 * value (`?minShare=`, as HTML forms send) means "not given", so the default applies.
 */
export function urlNumber<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => {
    if (value === '') return undefined;
    return typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value;
  }, schema);
}

/** An optional year filter: absent or empty (`?year=`) means "not given". */
export const OptionalYearSchema = urlNumber(z.number().int().min(1900).max(2100).optional()).describe('Four-digit year');

/** The paging fields of every collection, named once in the spec (components PageTotal and PageNext). */
const PageTotalSchema = z.number().int().describe('Rows matching the filters, across all pages').meta({ id: 'PageTotal' });
const PageNextSchema = z
  .string()
  .nullable()
  .describe('Cursor for the next page (also in the `Link: rel="next"` header); null on the last page')
  .meta({ id: 'PageNext' });

/** A page of a collection: `total` counts every matching row, `next` is the cursor for the following page. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    total: PageTotalSchema,
    next: PageNextSchema,
  });
}

/** `limit` and `cursor`, accepted by every collection. */
export const PageQuery = {
  limit: urlNumber(z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)).describe(
    `Rows per page, 1–${MAX_PAGE_SIZE.toLocaleString('en-US')} (default ${DEFAULT_PAGE_SIZE})`,
  ),
  cursor: z.string().min(1).optional().describe('Opaque cursor from `next` or the `Link` header of the previous page'),
};

/** `format`, accepted by every route that can answer in CSV. */
export const FormatQuery = {
  format: z.enum(['json', 'csv']).optional().describe('Representation for browsers: `csv` is the same as `Accept: text/csv`'),
};

/** A collection's query: paging, format, and its own filters. */
export const collectionQuery = <Filters extends z.ZodRawShape>(filters: Filters) => z.object({ ...PageQuery, ...FormatQuery, ...filters });

/** An edition id, e.g. `usgs-mcs-2026`; see GET /v1/editions. */
export const EditionIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an edition id such as usgs-mcs-2025');

/** `edition`, accepted by every figure and score route: answer as that edition did (see GET /v1/editions). */
export const EditionQuery = {
  edition: EditionIdSchema.optional().describe(
    'Answer as this edition did (e.g. `usgs-mcs-2025`): series of its family come from the newest edition not newer than it; ' +
      'other families keep their newest edition. Default: for each series and year, the newest edition that reports it.',
  ),
};
