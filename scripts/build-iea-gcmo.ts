/**
 * Builds the refining figures of the IEA *Global Critical Minerals Outlook 2026* (edition `iea-gcmo-2026`, family
 * `iea-supply`, like the 2024 data-explorer figures of `iea-cmde-2025`) from ../shared/reference/data/iea_gcmo2026_supply.csv:
 *
 *   - data/production.csv   observed (historical) refining by country, 2021 and 2025, on the existing IEA bases
 *   - data/projections.csv  the base-case projections for 2030 and 2040, a table of their own: a projection is not an
 *                           observation and never enters production, time series, rankings or "latest"
 *
 * and merges the edition and its source into editions.csv and sources.csv. It also repairs the 2024 nickel refining
 * split of `iea-cmde-2025`: that copy's "rest of world" also holds the Canada row, so named countries plus "other"
 * came to 103 % of world. "Other" becomes world minus the named countries, and the build refuses if the excess is no
 * longer exactly the Canada row (the data changed: look again before deriving anything).
 *
 * Mining rows are not taken: USGS is the project's mining reference. Deterministic: the same input writes
 * byte-identical files; running it again on its own output changes nothing.
 *   npx tsx scripts/build-iea-gcmo.ts [reference-data-dir]   (scripts/build-data.ts runs it as its last step)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRows, FIGURE_FILES } from '../src/importers/usgs-mcs/output.js';
import { csvText, mergeRows, readCsv, writeCsvFile, type CsvRow } from './data-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE_FILE = 'iea_gcmo2026_supply.csv';

export const GCMO_EDITION = 'iea-gcmo-2026';
export const GCMO_SOURCE = 'iea-gcmo-2026-annex';
/** The scenario every projection row names (the only one the annex tables give). */
export const GCMO_SCENARIO = 'IEA GCMO 2026 base case';
const CMDE_EDITION = 'iea-cmde-2025';
const CMDE_SOURCE = 'iea-cm-data-explorer-2025';

/** The transcription's numbers are whole kilotonnes: named + other may exceed world by rounding, never by more. */
export const KT_ROUNDING_TONNES = 2000;

function fail(message: string): never {
  throw new Error(`build-iea-gcmo: ${message}`);
}

/**
 * Refining series taken, each with the basis text the transcription prints (refused if it changes: the basis would
 * have to be looked at again) and the project basis it lands on.
 */
const REFINING: Record<string, { basisText: string; basis: string }> = {
  lithium: { basisText: 'chemicals, contained Li (kt)', basis: 'li-refined-iea' },
  nickel: { basisText: 'metal, oxide, NPI, ferronickel or sulphate, contained Ni (kt)', basis: 'ni-refined-iea' },
  cobalt: { basisText: 'refined, contained Co (kt)', basis: 'co-refined-iea' },
  graphite: { basisText: 'battery-grade (spherical from natural flake and synthetic anode) (kt)', basis: 'graphite-refined-iea' },
  'rare-earths': { basisText: 'magnet rare earths Nd, Pr, Dy, Tb, separated (kt)', basis: 'ree-magnet-iea' },
};

const HISTORICAL = 'historical';
const PROJECTION = 'projection (base case)';
/** Observed years go to production; projected years to projections. Any other year is refused. */
const OBSERVED_YEARS = new Set(['2021', '2025']);
const PROJECTED_YEARS = new Set(['2030', '2040']);

export const PROJECTION_COLUMNS = ['mineral', 'stage', 'country', 'year', 'basis', 'tonnes', 'scenario', 'edition', 'source'] as const;

/** Graphite refining in the IEA series is battery-grade graphite, synthetic included (SOURCES §6): say so. */
const GRAPHITE_BASIS: CsvRow = {
  id: 'graphite-refined-iea',
  mineral: 'graphite',
  stage: 'refining',
  label: 'battery-grade graphite (IEA)',
  description:
    'IEA battery-grade graphite: spherical graphite from natural flake plus synthetic anode material (t; source kt x1000). ' +
    'Synthetic material included, so it is not a share of natural graphite mining and can exceed it.',
  priority: '1',
};

const EDITION_ROW: CsvRow = {
  id: GCMO_EDITION,
  family: 'iea-supply',
  publisher: 'International Energy Agency',
  title: 'Global Critical Minerals Outlook 2026',
  doi: '',
  url: '',
  published: '2026-07-16',
  data_years: '2021, 2025',
  notes:
    'Annex "Key projection results" (pp. 347–364): refining by country for 2021 and 2025 as observed figures; the base-case ' +
    `projections for 2030 and 2040 are held apart (data/projections.csv, scenario "${GCMO_SCENARIO}") and never answer as observed years. ` +
    'Mining rows not taken: USGS is the mining reference.',
};

const SOURCE_ROW: CsvRow = {
  id: GCMO_SOURCE,
  title: 'Global Critical Minerals Outlook 2026, Annex: Key projection results (supply by country)',
  publisher: 'International Energy Agency',
  edition: '2026',
  year: '2026',
  locator:
    'Annex "Key projection results", pp. 347–364: refining by country for lithium (chemicals), nickel, cobalt, battery-grade graphite ' +
    'and magnet rare earths; 2021 and 2025, and base-case projections for 2030 and 2040',
  url: 'https://github.com/Varcolacus/critical-materials-atlas/blob/99a5be11b9a013af14e51742dd9de9b57ad43fd6/sources/iea_gcmo_2026/annex-supply-demand.json',
  licence: 'CC BY 4.0 (IEA)',
  notes:
    'Published 16 July 2026. Taken through a secondary transcription (Varcolacus/critical-materials-atlas @ 99a5be11, ' +
    'sources/iea_gcmo_2026/annex-supply-demand.json); the report itself was not consulted. Figures are whole kilotonnes, stored x1000 as ' +
    'tonnes, so a 0 means under half a kilotonne and named countries plus rest of world may differ from the world row by about 1 kt. ' +
    "'Rest of world' is stored as OTH. Bases: lithium refining is chemicals (Li content); nickel refining covers metal, oxide, nickel pig iron, " +
    'ferronickel and sulphate; graphite refining is battery-grade material including synthetic, so it can exceed natural graphite mining; ' +
    'rare earths are the magnet elements (Nd, Pr, Dy, Tb) only, not comparable with USGS REO. ' +
    'The 2030 and 2040 figures are base-case projections from announced projects, not observations.',
};

/** The sentence of the data-explorer source that warned about the nickel double count, and what replaces it. */
const CMDE_NICKEL_WARNING =
  'for nickel refining the country rows add up to 3,596.8 kt against an IEA total of 3,483.7 kt (the gap equals the Canada row), so treat that country split with caution.';
const CMDE_NICKEL_NOTE =
  "for nickel refining that copy's 'rest of world' (631.4 kt) also holds the Canada row (113.1 kt), so the named countries plus it came to 3,596.8 kt " +
  'against an IEA total of 3,483.7 kt; OTH is stored as the total minus the named countries (518.3 kt).';

export interface NickelRepair {
  world: number;
  named: number;
  printedOther: number;
  derivedOther: number;
  /** printedOther − derivedOther: the double-counted tonnes (the Canada row). */
  excess: number;
}

export interface IeaGcmoBuild {
  /** Observed refining rows for production.csv (2021, 2025). */
  production: CsvRow[];
  /** Base-case projection rows for projections.csv (2030, 2040). */
  projections: CsvRow[];
}

/** kt as printed (whole or decimal) → tonnes as a plain integer string. */
function tonnesOf(kt: string, where: string): string {
  if (!/^\d+(\.\d+)?$/.test(kt.trim())) fail(`${where}: kt '${kt}' is not a non-negative number`);
  return String(Math.round(Number(kt) * 1000));
}

/**
 * Named countries plus "other" against world, per series (mineral, stage, year, basis, edition [, scenario]): the
 * excess in tonnes (positive = more than world). Exported for the tests and the checks below.
 */
export function seriesTotals(
  rows: readonly CsvRow[],
): Map<string, { world: number | null; named: number; other: number; excess: number | null }> {
  const totals = new Map<string, { world: number | null; named: number; other: number; excess: number | null }>();
  for (const row of rows) {
    const key = [row.mineral, row.stage, row.year, row.basis, row.edition, row.scenario ?? ''].join('|');
    const total = totals.get(key) ?? { world: null, named: 0, other: 0, excess: null };
    const tonnes = Number(row.tonnes ?? '');
    if (row.tonnes === '' || row.tonnes === undefined || Number.isNaN(tonnes)) {
      totals.set(key, total);
      continue;
    }
    if (row.country === 'WLD') total.world = tonnes;
    else if (row.country === 'OTH') total.other += tonnes;
    else total.named += tonnes;
    totals.set(key, total);
  }
  for (const total of totals.values()) total.excess = total.world === null ? null : total.named + total.other - total.world;
  return totals;
}

/** Reads the reference CSV into observed and projected rows (refining only), refusing anything unexpected. */
export function buildIeaGcmo(referenceDir: string): IeaGcmoBuild {
  const file = path.join(referenceDir, REFERENCE_FILE);
  if (!fs.existsSync(file)) fail(`${file} not found`);
  const production: CsvRow[] = [];
  const projections: CsvRow[] = [];
  const seen = new Set<string>();
  readCsv(file).forEach((row, index) => {
    const where = `${REFERENCE_FILE} line ${index + 2}`;
    if (row.stage === 'mining') return; // USGS is the mining reference
    if (row.stage !== 'refining') fail(`${where}: unknown stage '${row.stage}'`);
    const mineral = row.mineral ?? '';
    const series = REFINING[mineral];
    if (!series) fail(`${where}: mineral '${mineral}' has no IEA refining basis here`);
    if (row.basis !== series.basisText) fail(`${where}: basis '${row.basis}' is not the expected '${series.basisText}' for ${mineral}`);
    const iso3 = row.iso3 ?? '';
    if (!/^[A-Z]{3}$/.test(iso3)) fail(`${where}: iso3 '${iso3}'`);
    const year = row.year ?? '';
    const key = `${mineral}|${iso3}|${year}`;
    if (seen.has(key)) fail(`${where}: duplicate ${key}`);
    seen.add(key);
    const tonnes = tonnesOf(row.kt ?? '', where);
    if (row.kind === HISTORICAL) {
      if (!OBSERVED_YEARS.has(year)) fail(`${where}: historical year ${year} not expected`);
      production.push({
        mineral,
        stage: 'refining',
        country: iso3,
        year,
        basis: series.basis,
        tonnes,
        edition: GCMO_EDITION,
        source: GCMO_SOURCE,
        estimated: 'false',
        withheld: 'false',
        lower_bound: 'false',
      });
    } else if (row.kind === PROJECTION) {
      if (!PROJECTED_YEARS.has(year)) fail(`${where}: projected year ${year} not expected`);
      projections.push({
        mineral,
        stage: 'refining',
        country: iso3,
        year,
        basis: series.basis,
        tonnes,
        scenario: GCMO_SCENARIO,
        edition: GCMO_EDITION,
        source: GCMO_SOURCE,
      });
    } else {
      fail(`${where}: kind '${row.kind}' is neither '${HISTORICAL}' nor '${PROJECTION}'`);
    }
  });
  for (const [key, total] of [...seriesTotals(production), ...seriesTotals(projections)]) {
    if (total.world === null) fail(`${key}: no World row`);
    if (total.excess !== null && Math.abs(total.excess) > KT_ROUNDING_TONNES) {
      fail(`${key}: named countries + rest of world differ from world by ${total.excess} t (more than kt rounding)`);
    }
  }
  const sort = (rows: CsvRow[]) => rows.sort((a, b) => compareRows(FIGURE_FILES.production, a, b));
  return { production: sort(production), projections: sort(projections) };
}

/**
 * The 2024 nickel refining rows of the data explorer: derives OTH as world − named countries. Refuses unless the
 * printed OTH exceeds that by exactly the Canada row (the known double count), or already equals it (a re-run).
 * Changes `rows` in place; returns what it found.
 */
export function repairCmdeNickel(rows: CsvRow[]): NickelRepair {
  const series = rows.filter(
    (row) =>
      row.mineral === 'nickel' &&
      row.stage === 'refining' &&
      row.basis === 'ni-refined-iea' &&
      row.edition === CMDE_EDITION &&
      row.year === '2024',
  );
  const one = (iso3: string) => {
    const found = series.filter((row) => row.country === iso3);
    if (found.length !== 1) fail(`${CMDE_EDITION} nickel refining 2024: expected one ${iso3} row, found ${found.length}`);
    return found[0]!;
  };
  const world = Number(one('WLD').tonnes);
  const otherRow = one('OTH');
  const canada = Number(one('CAN').tonnes);
  const named = series.filter((row) => row.country !== 'WLD' && row.country !== 'OTH').reduce((sum, row) => sum + Number(row.tonnes), 0);
  const printedOther = Number(otherRow.tonnes);
  const derivedOther = world - named;
  const excess = printedOther - derivedOther;
  if (derivedOther < 0) fail(`${CMDE_EDITION} nickel refining 2024: named countries (${named} t) exceed world (${world} t)`);
  if (excess !== 0 && excess !== canada) {
    fail(
      `${CMDE_EDITION} nickel refining 2024: rest of world ${printedOther} t exceeds world − named (${derivedOther} t) by ${excess} t, ` +
        `not by the Canada row (${canada} t): the double count no longer matches; look at the data again`,
    );
  }
  otherRow.tonnes = String(derivedOther);
  return { world, named, printedOther, derivedOther, excess };
}

export function writeIeaGcmo(dataDir: string, build: IeaGcmoBuild): { production: number; projections: number; nickel: NickelRepair } {
  const spec = FIGURE_FILES.production;
  const existing = readCsv(path.join(dataDir, spec.file)).filter((row) => row.edition !== GCMO_EDITION);
  const nickel = repairCmdeNickel(existing);
  const rows = [...existing, ...build.production].sort((a, b) => compareRows(spec, a, b));
  fs.writeFileSync(path.join(dataDir, spec.file), csvText(spec.columns, rows), 'utf8');
  writeCsvFile(dataDir, 'projections.csv', PROJECTION_COLUMNS, build.projections);
  mergeRows(dataDir, 'editions.csv', (row) => row.id!, [EDITION_ROW]);
  const cmde = readCsv(path.join(dataDir, 'sources.csv')).find((row) => row.id === CMDE_SOURCE);
  if (!cmde) fail(`source ${CMDE_SOURCE} not in sources.csv`);
  if (!cmde.notes?.includes(CMDE_NICKEL_NOTE)) {
    if (!cmde.notes?.includes(CMDE_NICKEL_WARNING)) fail(`source ${CMDE_SOURCE}: its nickel note changed; update build-iea-gcmo.ts`);
    cmde.notes = cmde.notes.replace(CMDE_NICKEL_WARNING, CMDE_NICKEL_NOTE);
  }
  mergeRows(dataDir, 'sources.csv', (row) => row.id!, [SOURCE_ROW, cmde]);
  mergeRows(dataDir, 'bases.csv', (row) => row.id!, [GRAPHITE_BASIS]);
  return { production: build.production.length, projections: build.projections.length, nickel };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const referenceDir = process.argv[2] ?? path.resolve(ROOT, '..', 'shared', 'reference', 'data');
  console.log('IEA GCMO 2026:', JSON.stringify(writeIeaGcmo(path.join(ROOT, 'data'), buildIeaGcmo(referenceDir))));
}
