/** The data/ files the importer writes, as the table catalogue declares them (src/db/catalogue.ts). */
import { catalogueTable } from '../../db/catalogue.js';
import { compareRows, type Row } from '../shared/csv.js';

export type { Row };

export interface FileSpec {
  file: string;
  columns: readonly string[];
  /** Row key (duplicates are refused) and sort order. */
  key: readonly string[];
  /** Sort order when it is not the key (import sources keep their rank order). */
  order?: readonly string[];
}

/** A data file's spec from the table catalogue: its CSV header, key and row order. */
function fileSpec(file: string): FileSpec {
  const entry = catalogueTable(file);
  const columns = entry.csvColumns.map((column) => column.csv);
  return Array.isArray(entry.order) ? { file, columns, key: entry.key, order: entry.order } : { file, columns, key: entry.key };
}

export const FIGURE_FILES = {
  production: fileSpec('production.csv'),
  capacity: fileSpec('capacity.csv'),
  reserves: fileSpec('reserves.csv'),
  import_reliance: fileSpec('import_reliance.csv'),
  import_sources: fileSpec('import_sources.csv'),
  apparent_consumption: fileSpec('apparent_consumption.csv'),
  prices: fileSpec('prices.csv'),
  us_salient: fileSpec('us_salient.csv'),
  critical_minerals: fileSpec('critical_minerals.csv'),
} satisfies Record<string, FileSpec>;
export type FigureTable = keyof typeof FIGURE_FILES;
export const FIGURE_TABLES = Object.keys(FIGURE_FILES) as FigureTable[];

export const REFERENCE_FILES = {
  minerals: fileSpec('minerals.csv'),
  bases: fileSpec('bases.csv'),
  countries: fileSpec('countries.csv'),
  editions: fileSpec('editions.csv'),
  sources: fileSpec('sources.csv'),
} satisfies Record<string, FileSpec>;

/** Rows in the spec's order (its key unless it has its own). */
export function compareRowsOf(spec: FileSpec, a: Row, b: Row): number {
  return compareRows(spec.order ?? spec.key, a, b);
}

export function keyOf(spec: FileSpec, row: Row): string {
  return spec.key.map((column) => row[column] ?? '').join('|');
}

export { renderCsv } from '../shared/csv.js';
