import { ImportError } from './errors.js';
import { readCsvRows, type LineRow, type Row } from './csv.js';

/** The rows of data/ made so far, by file name (tables.get('countries.csv')); an importer reads them, never changes them. */
export type Tables = ReadonlyMap<string, readonly Row[]>;

/** What an importer makes: rows by data file name, each with the catalogue's columns of that file. */
export type ImportedRows = Partial<Record<string, Row[]>>;

export interface ImporterInput {
  /** A file of the repository by its path from the root (data/raw/…, data/curated/…), as bytes. */
  read: (path: string) => Buffer;
  /** The tables the importers before this one made. */
  tables: Tables;
}

/**
 * An importer: a pure transform from files kept in the repository to rows of data/ tables. It refuses its whole
 * input (ImportError with `file:line`) on anything it cannot map; it never rewrites another importer's rows.
 */
export interface Importer {
  name: string;
  /** The files it reads, from the repository root. */
  inputs: readonly string[];
  /** The data files it writes rows to. */
  outputs: readonly string[];
  /** Synchronous, or a promise where the file's reader is asynchronous (the .xlsx reader). */
  run: (input: ImporterInput) => ImportedRows | Promise<ImportedRows>;
}

/** A UTF-8 CSV input read with its line numbers, refused when a column the importer reads is missing. */
export function readInput(input: ImporterInput, path: string, required: readonly string[] = []): LineRow[] {
  return readCsvRows(input.read(path).toString('utf8'), path, required);
}

/** The rows made so far of one data file (empty when no importer made it yet). */
export function tableRows(tables: Tables, file: string): readonly Row[] {
  return tables.get(file) ?? [];
}

/** The ids (first key column) a table holds so far, to check a reference before writing it. */
export function idsOf(tables: Tables, file: string, column = 'id'): Set<string> {
  return new Set(tableRows(tables, file).map((row) => row[column] ?? ''));
}

/** Refuses a value that is not among `known` (a reference to a table an earlier importer made). */
export function requireKnown(known: ReadonlySet<string>, value: string, what: string, file: string, line: number | null): string {
  if (!known.has(value)) throw new ImportError(file, line, `${what} '${value}' is not in data/ (add it to its curated table first)`);
  return value;
}
