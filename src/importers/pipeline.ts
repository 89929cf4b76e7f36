import fs from 'node:fs';
import path from 'node:path';
import { CATALOGUE, CATALOGUE_BY_FILE, type CatalogueTable } from '../db/catalogue.js';
import { curated } from './curated/index.js';
import { euCrm2023 } from './eu-crm-2023/index.js';
import { exportControls } from './export-controls/index.js';
import { groupMembers } from './groups/index.js';
import { iea } from './iea/index.js';
import { compareRows, renderCsv, type Row } from './shared/csv.js';
import { ImportError } from './shared/errors.js';
import type { Importer } from './shared/importer.js';
import { usgsMcsHistory } from './usgs-mcs-history/index.js';
import { usgsMcs } from './usgs-mcs/importer.js';
import { usitcDataweb } from './usitc-dataweb/index.js';
import { wgi } from './wgi/index.js';
import { REPOSITORY_ROOT } from './shared/paths.js';

export { REPOSITORY_ROOT };

/**
 * Every importer, in the one order data/ is built in: each reads only the files it names and the tables the ones
 * above it made, and adds rows; none changes another's rows.
 */
export const IMPORTERS: readonly Importer[] = [
  curated,
  usgsMcsHistory,
  iea,
  usgsMcs,
  euCrm2023,
  groupMembers,
  wgi,
  exportControls,
  usitcDataweb,
];

/** The rows of every data table, after running every importer on the repository's own files. */
export async function runImporters(
  read: (file: string) => Buffer,
  importers: readonly Importer[] = IMPORTERS,
): Promise<Map<string, Row[]>> {
  const tables = new Map<string, Row[]>(CATALOGUE.map((entry) => [entry.file, []]));
  for (const importer of importers) {
    const made = await importer.run({ read, tables });
    for (const [file, rows = []] of Object.entries(made)) {
      const entry = CATALOGUE_BY_FILE.get(file);
      if (!entry || !importer.outputs.includes(file))
        throw new ImportError(importer.name, null, `writes ${file}, which it does not declare`);
      const columns = entry.csvColumns.map((column) => column.csv);
      for (const row of rows) {
        const keys = Object.keys(row);
        if (keys.length !== columns.length || columns.some((column) => row[column] === undefined))
          throw new ImportError(importer.name, null, `a ${file} row has columns ${keys.join(',')}, not ${columns.join(',')}`);
      }
      const table = tables.get(file)!;
      // One at a time: spreading 70,000 rows into push() overflows the call stack.
      for (const row of rows) table.push(row);
    }
  }
  return tables;
}

/** One table's file text: duplicate keys refused, rows in the catalogue's order. */
export function renderTable(entry: CatalogueTable, rows: readonly Row[]): string {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = entry.key.map((column) => row[column] ?? '').join('|');
    if (seen.has(key)) throw new ImportError(`data/${entry.file}`, null, `duplicate key ${key}`);
    seen.add(key);
  }
  const order = entry.order === 'key' ? entry.key : entry.order;
  const sorted = order === 'as-imported' ? rows : [...rows].sort((a, b) => compareRows(order, a, b));
  return renderCsv(
    entry.csvColumns.map((column) => column.csv),
    sorted,
  );
}

/** data/'s files as the importers make them from the repository at `root`: file name → text. */
export async function buildDataFiles(root = REPOSITORY_ROOT): Promise<Map<string, string>> {
  const tables = await runImporters((file) => fs.readFileSync(path.join(root, file)));
  return new Map(CATALOGUE.map((entry) => [entry.file, renderTable(entry, tables.get(entry.file) ?? [])]));
}
