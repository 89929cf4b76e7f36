/**
 * Which edition answers: every figure belongs to one edition of its source, and editions of one family (the
 * yearly USGS Mineral Commodity Summaries) revise each other. A view takes, for each series (a figure's key
 * without the edition, e.g. mineral, stage, basis and year), every row of exactly one edition — never a mix.
 *
 * - Default view: the newest edition that reports the series.
 * - Pinned to edition E: the data as it stood when E was the newest of its family. Series E's family reports take
 *   the newest edition of that family not newer than E (so a year only a later edition reports is absent);
 *   series no edition of E's family reports keep their default edition.
 */

export interface EditionInfo {
  id: string;
  family: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  published: string;
}

/** Orders editions by publication date (a coarser date sorts before a finer one of the same period), then id. */
export function compareEditions(a: EditionInfo, b: EditionInfo): number {
  // Code-unit order: ISO dates and slug ids sort correctly without the cost of localeCompare (this runs per series).
  return compareText(a.published, b.published) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The editions in the order they were published, oldest first. */
export function sortEditions<T extends EditionInfo>(editions: readonly T[]): T[] {
  return [...editions].sort(compareEditions);
}

/**
 * For each series, the edition a view takes, or none. `candidates` are the editions that report the series;
 * `pinned` is the edition the caller asked for (undefined = default view).
 */
export function chooseEdition(candidates: readonly EditionInfo[], pinned: EditionInfo | undefined): EditionInfo | undefined {
  let pool = candidates;
  if (pinned !== undefined && candidates.some((edition) => edition.family === pinned.family)) {
    pool = candidates.filter((edition) => edition.family === pinned.family && compareEditions(edition, pinned) <= 0);
  }
  return pool.reduce<EditionInfo | undefined>(
    (newest, edition) => (!newest || compareEditions(edition, newest) > 0 ? edition : newest),
    undefined,
  );
}

/** Keeps the rows of the edition chosen for each series; row order is preserved. */
export function selectEditions<Row extends { edition: string }>(
  rows: readonly Row[],
  seriesKey: (row: Row) => string,
  editionById: ReadonlyMap<string, EditionInfo>,
  pinned: EditionInfo | undefined,
): Row[] {
  const candidates = new Map<string, Map<string, EditionInfo>>();
  for (const row of rows) {
    const key = seriesKey(row);
    const edition = editionById.get(row.edition);
    if (edition === undefined) continue;
    let editions = candidates.get(key);
    if (!editions) candidates.set(key, (editions = new Map()));
    editions.set(edition.id, edition);
  }
  const chosen = new Map<string, string | undefined>();
  for (const [key, editions] of candidates) chosen.set(key, chooseEdition([...editions.values()], pinned)?.id);
  return rows.filter((row) => chosen.get(seriesKey(row)) === row.edition);
}
