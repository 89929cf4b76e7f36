import { ImportError } from '../shared/errors.js';
import type { Row } from '../shared/csv.js';
import { tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import { FIGURE_FILES, FIGURE_TABLES } from './output.js';
import { transform } from './transform.js';

/** The official USGS MCS data releases kept in the repository, oldest first. */
export const RAW_FILES = ['data/raw/MCS2026_Commodities_Data.csv'];

/**
 * The minerals, bases, editions and countries an edition's figures need must already be in data/ as its curated
 * tables hold them: the importer checks them, it does not write them (a country must carry the USGS spelling).
 */
function checkReference(tables: ImporterInput['tables'], file: string, table: string, key: string, needed: readonly Row[]): void {
  const held = new Map(tableRows(tables, table).map((row) => [row[key] ?? '', row]));
  for (const need of needed) {
    const row = held.get(need[key] ?? '');
    const differing = row ? Object.keys(row).filter((column) => column !== 'aliases' && (need[column] ?? '') !== row[column]) : [];
    if (!row || (table !== 'countries.csv' && differing.length > 0))
      throw new ImportError(
        file,
        null,
        `${table} row ${need[key]} is missing or differs from the importer's (${differing.join(', ')}): update data/curated/${table}`,
      );
    if (table === 'countries.csv' && need.usgsName !== row.name && !(row.aliases ?? '').split('|').includes(need.usgsName ?? ''))
      throw new ImportError(
        file,
        null,
        `country ${need.iso3}: add the USGS spelling '${need.usgsName}' to its aliases in data/curated/countries.csv`,
      );
  }
}

export function importUsgsMcs(input: ImporterInput): ImportedRows {
  const rows: Record<string, Row[]> = { 'sources.csv': [] };
  for (const file of RAW_FILES) {
    const result = transform(input.read(file), file);
    checkReference(input.tables, file, 'minerals.csv', 'id', result.reference.minerals);
    checkReference(input.tables, file, 'bases.csv', 'id', result.reference.bases);
    checkReference(input.tables, file, 'editions.csv', 'id', result.reference.editions);
    checkReference(input.tables, file, 'countries.csv', 'iso3', result.reference.countries);
    for (const table of FIGURE_TABLES) (rows[FIGURE_FILES[table].file] ??= []).push(...result.figures[table]);
    rows['sources.csv']!.push(...result.reference.sources);
  }
  return rows;
}

export const usgsMcs: Importer = {
  name: 'usgs-mcs',
  inputs: RAW_FILES,
  outputs: [...FIGURE_TABLES.map((table) => FIGURE_FILES[table].file), 'sources.csv'],
  run: importUsgsMcs,
};
