import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

/**
 * The table catalogue: every table of data/, in load order (a table may only refer to tables above it), read from
 * the drizzle schema — the one place where columns, types, keys and references are declared. Everything else that
 * needs a table's shape takes it from here: the CSV header of data/<file>, the row key and order the importers
 * write, the references the loader checks, the insert shape. `kind` and `references` are dialect-neutral, so a
 * schema for another SQL dialect can be generated from the same entries rather than written again.
 */

/** A column's type, independent of the SQL dialect. */
export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean';

export interface CatalogueColumn {
  /** The drizzle property (camelCase): the insert and select shape. */
  property: string;
  /** The SQL column name (snake_case). */
  sqlName: string;
  /** The CSV header in data/: the SQL name, without the `_id` of a reference (`mineral_id` → `mineral`). */
  csv: string;
  kind: ColumnKind;
  notNull: boolean;
  /** The SQL default, when the column has a literal one. */
  defaultValue?: string | number | boolean;
  /** A default computed when a row is inserted (drizzle's `$defaultFn`), in every dialect alike. */
  defaultFn?: () => unknown;
  enumValues?: readonly string[];
  primaryKey: boolean;
  /** A surrogate key the database numbers itself: stored, never in a CSV file. */
  autoIncrement: boolean;
  /** The table and SQL column a foreign key points at. */
  references?: { table: string; column: string };
}

/** How the rows of a data file are ordered: by key (the default), by other columns, or as the importer gave them. */
export type RowOrder = 'key' | 'as-imported' | readonly string[];

/** An index, by SQL column names. */
export interface CatalogueIndex {
  name: string;
  unique: boolean;
  columns: readonly string[];
}

/** A stored table's shape, dialect-neutral: what a schema for another SQL dialect is generated from. */
export interface TableShape {
  /** The SQL table name. */
  name: string;
  table: SQLiteTable;
  /** Every stored column, in declaration order. */
  columns: readonly CatalogueColumn[];
  /** SQL names of a composite primary key; empty when one column is the key (CatalogueColumn.primaryKey). */
  primaryKey: readonly string[];
  indexes: readonly CatalogueIndex[];
}

export interface CatalogueTable extends TableShape {
  /** Data file name under data/. */
  file: string;
  /** The columns of the CSV file, in header order (the stored columns without a surrogate key). */
  csvColumns: readonly CatalogueColumn[];
  /** CSV names of the fields that identify a row (the unique `<table>_key` index, else the primary key). */
  key: readonly string[];
  /** CSV field → the table it points at. */
  references: readonly { field: string; target: string }[];
  order: RowOrder;
}

const KINDS: Record<string, ColumnKind> = {
  SQLiteText: 'text',
  SQLiteInteger: 'integer',
  SQLiteReal: 'real',
  SQLiteBoolean: 'boolean',
};

function describeColumn(
  property: string,
  column: SQLiteColumn,
  references: Map<string, { table: string; column: string }>,
): CatalogueColumn {
  const kind = KINDS[column.columnType];
  if (kind === undefined)
    throw new Error(`catalogue: column ${column.name} has type ${column.columnType}, which has no dialect-neutral kind`);
  const reference = references.get(column.name);
  const literalDefault = ['string', 'number', 'boolean'].includes(typeof column.default)
    ? (column.default as string | number | boolean)
    : undefined;
  return {
    property,
    sqlName: column.name,
    csv: reference ? column.name.replace(/_id$/, '') : column.name,
    kind,
    notNull: column.notNull,
    ...(literalDefault === undefined ? {} : { defaultValue: literalDefault }),
    ...(column.defaultFn === undefined ? {} : { defaultFn: column.defaultFn }),
    ...(column.enumValues ? { enumValues: column.enumValues } : {}),
    primaryKey: column.primary,
    autoIncrement: (column as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement === true,
    ...(reference ? { references: reference } : {}),
  };
}

/** A table's shape as the drizzle schema declares it. */
export function describeTable(table: SQLiteTable): TableShape {
  const config = getTableConfig(table);
  const references = new Map<string, { table: string; column: string }>();
  for (const foreignKey of config.foreignKeys) {
    const { columns, foreignTable, foreignColumns } = foreignKey.reference();
    const [column] = columns;
    const [foreignColumn] = foreignColumns;
    if (columns.length !== 1 || !column || !foreignColumn) throw new Error(`catalogue: ${config.name} has a composite foreign key`);
    references.set(column.name, { table: getTableName(foreignTable), column: foreignColumn.name });
  }
  return {
    name: config.name,
    table,
    columns: Object.entries(getTableColumns(table)).map(([property, column]) => describeColumn(property, column, references)),
    primaryKey: config.primaryKeys[0]?.columns.map((column) => column.name) ?? [],
    indexes: config.indexes.map((index) => ({
      name: index.config.name,
      unique: index.config.unique,
      columns: index.config.columns.map((column) => (column as SQLiteColumn).name),
    })),
  };
}

function dataTable(table: SQLiteTable, file: string, order: RowOrder = 'key'): CatalogueTable {
  const shape = describeTable(table);
  const { columns } = shape;
  const csvOf = new Map(columns.map((column) => [column.sqlName, column.csv]));
  const keyIndex = shape.indexes.find((index) => index.unique && index.name === `${shape.name}_key`);
  const keyColumns =
    keyIndex?.columns ??
    (shape.primaryKey.length > 0 ? shape.primaryKey : columns.filter((column) => column.primaryKey).map((column) => column.sqlName));
  return {
    ...shape,
    file,
    csvColumns: columns.filter((column) => !column.autoIncrement),
    key: keyColumns.map((name) => csvOf.get(name) ?? name),
    references: columns.flatMap((column) => (column.references ? [{ field: column.csv, target: column.references.table }] : [])),
    order,
  };
}

/** Every data file, in load order. */
export const CATALOGUE = [
  dataTable(schema.stages, 'stages.csv'),
  dataTable(schema.minerals, 'minerals.csv'),
  dataTable(schema.bases, 'bases.csv'),
  dataTable(schema.countries, 'countries.csv'),
  dataTable(schema.sources, 'sources.csv'),
  dataTable(schema.editions, 'editions.csv'),
  dataTable(schema.production, 'production.csv'),
  dataTable(schema.projections, 'projections.csv'),
  dataTable(schema.capacity, 'capacity.csv'),
  dataTable(schema.reserves, 'reserves.csv'),
  dataTable(schema.importReliance, 'import_reliance.csv'),
  // A source lists import sources in its own order (rank), which the file keeps.
  dataTable(schema.importSources, 'import_sources.csv', ['importer', 'mineral', 'form', 'period', 'edition', 'rank']),
  dataTable(schema.apparentConsumption, 'apparent_consumption.csv'),
  dataTable(schema.prices, 'prices.csv'),
  dataTable(schema.salient, 'us_salient.csv'),
  dataTable(schema.criticalMinerals, 'critical_minerals.csv'),
  dataTable(schema.defenseUses, 'defense_uses.csv'),
  dataTable(schema.groups, 'groups.csv'),
  dataTable(schema.groupMembers, 'group_members.csv'),
  dataTable(schema.importers, 'importers.csv'),
  // The EU study's tables keep the study's own order (material by material, as printed); stage names their curated order.
  dataTable(schema.stageNames, 'stage_names.csv', 'as-imported'),
  dataTable(schema.stageGaps, 'stage_gaps.csv'),
  dataTable(schema.stageShares, 'stage_shares.csv', 'as-imported'),
  dataTable(schema.sourcingShares, 'sourcing_shares.csv', 'as-imported'),
  dataTable(schema.stageReliance, 'stage_reliance.csv', 'as-imported'),
  dataTable(schema.criticalityInputs, 'criticality_inputs.csv', 'as-imported'),
  dataTable(schema.governance, 'governance.csv'),
  dataTable(schema.governanceNotes, 'governance_notes.csv'),
  dataTable(schema.exportControls, 'export_controls.csv'),
  dataTable(schema.htsHeadings, 'hts_headings.csv'),
  dataTable(schema.tradeFlows, 'trade_flows.csv'),
  dataTable(schema.tradeQuantities, 'trade_quantities.csv'),
] as const;

/**
 * Every table the application stores, in creation order (a table only refers to tables above it): the data tables,
 * then the dataset's version facts and the change feed. A second SQL dialect's schema is generated from these.
 */
export const STORE_TABLES: readonly TableShape[] = [...CATALOGUE, describeTable(schema.datasetMeta), describeTable(schema.changes)];

export const CATALOGUE_BY_FILE: ReadonlyMap<string, CatalogueTable> = new Map(CATALOGUE.map((entry) => [entry.file, entry]));

export function catalogueTable(file: string): CatalogueTable {
  const entry = CATALOGUE_BY_FILE.get(file);
  if (!entry) throw new Error(`catalogue: no table for ${file}`);
  return entry;
}

/** A CSV-named row (as the loader parses it) → the insert shape, by the catalogue's column map. */
export function insertOf(entry: CatalogueTable, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(entry.csvColumns.map((column) => [column.property, row[column.csv]]));
}

/** A stored record → the CSV-named row, the reverse of insertOf. */
export function rowOf(entry: CatalogueTable, record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(entry.csvColumns.map((column) => [column.csv, record[column.property]]));
}
