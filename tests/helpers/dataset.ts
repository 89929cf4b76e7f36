import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../../src/config.js';

/** The committed dataset. */
export const DATA_DIR = join(PROJECT_ROOT, 'data');
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');

/** Copies data/ to a fresh temporary directory; remove it with `removeDir`. */
export function copyDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Number of data rows (records after the header) in a CSV file. */
export function csvRowCount(dir: string, file: string): number {
  return (parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as unknown[]).length;
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface CsvFile {
  path: string;
  header: string[];
  /** Text lines, index 0 = line 1 (the header); each data line holds one record (the data has no multi-line fields). */
  lines: string[];
}

function readCsv(dir: string, file: string): CsvFile {
  const path = join(dir, file);
  const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
  const header = (parse(lines[0] ?? '') as string[][])[0] ?? [];
  return { path, header, lines };
}

function writeCsv(csv: CsvFile): void {
  writeFileSync(csv.path, `${csv.lines.join('\n')}\n`);
}

function recordOf(csv: CsvFile, line: string): Record<string, string> {
  const values = (parse(line) as string[][])[0] ?? [];
  return Object.fromEntries(csv.header.map((column, index) => [column, values[index] ?? '']));
}

function lineOf(csv: CsvFile, record: Record<string, string>): string {
  return csv.header.map((column) => quote(record[column] ?? '')).join(',');
}

/** Index (0-based, into `lines`) of the only record whose fields equal `match`; throws unless exactly one. */
function findLine(csv: CsvFile, file: string, match: Record<string, string>): number {
  const found: number[] = [];
  csv.lines.forEach((line, index) => {
    if (index === 0 || line === '') return;
    const record = recordOf(csv, line);
    if (Object.entries(match).every(([column, value]) => record[column] === value)) found.push(index);
  });
  if (found.length !== 1) throw new Error(`${file}: expected one row matching ${JSON.stringify(match)}, found ${found.length}`);
  return found[0] as number;
}

/** The fields of the one row matching `match`, with its 1-based line number. */
export function findRow(dir: string, file: string, match: Record<string, string>): { line: number; row: Record<string, string> } {
  const csv = readCsv(dir, file);
  const index = findLine(csv, file, match);
  return { line: index + 1, row: recordOf(csv, csv.lines[index] as string) };
}

/** Changes fields of the one row matching `match`; returns its 1-based line number. */
export function editRow(dir: string, file: string, match: Record<string, string>, changes: Record<string, string>): number {
  const csv = readCsv(dir, file);
  const index = findLine(csv, file, match);
  csv.lines[index] = lineOf(csv, { ...recordOf(csv, csv.lines[index] as string), ...changes });
  writeCsv(csv);
  return index + 1;
}

/** Appends a copy of the one row matching `match` (with optional changes); returns the new 1-based line number. */
export function appendCopy(dir: string, file: string, match: Record<string, string>, changes: Record<string, string> = {}): number {
  const csv = readCsv(dir, file);
  const index = findLine(csv, file, match);
  csv.lines.push(lineOf(csv, { ...recordOf(csv, csv.lines[index] as string), ...changes }));
  writeCsv(csv);
  return csv.lines.length;
}

/** Renames a header column (the data rows are left alone). */
export function renameColumn(dir: string, file: string, from: string, to: string): void {
  const csv = readCsv(dir, file);
  if (!csv.header.includes(from)) throw new Error(`${file} has no column ${from}`);
  csv.lines[0] = csv.header.map((column) => quote(column === from ? to : column)).join(',');
  writeCsv(csv);
}

/** Removes a column from the header and every row. */
export function dropColumn(dir: string, file: string, column: string): void {
  const csv = readCsv(dir, file);
  const position = csv.header.indexOf(column);
  if (position < 0) throw new Error(`${file} has no column ${column}`);
  csv.lines = csv.lines.map((line) => {
    if (line === '') return line;
    const values = (parse(line) as string[][])[0] ?? [];
    values.splice(position, 1);
    return values.map(quote).join(',');
  });
  writeCsv(csv);
}

/** Adds a column at the end, with `value` in every row. */
export function addColumn(dir: string, file: string, column: string, value: string): void {
  const csv = readCsv(dir, file);
  csv.lines = csv.lines.map((line, index) => (line === '' ? line : `${line},${quote(index === 0 ? column : value)}`));
  writeCsv(csv);
}
