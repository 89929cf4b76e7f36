/** The data/ files the importer writes, in the editions contract format (/work/CONTRACT-editions.md). */

export type Row = Record<string, string>;

export interface FileSpec {
  file: string;
  columns: readonly string[];
  /** Row key (duplicates are refused) and sort order. */
  key: readonly string[];
  /** Sort order when it is not the key (import sources keep their rank order). */
  order?: readonly string[];
}

export const FIGURE_FILES = {
  production: {
    file: 'production.csv',
    columns: ['mineral', 'stage', 'country', 'year', 'basis', 'tonnes', 'edition', 'source', 'estimated', 'withheld', 'lower_bound'],
    key: ['mineral', 'stage', 'country', 'year', 'basis', 'edition'],
  },
  capacity: {
    file: 'capacity.csv',
    columns: ['mineral', 'stage', 'country', 'year', 'basis', 'tonnes', 'edition', 'source', 'estimated', 'lower_bound'],
    key: ['mineral', 'stage', 'country', 'year', 'basis', 'edition'],
  },
  reserves: {
    file: 'reserves.csv',
    columns: ['mineral', 'country', 'year', 'tonnes', 'basis', 'edition', 'source', 'lower_bound'],
    key: ['mineral', 'country', 'year', 'basis', 'edition'],
  },
  import_reliance: {
    file: 'import_reliance.csv',
    columns: ['importer', 'mineral', 'form', 'year', 'percent', 'qualifier', 'value_text', 'estimated', 'edition', 'source'],
    key: ['importer', 'mineral', 'form', 'year', 'edition'],
  },
  import_sources: {
    file: 'import_sources.csv',
    columns: ['importer', 'mineral', 'form', 'period', 'country', 'share_pct', 'rank', 'edition', 'source'],
    key: ['importer', 'mineral', 'form', 'period', 'country', 'edition'],
    order: ['importer', 'mineral', 'form', 'period', 'edition', 'rank'],
  },
  apparent_consumption: {
    file: 'apparent_consumption.csv',
    columns: ['importer', 'mineral', 'form', 'year', 'tonnes', 'note', 'estimated', 'edition', 'source'],
    key: ['importer', 'mineral', 'form', 'year', 'edition'],
  },
  prices: {
    file: 'prices.csv',
    columns: ['mineral', 'series', 'description', 'unit', 'year', 'value', 'value_text', 'estimated', 'edition', 'source'],
    key: ['mineral', 'series', 'year', 'edition'],
  },
  us_salient: {
    file: 'us_salient.csv',
    columns: ['country', 'mineral', 'statistic', 'detail', 'unit', 'year', 'value', 'value_text', 'estimated', 'edition', 'source'],
    key: ['country', 'mineral', 'statistic', 'detail', 'year', 'edition'],
  },
  critical_minerals: {
    file: 'critical_minerals.csv',
    columns: ['mineral', 'list', 'critical', 'edition', 'source'],
    key: ['mineral', 'list', 'edition'],
  },
} as const satisfies Record<string, FileSpec>;
export type FigureTable = keyof typeof FIGURE_FILES;
export const FIGURE_TABLES = Object.keys(FIGURE_FILES) as FigureTable[];

export const REFERENCE_FILES = {
  minerals: { file: 'minerals.csv', columns: ['id', 'name', 'symbol', 'description'], key: ['id'] },
  bases: { file: 'bases.csv', columns: ['id', 'mineral', 'stage', 'label', 'description', 'priority'], key: ['id'] },
  countries: { file: 'countries.csv', columns: ['iso3', 'name', 'aliases', 'region', 'is_aggregate'], key: ['iso3'] },
  editions: {
    file: 'editions.csv',
    columns: ['id', 'family', 'publisher', 'title', 'doi', 'url', 'published', 'data_years', 'notes'],
    key: ['id'],
  },
  sources: {
    file: 'sources.csv',
    columns: ['id', 'title', 'publisher', 'edition', 'year', 'locator', 'url', 'licence', 'notes'],
    key: ['id'],
  },
} as const satisfies Record<string, FileSpec>;
export type ReferenceTable = keyof typeof REFERENCE_FILES;
export const REFERENCE_TABLES = Object.keys(REFERENCE_FILES) as ReferenceTable[];

/** Plain code-unit comparison, field by field (numbers in rank order are zero-padded). */
export function compareRows(spec: FileSpec, a: Row, b: Row): number {
  for (const column of spec.order ?? spec.key) {
    let x = a[column] ?? '';
    let y = b[column] ?? '';
    if (column === 'rank') {
      x = x.padStart(6, '0');
      y = y.padStart(6, '0');
    }
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

export function keyOf(spec: FileSpec, row: Row): string {
  return spec.key.map((column) => row[column] ?? '').join('|');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The repository's CSV conventions: header row, LF, quotes only when needed, final newline. */
export function renderCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column] ?? '')).join(','))];
  return `${lines.join('\n')}\n`;
}
