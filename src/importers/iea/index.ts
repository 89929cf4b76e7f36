import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { readInput, tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import {
  PRODUCTION_REFERENCE,
  PRODUCTION_REFERENCE_COLUMNS,
  REFERENCE_DIR,
  citationMarkers,
  countryOf,
  figureText,
  mineralOf,
} from '../shared/reference.js';

/**
 * The IEA's refining figures, family `iea-supply`:
 *   - the Critical Minerals Data Explorer, 2025 update (edition `iea-cmde-2025`): the 2024 refining rows of the
 *     reference transcription (production_all_vintages.csv rows citing the explorer). Its nickel "rest of world"
 *     also held the Canada row (named + other = 103 % of world), so OTH is stored as world − named countries, and
 *     the import refuses if the excess is no longer exactly the Canada row.
 *   - the Global Critical Minerals Outlook 2026 (edition `iea-gcmo-2026`): refining by country for 2021 and 2025 as
 *     observed figures, and the base-case projections for 2030 and 2040 in projections.csv, a table of their own
 *     (a projection is never an observation).
 * Mining rows are not taken: USGS is the project's mining reference.
 */
export const GCMO_FILE = `${REFERENCE_DIR}/iea_gcmo2026_supply.csv`;
export const GCMO_EDITION = 'iea-gcmo-2026';
export const GCMO_SOURCE = 'iea-gcmo-2026-annex';
/** The scenario every projection row names (the only one the annex tables give). */
export const GCMO_SCENARIO = 'IEA GCMO 2026 base case';
const CMDE_EDITION = 'iea-cmde-2025';
const CMDE_SOURCE = 'iea-cm-data-explorer-2025';
const CMDE_CITATION = 'IEA Critical Minerals Data Explorer 2025 (2024 base year), sheet 2';
/** What the explorer's source row must say about the nickel repair (data/curated/sources.csv). */
const CMDE_NICKEL_NOTE = 'OTH is stored as the total minus the named countries (518.3 kt)';

/** The transcription's numbers are whole kilotonnes: named + other may exceed world by rounding, never by more. */
export const KT_ROUNDING_TONNES = 2000;

/** GCMO refining series: the basis text the transcription prints (refused if it changes) → the project basis. */
const REFINING: Record<string, { basisText: string; basis: string }> = {
  lithium: { basisText: 'chemicals, contained Li (kt)', basis: 'li-refined-iea' },
  nickel: { basisText: 'metal, oxide, NPI, ferronickel or sulphate, contained Ni (kt)', basis: 'ni-refined-iea' },
  cobalt: { basisText: 'refined, contained Co (kt)', basis: 'co-refined-iea' },
  graphite: { basisText: 'battery-grade (spherical from natural flake and synthetic anode) (kt)', basis: 'graphite-refined-iea' },
  'rare-earths': { basisText: 'magnet rare earths Nd, Pr, Dy, Tb, separated (kt)', basis: 'ree-magnet-iea' },
};
/** The explorer's refining series: the basis text the transcription prints → the project basis. */
const CMDE_REFINING: Record<string, string> = {
  'IEA refined production of cobalt (t; source kt x1000)': 'co-refined-iea',
  'IEA refined production of graphite, IEA "Graphite" supply series (t; source kt x1000)': 'graphite-refined-iea',
  'IEA refined production of lithium, Li content (t; source kt x1000)': 'li-refined-iea',
  'IEA refined production of nickel (t; source kt x1000)': 'ni-refined-iea',
  'IEA refined production of "magnet rare earth elements" (IEA category, not total REO; t; source kt x1000)': 'ree-magnet-iea',
};
const HISTORICAL = 'historical';
const PROJECTION = 'projection (base case)';
const OBSERVED_YEARS = new Set(['2021', '2025']);
const PROJECTED_YEARS = new Set(['2030', '2040']);

export interface NickelRepair {
  world: number;
  named: number;
  printedOther: number;
  derivedOther: number;
  /** printedOther − derivedOther: the double-counted tonnes (the Canada row). */
  excess: number;
}

export interface SeriesTotal {
  world: number | null;
  named: number;
  other: number;
  excess: number | null;
}

/** Named countries plus "other" against world, per series (mineral, stage, year, basis, edition [, scenario]). */
export function seriesTotals(rows: readonly Row[]): Map<string, SeriesTotal> {
  const totals = new Map<string, SeriesTotal>();
  for (const row of rows) {
    const key = [row.mineral, row.stage, row.year, row.basis, row.edition, row.scenario ?? ''].join('|');
    const total = totals.get(key) ?? { world: null, named: 0, other: 0, excess: null };
    totals.set(key, total);
    const tonnes = Number(row.tonnes ?? '');
    if (row.tonnes === '' || row.tonnes === undefined || Number.isNaN(tonnes)) continue;
    if (row.country === 'WLD') total.world = tonnes;
    else if (row.country === 'OTH') total.other += tonnes;
    else total.named += tonnes;
  }
  for (const total of totals.values()) total.excess = total.world === null ? null : total.named + total.other - total.world;
  return totals;
}

/**
 * The 2024 nickel refining rows of the data explorer: derives OTH as world − named countries. Refuses unless the
 * printed OTH exceeds that by exactly the Canada row (the known double count), or already equals it.
 * Changes `rows` in place; returns what it found.
 */
export function repairCmdeNickel(rows: Row[]): NickelRepair {
  const series = rows.filter(
    (row) =>
      row.mineral === 'nickel' &&
      row.stage === 'refining' &&
      row.basis === 'ni-refined-iea' &&
      row.edition === CMDE_EDITION &&
      row.year === '2024',
  );
  const fail = (message: string): never => {
    throw new ImportError(PRODUCTION_REFERENCE, null, `${CMDE_EDITION} nickel refining 2024: ${message}`);
  };
  const one = (iso3: string): Row => {
    const found = series.filter((row) => row.country === iso3);
    return found.length === 1 ? found[0]! : fail(`expected one ${iso3} row, found ${found.length}`);
  };
  const world = Number(one('WLD').tonnes);
  const otherRow = one('OTH');
  const canada = Number(one('CAN').tonnes);
  const named = series.filter((row) => row.country !== 'WLD' && row.country !== 'OTH').reduce((sum, row) => sum + Number(row.tonnes), 0);
  const printedOther = Number(otherRow.tonnes);
  const derivedOther = world - named;
  const excess = printedOther - derivedOther;
  if (derivedOther < 0) fail(`named countries (${named} t) exceed world (${world} t)`);
  if (excess !== 0 && excess !== canada) {
    fail(
      `rest of world ${printedOther} t exceeds world − named (${derivedOther} t) by ${excess} t, not by the Canada row (${canada} t): ` +
        'the double count no longer matches; look at the data again',
    );
  }
  otherRow.tonnes = String(derivedOther);
  return { world, named, printedOther, derivedOther, excess };
}

/** The explorer's 2024 refining rows of the reference transcription, nickel repaired. */
function importCmde(input: ImporterInput): Row[] {
  const production: Row[] = [];
  for (const { line, row } of readInput(input, PRODUCTION_REFERENCE, PRODUCTION_REFERENCE_COLUMNS)) {
    const cite = citationMarkers(row.source ?? '');
    if (!cite.text.startsWith('IEA ') || row.stage === 'mining') continue; // USGS is the mining reference
    if (!cite.text.startsWith(CMDE_CITATION))
      throw new ImportError(PRODUCTION_REFERENCE, line, `unrecognised IEA citation '${row.source}'`);
    const mineral = mineralOf(input.tables, row.mineral ?? '', PRODUCTION_REFERENCE, line);
    const basisId = CMDE_REFINING[row.basis ?? ''];
    const basis = tableRows(input.tables, 'bases.csv').find((candidate) => candidate.id === basisId);
    if (row.stage !== 'refining' || basis?.mineral !== mineral)
      throw new ImportError(PRODUCTION_REFERENCE, line, `no IEA ${row.stage} basis for ${mineral}: '${row.basis}'`);
    production.push({
      mineral,
      stage: 'refining',
      country: countryOf(input.tables, row.iso3 ?? '', PRODUCTION_REFERENCE, line),
      year: row.year ?? '',
      basis: basis.id ?? '',
      tonnes: figureText(row.tonnes ?? '', 'tonnes', PRODUCTION_REFERENCE, line),
      edition: CMDE_EDITION,
      source: CMDE_SOURCE,
      estimated: String(cite.estimated),
      withheld: 'false',
      lower_bound: String(cite.lowerBound),
    });
  }
  repairCmdeNickel(production);
  const note = tableRows(input.tables, 'sources.csv').find((source) => source.id === CMDE_SOURCE)?.notes ?? '';
  if (!note.includes(CMDE_NICKEL_NOTE)) {
    throw new ImportError(
      'data/curated/sources.csv',
      null,
      `source ${CMDE_SOURCE} must say how nickel's OTH is stored ('${CMDE_NICKEL_NOTE}')`,
    );
  }
  return production;
}

/** kt as printed → tonnes as a plain integer string. */
function tonnesOf(kt: string, line: number): string {
  return String(Math.round(Number(figureText(kt, 'kt', GCMO_FILE, line)) * 1000));
}

/** The GCMO annex: observed refining rows (2021, 2025) and projections (2030, 2040), refusing anything unexpected. */
function importGcmo(input: ImporterInput): { production: Row[]; projections: Row[] } {
  const production: Row[] = [];
  const projections: Row[] = [];
  const seen = new Set<string>();
  for (const { line, row } of readInput(input, GCMO_FILE, ['mineral', 'stage', 'iso3', 'year', 'kind', 'kt', 'basis'])) {
    const refuse = (message: string): never => {
      throw new ImportError(GCMO_FILE, line, message);
    };
    if (row.stage === 'mining') continue; // USGS is the mining reference
    if (row.stage !== 'refining') refuse(`unknown stage '${row.stage}'`);
    const mineral = row.mineral ?? '';
    const series = REFINING[mineral] ?? refuse(`mineral '${mineral}' has no IEA refining basis here`);
    if (row.basis !== series.basisText) refuse(`basis '${row.basis}' is not the expected '${series.basisText}' for ${mineral}`);
    const country = countryOf(input.tables, row.iso3 ?? '', GCMO_FILE, line);
    const year = row.year ?? '';
    const key = `${mineral}|${country}|${year}`;
    if (seen.has(key)) refuse(`duplicate ${key}`);
    seen.add(key);
    const figure = { mineral, stage: 'refining', country, year, basis: series.basis, tonnes: tonnesOf(row.kt ?? '', line) };
    if (row.kind === HISTORICAL) {
      if (!OBSERVED_YEARS.has(year)) refuse(`historical year ${year} not expected`);
      production.push({
        ...figure,
        edition: GCMO_EDITION,
        source: GCMO_SOURCE,
        estimated: 'false',
        withheld: 'false',
        lower_bound: 'false',
      });
    } else if (row.kind === PROJECTION) {
      if (!PROJECTED_YEARS.has(year)) refuse(`projected year ${year} not expected`);
      projections.push({ ...figure, scenario: GCMO_SCENARIO, edition: GCMO_EDITION, source: GCMO_SOURCE });
    } else {
      refuse(`kind '${row.kind}' is neither '${HISTORICAL}' nor '${PROJECTION}'`);
    }
  }
  for (const [key, total] of [...seriesTotals(production), ...seriesTotals(projections)]) {
    if (total.world === null) throw new ImportError(GCMO_FILE, null, `${key}: no World row`);
    if (total.excess !== null && Math.abs(total.excess) > KT_ROUNDING_TONNES) {
      throw new ImportError(
        GCMO_FILE,
        null,
        `${key}: named countries + rest of world differ from world by ${total.excess} t (more than kt rounding)`,
      );
    }
  }
  return { production, projections };
}

export const iea: Importer = {
  name: 'iea',
  inputs: [PRODUCTION_REFERENCE, GCMO_FILE],
  outputs: ['production.csv', 'projections.csv'],
  run: (input): ImportedRows => {
    const cmde = importCmde(input);
    const gcmo = importGcmo(input);
    return { 'production.csv': [...cmde, ...gcmo.production], 'projections.csv': gcmo.projections };
  },
};
