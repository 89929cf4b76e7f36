import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ImportError } from './errors.js';

/** A CSV row by header name, every cell a string ('' = no value). */
export type Row = Record<string, string>;

/** A row with the physical line (1-based, the header is line 1) on which it ends, for `file:line` refusals. */
export interface LineRow {
  line: number;
  row: Row;
}

/**
 * Reads a UTF-8 CSV file with a header row. Refuses it with `file:line` when the header lacks a column the importer
 * reads, or a record has more or fewer fields than the header.
 */
export function readCsvRows(text: string, file: string, required: readonly string[] = []): LineRow[] {
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true }) as typeof records;
  } catch (caught) {
    const line = (caught as { lines?: number }).lines ?? null;
    throw new ImportError(file, line, (caught as Error).message);
  }
  const header = new Set(Object.keys(records[0]?.record ?? {}));
  const missing = required.filter((column) => !header.has(column));
  if (records.length > 0 && missing.length > 0) throw new ImportError(file, 1, `header lacks ${missing.map((c) => `'${c}'`).join(', ')}`);
  return records.map(({ record, info }) => ({ line: info.lines, row: record }));
}

/**
 * The repository's one CSV writer: header row, LF line ends, a field quoted only when it holds a comma, a quote or a
 * line break, and a final newline.
 */
export function renderCsv(columns: readonly string[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => row[column] ?? '')),
    { header: true, columns: [...columns], record_delimiter: '\n', quoted_match: /\r/ },
  );
}

/** Field-by-field code-unit order over `columns`; a rank sorts as a number. */
export function compareRows(columns: readonly string[], a: Row, b: Row): number {
  for (const column of columns) {
    const [x, y] =
      column === 'rank' ? [(a[column] ?? '').padStart(6, '0'), (b[column] ?? '').padStart(6, '0')] : [a[column] ?? '', b[column] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
