/**
 * The edges: reading the current data/ files and writing the merged ones. `planDataDir` is pure (file texts in,
 * file texts out); `readDataDir` and `writeDataDir` touch the disk. Nothing is written unless every file plans.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsvRecords } from './csv.js';
import { ImportError } from '../shared/errors.js';
import {
  FIGURE_FILES,
  FIGURE_TABLES,
  REFERENCE_FILES,
  compareRowsOf,
  keyOf,
  renderCsv,
  type FigureTable,
  type FileSpec,
  type Row,
} from './output.js';
import { summariseRevisions, type RevisionSummary } from './revisions.js';
import type { ImportResult } from './transform.js';

export const DATA_FILES: string[] = [
  ...Object.values(FIGURE_FILES).map((spec) => spec.file),
  ...Object.values(REFERENCE_FILES).map((spec) => spec.file),
];

/** File name → current text (undefined: the file does not exist yet). */
export type DataDirTexts = Map<string, string | undefined>;

export interface PlannedFile {
  file: string;
  content: string;
  rows: number;
  /** Rows of the imported edition written (figure files) or reference rows inserted/updated. */
  imported: number;
  /** Rows of other editions kept. */
  kept: number;
  changed: boolean;
}

export interface DataDirPlan {
  files: PlannedFile[];
  revisions: RevisionSummary | null;
}

export function readDataDir(dir: string): DataDirTexts {
  const texts: DataDirTexts = new Map();
  for (const file of DATA_FILES) {
    const full = path.join(dir, file);
    texts.set(file, fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined);
  }
  return texts;
}

function parseExisting(spec: FileSpec, text: string | undefined, where: string): Row[] {
  if (text === undefined) return [];
  const records = readCsvRecords(text, where);
  const header = records[0]?.fields ?? [];
  if (header.length !== spec.columns.length || header.some((name, i) => name !== spec.columns[i])) {
    throw new ImportError(
      where,
      1,
      `header ${JSON.stringify(header.join(','))} does not match the editions contract (expected ${JSON.stringify(spec.columns.join(','))}); nothing written`,
    );
  }
  return records.slice(1).map((record) => {
    if (record.fields.length !== header.length) {
      throw new ImportError(where, record.line, `expected ${header.length} fields, found ${record.fields.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, record.fields[i] ?? '']));
  });
}

function finish(spec: FileSpec, rows: Row[], where: string, old: string | undefined, imported: number, kept: number): PlannedFile {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(spec, row);
    if (seen.has(key)) throw new ImportError(where, null, `duplicate key ${key} after merging; nothing written`);
    seen.add(key);
  }
  const sorted = [...rows].sort((a, b) => compareRowsOf(spec, a, b));
  const content = renderCsv(spec.columns, sorted);
  return { file: spec.file, content, rows: sorted.length, imported, kept, changed: content !== old };
}

/** Newest earlier edition of the same family, from editions.csv (else from the editions the figures carry). */
function baselineEdition(result: ImportResult, editions: Row[], figures: Partial<Record<FigureTable, Row[]>>): string | null {
  const family = result.edition.family;
  const earlier = editions
    .filter((e) => e.family === family && e.id !== result.edition.id && (e.published ?? '') < result.edition.published)
    .sort((a, b) => ((a.published ?? '') < (b.published ?? '') ? 1 : -1));
  if (earlier[0]) return earlier[0].id ?? null;
  const pattern = new RegExp(`^${family}-\\d{4}$`);
  const ids = new Set<string>();
  for (const rows of Object.values(figures))
    for (const row of rows ?? []) if (row.edition && pattern.test(row.edition)) ids.add(row.edition);
  const older = [...ids].filter((id) => id < result.edition.id).sort();
  return older.at(-1) ?? null;
}

/** Merge the import into the current data/ texts: replace the edition's rows, keep the others, upsert references. */
export function planDataDir(result: ImportResult, texts: DataDirTexts, dirLabel = 'data'): DataDirPlan {
  const where = (file: string): string => path.join(dirLabel, file);
  const files: PlannedFile[] = [];
  const editionId = result.edition.id;
  const oldFigures: Partial<Record<FigureTable, Row[]>> = {};

  for (const table of FIGURE_TABLES) {
    const spec: FileSpec = FIGURE_FILES[table];
    const existing = parseExisting(spec, texts.get(spec.file), where(spec.file));
    oldFigures[table] = existing;
    const kept = existing.filter((row) => row.edition !== editionId);
    const fresh = result.figures[table];
    files.push(finish(spec, [...kept, ...fresh], where(spec.file), texts.get(spec.file), fresh.length, kept.length));
  }

  const upsert = (table: 'minerals' | 'bases' | 'editions' | 'sources', rows: Row[]): Row[] => {
    const spec: FileSpec = REFERENCE_FILES[table];
    const existing = parseExisting(spec, texts.get(spec.file), where(spec.file));
    const ids = new Set(rows.map((row) => row.id));
    const kept = existing.filter((row) => !ids.has(row.id));
    files.push(
      finish(spec, [...kept, ...rows.map((row) => pick(spec, row))], where(spec.file), texts.get(spec.file), rows.length, kept.length),
    );
    return existing;
  };
  upsert('minerals', result.reference.minerals);
  upsert('bases', result.reference.bases);
  const editions = upsert('editions', result.reference.editions);
  upsert('sources', result.reference.sources);

  // Countries: insert the missing ones; an existing row keeps its name and region and gains the USGS spelling.
  const countrySpec: FileSpec = REFERENCE_FILES.countries;
  const countries = parseExisting(countrySpec, texts.get(countrySpec.file), where(countrySpec.file));
  const byIso = new Map(countries.map((row) => [row.iso3 ?? '', row]));
  let touched = 0;
  for (const need of result.reference.countries) {
    const row = byIso.get(need.iso3 ?? '');
    if (!row) {
      byIso.set(need.iso3 ?? '', pick(countrySpec, need));
      touched++;
      continue;
    }
    const aliases = (row.aliases ?? '').split('|').filter((alias) => alias !== '');
    if (!aliases.includes(need.usgsName) && row.name !== need.usgsName) {
      byIso.set(need.iso3 ?? '', { ...row, aliases: [...aliases, need.usgsName].join('|') });
      touched++;
    }
  }
  files.push(finish(countrySpec, [...byIso.values()], where(countrySpec.file), texts.get(countrySpec.file), touched, countries.length));

  const from = baselineEdition(result, editions, oldFigures);
  const revisions = from ? summariseRevisions(from, editionId, oldFigures, result.figures) : null;
  return { files, revisions };
}

function pick(spec: FileSpec, row: Row): Row {
  return Object.fromEntries(spec.columns.map((column) => [column, row[column] ?? '']));
}

/** Write every planned file (temp file + rename, so a file is never half-written). */
export function writeDataDir(dir: string, plan: DataDirPlan): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of plan.files) {
    if (!file.changed) continue;
    const target = path.join(dir, file.file);
    const temp = `${target}.import-tmp`;
    fs.writeFileSync(temp, file.content, 'utf8');
    fs.renameSync(temp, target);
  }
}
