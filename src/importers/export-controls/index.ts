import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { idsOf, readInput, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';

/**
 * Export-control measures: the reference table of measures (data/curated/reference/export_controls.csv) gives id,
 * imposing country, instrument, measure type, target, minerals, dates, `suspends`, source and confidence; our own
 * wording per measure (data/curated/export_controls.csv) adds a short title, what it covers, the stages it bites at
 * (read from the reference's list of covered items), the end users of an end-user ban and `replaced_by`. Minerals
 * not in data/minerals.csv are left out of a row, and a row left with none is skipped. Every distinct reference URL
 * becomes a source, named after the first measure that cites it.
 */
export const REFERENCE_FILE = 'data/curated/reference/export_controls.csv';
export const CURATION_FILE = 'data/curated/export_controls.csv';

/** Reference codes that are not ISO3 country codes: the EU is the EUU aggregate in data/countries.csv. */
const COUNTRY_CODES: Record<string, string> = { EU: 'EUU' };

const MEASURES: Record<string, string> = {
  licence_requirement: 'licence-requirement',
  export_ban: 'export-ban',
  destination_ban: 'destination-ban',
  end_user_ban: 'end-user-ban',
  quota: 'quota',
  suspension_of_measure: 'suspension',
  extraterritorial_rule: 'extraterritorial-rule',
  technology_control: 'technology-control',
};

const TARGETS: Record<string, string> = { ALL: 'all', non_OECD: 'non-oecd' };

const END_USERS = new Set(['', 'military', 'listed-entities']);

const GITHUB_REF = /^github\.com\/([^/\s]+\/[^/\s]+) @ ([0-9a-f]{40}), (.+)$/;

const REFERENCE_COLUMNS = [
  'id',
  'imposing_country',
  'instrument',
  'measure',
  'target',
  'minerals',
  'announced',
  'effective',
  'ends',
  'suspends',
  'source_url',
  'source_title',
  'confidence',
];
const CURATION_COLUMNS = ['id', 'title', 'covers', 'stages', 'end_users', 'replaced_by', 'note'];

/** A source row for a reference `source_url`: web pages keep their URL, repository files get a GitHub URL at the commit. */
function sourceFor(id: string, url: string, title: string, citedBy: string[], line: number): Row {
  const repo = GITHUB_REF.exec(url);
  const notes = `Cited by the export-control measures ${citedBy.join(', ')}.`;
  if (repo) {
    const [, name = '', commit = '', file = ''] = repo;
    return {
      id,
      title,
      publisher: `GitHub repository ${name} (capture of exportcontrol.mofcom.gov.cn)`,
      edition: '',
      year: '',
      locator: `${file} @ ${commit.slice(0, 12)}`,
      url: `https://github.com/${name}/blob/${commit}/${file.split('/').map(encodeURIComponent).join('/')}`,
      licence: '',
      notes: `${notes} Only the captured Chinese text was used, not the repository's own summaries.`,
    };
  }
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    throw new ImportError(REFERENCE_FILE, line, `source_url '${url}' is neither a URL nor a repository reference`);
  }
  return { id, title, publisher: host, edition: '', year: '', locator: '', url, licence: '', notes };
}

export interface ExportControlsImport {
  measures: Row[];
  sources: Row[];
  /** Reference rows left out, with why. */
  skipped: { id: string; reason: string }[];
  /** Minerals dropped from kept rows because data/minerals.csv does not hold them. */
  droppedMinerals: { id: string; minerals: string[] }[];
}

/** The reference table and our curation → measure rows and the sources they cite. */
export function importExportControls(input: ImporterInput): ExportControlsImport {
  const knownMinerals = idsOf(input.tables, 'minerals.csv');
  const reference = readInput(input, REFERENCE_FILE, REFERENCE_COLUMNS).map(({ line, row }) => ({
    line,
    row: Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value.trim()])),
  }));
  const curation = new Map(readInput(input, CURATION_FILE, CURATION_COLUMNS).map((entry) => [entry.row.id ?? '', entry]));
  const skipped: ExportControlsImport['skipped'] = [];
  const droppedMinerals: ExportControlsImport['droppedMinerals'] = [];
  const kept: { line: number; row: Row; minerals: string[] }[] = [];
  for (const { line, row } of reference) {
    const id = row.id ?? '';
    if (!curation.has(id)) throw new ImportError(REFERENCE_FILE, line, `measure '${id}' has no row in ${CURATION_FILE}`);
    const all = (row.minerals ?? '')
      .split(';')
      .map((mineral) => mineral.trim())
      .filter(Boolean);
    const minerals = all.filter((mineral) => knownMinerals.has(mineral));
    const dropped = all.filter((mineral) => !knownMinerals.has(mineral));
    if (minerals.length === 0) {
      skipped.push({ id, reason: `covers only minerals not in data/minerals.csv (${all.join(', ')})` });
      continue;
    }
    if (dropped.length > 0) droppedMinerals.push({ id, minerals: dropped });
    kept.push({ line, row, minerals });
  }
  const referenceIds = new Set(reference.map(({ row }) => row.id));
  for (const [id, { line }] of curation) {
    if (!referenceIds.has(id)) throw new ImportError(CURATION_FILE, line, `measure '${id}' matches no row of ${REFERENCE_FILE}`);
  }
  const keptIds = new Set(kept.map(({ row }) => row.id));

  // One source per distinct reference URL, named after the first measure (in reference order) that cites it.
  const sourceOfUrl = new Map<string, { id: string; title: string; line: number; citedBy: string[] }>();
  for (const { line, row } of kept) {
    const url = row.source_url ?? '';
    const source = sourceOfUrl.get(url) ?? { id: `xc-${row.id}`, title: row.source_title ?? '', line, citedBy: [] };
    source.citedBy.push(row.id ?? '');
    sourceOfUrl.set(url, source);
  }

  const measures = kept.map(({ line, row, minerals }): Row => {
    const id = row.id ?? '';
    const { row: own, line: ownLine } = curation.get(id)!;
    const refuse = (file: string, at: number, message: string): never => {
      throw new ImportError(file, at, `${id}: ${message}`);
    };
    const measure = MEASURES[row.measure ?? ''] ?? refuse(REFERENCE_FILE, line, `unknown measure '${row.measure}'`);
    if (row.suspends && !keptIds.has(row.suspends)) refuse(REFERENCE_FILE, line, `suspends '${row.suspends}', which is not kept`);
    if (own.replaced_by && !keptIds.has(own.replaced_by))
      refuse(CURATION_FILE, ownLine, `replaced by '${own.replaced_by}', which is not kept`);
    if (!END_USERS.has(own.end_users ?? ''))
      refuse(CURATION_FILE, ownLine, `end_users '${own.end_users}' is not military or listed-entities`);
    const imposing = row.imposing_country ?? '';
    const target = row.target ?? '';
    return {
      id,
      imposing_country: COUNTRY_CODES[imposing] ?? imposing,
      instrument: row.instrument ?? '',
      title: own.title ?? '',
      measure,
      target: TARGETS[target] ?? target,
      end_users: own.end_users ?? '',
      minerals: minerals.join(';'),
      stages: own.stages ?? '',
      covers: own.covers ?? '',
      announced: row.announced ?? '',
      effective: row.effective ?? '',
      ends: row.ends ?? '',
      lifted: '',
      suspends: row.suspends ?? '',
      replaced_by: own.replaced_by ?? '',
      note: own.note ?? '',
      source: sourceOfUrl.get(row.source_url ?? '')!.id,
      confidence: row.confidence ?? '',
    };
  });
  const sources = [...sourceOfUrl].map(([url, source]) => sourceFor(source.id, url, source.title, source.citedBy, source.line));
  return { measures, sources, skipped, droppedMinerals };
}

export const exportControls: Importer = {
  name: 'export-controls',
  inputs: [REFERENCE_FILE, CURATION_FILE],
  outputs: ['export_controls.csv', 'sources.csv'],
  run: (input): ImportedRows => {
    const { measures, sources } = importExportControls(input);
    return { 'export_controls.csv': measures, 'sources.csv': sources };
  },
};
