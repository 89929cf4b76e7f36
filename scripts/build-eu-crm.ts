/**
 * Builds the figures taken from the European Commission's *Study on the Critical Raw Materials for the EU 2023*
 * (edition `eu-crm-2023`) from the reference tables in ../shared/reference/data:
 *
 *   - data/stage_shares.csv       country shares of world supply at extraction (E) and processing (P), with t
 *   - data/sourcing_shares.csv    the EU's sourcing shares (domestic production + imports, ≥ 1 % listed), with t
 *   - data/stage_reliance.csv     EU import reliance per stage, and which stage the study assessed
 *   - data/criticality_inputs.csv the study's supply-risk inputs (EoL-RIR, SI_SR) and published SR/EI
 *   - data/stage_names.csv        what each stage is called for each mineral (smelting, APT, separation …)
 *   - data/importers.csv          the importers the API answers for (USA, EU): adding one is data only
 *
 * and merges its edition, sources, bases and the few countries the share tables name into the shared files.
 * Deterministic: the same input writes byte-identical files.  npx tsx scripts/build-eu-crm.ts [reference-data-dir]
 *
 * Shares are kept as published: "<0.1%" stays a below-threshold marker with no number (never 0, never 0.1), and the
 * EU-sourcing table lists only suppliers of at least 1 %, so its shares need not add up to 100.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeRows, readCsv, writeCsvFile, type CsvRow } from './data-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EU_CRM_EDITION = 'eu-crm-2023';
const SHARES_SOURCE = 'eu-crm-2023-appendix-7';
const INPUTS_SOURCE = 'eu-crm-2023-critmat-inputs';
const STAGES_SOURCE = 'chokepoint-stage-names';
/** The transcription carries no years; the period is stated as the study's method states it. */
export const EU_CRM_PERIOD = 'EU CRM 2023 assessment period (five-year average)';

function fail(message: string): never {
  throw new Error(`build-eu-crm: ${message}`);
}

/** One study material → where it sits in our model. Materials not listed are not in the project's scope. */
interface MaterialTarget {
  mineral: string;
  stage: string;
  basis: string;
  label: string;
  description: string;
}

const TARGETS: Record<string, MaterialTarget> = {
  'Antimony|E': {
    mineral: 'antimony',
    stage: 'mining',
    basis: 'sb-eu-extraction',
    label: 'antimony extraction (EU CRM 2023 shares)',
    description: 'country shares of world antimony extraction, EU CRM 2023 study',
  },
  'Antimony|P': {
    mineral: 'antimony',
    stage: 'refining',
    basis: 'sb-eu-processing',
    label: 'antimony smelting and refining (EU CRM 2023 shares)',
    description: 'country shares of world antimony processing (smelting/refining), EU CRM 2023 study',
  },
  'Bismuth|P': {
    mineral: 'bismuth',
    stage: 'refining',
    basis: 'bi-eu-processing',
    label: 'bismuth refining (EU CRM 2023 shares)',
    description: 'country shares of world bismuth processing, EU CRM 2023 study',
  },
  'Cobalt|E': {
    mineral: 'cobalt',
    stage: 'mining',
    basis: 'co-eu-extraction',
    label: 'cobalt extraction (EU CRM 2023 shares)',
    description: 'country shares of world cobalt extraction, EU CRM 2023 study',
  },
  'Cobalt|P': {
    mineral: 'cobalt',
    stage: 'refining',
    basis: 'co-eu-processing',
    label: 'cobalt refining (EU CRM 2023 shares)',
    description: 'country shares of world cobalt processing (refining), EU CRM 2023 study',
  },
  'Gallium|P': {
    mineral: 'gallium',
    stage: 'refining',
    basis: 'ga-eu-processing',
    label: 'gallium production (EU CRM 2023 shares)',
    description: 'country shares of world gallium processing, EU CRM 2023 study',
  },
  'Germanium|P': {
    mineral: 'germanium',
    stage: 'refining',
    basis: 'ge-eu-processing',
    label: 'germanium refining (EU CRM 2023 shares)',
    description: 'country shares of world germanium processing, EU CRM 2023 study',
  },
  'Lithium|E': {
    mineral: 'lithium',
    stage: 'mining',
    basis: 'li-eu-extraction',
    label: 'lithium extraction (EU CRM 2023 shares)',
    description: 'country shares of world lithium extraction, EU CRM 2023 study',
  },
  'Lithium|P': {
    mineral: 'lithium',
    stage: 'refining',
    basis: 'li-eu-processing',
    label: 'lithium chemicals (EU CRM 2023 shares)',
    description: 'country shares of world lithium processing into chemicals, EU CRM 2023 study',
  },
  'Manganese|E': {
    mineral: 'manganese',
    stage: 'mining',
    basis: 'mn-eu-extraction',
    label: 'manganese extraction (EU CRM 2023 shares)',
    description: 'country shares of world manganese extraction, EU CRM 2023 study',
  },
  'Manganese|P': {
    mineral: 'manganese',
    stage: 'refining',
    basis: 'mn-eu-processing',
    label: 'manganese processing (EU CRM 2023 shares)',
    description: 'country shares of world manganese processing, EU CRM 2023 study',
  },
  'Natural Graphite|E': {
    mineral: 'graphite',
    stage: 'mining',
    basis: 'graphite-eu-extraction',
    label: 'natural graphite extraction (EU CRM 2023 shares)',
    description: 'country shares of world natural graphite extraction, EU CRM 2023 study',
  },
  'Nickel|E': {
    mineral: 'nickel',
    stage: 'mining',
    basis: 'ni-eu-extraction',
    label: 'nickel extraction (EU CRM 2023 shares)',
    description: 'country shares of world nickel extraction, EU CRM 2023 study',
  },
  'Nickel|P': {
    mineral: 'nickel',
    stage: 'refining',
    basis: 'ni-eu-processing',
    label: 'nickel processing (EU CRM 2023 shares)',
    description: 'country shares of world nickel processing, EU CRM 2023 study',
  },
  'Titanium metal|P': {
    mineral: 'titanium',
    stage: 'metal',
    basis: 'ti-metal-eu-processing',
    label: 'titanium metal (EU CRM 2023 shares)',
    description: 'country shares of world titanium metal production, EU CRM 2023 study',
  },
  'Tungsten|E': {
    mineral: 'tungsten',
    stage: 'mining',
    basis: 'w-eu-extraction',
    label: 'tungsten extraction (EU CRM 2023 shares)',
    description: 'country shares of world tungsten extraction, EU CRM 2023 study',
  },
  'Tungsten|P': {
    mineral: 'tungsten',
    stage: 'refining',
    basis: 'w-eu-processing',
    label: 'tungsten APT and intermediates (EU CRM 2023 shares)',
    description: 'country shares of world tungsten processing (APT and other intermediates), EU CRM 2023 study',
  },
  // Light and heavy rare earths are separate bases: one element's separation is not another's.
  'Neodymium|P': {
    mineral: 'rare-earths',
    stage: 'refining',
    basis: 'ree-light-ndpr-eu',
    label: 'light rare-earth separation, Nd/Pr (EU CRM 2023 shares)',
    description: 'country shares of world neodymium processing (separation); the study gives praseodymium the same shares',
  },
  'Dysprosium|P': {
    mineral: 'rare-earths',
    stage: 'refining',
    basis: 'ree-heavy-dytb-eu',
    label: 'heavy rare-earth separation, Dy/Tb (EU CRM 2023 shares)',
    description: 'country shares of world dysprosium processing (separation); the study gives terbium the same shares',
  },
};

/** Elements the study lists separately but with the same shares as the element that stands for their basis. */
const SAME_SHARES_AS: Record<string, string> = { 'Praseodymium|P': 'Neodymium|P', 'Terbium|P': 'Dysprosium|P' };

/** The study's spellings that are not names or aliases in countries.csv. */
const NAME_TO_ISO3: Record<string, string> = {
  'Congo, D.R.': 'COD',
  'Korea, South': 'KOR',
  'Korea, North': 'PRK',
  "Cote d'Ivoire": 'CIV',
  Kosovo: 'XKX',
};

/** Countries the share tables name that countries.csv did not hold yet (UN M49 sub-regions). */
const NEW_COUNTRIES: Record<string, { iso3: string; region: string }> = {
  Bahrain: { iso3: 'BHR', region: 'Western Asia' },
  'Bosnia and Herzegovina': { iso3: 'BIH', region: 'Southern Europe' },
  Botswana: { iso3: 'BWA', region: 'Sub-Saharan Africa' },
  'Cape Verde': { iso3: 'CPV', region: 'Sub-Saharan Africa' },
  Colombia: { iso3: 'COL', region: 'Latin America and the Caribbean' },
  'Costa Rica': { iso3: 'CRI', region: 'Latin America and the Caribbean' },
  Honduras: { iso3: 'HND', region: 'Latin America and the Caribbean' },
  Kosovo: { iso3: 'XKX', region: 'Southern Europe' },
  Kuwait: { iso3: 'KWT', region: 'Western Asia' },
  Oman: { iso3: 'OMN', region: 'Western Asia' },
  Panama: { iso3: 'PAN', region: 'Latin America and the Caribbean' },
  'San Marino': { iso3: 'SMR', region: 'Southern Europe' },
  Singapore: { iso3: 'SGP', region: 'South-eastern Asia' },
  Sudan: { iso3: 'SDN', region: 'Northern Africa' },
  Uganda: { iso3: 'UGA', region: 'Sub-Saharan Africa' },
  Uruguay: { iso3: 'URY', region: 'Latin America and the Caribbean' },
  Venezuela: { iso3: 'VEN', region: 'Latin America and the Caribbean' },
};

/** Supply-risk input rows (CritMAT seed) → mineral; rare earths are read through neodymium, the light magnet element. */
const INPUT_MINERALS: Record<string, string> = {
  Antimony: 'antimony',
  Bismuth: 'bismuth',
  Cobalt: 'cobalt',
  Gallium: 'gallium',
  Germanium: 'germanium',
  Lithium: 'lithium',
  'Natural graphite': 'graphite',
  Neodymium: 'rare-earths',
  Nickel: 'nickel',
  Tungsten: 'tungsten',
};

/** Mineral-specific names for the stages of the chain; a mineral's chain lists exactly these stages. */
const STAGE_NAMES: { mineral: string; stage: string; name: string; note?: string }[] = [
  { mineral: 'antimony', stage: 'mining', name: 'Mining' },
  { mineral: 'antimony', stage: 'refining', name: 'Smelting and refining' },
  { mineral: 'bismuth', stage: 'refining', name: 'Refining' },
  { mineral: 'cobalt', stage: 'mining', name: 'Mining' },
  { mineral: 'cobalt', stage: 'refining', name: 'Refining' },
  { mineral: 'gallium', stage: 'refining', name: 'Primary (low-purity) gallium' },
  { mineral: 'germanium', stage: 'refining', name: 'Refining' },
  { mineral: 'graphite', stage: 'mining', name: 'Mining (natural graphite)' },
  { mineral: 'graphite', stage: 'refining', name: 'Refining (battery-grade graphite)' },
  { mineral: 'indium', stage: 'refining', name: 'Refining' },
  { mineral: 'lithium', stage: 'mining', name: 'Mining' },
  { mineral: 'lithium', stage: 'refining', name: 'Chemicals' },
  { mineral: 'manganese', stage: 'mining', name: 'Mining' },
  { mineral: 'manganese', stage: 'refining', name: 'Processing' },
  { mineral: 'molybdenum', stage: 'mining', name: 'Mining' },
  { mineral: 'nickel', stage: 'mining', name: 'Mining' },
  { mineral: 'nickel', stage: 'refining', name: 'Refining' },
  { mineral: 'rare-earths', stage: 'mining', name: 'Mining' },
  { mineral: 'rare-earths', stage: 'refining', name: 'Separation' },
  { mineral: 'rare-earths', stage: 'metal', name: 'Metal' },
  {
    mineral: 'rare-earths',
    stage: 'component',
    name: 'Magnets (sintered NdFeB)',
    note: 'No country figure for sintered NdFeB magnet production has been read in a citable source (CRS report R41744, 2013, says only that China was the majority producer), so this stage has no score.',
  },
  { mineral: 'tellurium', stage: 'refining', name: 'Refining' },
  { mineral: 'titanium', stage: 'mining', name: 'Mineral concentrates' },
  { mineral: 'titanium', stage: 'metal', name: 'Sponge metal' },
  { mineral: 'tungsten', stage: 'mining', name: 'Mining' },
  { mineral: 'tungsten', stage: 'refining', name: 'APT and intermediates' },
  { mineral: 'tungsten', stage: 'metal', name: 'Metal and carbide' },
];

export const STAGE_SHARE_COLUMNS = [
  'mineral',
  'stage',
  'basis',
  'country',
  'share_pct',
  'share_text',
  'below_threshold',
  'trade_factor',
  'period',
  'edition',
  'source',
] as const;
export const SOURCING_SHARE_COLUMNS = [
  'importer',
  'mineral',
  'stage',
  'country',
  'share_pct',
  'share_text',
  'trade_factor',
  'period',
  'edition',
  'source',
] as const;
export const STAGE_RELIANCE_COLUMNS = [
  'importer',
  'mineral',
  'stage',
  'percent',
  'assessed',
  'material',
  'period',
  'edition',
  'source',
] as const;
export const CRITICALITY_COLUMNS = [
  'assessor',
  'mineral',
  'material',
  'stage',
  'supply_risk',
  'economic_importance',
  'supply_risk_extraction',
  'supply_risk_processing',
  'end_of_life_rir',
  'substitution_sr',
  'supply_scope',
  'edition',
  'source',
] as const;
export const STAGE_NAME_COLUMNS = ['mineral', 'stage', 'name', 'note', 'source'] as const;
export const IMPORTER_COLUMNS = ['id', 'name', 'kind', 'group', 'note'] as const;

type Columns<T extends readonly string[]> = Record<T[number], string>;

function countryResolver(dataDir: string): { iso3Of: (name: string) => string; added: CsvRow[] } {
  const byName = new Map<string, string>();
  for (const row of readCsv(path.join(dataDir, 'countries.csv'))) {
    byName.set(row.name!, row.iso3!);
    for (const alias of (row.aliases ?? '').split('|')) if (alias) byName.set(alias, row.iso3!);
  }
  const held = new Set(byName.values());
  const added: CsvRow[] = [];
  return {
    added,
    iso3Of(name: string): string {
      const iso3 = NAME_TO_ISO3[name] ?? byName.get(name) ?? NEW_COUNTRIES[name]?.iso3;
      if (!iso3) fail(`country '${name}' is neither in countries.csv nor in NEW_COUNTRIES`);
      if (held.has(iso3)) return iso3;
      const extra = NEW_COUNTRIES[name];
      if (!extra) fail(`country '${name}' maps to ${iso3}, which countries.csv does not hold`);
      added.push({ iso3, name, aliases: '', region: extra.region, is_aggregate: 'false' });
      held.add(iso3);
      return iso3;
    },
  };
}

/** "51.8%" → 51.8; "<0.1%" → below threshold (no number). */
function parseShare(text: string): { sharePct: string; belowThreshold: boolean } {
  if (/^<\s*0\.1\s*%$/.test(text)) return { sharePct: '', belowThreshold: true };
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (!match) fail(`unreadable share '${text}'`);
  return { sharePct: String(Number(match[1])), belowThreshold: false };
}

function tradeFactor(text: string): string {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 3) fail(`unreadable trade variable t '${text}'`);
  return String(value);
}

export interface EuCrmBuild {
  stageShares: Columns<typeof STAGE_SHARE_COLUMNS>[];
  sourcingShares: Columns<typeof SOURCING_SHARE_COLUMNS>[];
  stageReliance: Columns<typeof STAGE_RELIANCE_COLUMNS>[];
  criticality: Columns<typeof CRITICALITY_COLUMNS>[];
  newCountries: CsvRow[];
}

function stageOfInputs(value: string): 'E' | 'P' {
  if (value === 'Extraction') return 'E';
  if (value === 'Processing') return 'P';
  return fail(`unknown assessed stage '${value}'`);
}

export function buildEuCrm(referenceDir: string, dataDir: string): EuCrmBuild {
  const { iso3Of, added } = countryResolver(dataDir);
  const globalRows = readCsv(path.join(referenceDir, 'eu_crm2023_global_supply_shares_t.csv'));
  const sourcingRows = readCsv(path.join(referenceDir, 'eu_crm2023_eu_sourcing_shares_t.csv'));
  const inputRows = readCsv(path.join(referenceDir, 'eu_crm2023_sr_inputs_critmat.csv'));

  // The elements read through another must really carry the same shares, or a basis would misstate one of them.
  for (const [element, standsFor] of Object.entries(SAME_SHARES_AS)) {
    const sharesOf = (key: string) =>
      JSON.stringify(
        globalRows
          .filter((r) => `${r.Material}|${r.Stage}` === key)
          .map((r) => [r.Country, r.Share])
          .sort(),
      );
    if (sharesOf(element) !== sharesOf(standsFor)) fail(`${element} no longer has the shares of ${standsFor}`);
  }

  const stageShares = globalRows.flatMap((row) => {
    const target = TARGETS[`${row.Material}|${row.Stage}`];
    if (!target) return [];
    const share = parseShare(row.Share!.trim());
    return [
      {
        mineral: target.mineral,
        stage: target.stage,
        basis: target.basis,
        country: iso3Of(row.Country!.trim()),
        share_pct: share.sharePct,
        share_text: row.Share!.trim(),
        below_threshold: String(share.belowThreshold),
        trade_factor: tradeFactor(row.t!),
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: SHARES_SOURCE,
      },
    ];
  });

  const sourcingShares = sourcingRows.flatMap((row) => {
    const target = TARGETS[`${row.Material}|${row.Stage}`];
    if (!target) return [];
    const share = parseShare(row.Share!.trim());
    return [
      {
        importer: 'EU',
        mineral: target.mineral,
        stage: target.stage,
        country: iso3Of(row.Country!.trim()),
        share_pct: share.sharePct,
        share_text: row.Share!.trim(),
        trade_factor: tradeFactor(row.t!),
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: SHARES_SOURCE,
      },
    ];
  });

  const stageReliance: EuCrmBuild['stageReliance'] = [];
  const criticality: EuCrmBuild['criticality'] = [];
  for (const row of inputRows) {
    const mineral = INPUT_MINERALS[row.material_name!];
    if (!mineral) continue;
    const assessed = stageOfInputs(row.eu_used_stage!);
    for (const [stageCode, column] of [
      ['E', 'import_reliance_primary'],
      ['P', 'import_reliance_refined'],
    ] as const) {
      const percent = row[column]!.trim();
      if (percent === '') continue;
      const target = TARGETS[`${row.material_name === 'Natural graphite' ? 'Natural Graphite' : row.material_name}|${stageCode}`];
      stageReliance.push({
        importer: 'EU',
        mineral,
        stage: target?.stage ?? (stageCode === 'E' ? 'mining' : 'refining'),
        percent: String(Number(percent)),
        assessed: String(stageCode === assessed),
        material: row.material_name!,
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: INPUTS_SOURCE,
      });
    }
    // The LREE row's supply_risk_primary cell is a transcription glitch ("281%"); numbers are checked, not guessed.
    const number = (value: string | undefined) => (value !== undefined && /^\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : '');
    criticality.push({
      assessor: 'EU',
      mineral,
      material: row.material_name!,
      stage: assessed === 'E' ? 'mining' : 'refining',
      supply_risk: number(row.supply_risk),
      economic_importance: number(row.economic_importance),
      supply_risk_extraction: number(row.supply_risk_primary),
      supply_risk_processing: number(row.supply_risk_refined),
      end_of_life_rir: number(row.end_of_life),
      substitution_sr: number(row.si_sr),
      supply_scope: (assessed === 'E' ? row.eu_used_supply_primary : row.eu_used_supply_refined)?.trim() ?? '',
      edition: EU_CRM_EDITION,
      source: INPUTS_SOURCE,
    });
  }
  return { stageShares, sourcingShares, stageReliance, criticality, newCountries: added };
}

const EDITION_ROW: CsvRow = {
  id: EU_CRM_EDITION,
  family: 'eu-crm',
  publisher: 'European Commission (DG GROW)',
  title: 'Study on the Critical Raw Materials for the EU 2023 – Final Report',
  doi: '10.2873/725585',
  url: 'https://doi.org/10.2873/725585',
  published: '2023',
  data_years: '',
  notes:
    'Country shares of world supply and of EU sourcing with the trade variable t (Appendix 7), and the supply-risk inputs per material. ' +
    'Shares are averages over the assessment reference period (the 2017 method uses the most recent five-year average); the transcription read does not print the years, so none are stated here.',
};

const SOURCE_ROWS: CsvRow[] = [
  {
    id: SHARES_SOURCE,
    title:
      'Study on the Critical Raw Materials for the EU 2023 – Final Report, Appendix 7: global supply shares, EU sourcing shares (≥ 1 %) and trade-related variable t',
    publisher: 'European Commission',
    edition: '2023',
    year: '2023',
    locator: 'Appendix 7, p. 78',
    url: 'https://github.com/erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets/tree/555be664b7003436c88f04dc9e1077c69cc94c4d/Data',
    licence: 'European Commission reuse policy (CC BY 4.0)',
    notes:
      'Transcribed in erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets @555be664 (fact_GlobalSupplyShares&t.csv, fact_EUSupplyShares&t.csv); the report PDF was not consulted. ' +
      "'<0.1%' is the study's reporting threshold and is kept as such; the EU-sourcing table lists suppliers of at least 1 % only.",
  },
  {
    id: INPUTS_SOURCE,
    title: 'EU CRM 2023 assessment inputs per material (supply risk, economic importance, stage, import reliance, EoL-RIR, substitution)',
    publisher: 'European Commission (as transcribed by the CritMAT project)',
    edition: '2023',
    year: '2023',
    locator: 'CritMAT input_data/seeds/eureport_results.csv',
    url: 'https://github.com/meyerdata/CritMAT/blob/0bd897788ddd82bc58752e5460c53b924cbc63bc/input_data/seeds/eureport_results.csv',
    licence: 'MIT (repository); European Commission reuse policy (data)',
    notes:
      'Secondary transcription citing doi 10.2873/725585. The LREE row carries a glitch ("281%") in its extraction supply-risk cell, which is not used.',
  },
  {
    id: STAGES_SOURCE,
    title: 'Chokepoint stage names per mineral',
    publisher: 'Chokepoint',
    edition: '',
    year: '2026',
    locator: 'scripts/build-eu-crm.ts',
    url: '',
    licence: 'Project data',
    notes:
      'What each processing stage is called for a mineral, in the terms of USGS, IEA and the EU study (e.g. antimony smelting, tungsten APT, rare-earth separation).',
  },
];

export function writeEuCrm(dataDir: string, build: EuCrmBuild): Record<string, number> {
  writeCsvFile(dataDir, 'stage_shares.csv', STAGE_SHARE_COLUMNS, build.stageShares);
  writeCsvFile(dataDir, 'sourcing_shares.csv', SOURCING_SHARE_COLUMNS, build.sourcingShares);
  writeCsvFile(dataDir, 'stage_reliance.csv', STAGE_RELIANCE_COLUMNS, build.stageReliance);
  writeCsvFile(dataDir, 'criticality_inputs.csv', CRITICALITY_COLUMNS, build.criticality);
  writeCsvFile(
    dataDir,
    'stage_names.csv',
    STAGE_NAME_COLUMNS,
    STAGE_NAMES.map((row) => ({ ...row, note: row.note ?? '', source: STAGES_SOURCE })),
  );
  writeCsvFile(dataDir, 'importers.csv', IMPORTER_COLUMNS, [
    {
      id: 'EU',
      name: 'European Union',
      kind: 'union',
      group: 'eu',
      note: 'Import reliance and sourcing per stage from the EU CRM 2023 study (EU-27).',
    },
    {
      id: 'USA',
      name: 'United States',
      kind: 'country',
      group: '',
      note: 'Net import reliance and import sources from the USGS Mineral Commodity Summaries.',
    },
  ]);
  mergeRows(dataDir, 'editions.csv', (row) => row.id!, [EDITION_ROW]);
  mergeRows(dataDir, 'sources.csv', (row) => row.id!, SOURCE_ROWS);
  mergeRows(dataDir, 'countries.csv', (row) => row.iso3!, build.newCountries);
  mergeRows(
    dataDir,
    'bases.csv',
    (row) => row.id!,
    Object.values(TARGETS).map((t) => ({
      id: t.basis,
      mineral: t.mineral,
      stage: t.stage,
      label: t.label,
      description: t.description,
      priority: '9',
    })),
  );
  return {
    stageShares: build.stageShares.length,
    sourcingShares: build.sourcingShares.length,
    stageReliance: build.stageReliance.length,
    criticality: build.criticality.length,
    newCountries: build.newCountries.length,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const referenceDir = process.argv[2] ?? path.resolve(ROOT, '..', 'shared', 'reference', 'data');
  const dataDir = path.join(ROOT, 'data');
  if (!fs.existsSync(referenceDir)) fail(`reference data not found at ${referenceDir}`);
  console.log('EU CRM 2023:', writeEuCrm(dataDir, buildEuCrm(referenceDir, dataDir)));
}
