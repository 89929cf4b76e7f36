/**
 * Reading and writing the CSV files of data/ for the builders that run after scripts/build-data.ts has written the
 * base tables (export controls, the EU criticality study): they add their own files and merge rows into shared ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export type CsvRow = Record<string, string>;

export function readCsv(file: string): CsvRow[] {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as CsvRow[];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column] ?? '')).join(','))];
  return `${lines.join('\n')}\n`;
}

export function writeCsvFile(dataDir: string, file: string, columns: readonly string[], rows: readonly Record<string, string>[]): void {
  fs.writeFileSync(path.join(dataDir, file), csvText(columns, rows), 'utf8');
}

/**
 * Adds (or replaces) rows of a data/ file keyed by `key`, keeping its header and sorting by key, so re-running a
 * builder gives byte-identical files. Returns how many rows were added and how many changed.
 */
export function mergeRows(
  dataDir: string,
  file: string,
  key: (row: CsvRow) => string,
  rows: readonly CsvRow[],
): { added: number; updated: number } {
  const target = path.join(dataDir, file);
  const header = (fs.readFileSync(target, 'utf8').split('\n')[0] ?? '').split(',');
  const merged = new Map(readCsv(target).map((row) => [key(row), row]));
  let added = 0;
  let updated = 0;
  for (const row of rows) {
    const before = merged.get(key(row));
    if (!before) added++;
    else if (JSON.stringify(before) !== JSON.stringify(row)) updated++;
    merged.set(key(row), row);
  }
  const sorted = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  writeCsvFile(dataDir, file, header, sorted);
  return { added, updated };
}
