/**
 * USGS Mineral Commodity Summaries data-release importer.
 *
 *   transform(bytes, file)        pure: official file → rows for every data/ table + reference rows + report
 *   planDataDir(result, texts)    pure: merge into the current data/ file texts (replace this edition's rows)
 *   readDataDir / writeDataDir    the disk edges
 *   importRawFile()               the kept official file (data/raw/) run in memory, for the drift test
 */
import fs from 'node:fs';
import path from 'node:path';
import { planDataDir, readDataDir, type DataDirPlan } from './data-dir.js';
import { RAW_FILES } from './importer.js';
import { transform, type ImportResult } from './transform.js';
import { REPOSITORY_ROOT } from '../shared/paths.js';

export { REPOSITORY_ROOT };

export { ImportError } from '../shared/errors.js';
export { transform, type ImportResult, type ImportReport } from './transform.js';
export { planDataDir, readDataDir, writeDataDir, DATA_FILES, type DataDirPlan } from './data-dir.js';
export { FIGURE_FILES, REFERENCE_FILES, renderCsv, type Row } from './output.js';
export { formatReport, formatRevisions } from './report.js';
export { summariseRevisions, type RevisionSummary } from './revisions.js';

export const DATA_DIR = path.join(REPOSITORY_ROOT, 'data');
export { RAW_FILES, usgsMcs } from './importer.js';

/** Run the importer in memory on a kept official file (default: the newest) and return its rows. */
export function importRawFile(relative = RAW_FILES[RAW_FILES.length - 1] as string): ImportResult {
  return transform(fs.readFileSync(path.join(REPOSITORY_ROOT, relative)), relative);
}

/** What data/ would contain after importing the kept official file(s) into the given data dir (nothing written). */
export function plannedDataDir(dataDir = DATA_DIR): DataDirPlan {
  let texts = readDataDir(dataDir);
  let plan: DataDirPlan | null = null;
  for (const relative of RAW_FILES) {
    plan = planDataDir(importRawFile(relative), texts, path.relative(REPOSITORY_ROOT, dataDir) || '.');
    texts = new Map(plan.files.map((file) => [file.file, file.content]));
  }
  return plan as DataDirPlan;
}
