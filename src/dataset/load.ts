import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { datasetMeta } from '../db/schema.js';
import {
  TRADE_STORE_SPECS,
  REFERENCE_FILES,
  TABLE_SPECS,
  type ExportControlRow,
  type ProductionRow,
  type ReferenceTarget,
  type TableSpec,
} from './tables.js';
import { checkExportControlRules, checkProductionRules, checkReferencesAndKeys, type ReferenceContext } from './validate.js';

export interface DataIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** The dataset was refused; nothing was stored. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(readonly issues: DataIssue[]) {
    const shown = issues.slice(0, 20).map(formatIssue);
    const more = issues.length > shown.length ? `\n…and ${issues.length - shown.length} more` : '';
    super(`Dataset refused (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${shown.join('\n')}${more}`);
  }
}

export function formatIssue(issue: DataIssue): string {
  return `data/${issue.file} line ${issue.line}, field "${issue.field}": ${issue.message}`;
}

export interface ParsedFile<Row> {
  spec: TableSpec<Row>;
  rows: Row[];
  lines: number[];
}

export interface ParsedDataset {
  files: ParsedFile<unknown>[];
  /** sha256 over every data file, so a changed dataset yields a new version tag. */
  contentHash: string;
}

/** The last dataset parsed: tests and repeated seeds in one process skip re-parsing identical files. */
let lastParsed: ParsedDataset | null = null;

/**
 * Drops the last dataset parsed (see lastParsed): a server seeds once, at start-up, and would otherwise keep every
 * parsed row for its whole life (1.8 MB of heap on the real data, the whole parse on a large one).
 */
export function forgetParsedDataset(): void {
  lastParsed = null;
}

/** sha256 over the trade store's files (data/trade_*.csv, data/hts_headings.csv): names the store built from them. */
export function bulkContentHash(dataDir: string): string {
  // A start hashes the 10 MB once (the seed check and the trade store both ask): remembered per file size and mtime.
  const stamp = TRADE_STORE_SPECS.map((spec) => {
    const stat = statSync(join(dataDir, spec.file));
    return `${spec.file}:${stat.size}:${stat.mtimeMs}`;
  }).join('|');
  const key = `${dataDir}|${stamp}`;
  const known = bulkHashes.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const spec of TRADE_STORE_SPECS)
    hash
      .update(spec.file)
      .update('\0')
      .update(readFileSync(join(dataDir, spec.file)));
  const digest = hash.digest('hex');
  bulkHashes.set(key, digest);
  return digest;
}

const bulkHashes = new Map<string, string>();

function readTexts(dataDir: string): { texts: string[]; contentHash: string } {
  const texts = (TABLE_SPECS as readonly TableSpec<unknown>[]).map((spec) => readFileSync(join(dataDir, spec.file), 'utf8'));
  const hash = createHash('sha256');
  TABLE_SPECS.forEach((spec, index) =>
    hash
      .update(spec.file)
      .update('\0')
      .update(texts[index] as string),
  );
  // The bulk files are not parsed here, but a change to them is a new dataset version all the same.
  hash.update(bulkContentHash(dataDir));
  return { texts, contentHash: hash.digest('hex') };
}

/**
 * Where `npm run build` leaves the validated dataset (dist/data/dataset.json next to the compiled code); from
 * src/ (tests, tsx) the path does not exist and the CSV files are parsed as usual.
 */
export const COMPILED_DATASET_PATH = fileURLToPath(new URL('../data/dataset.json', import.meta.url));

interface CompiledDataset {
  contentHash: string;
  files: { file: string; rows: unknown[]; lines: number[] }[];
}

/**
 * Writes the parsed, validated dataset as JSON: a start-up whose data/ hashes the same reads it instead of parsing
 * and validating every CSV row again (most of a cold start). Built with the code, so it follows the code's rules.
 */
export function compileDataset(dataDir: string, target = COMPILED_DATASET_PATH): ParsedDataset {
  const dataset = readDataset(dataDir);
  const compiled: CompiledDataset = {
    contentHash: dataset.contentHash,
    files: dataset.files.map((file) => ({ file: file.spec.file, rows: file.rows, lines: file.lines })),
  };
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, JSON.stringify(compiled));
  renameSync(`${target}.tmp`, target);
  return dataset;
}

/** The compiled dataset at `path` when it was built from data files with this content hash; otherwise null. */
export function readCompiledDataset(path: string, contentHash: string): ParsedDataset | null {
  let compiled: CompiledDataset;
  try {
    compiled = JSON.parse(readFileSync(path, 'utf8')) as CompiledDataset;
  } catch {
    return null;
  }
  if (compiled.contentHash !== contentHash) return null;
  const byFile = new Map(compiled.files.map((file) => [file.file, file]));
  const files: ParsedFile<unknown>[] = [];
  for (const spec of TABLE_SPECS as readonly TableSpec<unknown>[]) {
    const file = byFile.get(spec.file);
    if (!file) return null;
    files.push({ spec, rows: file.rows, lines: file.lines });
  }
  return { files, contentHash };
}

/** Reads, parses and validates every data file; throws DatasetError naming file, line and field. */
export function readDataset(dataDir: string, compiledPath = COMPILED_DATASET_PATH): ParsedDataset {
  const { texts, contentHash } = readTexts(dataDir);
  if (lastParsed?.contentHash === contentHash) return lastParsed;
  const compiled = readCompiledDataset(compiledPath, contentHash);
  if (compiled) {
    lastParsed = compiled;
    return compiled;
  }

  const issues: DataIssue[] = [];
  const files = (TABLE_SPECS as readonly TableSpec<unknown>[]).map((spec, index) => parseFile(spec, texts[index] as string, issues));
  if (issues.length === 0) issues.push(...crossCheck(files));
  if (issues.length > 0) throw new DatasetError(issues);
  const dataset = { files, contentHash };
  lastParsed = dataset;
  return dataset;
}

/**
 * Visits each row of a data file that passes its row rules, with its line, in file order; problems go to `issues`.
 * csv-parse hands each record over as it reads it (and keeps none), so a large file is never held as records.
 */
export function forEachRow<Row>(spec: TableSpec<Row>, text: string, issues: DataIssue[], visit: (row: Row, line: number) => void): void {
  const header = parse(text, { bom: true, to_line: 1 })[0] as string[] | undefined;
  const expected = Object.keys((spec.rowSchema as unknown as { shape?: object }).shape ?? {});
  if (expected.length > 0) {
    const missing = expected.filter((column) => !header?.includes(column));
    const unknown = (header ?? []).filter((column) => !expected.includes(column));
    for (const column of missing) issues.push({ file: spec.file, line: 1, field: column, message: 'missing column' });
    for (const column of unknown) issues.push({ file: spec.file, line: 1, field: column, message: 'unknown column' });
    if (missing.length > 0 || unknown.length > 0) return;
  }
  parse(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    on_record: (record: Record<string, string>, context: { lines: number }) => {
      const result = spec.rowSchema.safeParse(record);
      if (!result.success) {
        for (const issue of result.error.issues) {
          issues.push({ file: spec.file, line: context.lines, field: issue.path.join('.') || '(row)', message: issue.message });
        }
      } else visit(result.data, context.lines);
      return null;
    },
  });
}

function parseFile<Row>(spec: TableSpec<Row>, text: string, issues: DataIssue[]): ParsedFile<Row> {
  const parsedFile: ParsedFile<Row> = { spec, rows: [], lines: [] };
  forEachRow(spec, text, issues, (row, line) => {
    parsedFile.rows.push(row);
    parsedFile.lines.push(line);
  });
  return parsedFile;
}

function crossCheck(files: ParsedFile<unknown>[]): DataIssue[] {
  const context = referenceContext(files);
  const issues: DataIssue[] = [];
  for (const file of files) {
    const rowIssues = checkReferencesAndKeys(file.spec, file.rows, context);
    if (file.spec.file === 'production.csv') {
      rowIssues.push(...checkProductionRules(file.rows as ProductionRow[], context));
    }
    if (file.spec.file === 'export_controls.csv') {
      rowIssues.push(...checkExportControlRules(file.rows as ExportControlRow[], context));
    }
    for (const issue of rowIssues) {
      issues.push({ file: file.spec.file, line: file.lines[issue.row] ?? 0, field: issue.field, message: issue.message });
    }
  }
  return issues;
}

export function referenceContext(files: ParsedFile<unknown>[]): ReferenceContext {
  const byFile = new Map(files.map((file) => [file.spec.file, file]));
  const idsOf = (target: ReferenceTarget): Set<string> => {
    const file = byFile.get(REFERENCE_FILES[target]);
    const id = file?.spec.id;
    return new Set(file && id ? file.rows.map((row) => id(row)) : []);
  };
  const bases = (byFile.get('bases.csv')?.rows ?? []) as { id: string; mineral: string; stage: string }[];
  return {
    ids: Object.fromEntries((Object.keys(REFERENCE_FILES) as ReferenceTarget[]).map((target) => [target, idsOf(target)])) as Record<
      ReferenceTarget,
      Set<string>
    >,
    basisOwners: new Map(bases.map((basis) => [basis.id, { mineral: basis.mineral, stage: basis.stage }])),
  };
}

/** Rows per multi-row INSERT when the prepared path cannot be used (and on PostgreSQL). */
export const INSERT_BATCH = 500;

/**
 * One prepared `INSERT` run per row on the raw better-sqlite3 handle: building multi-row inserts through drizzle
 * was the largest part of a cold start's seeding. Values go through each column's own driver mapping (booleans →
 * 0/1), exactly as drizzle would bind them. Returns null when rows cannot be bound this way (no raw handle, rows
 * of different shapes, or an undefined value, which drizzle turns into the column default), and drizzle is used.
 */
export function preparedInsert(
  db: Db,
  table: SQLiteTable,
  rows: Record<string, unknown>[],
): ((row: Record<string, unknown>) => void) | null {
  const client = (db as Db & { $client?: Database.Database }).$client;
  const first = rows[0];
  if (client === undefined || typeof client.prepare !== 'function' || first === undefined) return null;
  const columns = getTableColumns(table) as Record<string, SQLiteTable['_']['columns'][string]>;
  const keys = Object.keys(first);
  const fields = keys.map((key) => columns[key]);
  if (fields.some((column) => column === undefined)) return null;
  for (const row of rows) {
    const rowKeys = Object.keys(row);
    if (rowKeys.length !== keys.length || rowKeys.some((key, index) => key !== keys[index] || row[key] === undefined)) return null;
  }
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const tableName = getTableName(table);
  const statement = client.prepare(
    `insert into ${quote(tableName)} (${fields.map((column) => quote(column!.name)).join(', ')}) values (${keys.map(() => '?').join(', ')})`,
  );
  return (row) => {
    statement.run(
      keys.map((key, index) => {
        const value = row[key];
        return value === null ? null : fields[index]!.mapToDriverValue(value);
      }),
    );
  };
}

/** Replaces the database contents with the dataset, in one transaction: all or nothing. */
export function storeDataset(db: Db, dataset: ParsedDataset): void {
  db.transaction((tx) => {
    for (const { spec } of [...dataset.files].reverse()) tx.delete(spec.table).run();
    for (const { spec, rows } of dataset.files) {
      const values = rows.map((row) => spec.toInsert(row));
      const insert = preparedInsert(db, spec.table, values);
      if (insert) {
        for (const value of values) insert(value);
        continue;
      }
      for (let start = 0; start < values.length; start += INSERT_BATCH) {
        tx.insert(spec.table)
          .values(values.slice(start, start + INSERT_BATCH))
          .run();
      }
    }
    tx.delete(datasetMeta).run();
    tx.insert(datasetMeta).values(seedMeta(dataset)).run();
  });
}

export type RefreshOutcome = 'current' | 'refreshed' | 'kept-writes';

/**
 * What start-up does with a database, from its dataset_meta rows and data/'s content hash: seed an empty one; keep
 * one seeded from this data/; re-seed one seeded from an older data/ (a new edition imported since, a new image on
 * an old volume) when nothing was written through the API since its seed (version 1); otherwise keep it, because
 * re-seeding would drop those writes, and the caller says so (`npm run db:seed` replaces it on purpose).
 */
export function seedDecision(meta: readonly { key: string; value: string }[], contentHash: string): 'seed' | RefreshOutcome {
  const version = meta.find((row) => row.key === 'version')?.value;
  if (version === undefined) return 'seed';
  if (meta.find((row) => row.key === 'content_hash')?.value === contentHash) return 'current';
  return version === '1' ? 'refreshed' : 'kept-writes';
}

/** The content hash of data/ (what a seed records), without parsing it. */
export function dataContentHash(dataDir: string): string {
  return readTexts(dataDir).contentHash;
}

/** The rows dataset_meta holds after a seed: version 1 and the content hash. */
export function seedMeta(dataset: ParsedDataset): { key: string; value: string }[] {
  return [
    { key: 'version', value: '1' },
    { key: 'content_hash', value: dataset.contentHash },
  ];
}

/** Seeds only when the database holds no dataset yet (first start). Returns whether it seeded. */
export function seedIfEmpty(db: Db, dataDir: string): boolean {
  if (seedDecision(db.select().from(datasetMeta).all(), '') !== 'seed') return false;
  storeDataset(db, readDataset(dataDir));
  return true;
}

/** Re-seeds a database seeded from an older data/ unless it holds API writes (see seedDecision). */
export function refreshIfStale(db: Db, dataDir: string): RefreshOutcome {
  const outcome = seedDecision(db.select().from(datasetMeta).all(), dataContentHash(dataDir));
  if (outcome === 'seed' || outcome === 'refreshed') {
    storeDataset(db, readDataset(dataDir));
    return 'refreshed';
  }
  return outcome;
}
