/**
 * USITC DataWeb importer: U.S. imports for consumption and domestic exports by HTS heading and partner, one importer
 * of the data pipeline (src/importers/pipeline.ts).
 *
 *   readWorkbook(bytes, name)              the reader's edge: .xlsx bytes → rows of cells (read-excel-file) + sha256
 *   parseHeadingMap(text, file)            pure: data/curated/hts_headings.csv → the headings the importer knows
 *   transform(workbook, headings, edition) pure: cells → flow rows + quantity rows + report, or ImportError
 *   usitcDataweb                           the pipeline importer: hts_headings.csv, trade_flows.csv, trade_quantities.csv
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalogueTable } from '../../db/catalogue.js';
import type { Row } from '../shared/csv.js';
import { idsOf, requireKnown, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import { parseHeadingMap, type HeadingMap } from './headings.js';
import { readWorkbook } from './read.js';
import { EDITIONS, FLOWS, sourceId } from './tables.js';
import { transform, type ImportReport, type TradeFlowRow, type TradeQuantityRow } from './transform.js';
import { REPOSITORY_ROOT } from '../shared/paths.js';

export { REPOSITORY_ROOT };

export { ImportError } from './errors.js';
export { parseHeadingMap, type HeadingMap, type HeadingRow } from './headings.js';
export { readWorkbook, readWorkbookFile } from './read.js';
export { EDITIONS, FLOWS, PARTNERS, UNITS, sourceId, type EditionSpec, type Flow } from './tables.js';
export { transform, type ImportReport, type TradeFlowRow, type TradeImport, type TradeQuantityRow } from './transform.js';
export type { Cell, Sheet, Workbook } from './workbook.js';

export const RAW_DIR = 'data/raw/usitc-dataweb';
export const HEADINGS_FILE = 'data/curated/hts_headings.csv';
export const OUTPUT_FILES = { headings: 'hts_headings.csv', flows: 'trade_flows.csv', quantities: 'trade_quantities.csv' } as const;

export interface KeptImport {
  headings: HeadingMap;
  flows: TradeFlowRow[];
  quantities: TradeQuantityRow[];
  reports: ImportReport[];
}

/** Every edition's kept files, both flows, through the transform, reading files with `read` (nothing written). */
export async function importFiles(read: (file: string) => Buffer): Promise<KeptImport> {
  const headings = parseHeadingMap(read(HEADINGS_FILE).toString('utf8'), HEADINGS_FILE);
  const result: KeptImport = { headings, flows: [], quantities: [], reports: [] };
  for (const edition of EDITIONS) {
    for (const flow of FLOWS) {
      const name = edition.files[flow].file;
      const workbook = await readWorkbook(read(`${RAW_DIR}/${name}`), name);
      const { flows, quantities, report } = transform(workbook, headings, edition);
      result.flows.push(...flows);
      result.quantities.push(...quantities);
      result.reports.push(report);
    }
  }
  return result;
}

/** The kept files of the repository at `root` (data/raw/usitc-dataweb/) through the transform. */
export function importKeptFiles(root = REPOSITORY_ROOT): Promise<KeptImport> {
  return importFiles((file) => fs.readFileSync(path.join(root, file)));
}

/** A column's field on a transform row: `value_usd` → `valueUsd`. */
const fieldOf = (column: string): string => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const cellOf = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);

/** The heading map of the repository at `root`. */
export function readHeadingMap(root = REPOSITORY_ROOT): HeadingMap {
  return parseHeadingMap(fs.readFileSync(path.join(root, HEADINGS_FILE), 'utf8'), HEADINGS_FILE);
}

/** Transform rows → rows of a data file (hts_headings.csv, trade_flows.csv, trade_quantities.csv), by the catalogue's CSV columns. */
export function csvRows(file: string, rows: readonly object[]): Row[] {
  const columns = catalogueTable(file).csvColumns.map((column) => column.csv);
  return rows.map((row) => {
    const record = row as Record<string, unknown>;
    return Object.fromEntries(columns.map((column) => [column, cellOf(record[fieldOf(column)])]));
  });
}

/**
 * The pipeline importer. It checks what the trade rows cite against the tables above it — partners and reporter in
 * countries.csv, mapped minerals and stages, and the edition and source rows (data/curated/editions.csv and
 * sources.csv) — and refuses the build naming the first one missing.
 */
export const usitcDataweb: Importer = {
  name: 'usitc-dataweb',
  inputs: [HEADINGS_FILE, ...EDITIONS.flatMap((edition) => FLOWS.map((flow) => `${RAW_DIR}/${edition.files[flow].file}`))],
  outputs: Object.values(OUTPUT_FILES),
  run: async (input: ImporterInput): Promise<ImportedRows> => {
    const result = await importFiles(input.read);
    const countries = idsOf(input.tables, 'countries.csv', 'iso3');
    const minerals = idsOf(input.tables, 'minerals.csv');
    const stages = idsOf(input.tables, 'stages.csv');
    const editions = idsOf(input.tables, 'editions.csv');
    const sources = idsOf(input.tables, 'sources.csv');
    for (const { rows } of result.headings.values()) {
      for (const row of rows) {
        if (row.mineral !== null) requireKnown(minerals, row.mineral, 'mineral', HEADINGS_FILE, null);
        if (row.stage !== null) requireKnown(stages, row.stage, 'stage', HEADINGS_FILE, null);
      }
    }
    for (const edition of EDITIONS) {
      requireKnown(editions, edition.id, 'edition', 'data/curated/editions.csv', null);
      for (const flow of FLOWS) requireKnown(sources, sourceId(edition, flow), 'source', 'data/curated/sources.csv', null);
    }
    const partners = new Set(result.flows.flatMap((row) => [row.reporter, row.partner]));
    for (const iso3 of partners) requireKnown(countries, iso3, 'country', RAW_DIR, null);
    return {
      [OUTPUT_FILES.headings]: csvRows(
        OUTPUT_FILES.headings,
        [...result.headings.values()].flatMap(({ rows }) => rows),
      ),
      [OUTPUT_FILES.flows]: csvRows(OUTPUT_FILES.flows, result.flows),
      [OUTPUT_FILES.quantities]: csvRows(OUTPUT_FILES.quantities, result.quantities),
    };
  },
};
