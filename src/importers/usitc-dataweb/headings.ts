/**
 * The heading map (data/curated/hts_headings.csv): which mineral and stage each HTS heading stands for, and whether it
 * is only a proxy. One row per heading and mineral; a heading that stands for no mineral of the dataset has one row
 * with an empty mineral. The importer reads it to know the headings: a heading the map lacks refuses the file.
 */
import { parse } from 'csv-parse/sync';
import { ImportError } from './errors.js';

export const HEADING_COLUMNS = ['hts', 'description', 'mineral', 'stage', 'proxy', 'note'] as const;

export interface HeadingRow {
  hts: string;
  /** The heading's description exactly as DataWeb prints it (the file is checked against it). */
  description: string;
  mineral: string | null;
  stage: string | null;
  /** The heading holds much more than the mineral: never the mineral's own flow. */
  proxy: boolean;
  note: string;
}

/** Heading → its description and mapping rows. */
export type HeadingMap = ReadonlyMap<string, { description: string; rows: HeadingRow[] }>;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Parse and check the map's text; `file` names it in errors (file:line). */
export function parseHeadingMap(text: string, file: string): HeadingMap {
  const records = parse(text, { info: true, skip_empty_lines: true }) as unknown as ParsedRecord[];
  const [header, ...body] = records;
  if (!header || header.record.join(',') !== HEADING_COLUMNS.join(',')) {
    throw new ImportError(file, null, 1, `header must be ${HEADING_COLUMNS.join(',')}`);
  }
  const map = new Map<string, { description: string; rows: HeadingRow[] }>();
  const seen = new Set<string>();
  for (const { record, info } of body) {
    const [hts = '', description = '', mineral = '', stage = '', proxy = '', note = ''] = record;
    const fail = (detail: string): never => {
      throw new ImportError(file, null, info.lines, detail);
    };
    if (record.length !== HEADING_COLUMNS.length) fail(`${record.length} fields, expected ${HEADING_COLUMNS.length}`);
    if (!/^\d{4}$/.test(hts)) fail(`hts must be a 4-digit heading, found ${JSON.stringify(hts)}`);
    if (proxy !== 'true' && proxy !== 'false') fail(`proxy must be true or false, found ${JSON.stringify(proxy)}`);
    if ((mineral === '') !== (stage === '')) fail('mineral and stage are both given or both empty');
    if (mineral === '' && proxy === 'true') fail('a heading that stands for no mineral cannot be a proxy');
    if (note.trim() === '') fail('every heading says in its note what it holds');
    const key = `${hts}|${mineral}`;
    if (seen.has(key)) fail(`heading ${hts} is mapped to ${JSON.stringify(mineral)} twice`);
    seen.add(key);
    const entry = map.get(hts) ?? { description, rows: [] };
    if (entry.description !== description) fail(`heading ${hts} has two descriptions`);
    if (entry.rows.some((row) => row.mineral === null) || (entry.rows.length > 0 && mineral === '')) {
      fail(`heading ${hts}: a row without a mineral must be the heading's only row`);
    }
    entry.rows.push({ hts, description, mineral: mineral || null, stage: stage || null, proxy: proxy === 'true', note });
    map.set(hts, entry);
  }
  return map;
}
