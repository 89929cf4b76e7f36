import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { catalogueTable, insertOf } from '../db/catalogue.js';
import { DEFENSE_CATEGORIES } from '../domain/defense.js';
import { SALIENT_STATISTICS } from '../domain/salient.js';
import { STAGE_GAP_KINDS } from '../domain/supply.js';
import { TRADE_PERIODS } from '../domain/trade.js';
import { TRADE_FLOWS, type exportControls } from '../db/schema.js';
import { CONFIDENCE_LEVELS, END_USER_KINDS, MEASURE_TYPES, TARGET_ALL, TARGET_NON_OECD } from '../domain/export-controls.js';
import {
  decimal,
  flag,
  iso3,
  nonNegativeNumber,
  optionalDate,
  optionalNonNegativeNumber,
  optionalPercent,
  optionalText,
  optionalYear,
  positiveInteger,
  requiredText,
  slug,
  slugList,
  year,
} from './fields.js';

/** Which earlier table a field points at; checked by the validator. */
export type ReferenceTarget = 'stages' | 'minerals' | 'bases' | 'countries' | 'sources' | 'editions' | 'groups' | 'importers';

export interface TableSpec<Row> {
  /** Data file name under data/. */
  file: string;
  table: SQLiteTable;
  rowSchema: z.ZodType<Row, Record<string, string>>;
  /** The fields that identify a row; duplicates are refused. */
  key: readonly (keyof Row & string)[];
  /** What other tables this one's fields point at. */
  references: readonly { field: keyof Row & string; target: ReferenceTarget }[];
  /** The value other tables refer to (for reference targets). */
  id?: (row: Row) => string;
  toInsert: (row: Row) => Record<string, unknown>;
}

/** A data file's row rules, with everything else about its table from the catalogue. */
function spec<Row>(
  file: string,
  rowSchema: z.ZodType<Row, Record<string, string>>,
  toInsert?: (row: Row) => Record<string, unknown>,
): TableSpec<Row> {
  const entry = catalogueTable(file);
  // A one-field key is what other tables refer to.
  const idField = entry.key.length === 1 ? entry.key[0] : undefined;
  return {
    file,
    table: entry.table,
    rowSchema,
    key: entry.key as (keyof Row & string)[],
    references: entry.references as { field: keyof Row & string; target: ReferenceTarget }[],
    ...(idField ? { id: (row: Row) => String(row[idField as keyof Row]) } : {}),
    toInsert: toInsert ?? ((row) => insertOf(entry, row as Record<string, unknown>)),
  };
}

/** Every figure belongs to an edition of its source. */
const cited = { edition: slug, source: slug };
/** What a figure of one mineral, stage, country and year on one basis is keyed by. */
const stageFigureKey = { mineral: slug, stage: slug, country: iso3, year, basis: slug };
/** An importer's figure for a mineral, in a product form where the source splits it. */
const importerForm = { importer: iso3, mineral: slug, form: z.string().trim() };

const StageRow = z.object({ id: slug, name: requiredText, sort_order: positiveInteger, description: requiredText });
const MineralRow = z.object({ id: slug, name: requiredText, symbol: optionalText, description: requiredText });
const BasisRow = z.object({
  id: slug,
  mineral: slug,
  stage: slug,
  label: requiredText,
  description: requiredText,
  priority: positiveInteger,
});
const CountryRow = z.object({
  iso3,
  name: requiredText,
  aliases: z.string().trim(),
  region: optionalText,
  is_aggregate: flag,
});
export const SourceRow = z.object({
  id: slug,
  title: requiredText,
  publisher: requiredText,
  edition: optionalText,
  year: optionalYear,
  locator: optionalText,
  url: optionalText,
  licence: optionalText,
  notes: optionalText,
});
export type SourceRow = z.infer<typeof SourceRow>;
const EditionRow = z.object({
  id: slug,
  family: slug,
  publisher: requiredText,
  title: requiredText,
  doi: optionalText,
  url: optionalText,
  published: z
    .string()
    .trim()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  // A range, a year or a list of them ("2021, 2025" when an edition gives separate years); empty when the source
  // does not state its years (the EU study's reference period).
  data_years: z
    .string()
    .trim()
    .regex(/^(\d{4}(-\d{4})?(, \d{4}(-\d{4})?)*)?$/, 'must look like 2021-2025, 2024 or 2021, 2025, or be empty'),
  notes: optionalText,
});
export const ProductionRow = z
  .object({
    ...stageFigureKey,
    tonnes: optionalNonNegativeNumber,
    ...cited,
    estimated: flag,
    withheld: flag,
    lower_bound: flag,
  })
  .superRefine((row, context) => {
    if (row.withheld && row.tonnes !== null) {
      context.addIssue({ code: 'custom', path: ['tonnes'], message: 'must be empty for a withheld figure' });
    }
    if (!row.withheld && row.tonnes === null) {
      context.addIssue({ code: 'custom', path: ['tonnes'], message: 'is required unless the figure is withheld' });
    }
  });
export type ProductionRow = z.infer<typeof ProductionRow>;

/** A projected figure (a scenario's tonnes for a future year): never an observation, so never in production. */
const ProjectionRow = z.object({
  ...stageFigureKey,
  tonnes: nonNegativeNumber,
  scenario: requiredText,
  ...cited,
});

const ReserveRow = z.object({
  mineral: slug,
  country: iso3,
  year,
  tonnes: nonNegativeNumber,
  basis: requiredText,
  ...cited,
  lower_bound: flag,
});
const ImportRelianceRow = z.object({
  ...importerForm,
  year,
  percent: optionalPercent,
  qualifier: z.enum(['eq', 'gt', 'lt', 'net_exporter', 'not_applicable']),
  value_text: requiredText,
  estimated: flag,
  ...cited,
});
const ImportSourceRow = z.object({
  ...importerForm,
  period: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}$/, 'must look like 2020-23'),
  country: iso3,
  share_pct: optionalPercent,
  rank: positiveInteger,
  ...cited,
});
const ApparentConsumptionRow = z.object({
  ...importerForm,
  year,
  tonnes: nonNegativeNumber,
  note: optionalText,
  estimated: flag,
  ...cited,
});
const CapacityRow = z.object({
  ...stageFigureKey,
  tonnes: nonNegativeNumber,
  ...cited,
  estimated: flag,
  lower_bound: flag,
});
const PriceRow = z.object({
  mineral: slug,
  series: slug,
  description: requiredText,
  unit: requiredText,
  year,
  value: optionalNonNegativeNumber,
  value_text: requiredText,
  estimated: flag,
  ...cited,
});
const SalientRow = z.object({
  country: iso3,
  mineral: slug,
  statistic: z.enum(SALIENT_STATISTICS),
  detail: z.string().trim(),
  unit: requiredText,
  year,
  value: z
    .string()
    .trim()
    .refine((value) => value === '' || /^-?\d+(\.\d+)?$/.test(value), 'must be a number or empty')
    .transform((value) => (value === '' ? null : Number(value))),
  value_text: requiredText,
  estimated: flag,
  ...cited,
});
const CriticalMineralRow = z.object({ mineral: slug, list: slug, critical: flag, ...cited });
const DefenseUseRow = z.object({
  id: slug,
  mineral: slug,
  category: z.enum(DEFENSE_CATEGORIES),
  application: requiredText,
  description: requiredText,
  source: slug,
});
const GroupRow = z.object({ id: slug, name: requiredText, description: requiredText, source: slug });
const GroupMemberRow = z.object({
  group: slug,
  country: iso3,
  joined: z
    .string()
    .trim()
    .refine((value) => value === '' || /^\d{4}(-\d{2})?(-\d{2})?$/.test(value), 'must be YYYY, YYYY-MM or empty')
    .transform((value) => (value === '' ? null : value)),
  source: slug,
});
const GovernanceRow = z.object({
  country: iso3,
  year,
  indicator: z.enum(['VA.EST', 'PV.EST', 'GE.EST', 'RQ.EST', 'RL.EST', 'CC.EST']),
  value: decimal,
  ...cited,
});
const GovernanceNoteRow = z.object({ country: iso3, note: requiredText, source: slug });

const ImporterRow = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,3}$/, 'must be an upper-case code of 2 or 3 letters (ISO3, or EU)'),
  name: requiredText,
  kind: z.enum(['country', 'union']),
  group: optionalText,
  note: optionalText,
});
const StageNameRow = z.object({ mineral: slug, stage: slug, name: requiredText, source: slug });
const StageGapRow = z.object({ mineral: slug, stage: slug, kind: z.enum(STAGE_GAP_KINDS), reason: requiredText, source: slug });
/** A published share: a number, or "<0.1%" (below the reporting threshold, no number). */
const shareFields = {
  share_pct: optionalNonNegativeNumber,
  share_text: requiredText,
  trade_factor: optionalNonNegativeNumber,
  period: requiredText,
  ...cited,
};
const StageShareRow = z.object({ mineral: slug, stage: slug, basis: slug, country: iso3, below_threshold: flag, ...shareFields });
const SourcingShareRow = z.object({ importer: requiredText, mineral: slug, stage: slug, country: iso3, ...shareFields });
const StageRelianceRow = z.object({
  importer: requiredText,
  mineral: slug,
  stage: slug,
  percent: nonNegativeNumber,
  assessed: flag,
  material: requiredText,
  period: requiredText,
  ...cited,
});
const CriticalityRow = z.object({
  assessor: requiredText,
  mineral: slug,
  material: requiredText,
  stage: slug,
  supply_risk: optionalNonNegativeNumber,
  economic_importance: optionalNonNegativeNumber,
  supply_risk_extraction: optionalNonNegativeNumber,
  supply_risk_processing: optionalNonNegativeNumber,
  end_of_life_rir: optionalNonNegativeNumber,
  substitution_sr: optionalNonNegativeNumber,
  supply_scope: optionalText,
  ...cited,
});

const optionalSlug = z
  .string()
  .trim()
  .refine((value) => value === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value), 'must be a measure id (lower-case slug) or empty')
  .transform((value) => (value === '' ? null : value));

const htsHeading = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'must be a 4-digit HTS heading');
const HtsHeadingRow = z.object({
  hts: htsHeading,
  description: requiredText,
  mineral: optionalSlug,
  stage: optionalSlug,
  proxy: flag,
  note: requiredText,
});
const tradeKey = {
  reporter: iso3,
  flow: z.enum(TRADE_FLOWS),
  hts: htsHeading,
  partner: iso3,
  year,
  period: z.enum(TRADE_PERIODS),
};
const TradeFlowRow = z.object({ ...tradeKey, value_usd: optionalNonNegativeNumber, ...cited });
const TradeQuantityRow = z.object({
  ...tradeKey,
  measure: z.enum(['first', 'second']),
  unit: z
    .string()
    .trim()
    .regex(/^[a-z]+(_[a-z]+)*$/, 'must be a unit id (kg, component_kg …)'),
  quantity: optionalNonNegativeNumber,
  suppressed: flag,
  value_usd: optionalNonNegativeNumber,
  edition: slug,
});

export const ExportControlRow = z
  .object({
    id: slug,
    imposing_country: iso3,
    instrument: requiredText,
    title: requiredText,
    measure: z.enum(MEASURE_TYPES),
    target: z
      .string()
      .trim()
      .refine(
        (value) => value === TARGET_ALL || value === TARGET_NON_OECD || /^[A-Za-z]{3}$/.test(value),
        `must be '${TARGET_ALL}', '${TARGET_NON_OECD}' or an ISO 3166-1 alpha-3 code`,
      )
      .transform((value) => (value === TARGET_ALL || value === TARGET_NON_OECD ? value : value.toUpperCase())),
    end_users: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || (END_USER_KINDS as readonly string[]).includes(value),
        `must be one of ${END_USER_KINDS.join(', ')} or empty`,
      )
      .transform((value) => (value === '' ? null : (value as (typeof END_USER_KINDS)[number]))),
    minerals: slugList.refine((items) => items.length > 0, 'must name at least one mineral'),
    stages: slugList,
    covers: requiredText,
    announced: optionalDate,
    effective: optionalDate,
    ends: optionalDate,
    lifted: optionalDate,
    suspends: optionalSlug,
    replaced_by: optionalSlug,
    note: optionalText,
    source: slug,
    confidence: z.enum(CONFIDENCE_LEVELS),
  })
  .superRefine((row, context) => {
    const issue = (field: string, message: string) => context.addIssue({ code: 'custom', path: [field], message });
    if (row.announced && row.effective && row.effective < row.announced)
      issue('effective', `must not be before announced (${row.announced})`);
    const start = row.effective ?? row.announced;
    if (row.ends && start && row.ends < start) issue('ends', `must not be before ${row.effective ? 'effective' : 'announced'} (${start})`);
    if (row.lifted && start && row.lifted < start)
      issue('lifted', `must not be before ${row.effective ? 'effective' : 'announced'} (${start})`);
    if (row.measure === 'suspension' && row.suspends === null)
      issue('suspends', 'is required for a suspension: the id of the measure it suspends');
    if (row.measure !== 'suspension' && row.suspends !== null) issue('suspends', 'must be empty unless the measure is a suspension');
    if (row.suspends !== null && row.suspends === row.id) issue('suspends', 'a measure cannot suspend itself');
    if (row.replaced_by !== null && row.replaced_by === row.id) issue('replaced_by', 'a measure cannot replace itself');
    if (row.end_users !== null && row.measure !== 'end-user-ban') issue('end_users', 'is only for end-user bans');
    for (const field of ['minerals', 'stages'] as const) {
      const seen = new Set<string>();
      for (const item of row[field]) {
        if (seen.has(item)) issue(field, `lists '${item}' twice`);
        seen.add(item);
      }
    }
  });
export type ExportControlRow = z.infer<typeof ExportControlRow>;

/** The heading map: a dataset table, and copied into the trade store (TRADE_STORE_SPECS). */
const HTS_HEADINGS_SPEC = spec('hts_headings.csv', HtsHeadingRow);

/**
 * Every data file, in load order (a file may only refer to files above it): the row rules of each, with its file,
 * table, key, references and insert shape from the table catalogue (src/db/catalogue.ts).
 */
export const TABLE_SPECS = [
  spec('stages.csv', StageRow),
  spec('minerals.csv', MineralRow),
  spec('bases.csv', BasisRow),
  spec('countries.csv', CountryRow),
  spec('sources.csv', SourceRow),
  spec('editions.csv', EditionRow),
  spec('production.csv', ProductionRow),
  spec('projections.csv', ProjectionRow),
  spec('capacity.csv', CapacityRow),
  spec('reserves.csv', ReserveRow),
  spec('import_reliance.csv', ImportRelianceRow),
  spec('import_sources.csv', ImportSourceRow),
  spec('apparent_consumption.csv', ApparentConsumptionRow),
  spec('prices.csv', PriceRow),
  spec('us_salient.csv', SalientRow),
  spec('critical_minerals.csv', CriticalMineralRow),
  spec('defense_uses.csv', DefenseUseRow),
  spec('groups.csv', GroupRow),
  spec('group_members.csv', GroupMemberRow),
  spec('importers.csv', ImporterRow),
  spec('stage_names.csv', StageNameRow),
  spec('stage_gaps.csv', StageGapRow),
  spec('stage_shares.csv', StageShareRow),
  spec('sourcing_shares.csv', SourcingShareRow),
  spec('stage_reliance.csv', StageRelianceRow),
  spec('criticality_inputs.csv', CriticalityRow),
  spec('governance.csv', GovernanceRow),
  spec('governance_notes.csv', GovernanceNoteRow),
  spec('export_controls.csv', ExportControlRow, exportControlToInsert),
  HTS_HEADINGS_SPEC,
] as const;

/**
 * The bulk tables: tens of thousands of rows each (observed trade). Checked by the same rules at build time, but never
 * parsed at start-up, never in the in-memory snapshot and not copied into the main database: they are served from the
 * trade store (src/dataset/trade-store.ts), a read-only SQLite file of the same schema built once per content.
 */
const BULK_SPECS = [spec('trade_flows.csv', TradeFlowRow), spec('trade_quantities.csv', TradeQuantityRow)] as const;

/**
 * What the trade store holds: the bulk tables and the heading map they are read with (a copy of the dataset's, so that
 * trade reads never touch the main store, which may be PostgreSQL shared by replicas).
 */
export const TRADE_STORE_SPECS = [HTS_HEADINGS_SPEC, ...BULK_SPECS] as const;

/** A measure row → the insert shape, by the catalogue's column map; the table stores the two lists `;`-joined. */
export function exportControlToInsert(row: ExportControlRow): typeof exportControls.$inferSelect {
  const joined = { ...row, minerals: row.minerals.join(';'), stages: row.stages.join(';') };
  return insertOf(catalogueTable('export_controls.csv'), joined) as typeof exportControls.$inferSelect;
}

/** Which table's `id` a reference target resolves against. */
export const REFERENCE_FILES: Record<ReferenceTarget, string> = {
  stages: 'stages.csv',
  minerals: 'minerals.csv',
  bases: 'bases.csv',
  countries: 'countries.csv',
  sources: 'sources.csv',
  editions: 'editions.csv',
  groups: 'groups.csv',
  importers: 'importers.csv',
};
