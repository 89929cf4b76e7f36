import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { idsOf, readInput, requireKnown, tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import {
  PRODUCTION_REFERENCE,
  PRODUCTION_REFERENCE_COLUMNS,
  REFERENCE_DIR,
  basisOf,
  citationMarkers,
  countryOf,
  figureText,
  mineralOf,
} from '../shared/reference.js';
import { CHAPTERS, MCS2025_PAGES, WITHHELD_LITHIUM_YEARS, T5_CONSUMPTION } from './tables.js';

/**
 * USGS Mineral Commodity Summaries 2022–2025 as the project's reference transcription holds them (figures from
 * the data releases, through public copies): every edition's production, reserves, net import reliance and import
 * sources, MCS 2025 Table 5's apparent consumption, and the withheld (W) figures the reference states. Each row's
 * `source` text names the data-release file it came from; it is mapped to a source of data/sources.csv and an
 * edition, and refused when it maps to none. (The MCS 2026 data release has its own importer, usgs-mcs.)
 */
export const RESERVES_FILE = `${REFERENCE_DIR}/reserves.csv`;
export const RELIANCE_FILE = `${REFERENCE_DIR}/us_import_reliance_all_vintages.csv`;
export const IMPORT_SOURCES_FILE = `${REFERENCE_DIR}/us_import_sources.csv`;
export const T5_FILE = `${REFERENCE_DIR}/usgs_mcs2025_t5_salient.csv`;
const T5_SOURCE = 'usgs-mcs-2025-t5';

interface Citation {
  source: string;
  edition: string;
  estimated: boolean;
  lowerBound: boolean;
}

function chapterOfFile(file: string, kind: 'world' | 'salient', where: string, line: number) {
  const code = new RegExp(`mcs\\d{4}-([a-z]+)_${kind}\\.csv$`).exec(file)?.[1];
  const chapter = code ? CHAPTERS[code] : undefined;
  if (!chapter) throw new ImportError(where, line, `cannot read the MCS chapter from '${file}'`);
  return chapter;
}

/** A reference `source` text (production, reserves, import reliance) → source id and edition. */
function citationOf(raw: string, mineral: string, where: string, line: number): Citation {
  const { text, estimated, lowerBound } = citationMarkers(raw);
  const refuse = (message: string): never => {
    throw new ImportError(where, line, message);
  };
  const cite = (source: string, edition: string): Citation => ({ source, edition, estimated, lowerBound });
  const sameMineral = (chapter: { mineral: string }, what: string) => {
    if (chapter.mineral !== mineral) refuse(`${what} is ${chapter.mineral}, the row is ${mineral}`);
  };
  let m = /^USGS MCS (\d{4})(?:, pp\.(\d+-\d+))? \[(\S+) @ (\S+)\]$/.exec(text);
  if (m) {
    const [, edition = '', pageRange, file = ''] = m;
    if (edition === '2025') {
      if (!pageRange) return cite('usgs-mcs-2025-world-data', 'usgs-mcs-2025');
      const code = MCS2025_PAGES[pageRange];
      const chapter = (code ? CHAPTERS[code] : undefined) ?? refuse(`unknown MCS 2025 page range ${pageRange}`);
      sameMineral(chapter, `MCS 2025 ${pageRange}`);
      return cite(`usgs-mcs-2025-${chapter.slug}`, 'usgs-mcs-2025');
    }
    const chapter = chapterOfFile(file, 'world', where, line);
    sameMineral(chapter, file);
    return cite(`usgs-mcs-${edition}-${chapter.slug}-world`, `usgs-mcs-${edition}`);
  }
  m = /^USGS MCS (\d{4}) salient statistics \[(\S+) col (\S+) @ (\S+)\]$/.exec(text);
  if (m) {
    const [, edition = '', file = ''] = m;
    const chapter = chapterOfFile(file, 'salient', where, line);
    sameMineral(chapter, file);
    return cite(`usgs-mcs-${edition}-${chapter.slug}-salient`, `usgs-mcs-${edition}`);
  }
  // The cobalt salient file of that copy holds world-production data, so NIR 2023 comes from Table 5 and Figure 2.
  if (
    text.startsWith(
      'USGS MCS 2024 Table 5 & Figure 2 [MCS2024_T5_Critical_Minerals_Salient.csv, MCS2024_Fig2_Net_Import_Reliance.csv @ Redliana/cmm-data]',
    )
  )
    return cite('usgs-mcs-2024-t5-fig2', 'usgs-mcs-2024');
  if (text.startsWith('USGS OFR 2024-1057 Table 1.14')) return cite('usgs-ofr-2024-1057-t1-14', 'usgs-ofr-2024-1057');
  return refuse(`unrecognised citation '${raw}'`);
}

/** A us_import_sources.csv `source` text → source id. */
function importSourceCitation(raw: string, where: string, line: number): string {
  const chapters: [prefix: string, id: string][] = [
    ['USGS MCS 2025, p.34, Import Sources (2020-23); transcribed copy', 'usgs-mcs-2025-antimony-import-sources'],
    ['USGS MCS 2025 p.144 Import Sources (2020-23)', 'usgs-mcs-2025-rare-earths-import-sources'],
    ['USGS MCS 2025 p.186 Import Sources (2020-23)', 'usgs-mcs-2025-titanium-sponge-import-sources'],
    ['USGS MCS 2025 Titanium Mineral Concentrates chapter, Import Sources (2020-23)', 'usgs-mcs-2025-titanium-concentrates-import-sources'],
  ];
  const chapter = chapters.find(([prefix]) => raw.startsWith(prefix));
  if (chapter) return chapter[1];
  const edition = /^USGS MCS (\d{4}) Figure 2 data release, commodity "[^"]+" \[\S+ @ \S+\]/.exec(raw)?.[1];
  if (edition) return `usgs-mcs-${edition}-fig2`;
  throw new ImportError(where, line, `unrecognised import-source citation '${raw}'`);
}

/** "rare_earths (compounds and metals)" → { mineral: 'rare-earths', form: 'compounds and metals' } */
function mineralAndForm(input: ImporterInput, reference: string, where: string, line: number): { mineral: string; form: string } {
  const match = /^([a-z_]+)(?: \((.+)\))?$/.exec(reference.trim());
  if (!match?.[1]) throw new ImportError(where, line, `cannot read mineral '${reference}'`);
  return { mineral: mineralOf(input.tables, match[1], where, line), form: match[2] ?? '' };
}

export function importUsgsMcsHistory(input: ImporterInput): Required<Pick<ImportedRows, string>> {
  const sources = idsOf(input.tables, 'sources.csv');
  const editions = idsOf(input.tables, 'editions.csv');
  /** A citation whose source and edition are in data/ (refused otherwise). */
  const known = (cite: Citation, where: string, line: number): Citation => {
    requireKnown(sources, cite.source, 'source', where, line);
    requireKnown(editions, cite.edition, 'edition', where, line);
    return cite;
  };

  // Production: every edition's figures, so older editions stay reproducible (IEA rows are the iea importer's).
  const production: Row[] = [];
  for (const { line, row } of readInput(input, PRODUCTION_REFERENCE, PRODUCTION_REFERENCE_COLUMNS)) {
    if ((row.source ?? '').startsWith('IEA ')) continue;
    const mineral = mineralOf(input.tables, row.mineral ?? '', PRODUCTION_REFERENCE, line);
    const basis = basisOf(input.tables, mineral, row.stage ?? '', row.basis ?? '', PRODUCTION_REFERENCE, line);
    const cite = known(citationOf(row.source ?? '', mineral, PRODUCTION_REFERENCE, line), PRODUCTION_REFERENCE, line);
    production.push({
      mineral,
      stage: basis.stage ?? '',
      country: countryOf(input.tables, row.iso3 ?? '', PRODUCTION_REFERENCE, line),
      year: row.year ?? '',
      basis: basis.id ?? '',
      tonnes: figureText(row.tonnes ?? '', 'tonnes', PRODUCTION_REFERENCE, line),
      edition: cite.edition,
      source: cite.source,
      estimated: String(cite.estimated),
      withheld: 'false',
      lower_bound: String(cite.lowerBound),
    });
  }

  // Withheld (W) figures: mineral, stage, country and year all known; a withheld row never overlays a figure.
  const withheld = (basisId: string, country: string, year: string, edition: string, source: string): void => {
    const basis = tableRows(input.tables, 'bases.csv').find((candidate) => candidate.id === basisId);
    if (!basis) throw new ImportError(PRODUCTION_REFERENCE, null, `unknown basis ${basisId}`);
    const key = { mineral: basis.mineral, stage: basis.stage, country, year, basis: basisId, edition };
    if (production.some((row) => Object.entries(key).every(([column, value]) => row[column] === value)))
      throw new ImportError(PRODUCTION_REFERENCE, null, `withheld row ${basisId}/${country}/${year} collides with a published figure`);
    production.push({ ...(key as Row), tonnes: '', source, estimated: 'false', withheld: 'true', lower_bound: 'false' });
  };
  // U.S. lithium mine production: withheld in every edition; each edition's table for that year gets its own row.
  for (const year of WITHHELD_LITHIUM_YEARS) {
    const citing = new Map(
      production.filter((row) => row.basis === 'li-contained' && row.year === year).map((row) => [row.edition, row.source]),
    );
    if (citing.size === 0) throw new ImportError(PRODUCTION_REFERENCE, null, `lithium ${year}: no edition reports it`);
    for (const [edition, source] of [...citing].sort()) withheld('li-contained', 'USA', year, edition ?? '', source ?? '');
  }
  // MCS 2025 Table 5: U.S. titanium (metal) primary production W, 2024e (the world total excludes the U.S.).
  const t5 = readInput(input, T5_FILE, ['Year', 'Critical_mineral', 'Primary_prod', 'Apparent_Consumption', 'Consumption_Notes']);
  const t5Row = (name: string) => t5.find(({ row }) => (row.Critical_mineral ?? '').trim() === name);
  const tiMetal = t5Row('Titanium (metal)');
  if (tiMetal?.row.Primary_prod !== 'W' || tiMetal.row.Year !== '2024_estimated')
    throw new ImportError(T5_FILE, null, 'titanium (metal) W not found');
  requireKnown(sources, T5_SOURCE, 'source', T5_FILE, tiMetal.line);
  withheld('ti-sponge', 'USA', '2024', 'usgs-mcs-2025', T5_SOURCE);

  // Germanium: the two refinery bases must never share a year, or the basis priority, not the data, would pick one.
  const years = (basis: string) => new Set(production.filter((row) => row.basis === basis).map((row) => row.year));
  const refinery = years('ge-refinery');
  const overlap = [...years('ge-primary-est')].filter((year) => refinery.has(year));
  if (overlap.length > 0) throw new ImportError(PRODUCTION_REFERENCE, null, `germanium bases overlap in ${overlap.join(', ')}`);

  // Apparent consumption (MCS 2025 Table 5, 2024e): only numeric cells; W and NA stay missing, never zero.
  const apparentConsumption: Row[] = [];
  for (const [mineral, name, form] of T5_CONSUMPTION) {
    const found =
      t5Row(name) ??
      (() => {
        throw new ImportError(T5_FILE, null, `${name} not found`);
      })();
    const value = (found.row.Apparent_Consumption ?? '').trim();
    if (!/^\d+(\.\d+)?$/.test(value)) continue;
    apparentConsumption.push({
      importer: 'USA',
      mineral,
      form,
      year: '2024',
      tonnes: value,
      note: (found.row.Consumption_Notes ?? '').trim(),
      estimated: 'true',
      edition: 'usgs-mcs-2025',
      source: T5_SOURCE,
    });
  }

  const reserves: Row[] = [];
  for (const { line, row } of readInput(input, RESERVES_FILE, ['mineral', 'iso3', 'tonnes', 'basis', 'year', 'source'])) {
    const mineral = mineralOf(input.tables, row.mineral ?? '', RESERVES_FILE, line);
    const label = /^reserves, (.+?)(?: \([^()]*\))?$/.exec(row.basis ?? '')?.[1];
    if (!label) throw new ImportError(RESERVES_FILE, line, `cannot shorten basis '${row.basis}'`);
    const cite = known(citationOf(row.source ?? '', mineral, RESERVES_FILE, line), RESERVES_FILE, line);
    reserves.push({
      mineral,
      country: countryOf(input.tables, row.iso3 ?? '', RESERVES_FILE, line),
      year: row.year ?? '',
      tonnes: figureText(row.tonnes ?? '', 'tonnes', RESERVES_FILE, line),
      basis: label,
      edition: cite.edition,
      source: cite.source,
      lower_bound: String(cite.lowerBound),
    });
  }

  const importReliance: Row[] = [];
  for (const { line, row } of readInput(input, RELIANCE_FILE, ['mineral', 'year', 'net_import_reliance_pct', 'source'])) {
    const { mineral, form } = mineralAndForm(input, row.mineral ?? '', RELIANCE_FILE, line);
    const valueText = (row.net_import_reliance_pct ?? '').trim();
    const number = /^([<>]?)(\d+(?:\.\d+)?)$/.exec(valueText);
    const qualifier = number
      ? number[1] === '>'
        ? 'gt'
        : number[1] === '<'
          ? 'lt'
          : 'eq'
      : valueText === 'E'
        ? 'net_exporter'
        : valueText === 'XX'
          ? 'not_applicable'
          : null;
    if (qualifier === null) throw new ImportError(RELIANCE_FILE, line, `unknown value '${valueText}'`);
    const cite = known(citationOf(row.source ?? '', mineral, RELIANCE_FILE, line), RELIANCE_FILE, line);
    importReliance.push({
      importer: 'USA',
      mineral,
      form,
      year: row.year ?? '',
      percent: number?.[2] ?? '',
      qualifier,
      value_text: valueText,
      estimated: String(cite.estimated),
      edition: cite.edition,
      source: cite.source,
    });
  }

  // Import sources: rank is the order the source lists them in.
  const importSources: Row[] = [];
  const ranks = new Map<string, number>();
  for (const { line, row } of readInput(input, IMPORT_SOURCES_FILE, ['mineral', 'period', 'iso3', 'share_pct', 'source'])) {
    const { mineral, form } = mineralAndForm(input, row.mineral ?? '', IMPORT_SOURCES_FILE, line);
    const period = row.period ?? '';
    const group = `${mineral}|${form}|${period}`;
    const rank = (ranks.get(group) ?? 0) + 1;
    ranks.set(group, rank);
    const share = (row.share_pct ?? '').trim();
    if (share !== '') figureText(share, 'share', IMPORT_SOURCES_FILE, line);
    const source = requireKnown(
      sources,
      importSourceCitation(row.source ?? '', IMPORT_SOURCES_FILE, line),
      'source',
      IMPORT_SOURCES_FILE,
      line,
    );
    const stated = /rank (\d+) of \d+/.exec(row.source ?? '')?.[1];
    if (stated && Number(stated) !== rank)
      throw new ImportError(IMPORT_SOURCES_FILE, line, `${group} listed at ${rank}, the source says rank ${stated}`);
    const edition = `usgs-mcs-${/^usgs-mcs-(\d{4})-/.exec(source)?.[1] ?? ''}`;
    importSources.push({
      importer: 'USA',
      mineral,
      form,
      period,
      country: countryOf(input.tables, row.iso3 ?? '', IMPORT_SOURCES_FILE, line),
      share_pct: share,
      rank: String(rank),
      edition: requireKnown(editions, edition, 'edition', IMPORT_SOURCES_FILE, line),
      source,
    });
  }

  return {
    'production.csv': production,
    'reserves.csv': reserves,
    'import_reliance.csv': importReliance,
    'import_sources.csv': importSources,
    'apparent_consumption.csv': apparentConsumption,
  };
}

export const usgsMcsHistory: Importer = {
  name: 'usgs-mcs-history',
  inputs: [PRODUCTION_REFERENCE, RESERVES_FILE, RELIANCE_FILE, IMPORT_SOURCES_FILE, T5_FILE],
  outputs: ['production.csv', 'reserves.csv', 'import_reliance.csv', 'import_sources.csv', 'apparent_consumption.csv'],
  run: importUsgsMcsHistory,
};
