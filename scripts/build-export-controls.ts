/**
 * Builds data/export_controls.csv (export-control measures) from the reference table export_controls.csv and adds
 * the publications it cites to data/sources.csv.
 *
 *   npx tsx scripts/build-export-controls.ts [reference-data-dir]
 *
 * Default input: ../shared/reference/data. Deterministic: the same input writes byte-identical files.
 *
 * What comes from the reference row: id, imposing country, instrument, measure type, target, minerals, dates,
 * `suspends`, source and confidence. What the project adds, per row, is in CURATED below, in our own words:
 * a short title, what the measure covers, the stages of the supply chain it bites at (read from the reference's
 * list of covered items), the end users of an end-user ban, and `replaced_by` where the reference says that a later
 * measure took over. Minerals that data/minerals.csv does not hold are left out of a row (and a row left with
 * none is skipped), so re-running after new minerals are added picks them up.
 *
 * `buildExportControls()` is exported so scripts/build-data.ts can call it after writing minerals, countries and
 * sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvText, readCsv } from './data-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Row = Record<string, string>;

export const EXPORT_CONTROL_COLUMNS = [
  'id',
  'imposing_country',
  'instrument',
  'title',
  'measure',
  'target',
  'end_users',
  'minerals',
  'stages',
  'covers',
  'announced',
  'effective',
  'ends',
  'lifted',
  'suspends',
  'replaced_by',
  'note',
  'source',
  'confidence',
] as const;

export type ExportControlCsvRow = Record<(typeof EXPORT_CONTROL_COLUMNS)[number], string>;

const SOURCE_COLUMNS = ['id', 'title', 'publisher', 'edition', 'year', 'locator', 'url', 'licence', 'notes'] as const;
type SourceCsvRow = Record<(typeof SOURCE_COLUMNS)[number], string>;

const ALL_STAGES = 'mining;refining;metal;component';

interface Curated {
  title: string;
  covers: string;
  /** Semicolon-separated stage ids; '' = the measure restricts no material flow (technology, equipment, waste). */
  stages: string;
  endUsers?: 'military' | 'listed-entities';
  replacedBy?: string;
  note: string;
}

/** Our own wording per reference row; every fact here is in that row's reference text or its notes. */
const CURATED: Record<string, Curated> = {
  'cn-mofcom-2023-23-ga-ge': {
    title: 'Licence needed to export gallium and germanium items',
    covers:
      'Gallium metal and compounds (oxide, nitride, arsenide, phosphide and others); germanium metal, ingots, dioxide, tetrachloride and substrates',
    stages: 'refining;metal;component',
    replacedBy: 'cn-mofcom-2024-51-dual-use-list',
    note: 'Carried into the consolidated dual-use list from 2024-12-01 with the same scope.',
  },
  'cn-mofcom-2023-39-graphite': {
    title: 'Licence needed to export graphite items',
    covers: 'High-purity artificial graphite; natural flake graphite and its spheroidised and expanded forms',
    stages: 'mining;refining',
    replacedBy: 'cn-mofcom-2024-51-dual-use-list',
    note: 'Carried into the consolidated dual-use list from 2024-12-01.',
  },
  'cn-mofcom-most-2023-57-re-tech-ban': {
    title: 'Rare-earth processing and magnet technologies barred from export',
    covers: 'Technologies for rare-earth extraction and separation, metal and alloy production and magnet making',
    stages: '',
    note: 'A technology control: it restricts know-how, not the flow of material, so it adds nothing to controlled supply.',
  },
  'cn-mofcom-2024-33-antimony': {
    title: 'Licence needed to export antimony items',
    covers: 'Antimony ores and raw materials, antimony metal, high-purity oxides and organic compounds, related technology',
    stages: 'mining;refining;metal',
    replacedBy: 'cn-mofcom-2024-51-dual-use-list',
    note: 'Carried into the consolidated dual-use list from 2024-12-01.',
  },
  'cn-mofcom-2024-51-dual-use-list': {
    title: 'Consolidated dual-use export control list (licence needed)',
    covers: 'Everything the 2023 gallium, germanium and graphite and 2024 antimony announcements controlled',
    stages: ALL_STAGES,
    note: 'Took over the earlier announcements on 2024-12-01; later additions updated the list.',
  },
  'cn-mofcom-2024-46-us-military-ban': {
    title: 'No dual-use items for US military users or uses',
    covers: 'Every item on the dual-use list, when bound for a US military user or use',
    stages: ALL_STAGES,
    endUsers: 'military',
    note: 'Not part of the November 2025 suspension.',
  },
  'cn-mofcom-2024-46-us-ga-ge-sb-denial': {
    title: 'Gallium, germanium and antimony exports to the US denied in principle',
    covers: 'Gallium, germanium and antimony dual-use items (denied in principle); graphite items (stricter end-user review)',
    stages: ALL_STAGES,
    note: 'Suspended from 2025-11-09 to 2026-11-27; no record found of what followed. Licensing applied throughout.',
  },
  'cn-mofcom-2025-10-w-te-bi-mo-in': {
    title: 'Licence needed to export tungsten, tellurium, bismuth, molybdenum and indium items',
    covers:
      'Ammonium paratungstate, tungsten oxides, carbide and alloys; tellurium metal and telluride crystals; bismuth metal and compounds; molybdenum powder; indium phosphide and organics; related technology',
    stages: 'refining;metal;component',
    note: 'Not among the measures suspended in November 2025.',
  },
  'cn-mofcom-2025-18-medium-heavy-ree': {
    title: 'Licence needed to export seven medium and heavy rare earths',
    covers: 'Metals, alloys, targets, oxides and compounds of Sm, Gd, Tb, Dy, Lu, Sc and Y; magnets containing them',
    stages: 'refining;metal;component',
    note: 'Not suspended; general licences were granted to some exporters from December 2025, but no repeal was found.',
  },
  'cn-mofcom-most-2025-28-battery-li-ga-tech': {
    title: 'Approval needed to export battery-cathode, lithium and gallium process technologies',
    covers:
      'Cathode preparation technology (LFP, LMFP, precursors); lithium extraction and refining technology; gallium extraction technology',
    stages: '',
    note: 'A technology control: it adds nothing to controlled supply.',
  },
  'cn-mofcom-2025-56-re-equipment': {
    title: 'Licence needed to export rare-earth production equipment and auxiliary materials',
    covers: 'Rare-earth processing and magnet-making equipment; raw and auxiliary materials listed under 1C914',
    stages: '',
    note: 'Equipment, not mineral supply, so it adds nothing to controlled supply. Suspended before it took effect, until 2026-11-10.',
  },
  'cn-mofcom-2025-57-five-ree': {
    title: 'Licence needed to export five more rare earths',
    covers: 'Metals, alloys, targets, oxides and compounds of Ho, Er, Tm, Eu and Yb and materials containing them',
    stages: 'refining;metal;component',
    note: 'Suspended before it took effect, until 2026-11-10; no record found of what followed.',
  },
  'cn-mofcom-2025-58-li-battery-graphite-anode': {
    title: 'Licence needed to export high-end lithium batteries, cathode and graphite-anode materials',
    covers:
      'High-energy lithium-ion cells; LFP, NCM and NCA cathode materials and precursors; artificial graphite anode materials; the equipment and technology to make them',
    stages: 'component',
    note: 'Suspended before it took effect, until 2026-11-10; no record found of what followed.',
  },
  'cn-mofcom-2025-61-extraterritorial-ree': {
    title: 'Licence needed for foreign-made rare-earth magnets and targets with Chinese content',
    covers:
      'Magnet materials and sputtering targets made abroad with at least 0.1 % Chinese rare earths by value or with Chinese technology; re-exports of listed Chinese items',
    stages: 'component',
    note: 'Suspended from 2025-11-07 until 2026-11-10; no record found of what followed.',
  },
  'cn-mofcom-2025-62-re-tech': {
    title: 'Licence needed to export rare-earth technologies',
    covers: 'Technologies for rare-earth mining, separation, metal making, magnet manufacturing and recycling, and for running such lines',
    stages: '',
    note: 'A technology control: it adds nothing to controlled supply. Suspended from 2025-11-07 until 2026-11-10.',
  },
  'cn-mofcom-2025-70-susp-56': {
    title: 'Suspension of the rare-earth equipment controls',
    covers: 'All of Announcement No. 56 [2025]',
    stages: '',
    note: 'Scheduled to run until 2026-11-10; no record found of an extension or of the lapse.',
  },
  'cn-mofcom-2025-70-susp-57': {
    title: 'Suspension of the controls on five rare earths',
    covers: 'All of Announcement No. 57 [2025]',
    stages: '',
    note: 'Scheduled to run until 2026-11-10; no record found of an extension or of the lapse.',
  },
  'cn-mofcom-2025-70-susp-58': {
    title: 'Suspension of the battery and anode-material controls',
    covers: 'All of Announcement No. 58 [2025]',
    stages: '',
    note: 'Scheduled to run until 2026-11-10; no record found of an extension or of the lapse.',
  },
  'cn-mofcom-2025-70-susp-61': {
    title: 'Suspension of the extraterritorial rare-earth rules',
    covers: 'All of Announcement No. 61 [2025]',
    stages: '',
    note: 'Scheduled to run until 2026-11-10; no record found of an extension or of the lapse.',
  },
  'cn-mofcom-2025-70-susp-62': {
    title: 'Suspension of the rare-earth technology controls',
    covers: 'All of Announcement No. 62 [2025]',
    stages: '',
    note: 'Scheduled to run until 2026-11-10; no record found of an extension or of the lapse.',
  },
  'cn-mofcom-2025-72-susp-46-cl2': {
    title: 'Suspension of the US denial for gallium, germanium and antimony',
    covers: 'Clause 2 of Announcement No. 46 [2024]',
    stages: '',
    note: 'Scheduled to run until 2026-11-27; no record found of an extension or of the lapse. Clause 1 stayed in force.',
  },
  'cn-mofcom-2026-01-japan-military-ban': {
    title: 'No dual-use items for Japanese military users or uses',
    covers:
      'Every item on the dual-use list, when bound for a Japanese military user or use, or one that adds to Japan’s military capability',
    stages: ALL_STAGES,
    endUsers: 'military',
    note: 'No suspension found in the sources read (to mid-2026).',
  },
  'cn-2026-japan-ree-licence-halt-reported': {
    title: 'Reported halt of licences for heavy rare earths to Japan',
    covers: 'Heavy rare earths and magnets containing them (items of No. 18 [2025])',
    stages: 'refining;metal;component',
    note: 'Press reports of administrative practice, not a published measure; no dates recorded.',
  },
  'cn-mofcom-2026-11-japan-entities': {
    title: 'No dual-use items for 20 listed Japanese entities',
    covers: 'Every item on the dual-use list, when bound for one of 20 named Japanese defence and aerospace entities',
    stages: ALL_STAGES,
    endUsers: 'listed-entities',
    note: 'Exceptions possible case by case.',
  },
  'cn-mofcom-2026-06-us-ree-entities': {
    title: 'No dual-use items for 10 listed US entities',
    covers: 'Every item on the dual-use list, when bound for one of 10 named US firms (among them MP Materials and USA Rare Earth)',
    stages: ALL_STAGES,
    endUsers: 'listed-entities',
    note: 'The announcement number was not verified.',
  },
  'cd-arecoms-2025-001-cobalt-suspension': {
    title: 'Four-month halt of all cobalt exports',
    covers: 'All cobalt exports from every kind of mining, mostly cobalt hydroxide',
    stages: 'mining',
    note: 'Extended from 2025-06-21 and 2025-09-21 (separate rows), then replaced by quotas from 2025-10-16.',
  },
  'cd-arecoms-2025-06-cobalt-suspension-ext': {
    title: 'Three-month extension of the cobalt export halt',
    covers: 'All cobalt exports from every kind of mining',
    stages: 'mining',
    note: 'Extended again to 2025-10-15.',
  },
  'cd-arecoms-2025-004-cobalt-suspension-ext': {
    title: 'Extension of the cobalt export halt to 15 October 2025',
    covers: 'All cobalt exports',
    stages: 'mining',
    note: 'Followed by the quota regime from 2025-10-16.',
  },
  'cd-arecoms-2025-004-cobalt-quota': {
    title: 'Cobalt export quotas for late 2025 to 2027',
    covers: 'Cobalt exports counted as contained cobalt, mostly as hydroxide',
    stages: 'mining',
    note: 'Caps of 18,125 t for 16 Oct to 31 Dec 2025 and 96,600 t for 2026; 2027 as 2026 unless adjusted. No source read after January 2026.',
  },
  'id-esdm-2019-11-nickel-ore-ban': {
    title: 'Ban on nickel ore exports',
    covers: 'Nickel ore of every grade',
    stages: 'mining',
    note: 'No lifting found; a WTO panel found it inconsistent with GATT in 2022 and Indonesia appealed.',
  },
  'id-2023-bauxite-ore-ban': {
    title: 'Ban on bauxite ore exports',
    covers: 'Bauxite ore, washed bauxite included',
    stages: 'mining',
    note: 'No lifting found; some reports give 11 June 2023 as the first day.',
  },
  'zw-si-2022-213-lithium-ore-ban': {
    title: 'Ban on exports of lithium ore without a permit',
    covers: 'Lithium-bearing ores and unbeneficiated lithium',
    stages: 'mining',
    replacedBy: 'zw-si-2023-5-base-mineral-ores-ban',
    note: 'Repealed in January 2023 by the order covering all base-mineral ores (exact date not recorded).',
  },
  'zw-si-2023-5-base-mineral-ores-ban': {
    title: 'Ban on exports of unbeneficiated base-mineral ores without a permit',
    covers: 'Ore of any base mineral that has not been processed in Zimbabwe',
    stages: 'mining',
    note: 'Gazetted in early January 2023; the exact date is not verified, so no date is recorded.',
  },
  'zw-2025-06-lithium-concentrate-ban-2027': {
    title: 'Planned ban on lithium concentrate exports from 2027',
    covers: 'Lithium concentrates such as spodumene and petalite',
    stages: 'mining',
    replacedBy: 'zw-2026-02-raw-minerals-lithium-concentrate-ban',
    note: 'Brought forward by the immediate ban of 25 February 2026.',
  },
  'zw-2026-02-raw-minerals-lithium-concentrate-ban': {
    title: 'Immediate halt of raw mineral and lithium concentrate exports',
    covers: 'Lithium concentrates and every raw mineral, cargoes in transit included',
    stages: 'mining',
    note: 'Open-ended; no relaxation found after early March 2026.',
  },
  'na-2023-06-unprocessed-critical-minerals-ban': {
    title: 'Ban on exports of unprocessed critical minerals',
    covers: 'Unprocessed crushed lithium ore; unprocessed cobalt, manganese, graphite and rare-earth minerals',
    stages: 'mining',
    note: 'No effective date in the sources; small research quantities allowed with approval.',
  },
  'my-2024-nr-ree-export-moratorium': {
    title: 'Moratorium on exports of raw non-radioactive rare earths',
    covers: 'Unprocessed non-radioactive rare-earth ore and concentrate',
    stages: 'mining',
    note: 'In force as of March 2024; later status not checked.',
  },
  'vn-2025-geology-minerals-law-ree': {
    title: 'Ban on exports of raw rare-earth ore',
    covers: 'Raw rare-earth ore and minerals (refined exports restricted indirectly)',
    stages: 'mining',
    note: 'Implementing decrees not checked.',
  },
  'ga-2025-05-raw-manganese-ban-2029': {
    title: 'Planned ban on raw manganese exports from 2029',
    covers: 'Raw manganese ore',
    stages: 'mining',
    note: 'Three-year transition announced with the decision.',
  },
  'eu-2025-black-mass-hazardous-waste': {
    title: 'Battery black mass classed as hazardous waste, so not exportable outside the OECD',
    covers: 'Black mass and lithium-, nickel- and zinc-based waste batteries',
    stages: '',
    note: 'Waste for recycling, not primary supply; entry-into-force date not verified.',
  },
};

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

const GITHUB_REF = /^github\.com\/([^/\s]+\/[^/\s]+) @ ([0-9a-f]{40}), (.+)$/;

function fail(message: string): never {
  throw new Error(`build-export-controls: ${message}`);
}

function get(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) fail(`column '${column}' missing`);
  return value.trim();
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A source row for a reference `source_url`: web pages keep their URL, repository files get a GitHub URL at the commit. */
function sourceFor(id: string, url: string, title: string, citedBy: string[]): SourceCsvRow {
  const repo = GITHUB_REF.exec(url);
  const notes = `Cited by the export-control measures ${citedBy.join(', ')}.`;
  if (repo) {
    const [, name, commit, file] = repo as unknown as [string, string, string, string];
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
    fail(`source url '${url}' is neither a URL nor a repository reference`);
  }
  return { id, title, publisher: host, edition: '', year: '', locator: '', url, licence: '', notes };
}

export interface ExportControlsBuild {
  measures: ExportControlCsvRow[];
  /** Sources the measures cite, to merge into data/sources.csv by id. */
  sources: SourceCsvRow[];
  /** Reference rows left out, with why. */
  skipped: { id: string; reason: string }[];
  /** Minerals dropped from kept rows because data/minerals.csv does not hold them. */
  droppedMinerals: { id: string; minerals: string[] }[];
}

/**
 * Turns the reference table into measure rows and source rows. `knownMinerals` are the ids in data/minerals.csv.
 * Pure apart from reading the reference file.
 */
export function buildExportControls(referenceDir: string, knownMinerals: ReadonlySet<string>): ExportControlsBuild {
  const reference = readCsv(path.join(referenceDir, 'export_controls.csv'));
  const skipped: ExportControlsBuild['skipped'] = [];
  const droppedMinerals: ExportControlsBuild['droppedMinerals'] = [];
  const kept: { row: Row; minerals: string[] }[] = [];
  for (const row of reference) {
    const id = get(row, 'id');
    if (!CURATED[id]) fail(`reference row '${id}' has no curated entry; add one to CURATED`);
    const all = get(row, 'minerals')
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
    kept.push({ row, minerals });
  }
  const keptIds = new Set(kept.map(({ row }) => get(row, 'id')));
  for (const id of Object.keys(CURATED)) {
    if (!reference.some((row) => get(row, 'id') === id)) fail(`curated entry '${id}' matches no reference row`);
  }

  // One source per distinct reference URL, named after the first measure (in reference order) that cites it.
  const sourceIdOfUrl = new Map<string, string>();
  const citedBy = new Map<string, string[]>();
  const titleOfUrl = new Map<string, string>();
  for (const { row } of kept) {
    const url = get(row, 'source_url');
    if (!sourceIdOfUrl.has(url)) {
      sourceIdOfUrl.set(url, `xc-${get(row, 'id')}`);
      titleOfUrl.set(url, get(row, 'source_title'));
    }
    citedBy.set(url, [...(citedBy.get(url) ?? []), get(row, 'id')]);
  }

  const measures = kept.map(({ row, minerals }): ExportControlCsvRow => {
    const id = get(row, 'id');
    const curated = CURATED[id]!;
    const measure = MEASURES[get(row, 'measure')] ?? fail(`${id}: unknown measure '${get(row, 'measure')}'`);
    const imposing = get(row, 'imposing_country');
    const target = get(row, 'target');
    const suspends = get(row, 'suspends');
    if (suspends && !keptIds.has(suspends)) fail(`${id}: suspends '${suspends}', which is not kept`);
    if (curated.replacedBy && !keptIds.has(curated.replacedBy)) fail(`${id}: replaced by '${curated.replacedBy}', which is not kept`);
    return {
      id,
      imposing_country: COUNTRY_CODES[imposing] ?? imposing,
      instrument: get(row, 'instrument'),
      title: curated.title,
      measure,
      target: target === 'ALL' ? 'all' : target === 'non_OECD' ? 'non-oecd' : target,
      end_users: curated.endUsers ?? '',
      minerals: minerals.join(';'),
      stages: curated.stages,
      covers: curated.covers,
      announced: get(row, 'announced'),
      effective: get(row, 'effective'),
      ends: get(row, 'ends'),
      lifted: '',
      suspends,
      replaced_by: curated.replacedBy ?? '',
      note: curated.note,
      source: sourceIdOfUrl.get(get(row, 'source_url'))!,
      confidence: get(row, 'confidence'),
    };
  });
  measures.sort(byId);

  const sources = [...sourceIdOfUrl].map(([url, id]) => sourceFor(id, url, titleOfUrl.get(url)!, citedBy.get(url)!)).sort(byId);
  return { measures, sources, skipped, droppedMinerals };
}

/** Writes data/export_controls.csv and merges the sources into data/sources.csv (by id; kept sorted by id). */
export function writeExportControls(
  dataDir: string,
  build: ExportControlsBuild,
): { measures: number; sourcesAdded: number; sourcesUpdated: number } {
  fs.writeFileSync(path.join(dataDir, 'export_controls.csv'), csvText(EXPORT_CONTROL_COLUMNS, build.measures), 'utf8');
  const sourcesFile = path.join(dataDir, 'sources.csv');
  const existing = readCsv(sourcesFile) as SourceCsvRow[];
  const merged = new Map(existing.map((row) => [row.id, row]));
  let added = 0;
  let updated = 0;
  for (const source of build.sources) {
    const before = merged.get(source.id);
    if (!before) added++;
    else if (JSON.stringify(before) !== JSON.stringify(source)) updated++;
    merged.set(source.id, source);
  }
  fs.writeFileSync(sourcesFile, csvText(SOURCE_COLUMNS, [...merged.values()].sort(byId)), 'utf8');
  return { measures: build.measures.length, sourcesAdded: added, sourcesUpdated: updated };
}

function knownMineralsIn(dataDir: string): Set<string> {
  return new Set(readCsv(path.join(dataDir, 'minerals.csv')).map((row) => get(row, 'id')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const referenceDir = path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'reference', 'data'));
  const dataDir = path.join(ROOT, 'data');
  const build = buildExportControls(referenceDir, knownMineralsIn(dataDir));
  const result = writeExportControls(dataDir, build);
  console.log(
    `data/export_controls.csv: ${result.measures} measures; data/sources.csv: ${result.sourcesAdded} added, ${result.sourcesUpdated} updated`,
  );
  for (const entry of build.skipped) console.log(`skipped ${entry.id}: ${entry.reason}`);
  for (const entry of build.droppedMinerals) console.log(`${entry.id}: left out ${entry.minerals.join(', ')} (not in data/minerals.csv)`);
}
