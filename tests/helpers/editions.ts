/**
 * The edition view rule, worked out straight from data/editions.csv and independent of src/ (issue 11):
 *
 * - Default view: for each series (a figure's key without the edition and, for per-country tables, without the
 *   country), every row of the newest edition (by `published`, then id) that reports it.
 * - Pinned to edition E: series that an edition of E's family reports take the newest edition of that family not
 *   newer than E; every other series keeps its default edition.
 *
 * Tests that pin published values ask the API for `?edition=usgs-mcs-2025` (PINNED_EDITION) and recompute their
 * expectations from the CSV files through `viewOf`, so they keep passing when a newer edition lands in data/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from './dataset.js';

type Row = Record<string, string>;

/** The edition every test that pins a published value answers from: USGS MCS 2025 (data year 2024). */
export const PINNED_EDITION = 'usgs-mcs-2025';

/** `?edition=usgs-mcs-2025` appended to a URL's query (after any other parameters). */
export function pinned(url: string, edition: string = PINNED_EDITION): string {
  return `${url}${url.includes('?') ? '&' : '?'}edition=${edition}`;
}

export interface Edition {
  id: string;
  family: string;
  published: string;
}

export function readEditions(dir: string = DATA_DIR): Edition[] {
  const rows = parse(readFileSync(join(dir, 'editions.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
  return rows.map((row) => ({ id: row.id!, family: row.family!, published: row.published! }));
}

/** Newer publication date first; a date's coarser form ("2025") counts as older than its finer forms ("2025-05"). */
function newer(a: Edition, b: Edition): boolean {
  if (a.published !== b.published) return a.published > b.published;
  return a.id > b.id;
}

/** The key of the series a row of `file` belongs to (its key without edition and country). */
export const SERIES_KEYS: Record<string, (row: Row) => string> = {
  'production.csv': (r) => [r.mineral, r.stage, r.basis, r.year].join('|'),
  'capacity.csv': (r) => [r.mineral, r.stage, r.basis, r.year].join('|'),
  'reserves.csv': (r) => [r.mineral, r.basis, r.year].join('|'),
  'import_reliance.csv': (r) => [r.importer, r.mineral, r.form, r.year].join('|'),
  'import_sources.csv': (r) => [r.importer, r.mineral, r.form, r.period].join('|'),
  'apparent_consumption.csv': (r) => [r.importer, r.mineral, r.form, r.year].join('|'),
  'prices.csv': (r) => [r.mineral, r.series, r.year].join('|'),
  'us_salient.csv': (r) => [r.country, r.mineral, r.statistic, r.detail, r.year].join('|'),
  'critical_minerals.csv': (r) => [r.mineral, r.list].join('|'),
  'stage_shares.csv': (r) => [r.mineral, r.stage, r.basis].join('|'),
  'sourcing_shares.csv': (r) => [r.importer, r.mineral, r.stage].join('|'),
  'stage_reliance.csv': (r) => [r.importer, r.mineral, r.stage].join('|'),
  // One series: a view reads every country's governance from the same WGI release, never a mix.
  'governance.csv': () => 'wgi',
};

/**
 * The rows of `rows` a view keeps: per series, the rows of the one edition the view takes.
 * `pin` = edition id (default PINNED_EDITION); `null` = the default view (newest edition per series).
 */
export function viewOf<R extends Row>(
  rows: readonly R[],
  seriesKey: (row: R) => string,
  editions: readonly Edition[],
  pin: string | null = PINNED_EDITION,
): R[] {
  const byId = new Map(editions.map((edition) => [edition.id, edition]));
  const pinnedEdition = pin === null ? undefined : byId.get(pin);
  if (pin !== null && !pinnedEdition) throw new Error(`unknown edition ${pin}`);
  const candidates = new Map<string, Edition[]>();
  for (const row of rows) {
    const edition = byId.get(row.edition!);
    if (!edition) throw new Error(`row cites an unknown edition ${row.edition}`);
    const key = seriesKey(row);
    const list = candidates.get(key) ?? [];
    if (!list.includes(edition)) list.push(edition);
    candidates.set(key, list);
  }
  const chosen = new Map<string, string>();
  for (const [key, list] of candidates) {
    let pool = list;
    if (pinnedEdition && list.some((edition) => edition.family === pinnedEdition.family)) {
      pool = list.filter((edition) => edition.family === pinnedEdition.family && !newer(edition, pinnedEdition));
    }
    let best: Edition | undefined;
    for (const edition of pool) if (!best || newer(edition, best)) best = edition;
    if (best) chosen.set(key, best.id);
  }
  return rows.filter((row) => chosen.get(seriesKey(row)) === row.edition);
}

/** Every row of a data file as a record of strings. */
export function readCsvRows(file: string, dir: string = DATA_DIR): Row[] {
  return parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

/** The rows of a data file that carries an edition, as the view pinned to `pin` (default MCS 2025) sees them. */
export function viewRows(file: string, pin: string | null = PINNED_EDITION, dir: string = DATA_DIR): Row[] {
  const seriesKey = SERIES_KEYS[file];
  if (!seriesKey) throw new Error(`${file} carries no edition`);
  return viewOf(readCsvRows(file, dir), seriesKey, readEditions(dir), pin);
}
