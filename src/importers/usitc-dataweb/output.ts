/**
 * The CSV files the importer writes in data/: the project's conventions (UTF-8, LF, header row, quotes only when
 * needed, an empty cell is no value), rows in key order so the files are deterministic.
 */
import { stringify } from 'csv-stringify/sync';
import type { TradeFlowRow, TradeQuantityRow } from './transform.js';

export const FLOW_COLUMNS = ['reporter', 'flow', 'hts', 'partner', 'year', 'period', 'value_usd', 'edition', 'source'] as const;
export const QUANTITY_COLUMNS = [
  'reporter',
  'flow',
  'hts',
  'partner',
  'year',
  'period',
  'measure',
  'unit',
  'quantity',
  'suppressed',
  'value_usd',
  'edition',
] as const;

export const OUTPUT_FILES = { flows: 'trade_flows.csv', quantities: 'trade_quantities.csv' } as const;

type Field = string | number | boolean | null;

/** A column's field on a row: `value_usd` → `valueUsd`. */
const fieldOf = (column: string): string => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const FLOW_KEY = ['edition', 'reporter', 'flow', 'hts', 'partner', 'year', 'period'];
const QUANTITY_KEY = [...FLOW_KEY, 'measure', 'unit'];

/** Rows sorted by their key columns (plain comparison; years are all four digits), written with csv-stringify. */
function render(columns: readonly string[], key: readonly string[], rows: readonly object[]): string {
  const records = rows.map((row) => row as Record<string, Field>);
  const sortKey = key.map(fieldOf);
  const sorted = [...records].sort((a, b) => {
    for (const field of sortKey) {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  const fields = columns.map(fieldOf);
  const missing = records.length === 0 ? undefined : fields.find((field) => !(field in (records[0] as object)));
  if (missing !== undefined) throw new Error(`rows have no field ${missing}`);
  return stringify(
    sorted.map((row) => fields.map((field) => row[field] ?? null)),
    { header: true, columns: [...columns], record_delimiter: 'unix', cast: { boolean: (value) => (value ? 'true' : 'false') } },
  );
}

export function renderFlowsCsv(rows: readonly TradeFlowRow[]): string {
  return render(FLOW_COLUMNS, FLOW_KEY, rows);
}

export function renderQuantitiesCsv(rows: readonly TradeQuantityRow[]): string {
  return render(QUANTITY_COLUMNS, QUANTITY_KEY, rows);
}
