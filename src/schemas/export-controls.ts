import { z } from 'zod';
import { CONFIDENCE_LEVELS, END_USER_KINDS, MEASURE_TYPES } from '../domain/export-controls.js';
import { dateProblem } from '../lib/dates.js';
import { MEASURE_STATUSES } from '../scoring/export-controls.js';

/** Shared by the export-controls module and the change feed. */

export const MeasureTypeSchema = z.enum(MEASURE_TYPES).describe('What the measure does');
export const MeasureStatusIdSchema = z.enum(MEASURE_STATUSES).describe('Status on the as-of date; see GET /v1/methods/export-controls');

/** A real calendar day between 1900-01-01 and 2100-12-31, written YYYY-MM-DD. */
export const CalendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .superRefine((value, context) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const problem = dateProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** `asOf`: a calendar day; absent = today (UTC). */
export const AsOfQuerySchema = CalendarDaySchema.optional().describe(
  'Date to read statuses on, YYYY-MM-DD (1900-01-01 … 2100-12-31); default today (UTC)',
);

const nullableDate = (description: string) => z.string().nullable().describe(`${description} (YYYY-MM-DD); null when not recorded`);

/** A measure as stored: what the change feed records and a write returns. */
export const ExportControlValueSchema = z
  .object({
    id: z.string(),
    imposingCountry: z.string().describe('ISO3 of the imposing state; EUU for the European Union'),
    instrument: z.string().describe('The legal instrument as the issuer numbers it'),
    title: z.string(),
    measure: MeasureTypeSchema,
    target: z.string().describe('`all` destinations, `non-oecd`, or the ISO3 of the destination country'),
    endUsers: z.enum(END_USER_KINDS).nullable().describe('For end-user bans: which users of the target country'),
    minerals: z.array(z.string()),
    stages: z.array(z.string()).describe('Stages the measure bites at; empty for technology, equipment and waste controls'),
    covers: z.string().describe('The items covered, in brief'),
    announced: nullableDate('Day of publication or announcement'),
    effective: nullableDate('Day it took or takes effect'),
    ends: nullableDate('Scheduled end, the last day, if the instrument states one'),
    lifted: nullableDate('Day it was lifted or repealed'),
    suspends: z.string().nullable().describe('For a suspension: the measure it suspends'),
    replacedBy: z.string().nullable().describe('The measure that took over from this one'),
    note: z.string().nullable(),
    sourceId: z.string(),
    confidence: z.enum(CONFIDENCE_LEVELS),
  })
  .meta({ id: 'ExportControlValue', description: 'An export-control measure as stored' });
export type ExportControlValue = z.infer<typeof ExportControlValueSchema>;

export const EXPORT_CONTROL_EXAMPLE: ExportControlValue = {
  id: 'cn-mofcom-2024-46-us-ga-ge-sb-denial',
  imposingCountry: 'CHN',
  instrument: 'MOFCOM Announcement No. 46 [2024], clause 2',
  title: 'Gallium, germanium and antimony exports to the US denied in principle',
  measure: 'destination-ban',
  target: 'USA',
  endUsers: null,
  minerals: ['gallium', 'germanium', 'antimony', 'graphite'],
  stages: ['mining', 'refining', 'metal', 'component'],
  covers: 'Gallium, germanium and antimony dual-use items (denied in principle); graphite items (stricter end-user review)',
  announced: '2024-12-03',
  effective: '2024-12-03',
  ends: null,
  lifted: null,
  suspends: null,
  replacedBy: null,
  note: 'Suspended from 2025-11-09 to 2026-11-27; no record found of what followed. Licensing applied throughout.',
  sourceId: 'xc-cn-mofcom-2024-46-us-military-ban',
  confidence: 'high',
};
