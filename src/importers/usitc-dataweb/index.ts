/**
 * USITC DataWeb importer: U.S. imports for consumption and domestic exports by HTS heading and partner.
 *
 *   readWorkbookFile(path)                 the disk edge: .xlsx → rows of cells (read-excel-file) + sha256
 *   parseHeadingMap(text, file)            pure: data/curated/hts_headings.csv → the headings the importer knows
 *   transform(workbook, headings, edition) pure: cells → flow rows + quantity rows + report, or ImportError
 *   renderFlowsCsv / renderQuantitiesCsv   pure: rows → the committed CSV texts
 *   importKeptFiles()                      every edition's kept files (data/raw/usitc-dataweb/) run in memory
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHeadingMap, type HeadingMap } from './headings.js';
import { OUTPUT_FILES, renderFlowsCsv, renderQuantitiesCsv } from './output.js';
import { readWorkbookFile } from './read.js';
import { EDITIONS, FLOWS } from './tables.js';
import { transform, type ImportReport, type TradeFlowRow, type TradeQuantityRow } from './transform.js';

export { ImportError } from './errors.js';
export { parseHeadingMap, HEADING_COLUMNS, type HeadingMap, type HeadingRow } from './headings.js';
export { FLOW_COLUMNS, OUTPUT_FILES, QUANTITY_COLUMNS, renderFlowsCsv, renderQuantitiesCsv } from './output.js';
export { readWorkbookFile } from './read.js';
export { EDITIONS, FLOWS, PARTNERS, UNITS, sourceId, type EditionSpec, type Flow } from './tables.js';
export { transform, type ImportReport, type TradeFlowRow, type TradeImport, type TradeQuantityRow } from './transform.js';
export type { Cell, Sheet, Workbook } from './workbook.js';

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RAW_DIR = 'data/raw/usitc-dataweb';
export const HEADINGS_FILE = 'data/curated/hts_headings.csv';
/** The editions and sources rows this importer's data cites (curated; not yet merged into data/). */
export const REFERENCE_DIR = 'src/importers/usitc-dataweb/reference';

export async function readHeadingMap(root = REPOSITORY_ROOT): Promise<HeadingMap> {
  return parseHeadingMap(await readFile(path.join(root, HEADINGS_FILE), 'utf8'), HEADINGS_FILE);
}

export interface KeptImport {
  flows: TradeFlowRow[];
  quantities: TradeQuantityRow[];
  reports: ImportReport[];
}

/** Every edition's kept files, both flows, through the transform (nothing written). */
export async function importKeptFiles(root = REPOSITORY_ROOT): Promise<KeptImport> {
  const headings = await readHeadingMap(root);
  const result: KeptImport = { flows: [], quantities: [], reports: [] };
  for (const edition of EDITIONS) {
    for (const flow of FLOWS) {
      const workbook = await readWorkbookFile(path.join(root, RAW_DIR, edition.files[flow].file));
      const { flows, quantities, report } = transform(workbook, headings, edition);
      result.flows.push(...flows);
      result.quantities.push(...quantities);
      result.reports.push(report);
    }
  }
  return result;
}

/** The committed files' paths (relative to the repository) and the texts the kept files make. */
export function renderOutputs(result: KeptImport): { file: string; content: string; rows: number }[] {
  return [
    { file: `data/${OUTPUT_FILES.flows}`, content: renderFlowsCsv(result.flows), rows: result.flows.length },
    { file: `data/${OUTPUT_FILES.quantities}`, content: renderQuantitiesCsv(result.quantities), rows: result.quantities.length },
  ];
}
