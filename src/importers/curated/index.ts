import { catalogueTable } from '../../db/catalogue.js';
import { readCsvRows, type Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import type { ImportedRows, Importer, ImporterInput } from '../shared/importer.js';

/**
 * The tables no publisher gives as data, curated by the project (data/curated/<file>): stages, minerals, bases,
 * countries with every spelling the sources use, sources, editions, groups, importers, stage names, why a stage has
 * no figures (stage gaps), defense uses.
 * Each file has its table's columns (the catalogue's CSV header), plus, for a defense use, the passage of the
 * reference text its claim rests on.
 */
export const CURATED_DIR = 'data/curated';

/** Columns a curated file has beyond its table's, and what the importer checks about them. */
const EXTRA_COLUMNS: Record<string, { columns: readonly string[]; check: (row: Row) => string | null }> = {
  'defense_uses.csv': {
    columns: ['evidence_in', 'evidence'],
    check: (row) =>
      !['seed', 'end_uses'].includes(row.evidence_in ?? '')
        ? `evidence_in '${row.evidence_in}' is neither 'seed' (the Global Times article) nor 'end_uses' (the reference's end-use notes)`
        : (row.evidence ?? '').trim() === ''
          ? 'evidence is empty: quote the passage the claim rests on'
          : null,
  },
};

export const CURATED_FILES = [
  'stages.csv',
  'minerals.csv',
  'bases.csv',
  'countries.csv',
  'sources.csv',
  'editions.csv',
  'groups.csv',
  'importers.csv',
  'stage_names.csv',
  'stage_gaps.csv',
  'defense_uses.csv',
] as const;

/** One curated file → its table's rows, refused whole when its header is not the table's. */
export function curatedRows(file: string, text: string): Row[] {
  const path = `${CURATED_DIR}/${file}`;
  const columns = catalogueTable(file).csvColumns.map((column) => column.csv);
  const extra = EXTRA_COLUMNS[file];
  const expected = [...columns, ...(extra?.columns ?? [])];
  const header = (text.replace(/^\uFEFF/, '').split('\n')[0] ?? '').split(',');
  if (header.join(',') !== expected.join(',')) {
    throw new ImportError(path, 1, `header '${header.join(',')}' is not '${expected.join(',')}'`);
  }
  return readCsvRows(text, path).map(({ line, row }) => {
    const problem = extra?.check(row) ?? null;
    if (problem !== null) throw new ImportError(path, line, problem);
    return Object.fromEntries(columns.map((column) => [column, row[column] ?? '']));
  });
}

export const curated: Importer = {
  name: 'curated',
  inputs: CURATED_FILES.map((file) => `${CURATED_DIR}/${file}`),
  outputs: CURATED_FILES,
  run: (input: ImporterInput): ImportedRows =>
    Object.fromEntries(CURATED_FILES.map((file) => [file, curatedRows(file, input.read(`${CURATED_DIR}/${file}`).toString('utf8'))])),
};
