import type { FigureTable, Row } from './output.js';

/** How a table's figures are compared between two editions: the key without the edition, and the value shown. */
interface Comparison {
  key: readonly string[];
  value: (row: Row) => string;
  unit: (row: Row) => string;
}

const tonnes = (row: Row): string => (row.withheld === 'true' ? 'W' : `${row.lower_bound === 'true' ? '>' : ''}${row.tonnes ?? ''}`);

export const COMPARISONS: Partial<Record<FigureTable, Comparison>> = {
  production: { key: ['mineral', 'stage', 'country', 'year', 'basis'], value: tonnes, unit: () => 't' },
  capacity: { key: ['mineral', 'stage', 'country', 'year', 'basis'], value: tonnes, unit: () => 't' },
  reserves: { key: ['mineral', 'country', 'year', 'basis'], value: tonnes, unit: () => 't' },
  import_reliance: { key: ['importer', 'mineral', 'form', 'year'], value: (row) => row.value_text ?? '', unit: () => '%' },
  apparent_consumption: { key: ['importer', 'mineral', 'form', 'year'], value: (row) => row.tonnes ?? '', unit: () => 't' },
  prices: { key: ['mineral', 'series', 'year'], value: (row) => row.value || (row.value_text ?? ''), unit: (row) => row.unit ?? '' },
  us_salient: {
    key: ['country', 'mineral', 'statistic', 'detail', 'year'],
    value: (row) => row.value || (row.value_text ?? ''),
    unit: (row) => row.unit ?? '',
  },
};

export interface Revision {
  table: FigureTable;
  key: Record<string, string>;
  mineral: string;
  old: string;
  new: string;
  unit: string;
  /** new − old when both are numbers. */
  change: number | null;
  /** |change| as a share of the new (else old) world total of the same series; production and capacity only. */
  shareOfWorld: number | null;
}

export interface TableRevisions {
  table: FigureTable;
  inBoth: number;
  changed: number;
  onlyNew: number;
  onlyOld: number;
}

export interface RevisionSummary {
  from: string;
  to: string;
  tables: TableRevisions[];
  /** Every changed figure, the largest first (share of world, else relative change). */
  revisions: Revision[];
}

const numeric = (text: string): number | null => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : null);

/** Compare the figures of edition `to` (the new rows) with those of edition `from` (rows already in data/). */
export function summariseRevisions(
  from: string,
  to: string,
  oldRows: Partial<Record<FigureTable, Row[]>>,
  newRows: Partial<Record<FigureTable, Row[]>>,
): RevisionSummary {
  const tables: TableRevisions[] = [];
  const revisions: Revision[] = [];
  for (const [table, comparison] of Object.entries(COMPARISONS) as [FigureTable, Comparison][]) {
    const keyOf = (row: Row): string => comparison.key.map((column) => row[column] ?? '').join('|');
    const before = new Map((oldRows[table] ?? []).filter((row) => row.edition === from).map((row) => [keyOf(row), row]));
    const after = new Map((newRows[table] ?? []).filter((row) => row.edition === to).map((row) => [keyOf(row), row]));
    const world = (rows: Map<string, Row>, row: Row): number | null => {
      if (!('stage' in row)) return null;
      const w = rows.get(keyOf({ ...row, country: 'WLD' }));
      return w ? numeric(w.tonnes ?? '') : null;
    };
    const counts: TableRevisions = { table, inBoth: 0, changed: 0, onlyNew: 0, onlyOld: 0 };
    for (const [key, row] of after) {
      const old = before.get(key);
      if (!old) {
        counts.onlyNew++;
        continue;
      }
      counts.inBoth++;
      const a = comparison.value(old);
      const b = comparison.value(row);
      const x = numeric(a);
      const y = numeric(b);
      if (x !== null && y !== null ? x === y : a === b) continue;
      counts.changed++;
      const change = x !== null && y !== null ? y - x : null;
      const total = world(after, row) ?? world(before, old);
      revisions.push({
        table,
        key: Object.fromEntries(comparison.key.map((column) => [column, row[column] ?? ''])),
        mineral: row.mineral ?? '',
        old: a,
        new: b,
        unit: comparison.unit(row),
        change,
        shareOfWorld: change !== null && total ? Math.abs(change) / total : null,
      });
    }
    for (const key of before.keys()) if (!after.has(key)) counts.onlyOld++;
    tables.push(counts);
  }
  const weight = (r: Revision): number => {
    if (r.shareOfWorld !== null) return 10 + r.shareOfWorld; // production/capacity moves first, by share of world
    const x = numeric(r.old);
    return r.change !== null && x ? Math.min(Math.abs(r.change) / x, 9) : 0;
  };
  revisions.sort((a, b) => weight(b) - weight(a) || (a.mineral < b.mineral ? -1 : a.mineral > b.mineral ? 1 : 0));
  return { from, to, tables, revisions };
}
