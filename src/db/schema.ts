import { sql } from 'drizzle-orm';
import { DEFENSE_CATEGORIES } from '../domain/defense.js';
import { SALIENT_STATISTICS } from '../domain/salient.js';
import { STAGE_GAP_KINDS } from '../domain/supply.js';
import { CONFIDENCE_LEVELS, END_USER_KINDS, MEASURE_TYPES } from '../domain/export-controls.js';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * A required reference: the column shape every figure table repeats. The targets are thunks, so tables declared
 * further down can be referenced.
 */
const requiredRef = (column: string, target: () => AnySQLiteColumn) => text(column).notNull().references(target);
const mineralRef = () => requiredRef('mineral_id', () => minerals.id);
const stageRef = () => requiredRef('stage_id', () => stages.id);
const basisRef = () => requiredRef('basis_id', () => bases.id);
const countryRef = (column = 'country') => requiredRef(column, () => countries.iso3);
const editionRef = () => requiredRef('edition', () => editions.id);
const sourceRef = () => requiredRef('source_id', () => sources.id);
/** Every figure belongs to an edition of its source. */
const citedColumns = () => ({ edition: editionRef(), sourceId: sourceRef() });

export const stages = sqliteTable('stages', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
  description: text('description').notNull(),
});

export const minerals = sqliteTable('minerals', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  symbol: text('symbol'),
  description: text('description').notNull(),
});

/** The quantity a figure is measured in, e.g. "contained antimony"; scores never mix bases. */
export const bases = sqliteTable('bases', {
  id: text('id').primaryKey(),
  mineralId: mineralRef(),
  stageId: stageRef(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  priority: integer('priority').notNull(),
});

export const countries = sqliteTable('countries', {
  iso3: text('iso3').primaryKey(),
  name: text('name').notNull(),
  /** Names the sources use, pipe-separated as in data/countries.csv. */
  aliases: text('aliases').notNull().default(''),
  region: text('region'),
  isAggregate: integer('is_aggregate', { mode: 'boolean' }).notNull().default(false),
});

export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  publisher: text('publisher').notNull(),
  edition: text('edition'),
  year: integer('year'),
  locator: text('locator'),
  url: text('url'),
  licence: text('licence'),
  notes: text('notes'),
});

/**
 * One edition of a source family (USGS MCS 2025, MCS 2026, the IEA data explorer…). Every figure belongs to one;
 * the default view takes, per series and year, the newest edition that reports it.
 */
export const editions = sqliteTable('editions', {
  id: text('id').primaryKey(),
  /** Editions of one family revise each other (usgs-mcs); different families never do. */
  family: text('family').notNull(),
  publisher: text('publisher').notNull(),
  title: text('title').notNull(),
  doi: text('doi'),
  url: text('url'),
  /** YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the publisher states it. */
  published: text('published').notNull(),
  /** e.g. 2021-2025 */
  dataYears: text('data_years').notNull(),
  notes: text('notes'),
});

export const production = sqliteTable(
  'production',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    stageId: stageRef(),
    country: countryRef(),
    year: integer('year').notNull(),
    basisId: basisRef(),
    /** Null only for withheld figures. */
    tonnes: real('tonnes'),
    ...citedColumns(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    withheld: integer('withheld', { mode: 'boolean' }).notNull().default(false),
    lowerBound: integer('lower_bound', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    uniqueIndex('production_key').on(table.mineralId, table.stageId, table.country, table.year, table.basisId, table.edition),
    index('production_country').on(table.country),
  ],
);

/**
 * A projected figure: a scenario's tonnes by country for a future year (the IEA base case for 2030 and 2040). Kept
 * out of `production`, so a projection never enters an observed series, a ranking or "latest".
 */
export const projections = sqliteTable(
  'projections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    stageId: stageRef(),
    country: countryRef(),
    year: integer('year').notNull(),
    basisId: basisRef(),
    tonnes: real('tonnes').notNull(),
    /** The scenario the figure belongs to, e.g. "IEA GCMO 2026 base case". */
    scenario: text('scenario').notNull(),
    ...citedColumns(),
  },
  (table) => [
    uniqueIndex('projections_key').on(
      table.mineralId,
      table.stageId,
      table.country,
      table.year,
      table.basisId,
      table.scenario,
      table.edition,
    ),
  ],
);

export const reserves = sqliteTable(
  'reserves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    country: countryRef(),
    year: integer('year').notNull(),
    tonnes: real('tonnes').notNull(),
    basis: text('basis').notNull(),
    ...citedColumns(),
    lowerBound: integer('lower_bound', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [uniqueIndex('reserves_key').on(table.mineralId, table.country, table.year, table.basis, table.edition)],
);

export const importReliance = sqliteTable(
  'import_reliance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importer: countryRef('importer'),
    mineralId: mineralRef(),
    /** Product form where the source splits it; '' when it does not. */
    form: text('form').notNull().default(''),
    year: integer('year').notNull(),
    percent: real('percent'),
    qualifier: text('qualifier', { enum: ['eq', 'gt', 'lt', 'net_exporter', 'not_applicable'] }).notNull(),
    valueText: text('value_text').notNull(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('import_reliance_key').on(table.importer, table.mineralId, table.form, table.year, table.edition)],
);

export const importSources = sqliteTable(
  'import_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importer: countryRef('importer'),
    mineralId: mineralRef(),
    form: text('form').notNull().default(''),
    period: text('period').notNull(),
    country: countryRef(),
    sharePct: real('share_pct'),
    rank: integer('rank').notNull(),
    ...citedColumns(),
  },
  (table) => [
    uniqueIndex('import_sources_key').on(table.importer, table.mineralId, table.form, table.period, table.country, table.edition),
  ],
);

/** Apparent consumption (production + imports − exports ± stocks), for months of stockpile cover. */
export const apparentConsumption = sqliteTable(
  'apparent_consumption',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importer: countryRef('importer'),
    mineralId: mineralRef(),
    form: text('form').notNull().default(''),
    year: integer('year').notNull(),
    tonnes: real('tonnes').notNull(),
    note: text('note'),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('apparent_consumption_key').on(table.importer, table.mineralId, table.form, table.year, table.edition)],
);

/** Production capacity as published (never production: scores do not read it). */
export const capacity = sqliteTable(
  'capacity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    stageId: stageRef(),
    country: countryRef(),
    year: integer('year').notNull(),
    basisId: basisRef(),
    tonnes: real('tonnes').notNull(),
    ...citedColumns(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    lowerBound: integer('lower_bound', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [uniqueIndex('capacity_key').on(table.mineralId, table.stageId, table.country, table.year, table.basisId, table.edition)],
);

/** Price series as the source publishes them (unit and basis as printed). */
export const prices = sqliteTable(
  'prices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    series: text('series').notNull(),
    description: text('description').notNull(),
    unit: text('unit').notNull(),
    year: integer('year').notNull(),
    /** Null when the source gives no number (W, NA). */
    value: real('value'),
    valueText: text('value_text').notNull(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('prices_key').on(table.mineralId, table.series, table.year, table.edition)],
);

/** Other salient statistics of one country's industry (USGS: U.S. production, imports, exports, stocks…). */
export const salient = sqliteTable(
  'salient',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    country: countryRef(),
    mineralId: mineralRef(),
    statistic: text('statistic', { enum: SALIENT_STATISTICS }).notNull(),
    detail: text('detail').notNull(),
    unit: text('unit').notNull(),
    year: integer('year').notNull(),
    value: real('value'),
    valueText: text('value_text').notNull(),
    estimated: integer('estimated', { mode: 'boolean' }).notNull().default(false),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('salient_key').on(table.country, table.mineralId, table.statistic, table.detail, table.year, table.edition)],
);

/** Whether a mineral is on a government's critical-minerals list, as an edition states it. */
export const criticalMinerals = sqliteTable(
  'critical_minerals',
  {
    mineralId: mineralRef(),
    list: text('list').notNull(),
    critical: integer('critical', { mode: 'boolean' }).notNull(),
    ...citedColumns(),
  },
  (table) => [primaryKey({ columns: [table.mineralId, table.list, table.edition] })],
);

export const defenseUses = sqliteTable('defense_uses', {
  id: text('id').primaryKey(),
  mineralId: mineralRef(),
  category: text('category', { enum: DEFENSE_CATEGORIES }).notNull(),
  application: text('application').notNull(),
  description: text('description').notNull(),
  sourceId: sourceRef(),
});

export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  sourceId: sourceRef(),
});

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: requiredRef('group_id', () => groups.id),
    country: countryRef(),
    joined: text('joined'),
    sourceId: sourceRef(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.country] })],
);

/** The parties the API answers import questions for (USA, EU …): a new importer is a row here plus its figures. */
export const importers = sqliteTable('importers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 'country' or 'union' (a group of countries importing as one, e.g. the EU). */
  kind: text('kind').notNull(),
  /** For a union: the group whose members are its domestic producers. */
  groupId: text('group_id').references(() => groups.id),
  note: text('note'),
});

/** What a stage is called for one mineral (antimony smelting, tungsten APT, rare-earth separation). */
export const stageNames = sqliteTable(
  'stage_names',
  {
    mineralId: mineralRef(),
    stageId: stageRef(),
    name: text('name').notNull(),
    sourceId: sourceRef(),
  },
  (table) => [primaryKey({ columns: [table.mineralId, table.stageId] })],
);

/**
 * Why a cell of the mineral × stage grid has no figures (every empty cell has one row): the mineral is a by-product
 * with no output of its own at that stage, no source held gives country figures, or the stage is not one the mineral
 * goes through. A cell with figures has none.
 */
export const stageGaps = sqliteTable(
  'stage_gaps',
  {
    mineralId: mineralRef(),
    stageId: stageRef(),
    kind: text('kind', { enum: STAGE_GAP_KINDS }).notNull(),
    reason: text('reason').notNull(),
    sourceId: sourceRef(),
  },
  (table) => [primaryKey({ columns: [table.mineralId, table.stageId] })],
);

/**
 * A stage known as country shares of world supply over a reference period, not as tonnes (e.g. the EU study's
 * processing shares). `sharePct` is null for a share below the publisher's reporting threshold ("<0.1%").
 */
export const stageShares = sqliteTable(
  'stage_shares',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mineralId: mineralRef(),
    stageId: stageRef(),
    basisId: basisRef(),
    country: countryRef(),
    sharePct: real('share_pct'),
    shareText: text('share_text').notNull(),
    belowThreshold: integer('below_threshold', { mode: 'boolean' }).notNull().default(false),
    /** The EU trade-related variable t (export restrictions, trade agreements); 1 = neutral. */
    tradeFactor: real('trade_factor'),
    period: text('period').notNull(),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('stage_shares_key').on(table.mineralId, table.stageId, table.basisId, table.country, table.edition)],
);

/** An importer's sourcing shares per stage (domestic production + imports), with the trade variable t. */
export const sourcingShares = sqliteTable(
  'sourcing_shares',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importer: requiredRef('importer', () => importers.id),
    mineralId: mineralRef(),
    stageId: stageRef(),
    country: countryRef(),
    sharePct: real('share_pct'),
    shareText: text('share_text').notNull(),
    tradeFactor: real('trade_factor'),
    period: text('period').notNull(),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('sourcing_shares_key').on(table.importer, table.mineralId, table.stageId, table.country, table.edition)],
);

/** Import reliance per stage (EU study: primary = extraction, refined = processing), and the stage the source assessed. */
export const stageReliance = sqliteTable(
  'stage_reliance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importer: requiredRef('importer', () => importers.id),
    mineralId: mineralRef(),
    stageId: stageRef(),
    percent: real('percent').notNull(),
    assessed: integer('assessed', { mode: 'boolean' }).notNull().default(false),
    material: text('material').notNull(),
    period: text('period').notNull(),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('stage_reliance_key').on(table.importer, table.mineralId, table.stageId, table.edition)],
);

/** A published criticality assessment's inputs and results per mineral (EU: SR, EI, EoL-RIR, SI_SR). */
export const criticalityInputs = sqliteTable(
  'criticality_inputs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assessor: requiredRef('assessor', () => importers.id),
    mineralId: mineralRef(),
    material: text('material').notNull(),
    stageId: stageRef(),
    supplyRisk: real('supply_risk'),
    economicImportance: real('economic_importance'),
    supplyRiskExtraction: real('supply_risk_extraction'),
    supplyRiskProcessing: real('supply_risk_processing'),
    endOfLifeRir: real('end_of_life_rir'),
    substitutionSr: real('substitution_sr'),
    supplyScope: text('supply_scope'),
    ...citedColumns(),
  },
  (table) => [uniqueIndex('criticality_inputs_key').on(table.assessor, table.mineralId, table.edition)],
);

export const governance = sqliteTable(
  'governance',
  {
    country: countryRef(),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    value: real('value').notNull(),
    /** The WGI release (family wb-wgi): releases revise earlier years, and a score takes one release for every country. */
    ...citedColumns(),
  },
  (table) => [primaryKey({ columns: [table.country, table.year, table.indicator, table.edition] })],
);

/** Why a country has no governance figures (data/governance_notes.csv), so scores can say so instead of only leaving it out. */
export const governanceNotes = sqliteTable('governance_notes', {
  country: text('country')
    .primaryKey()
    .references(() => countries.iso3),
  note: text('note').notNull(),
  sourceId: sourceRef(),
});

/**
 * Export-control measures (data/export_controls.csv). Lists (minerals, stages) are ';'-separated ids, checked by the
 * loader and the write API. `suspends` and `replacedBy` name other measures; they are checked in code rather than by
 * foreign keys, so a whole table can be loaded in any row order.
 */
export const exportControls = sqliteTable(
  'export_controls',
  {
    id: text('id').primaryKey(),
    imposingCountry: countryRef('imposing_country'),
    instrument: text('instrument').notNull(),
    title: text('title').notNull(),
    measure: text('measure', { enum: MEASURE_TYPES }).notNull(),
    /** 'all', 'non-oecd' or an ISO3 destination. */
    target: text('target').notNull(),
    endUsers: text('end_users', { enum: END_USER_KINDS }),
    minerals: text('minerals').notNull(),
    /** '' when the measure restricts no material flow (technology, equipment, waste). */
    stages: text('stages').notNull().default(''),
    covers: text('covers').notNull(),
    announced: text('announced'),
    effective: text('effective'),
    /** Scheduled end (last day), if the instrument states one. */
    ends: text('ends'),
    /** Day the measure was lifted or repealed, if recorded. */
    lifted: text('lifted'),
    suspends: text('suspends'),
    replacedBy: text('replaced_by'),
    note: text('note'),
    sourceId: sourceRef(),
    confidence: text('confidence', { enum: CONFIDENCE_LEVELS }).notNull(),
  },
  (table) => [index('export_controls_imposing').on(table.imposingCountry)],
);

/** Which mineral and stage an HTS heading of the trade files stands for (data/hts_headings.csv); one row per heading and mineral. */
export const htsHeadings = sqliteTable(
  'hts_headings',
  {
    hts: text('hts').notNull(),
    /** The heading's description exactly as DataWeb prints it. */
    description: text('description').notNull(),
    /** Null for a heading of no mineral of the dataset (its only row). */
    mineralId: text('mineral_id').references(() => minerals.id),
    stageId: text('stage_id').references(() => stages.id),
    /** The heading holds much more than the mineral (the note says what): never the mineral's own flow. */
    proxy: integer('proxy', { mode: 'boolean' }).notNull(),
    note: text('note').notNull(),
  },
  (table) => [uniqueIndex('hts_headings_key').on(table.hts, table.mineralId)],
);

export const TRADE_FLOWS = ['imports', 'exports'] as const;

/** The columns that say which flow a trade row is (fresh builders per table), ids in the file's key order. */
function tradeKeyColumns() {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reporter: countryRef('reporter'),
    flow: text('flow', { enum: TRADE_FLOWS }).notNull(),
    hts: text('hts').notNull(),
    partner: countryRef('partner'),
    year: integer('year').notNull(),
    /** 'year' (a full calendar year) or the year-to-date months ('jan-apr'). */
    period: text('period').notNull(),
  };
}

/**
 * Observed trade by HTS heading, partner, year and period (data/trade_flows.csv, USITC DataWeb): the value in U.S.
 * dollars summed over every unit of quantity. Tens of thousands of rows: read by query (src/modules/trade), never
 * held in the in-memory snapshot.
 */
export const tradeFlows = sqliteTable(
  'trade_flows',
  {
    ...tradeKeyColumns(),
    /** Customs value (imports) or FAS value (exports), nominal USD; null when the file leaves a part of it empty. */
    valueUsd: integer('value_usd'),
    ...citedColumns(),
  },
  (table) => [
    uniqueIndex('trade_flows_key').on(table.reporter, table.flow, table.hts, table.partner, table.year, table.period, table.edition),
    index('trade_flows_partner').on(table.partner, table.hts),
  ],
);

/** The quantities of a trade_flows row, one row per unit of quantity (never added across units). */
export const tradeQuantities = sqliteTable(
  'trade_quantities',
  {
    ...tradeKeyColumns(),
    /** DataWeb's first or second unit of quantity. */
    measure: text('measure', { enum: ['first', 'second'] }).notNull(),
    unit: text('unit').notNull(),
    /** Null: no quantity collected, an empty cell, or all of it withheld. */
    quantity: integer('quantity'),
    /** Census withheld some records' quantity: the figure is a lower bound. */
    suppressed: integer('suppressed', { mode: 'boolean' }).notNull(),
    /** First units: the value of the lines counted in this unit; null for second units. */
    valueUsd: integer('value_usd'),
    edition: editionRef(),
  },
  (table) => [
    uniqueIndex('trade_quantities_key').on(
      table.reporter,
      table.flow,
      table.hts,
      table.partner,
      table.year,
      table.period,
      table.measure,
      table.unit,
      table.edition,
    ),
  ],
);

/** Key/value facts about the loaded dataset, e.g. its version. */
export const datasetMeta = sqliteTable('dataset_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  // The SQL default serves raw inserts; the same instant is computed in JS for drizzle's inserts in every dialect.
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`)
    .$defaultFn(() => new Date().toISOString()),
});

export const CHANGE_ACTIONS = ['create', 'update', 'delete'] as const;
export const CHANGE_ENTITIES = ['production', 'source', 'export_control'] as const;

/** One row per record an accepted write created, updated or deleted: the change feed behind GET /v1/changes. */
export const changes = sqliteTable(
  'changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The dataset version the write produced (dataset_meta 'version'). */
    version: integer('version').notNull(),
    /** When the write was accepted, ISO 8601 UTC. */
    at: text('at').notNull(),
    /** The API key's name, never the key. */
    actor: text('actor').notNull(),
    action: text('action', { enum: CHANGE_ACTIONS }).notNull(),
    entity: text('entity', { enum: CHANGE_ENTITIES }).notNull(),
    /** JSON: the fields that identify the record. */
    key: text('key').notNull(),
    /** JSON of the record before the write; null for a create. */
    oldValue: text('old_value'),
    /** JSON of the record after the write; null for a delete. */
    newValue: text('new_value'),
  },
  (table) => [index('changes_version').on(table.version)],
);

/** One change of the change feed, as stored. */
export type ChangeRow = typeof changes.$inferSelect;
