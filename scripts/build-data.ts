/**
 * Builds the curated Chokepoint dataset in data/ from the reference dataset.
 *
 *   npx tsx scripts/build-data.ts [reference-data-dir]
 *
 * Default input: ../shared/reference/data (relative to the project root). The output is deterministic:
 * running the script twice on the same input writes byte-identical files.
 *
 * Figures (tonnes, percentages, shares, governance values) are copied from the reference CSV files only.
 * Hand-curated tables (stages, minerals, bases metadata, country names/regions, source metadata, defense
 * uses, group metadata) are literal arrays below; each defense-use row names the reference passage it
 * rests on and the script refuses to run if that passage is missing from the reference text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

import { plannedDataDir, RAW_FILES, writeDataDir } from '../src/importers/usgs-mcs/index.js';
import { buildEuCrm, writeEuCrm } from './build-eu-crm.js';
import { buildExportControls, writeExportControls } from './build-export-controls.js';
import { buildIeaGcmo, writeIeaGcmo } from './build-iea-gcmo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REF = path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'reference', 'data'));
const OUT = path.join(ROOT, 'data');
const SEED_ARTICLE_FILE = 'seed-article-global-times-2022-06-16.txt';

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

type Cell = string | number | boolean | null;
type Row = Record<string, string>;

function fail(message: string): never {
  throw new Error(`build-data: ${message}`);
}

function readCsv(file: string): Row[] {
  const text = fs.readFileSync(path.join(REF, file), 'utf8');
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

function get(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) fail(`column '${column}' missing in ${JSON.stringify(row)}`);
  return value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

const written: { file: string; rows: number }[] = [];

function writeCsv<T extends Record<string, Cell>>(
  file: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  key: readonly (keyof T & string)[],
  order: (row: T) => string[] = (row) => key.map((column) => (row[column] === null ? '' : String(row[column]))),
): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const k = key.map((column) => String(row[column])).join('|');
    if (seen.has(k)) fail(`${file}: duplicate key ${k}`);
    seen.add(k);
  }
  const sorted = [...rows].sort((a, b) => compareKeys(order(a), order(b)));
  const lines = [columns.join(','), ...sorted.map((row) => columns.map((column) => csvField(row[column] ?? null)).join(','))];
  fs.writeFileSync(path.join(OUT, file), `${lines.join('\n')}\n`, 'utf8');
  written.push({ file, rows: sorted.length });
}

/** Whitespace- and case-insensitive containment, used to prove a curated claim is in the reference text. */
function normalise(text: string): string {
  return text.replaceAll(/[*_]/g, '').replaceAll(/\s+/g, ' ').toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Stages, minerals
// ---------------------------------------------------------------------------------------------------------

const STAGES = [
  { id: 'mining', name: 'Mining', sort_order: 1, description: 'Extraction: mine output of ores and concentrates.' },
  { id: 'refining', name: 'Refining', sort_order: 2, description: 'Smelting, chemical refining and separation into refined products.' },
  { id: 'metal', name: 'Metal', sort_order: 3, description: 'Metal making and electrolysis, for example titanium sponge.' },
  {
    id: 'component',
    name: 'Component',
    sort_order: 4,
    description: 'Manufactured components such as permanent magnets and battery cathodes.',
  },
] as const;

const MINERALS = [
  {
    id: 'antimony',
    name: 'Antimony',
    symbol: 'Sb',
    description: 'Metalloid used in flame retardants, lead-acid batteries and lead alloys, including ammunition.',
  },
  {
    id: 'rare-earths',
    name: 'Rare earths',
    symbol: null,
    description: 'The lanthanides plus scandium and yttrium; used in permanent magnets, catalysts, glass and polishing.',
  },
  {
    id: 'tungsten',
    name: 'Tungsten',
    symbol: 'W',
    description: 'Very dense, high-melting metal used mostly in cemented carbides for cutting and wear parts.',
  },
  { id: 'cobalt', name: 'Cobalt', symbol: 'Co', description: 'Metal used in superalloys for jet engines and in battery chemicals.' },
  { id: 'lithium', name: 'Lithium', symbol: 'Li', description: 'Light alkali metal whose main use is rechargeable batteries.' },
  {
    id: 'gallium',
    name: 'Gallium',
    symbol: 'Ga',
    description: 'By-product metal used in integrated circuits and optoelectronics (GaAs, GaN).',
  },
  {
    id: 'germanium',
    name: 'Germanium',
    symbol: 'Ge',
    description: 'By-product element used in fibre optics, infrared optics and electronics.',
  },
  {
    id: 'graphite',
    name: 'Graphite (natural)',
    symbol: 'C',
    description: 'Mined crystalline carbon used in battery anodes, refractories and lubricants.',
  },
  {
    id: 'titanium',
    name: 'Titanium',
    symbol: 'Ti',
    description: 'Metal obtained from ilmenite and rutile; used as TiO2 pigment and as metal in aerospace and armor.',
  },
  { id: 'nickel', name: 'Nickel', symbol: 'Ni', description: 'Metal used mainly in stainless and alloy steels and in battery cathodes.' },
  { id: 'manganese', name: 'Manganese', symbol: 'Mn', description: 'Metal essential to steelmaking, also used in batteries.' },
] as const;

const MINERAL_IDS = new Set<string>(MINERALS.map((m) => m.id));

function mineralId(reference: string): string {
  const id = reference === 'rare_earths' ? 'rare-earths' : reference;
  if (!MINERAL_IDS.has(id)) fail(`unknown mineral '${reference}'`);
  return id;
}

/** "rare_earths (compounds and metals)" → { mineral: 'rare-earths', form: 'compounds and metals' } */
function mineralAndForm(reference: string): { mineral: string; form: string } {
  const match = /^([a-z_]+)(?: \((.+)\))?$/.exec(reference.trim());
  if (!match?.[1]) fail(`cannot read mineral '${reference}'`);
  return { mineral: mineralId(match[1]), form: match[2] ?? '' };
}

// ---------------------------------------------------------------------------------------------------------
// Bases: one per distinct (mineral, stage, basis text) in production.csv
// ---------------------------------------------------------------------------------------------------------

interface BasisDef {
  id: string;
  mineral: string;
  stage: string;
  label: string;
  priority: number;
  text: string;
}

const BASES: BasisDef[] = [
  {
    id: 'sb-contained',
    mineral: 'antimony',
    stage: 'mining',
    label: 'contained antimony',
    priority: 1,
    text: 'mine production, contained antimony (t)',
  },
  {
    id: 'co-contained',
    mineral: 'cobalt',
    stage: 'mining',
    label: 'contained cobalt',
    priority: 1,
    text: 'mine production, contained cobalt (t)',
  },
  {
    id: 'co-refined-iea',
    mineral: 'cobalt',
    stage: 'refining',
    label: 'refined cobalt (IEA)',
    priority: 1,
    text: 'IEA refined production of cobalt (t; source kt x1000)',
  },
  {
    id: 'ga-primary',
    mineral: 'gallium',
    stage: 'refining',
    label: 'primary (low-purity) gallium',
    priority: 1,
    text: 'primary (low-purity) gallium production (t; source in kg /1000)',
  },
  {
    id: 'ge-refinery',
    mineral: 'germanium',
    stage: 'refining',
    label: 'refinery germanium, primary and secondary',
    priority: 1,
    text: 'primary and secondary refinery germanium production (t; source in kg /1000)',
  },
  {
    id: 'ge-primary-est',
    mineral: 'germanium',
    stage: 'refining',
    label: 'primary germanium (estimated)',
    priority: 1,
    text: 'primary germanium production, estimated (t)',
  },
  {
    id: 'graphite-natural',
    mineral: 'graphite',
    stage: 'mining',
    label: 'natural graphite (gross weight)',
    priority: 1,
    text: 'mine production, natural graphite (t)',
  },
  {
    id: 'graphite-refined-iea',
    mineral: 'graphite',
    stage: 'refining',
    label: 'refined graphite (IEA)',
    priority: 1,
    text: 'IEA refined production of graphite, IEA "Graphite" supply series (t; source kt x1000)',
  },
  {
    id: 'li-contained',
    mineral: 'lithium',
    stage: 'mining',
    label: 'contained lithium',
    priority: 1,
    text: 'mine production, contained lithium (t)',
  },
  {
    id: 'li-refined-iea',
    mineral: 'lithium',
    stage: 'refining',
    label: 'refined lithium, Li content (IEA)',
    priority: 1,
    text: 'IEA refined production of lithium, Li content (t; source kt x1000)',
  },
  {
    id: 'mn-contained',
    mineral: 'manganese',
    stage: 'mining',
    label: 'contained manganese',
    priority: 1,
    text: 'mine production, contained manganese (t; source in thousand t x1000)',
  },
  {
    id: 'ni-contained',
    mineral: 'nickel',
    stage: 'mining',
    label: 'contained nickel',
    priority: 1,
    text: 'mine production, contained nickel (t)',
  },
  {
    id: 'ni-refined-iea',
    mineral: 'nickel',
    stage: 'refining',
    label: 'refined nickel (IEA)',
    priority: 1,
    text: 'IEA refined production of nickel (t; source kt x1000)',
  },
  {
    id: 'ree-reo',
    mineral: 'rare-earths',
    stage: 'mining',
    label: 'rare-earth oxide equivalent',
    priority: 1,
    text: 'mine production, rare-earth-oxide (REO) equivalent (t)',
  },
  {
    id: 'ree-magnet-iea',
    mineral: 'rare-earths',
    stage: 'refining',
    label: 'magnet rare earth elements (IEA)',
    priority: 1,
    text: 'IEA refined production of "magnet rare earth elements" (IEA category, not total REO; t; source kt x1000)',
  },
  {
    id: 'ti-ilmenite-tio2',
    mineral: 'titanium',
    stage: 'mining',
    label: 'ilmenite concentrate, TiO2 content',
    priority: 1,
    text: 'mine production, ilmenite concentrate, TiO2 content (t; source in thousand t x1000; U.S. figure includes rutile)',
  },
  {
    id: 'ti-rutile-tio2',
    mineral: 'titanium',
    stage: 'mining',
    label: 'rutile concentrate, TiO2 content',
    priority: 2,
    text: 'mine production, rutile concentrate, TiO2 content (t; source in thousand t x1000)',
  },
  {
    id: 'ti-ilmenite-rutile-tio2',
    mineral: 'titanium',
    stage: 'mining',
    label: 'ilmenite and rutile combined, TiO2 content (world total only)',
    priority: 3,
    text: 'mine production, ilmenite+rutile concentrates, TiO2 content, world total only (t; source in thousand t x1000)',
  },
  // The reference files titanium sponge under "refining"; in this dataset sponge is a metal-stage product.
  {
    id: 'ti-sponge',
    mineral: 'titanium',
    stage: 'metal',
    label: 'titanium sponge metal',
    priority: 1,
    text: 'titanium sponge metal production (t)',
  },
  {
    id: 'w-contained',
    mineral: 'tungsten',
    stage: 'mining',
    label: 'contained tungsten',
    priority: 1,
    text: 'mine production, contained tungsten (t)',
  },
];

function basisFor(mineral: string, referenceStage: string, text: string): BasisDef {
  const matches = BASES.filter((b) => b.mineral === mineral && b.text === text);
  const basis = matches[0];
  if (!basis || matches.length > 1) fail(`no unique basis for ${mineral}/${referenceStage}: '${text}'`);
  const expectedStage = basis.id === 'ti-sponge' ? 'refining' : basis.stage;
  if (expectedStage !== referenceStage) fail(`basis ${basis.id}: reference stage '${referenceStage}' unexpected`);
  return basis;
}

// ---------------------------------------------------------------------------------------------------------
// Countries (names: common English; region: UN M49 sub-region)
// ---------------------------------------------------------------------------------------------------------

const LAC = 'Latin America and the Caribbean';
const SSA = 'Sub-Saharan Africa';

const COUNTRIES: Record<string, { name: string; region: string | null; aggregate?: boolean; extraAliases?: string[] }> = {
  WLD: { name: 'World', region: null, aggregate: true },
  OTH: { name: 'Other countries', region: null, aggregate: true },
  EUU: { name: 'European Union', region: null, aggregate: true },
  ALB: { name: 'Albania', region: 'Southern Europe' },
  ARE: { name: 'United Arab Emirates', region: 'Western Asia' },
  ARG: { name: 'Argentina', region: LAC },
  AUS: { name: 'Australia', region: 'Australia and New Zealand' },
  AUT: { name: 'Austria', region: 'Western Europe' },
  BDI: { name: 'Burundi', region: SSA },
  BEL: { name: 'Belgium', region: 'Western Europe' },
  BGR: { name: 'Bulgaria', region: 'Eastern Europe' },
  BLR: { name: 'Belarus', region: 'Eastern Europe' },
  BOL: { name: 'Bolivia', region: LAC },
  BRA: { name: 'Brazil', region: LAC },
  CAN: { name: 'Canada', region: 'Northern America' },
  CHE: { name: 'Switzerland', region: 'Western Europe' },
  CHL: { name: 'Chile', region: LAC },
  CHN: { name: 'China', region: 'Eastern Asia' },
  CIV: { name: "Côte d'Ivoire", region: SSA },
  COD: { name: 'Democratic Republic of the Congo', region: SSA, extraAliases: ['DR Congo'] },
  CUB: { name: 'Cuba', region: LAC },
  CYP: { name: 'Cyprus', region: 'Western Asia' },
  CZE: { name: 'Czechia', region: 'Eastern Europe' },
  DEU: { name: 'Germany', region: 'Western Europe' },
  DNK: { name: 'Denmark', region: 'Northern Europe' },
  DOM: { name: 'Dominican Republic', region: LAC },
  ECU: { name: 'Ecuador', region: LAC },
  EGY: { name: 'Egypt', region: 'Northern Africa' },
  ESP: { name: 'Spain', region: 'Southern Europe' },
  EST: { name: 'Estonia', region: 'Northern Europe' },
  FIN: { name: 'Finland', region: 'Northern Europe' },
  FRA: { name: 'France', region: 'Western Europe' },
  GAB: { name: 'Gabon', region: SSA },
  GBR: { name: 'United Kingdom', region: 'Northern Europe' },
  GEO: { name: 'Georgia', region: 'Western Asia' },
  GHA: { name: 'Ghana', region: SSA },
  GIN: { name: 'Guinea', region: SSA },
  GRC: { name: 'Greece', region: 'Southern Europe' },
  GRL: { name: 'Greenland', region: 'Northern America' },
  GTM: { name: 'Guatemala', region: LAC },
  GUY: { name: 'Guyana', region: LAC },
  HKG: { name: 'Hong Kong', region: 'Eastern Asia' },
  HRV: { name: 'Croatia', region: 'Southern Europe' },
  HUN: { name: 'Hungary', region: 'Eastern Europe' },
  IDN: { name: 'Indonesia', region: 'South-eastern Asia' },
  IND: { name: 'India', region: 'Southern Asia' },
  IRL: { name: 'Ireland', region: 'Northern Europe' },
  IRN: { name: 'Iran', region: 'Southern Asia' },
  ISL: { name: 'Iceland', region: 'Northern Europe' },
  ISR: { name: 'Israel', region: 'Western Asia' },
  ITA: { name: 'Italy', region: 'Southern Europe' },
  JAM: { name: 'Jamaica', region: LAC },
  JPN: { name: 'Japan', region: 'Eastern Asia' },
  KAZ: { name: 'Kazakhstan', region: 'Central Asia' },
  KEN: { name: 'Kenya', region: SSA },
  KGZ: { name: 'Kyrgyzstan', region: 'Central Asia' },
  KOR: { name: 'South Korea', region: 'Eastern Asia' },
  LAO: { name: 'Laos', region: 'South-eastern Asia' },
  LKA: { name: 'Sri Lanka', region: 'Southern Asia' },
  LTU: { name: 'Lithuania', region: 'Northern Europe' },
  LUX: { name: 'Luxembourg', region: 'Western Europe' },
  LVA: { name: 'Latvia', region: 'Northern Europe' },
  MAR: { name: 'Morocco', region: 'Northern Africa' },
  MDG: { name: 'Madagascar', region: SSA },
  MEX: { name: 'Mexico', region: LAC },
  MKD: { name: 'North Macedonia', region: 'Southern Europe' },
  MLT: { name: 'Malta', region: 'Southern Europe' },
  MMR: { name: 'Myanmar', region: 'South-eastern Asia' },
  MNE: { name: 'Montenegro', region: 'Southern Europe' },
  MNG: { name: 'Mongolia', region: 'Eastern Asia' },
  MOZ: { name: 'Mozambique', region: SSA },
  MYS: { name: 'Malaysia', region: 'South-eastern Asia' },
  NAM: { name: 'Namibia', region: SSA },
  NCL: { name: 'New Caledonia', region: 'Melanesia' },
  NGA: { name: 'Nigeria', region: SSA },
  NLD: { name: 'Netherlands', region: 'Western Europe' },
  NOR: { name: 'Norway', region: 'Northern Europe' },
  PAK: { name: 'Pakistan', region: 'Southern Asia' },
  PER: { name: 'Peru', region: LAC },
  PHL: { name: 'Philippines', region: 'South-eastern Asia' },
  PNG: { name: 'Papua New Guinea', region: 'Melanesia' },
  POL: { name: 'Poland', region: 'Eastern Europe' },
  PRK: { name: 'North Korea', region: 'Eastern Asia' },
  PRT: { name: 'Portugal', region: 'Southern Europe' },
  ROU: { name: 'Romania', region: 'Eastern Europe' },
  RUS: { name: 'Russia', region: 'Eastern Europe' },
  RWA: { name: 'Rwanda', region: SSA },
  SAU: { name: 'Saudi Arabia', region: 'Western Asia' },
  SEN: { name: 'Senegal', region: SSA },
  SLE: { name: 'Sierra Leone', region: SSA },
  SRB: { name: 'Serbia', region: 'Southern Europe' },
  SVK: { name: 'Slovakia', region: 'Eastern Europe' },
  SVN: { name: 'Slovenia', region: 'Southern Europe' },
  SWE: { name: 'Sweden', region: 'Northern Europe' },
  THA: { name: 'Thailand', region: 'South-eastern Asia' },
  TJK: { name: 'Tajikistan', region: 'Central Asia' },
  TKM: { name: 'Turkmenistan', region: 'Central Asia' },
  TUR: { name: 'Türkiye', region: 'Western Asia' },
  TWN: { name: 'Taiwan', region: 'Eastern Asia' },
  TZA: { name: 'Tanzania', region: SSA },
  UKR: { name: 'Ukraine', region: 'Eastern Europe' },
  USA: { name: 'United States', region: 'Northern America' },
  UZB: { name: 'Uzbekistan', region: 'Central Asia' },
  VNM: { name: 'Vietnam', region: 'South-eastern Asia' },
  ZAF: { name: 'South Africa', region: SSA },
  ZMB: { name: 'Zambia', region: SSA },
  ZWE: { name: 'Zimbabwe', region: SSA },
};

/** iso3 → every country spelling seen in the reference files' country columns. */
const aliasesSeen = new Map<string, Set<string>>();
const usedCountries = new Set<string>();

function noteAlias(iso3: string, name: string): void {
  const set = aliasesSeen.get(iso3) ?? new Set<string>();
  set.add(name.trim());
  aliasesSeen.set(iso3, set);
}

function useCountry(iso3: string): string {
  if (!/^[A-Z]{3}$/.test(iso3)) fail(`bad ISO3 '${iso3}'`);
  if (!COUNTRIES[iso3]) fail(`country ${iso3} has no entry in COUNTRIES`);
  usedCountries.add(iso3);
  return iso3;
}

// ---------------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------------

interface SourceRow extends Record<string, Cell> {
  id: string;
  title: string;
  publisher: string;
  edition: string | null;
  year: string | null;
  locator: string | null;
  url: string | null;
  licence: string | null;
  notes: string | null;
}

const USGS = 'U.S. Geological Survey';
const USGS_LICENCE = 'US public domain (USGS)';
const MCS_DOI: Record<string, string> = {
  '2025': 'https://doi.org/10.5066/P13XCP3R',
  '2024': 'https://doi.org/10.5066/P144BA54',
  '2023': 'https://doi.org/10.5066/P9WCYUI6',
  '2022': 'https://doi.org/10.5066/P9KKMCP4',
};
/**
 * Editions: every figure belongs to one. The default view takes, per series and year, the newest edition of each
 * family that reports it, so `published` orders editions within a family. MCS publication dates are the USGS
 * release dates; the IEA data-explorer update is dated by the GCMO 2025 release it accompanied (month only).
 */
interface EditionDef extends Record<string, Cell> {
  id: string;
  family: string;
  publisher: string;
  title: string;
  doi: string | null;
  url: string | null;
  published: string;
  data_years: string;
  notes: string | null;
}
const MCS_EDITIONS: Record<string, { published: string; dataYears: string }> = {
  '2022': { published: '2022-01-31', dataYears: '2017-2021' },
  '2023': { published: '2023-01-31', dataYears: '2018-2022' },
  '2024': { published: '2024-01-31', dataYears: '2019-2023' },
  '2025': { published: '2025-01-31', dataYears: '2020-2024' },
};
const EDITIONS = new Map<string, EditionDef>([
  ...Object.entries(MCS_EDITIONS).map(([year, { published, dataYears }]): [string, EditionDef] => [
    `usgs-mcs-${year}`,
    {
      id: `usgs-mcs-${year}`,
      family: 'usgs-mcs',
      publisher: 'U.S. Geological Survey',
      title: `Mineral Commodity Summaries ${year}`,
      doi: `10.3133/mcs${year}`,
      url: MCS_DOI[year] ?? null,
      published,
      data_years: dataYears,
      notes: `Figures taken from the ${year} data release (${MCS_DOI[year] ?? 'DOI not recorded'}) via public CSV copies; see each source.`,
    },
  ]),
  [
    'iea-cmde-2025',
    {
      id: 'iea-cmde-2025',
      family: 'iea-supply',
      publisher: 'International Energy Agency',
      title: 'Critical Minerals Data Explorer (2025 update, 2024 base year)',
      doi: null,
      url: 'https://www.iea.org/data-and-statistics/data-tools/critical-minerals-data-explorer',
      published: '2025-05',
      data_years: '2024',
      notes: 'Base case, sheet "2 Total supply for key minerals", 2024 column only (projections not taken).',
    },
  ],
  // The World Bank's WGI releases revise earlier years, so they form one family; a view takes one release for all
  // countries (the scores never mix releases). The 2025 and 2026 updates changed the method and are not held.
  [
    'wb-wgi-2023',
    {
      id: 'wb-wgi-2023',
      family: 'wb-wgi',
      publisher: 'World Bank',
      title: 'Worldwide Governance Indicators, 2023 release (data through 2022)',
      doi: null,
      url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
      published: '2023',
      data_years: '2021-2022',
      notes: 'Estimates of the six indicators for 2021 and 2022, for the countries the reference copy holds (see the source).',
    },
  ],
  [
    'wb-wgi-2024',
    {
      id: 'wb-wgi-2024',
      family: 'wb-wgi',
      publisher: 'World Bank',
      title: 'Worldwide Governance Indicators, 2024 update (data through 2023)',
      doi: null,
      url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
      published: '2024',
      data_years: '2022-2023',
      notes:
        'Estimates of the six indicators for 2022 and 2023, for every country in countries.csv the release covers. Methodology: ' +
        'Kaufmann & Kraay, World Bank PRWP 10952 (Nov 2024). The 2025 and 2026 updates rescaled the method and are not comparable; not held.',
    },
  ],
  [
    'usgs-ofr-2024-1057',
    {
      id: 'usgs-ofr-2024-1057',
      family: 'usgs-ofr-germanium',
      publisher: 'U.S. Geological Survey',
      title: 'Open-File Report 2024-1057, Table 1.14 (germanium refinery production)',
      doi: null,
      url: null,
      published: '2024',
      data_years: '2022',
      notes: 'Estimates; quoted through a secondary verification log (see the source).',
    },
  ],
]);
const usedEditions = new Set<string>();
function useEdition(id: string): string {
  if (!EDITIONS.has(id)) fail(`unknown edition ${id}`);
  usedEditions.add(id);
  return id;
}
function mcsEdition(year: string): string {
  return useEdition(`usgs-mcs-${year}`);
}

const REPO = {
  pj: 'PJGriff26/materials-demand-model @ aae6498ff690aaddc901ff322bc971d4bca61897',
  red: 'Redliana/cmm-data @ 99a987b1c9a8b5f18be6b675ef905c769b922491',
  nssac: 'NSSAC/dpi.RAG @ 3eb117645894d960f56345eb33f0469d91cad615',
  iea: 'barrytho/uk-critical-minerals-dashboard @ fc0f643571010b6af97605f2f70b0944412d68f0',
  pa: 'nwyin/periodic-atlas @ d1121a05cfe798bde52c5b1d4b5fd5c85ab0a120',
  kr: 'kr0710/DATA608 @ 84b49a65e051ca01366c81c75b300f16bcf54562',
  wgi: 'Iannehuenlabat/Data @ 964c9f4b2ef5a577b22aef4bf596ea1461eb262d',
  wgi2024: 'lmorgans/WGIdata @ 05f52f816a6c09473096edbf657aa310d5c30507',
};
const MCS2025_DOI_CAVEAT =
  "The release's XML metadata links to the 2023 DOI (P9WCYUI6), apparently a leftover; P13XCP3R is the 2025 release.";

/** MCS chapter codes used in data-release file names → chapter slug, chapter title, mineral id. */
const CHAPTERS: Record<string, { slug: string; title: string; mineral: string }> = {
  antim: { slug: 'antimony', title: 'Antimony', mineral: 'antimony' },
  cobal: { slug: 'cobalt', title: 'Cobalt', mineral: 'cobalt' },
  galli: { slug: 'gallium', title: 'Gallium', mineral: 'gallium' },
  germa: { slug: 'germanium', title: 'Germanium', mineral: 'germanium' },
  graph: { slug: 'graphite', title: 'Graphite (Natural)', mineral: 'graphite' },
  lithi: { slug: 'lithium', title: 'Lithium', mineral: 'lithium' },
  lithium: { slug: 'lithium', title: 'Lithium', mineral: 'lithium' },
  manga: { slug: 'manganese', title: 'Manganese', mineral: 'manganese' },
  nicke: { slug: 'nickel', title: 'Nickel', mineral: 'nickel' },
  raree: { slug: 'rare-earths', title: 'Rare Earths', mineral: 'rare-earths' },
  rareee: { slug: 'rare-earths', title: 'Rare Earths', mineral: 'rare-earths' },
  timin: { slug: 'titanium-concentrates', title: 'Titanium Mineral Concentrates', mineral: 'titanium' },
  titan: { slug: 'titanium-metal', title: 'Titanium and Titanium Dioxide', mineral: 'titanium' },
  tungs: { slug: 'tungsten', title: 'Tungsten', mineral: 'tungsten' },
};
/** MCS 2025 printed pages (as cited in the reference) → chapter code. */
const MCS2025_PAGES: Record<string, string> = {
  '34-35': 'antim',
  '62-63': 'cobal',
  '74-75': 'galli',
  '116-117': 'manga',
  '124-125': 'nicke',
  '144-145': 'raree',
  '186-187': 'titan',
  '188-189': 'timin',
  '193-194': 'tungs',
};

function pages(range: string): string {
  return range.includes('-') ? `pp. ${range.replace('-', '–')}` : `p. ${range}`;
}

/** Hand-written sources (press, secondary quotations, groups, governance, IEA, OFR). */
const STATIC_SOURCES: SourceRow[] = [
  {
    id: 'iea-cm-data-explorer-2025',
    title: 'Critical Minerals Data Explorer',
    publisher: 'International Energy Agency',
    edition: '2025 release (2024 base year)',
    year: '2025',
    locator: "Sheet '2 Total supply for key minerals', base case, 2024 column",
    url: 'https://www.iea.org/data-and-statistics/data-tools/critical-minerals-data-explorer',
    licence: 'CC BY 4.0 (IEA)',
    notes:
      `Taken through the reference dataset from a JSON conversion of the explorer (data/iea.json in ${REPO.iea}). ` +
      'Edition inferred: the JSON is labelled 2024 but its first column is the 2024 base year of the 2025 release. ' +
      "Caveats: the rare-earth series is IEA's 'magnet rare earth elements' category, not total REO, so it is not comparable with USGS REO tonnes; " +
      'for nickel refining the country rows add up to 3,596.8 kt against an IEA total of 3,483.7 kt (the gap equals the Canada row), so treat that country split with caution. ' +
      "'Rest of world' is stored as OTH. kt converted to t (x1000, rounded to whole tonnes).",
  },
  {
    id: 'usgs-ofr-2024-1057-t1-14',
    title: 'Open-File Report 2024-1057',
    publisher: USGS,
    edition: null,
    year: '2024',
    locator: 'Table 1.14 (germanium refinery production by country, 2022)',
    url: null,
    licence: USGS_LICENCE,
    notes:
      `Secondary transcription: values as quoted in verification/Ge.md of ${REPO.pa}; the report itself was not consulted. ` +
      'All values are estimates.',
  },
  {
    id: 'usgs-ofr-2024-1057-ge-end-uses',
    title: 'Open-File Report 2024-1057',
    publisher: USGS,
    edition: null,
    year: '2024',
    locator: 'Germanium section, U.S. end-use split (last reported for 2016)',
    url: null,
    licence: USGS_LICENCE,
    notes: `Secondary: quoted in verification/Ge.md of ${REPO.pa}; the report itself was not consulted.`,
  },
  {
    id: 'usgs-mcs-2025-t4',
    title: 'Mineral Commodity Summaries 2025',
    publisher: USGS,
    edition: '2025',
    year: '2025',
    locator: 'Table 4, critical minerals end use (data-release file MCS2025_T4_Critical_Minerals_End_Use.csv)',
    url: MCS_DOI['2025'] ?? null,
    licence: USGS_LICENCE,
    notes: `Primary-applications list, read via end_uses.md of the reference dataset; data-release copy in ${REPO.pj}. ${MCS2025_DOI_CAVEAT}`,
  },
  {
    id: 'usgs-mcs-2025-t5',
    title: 'Mineral Commodity Summaries 2025',
    publisher: USGS,
    edition: '2025',
    year: '2025',
    locator: 'Table 5, critical minerals salient statistics, 2024 estimates (data-release file MCS2025_T5_Critical_Minerals_Salient.csv)',
    url: MCS_DOI['2025'] ?? null,
    licence: USGS_LICENCE,
    notes:
      `Copy in ${REPO.kr}. Used only for withheld markers: U.S. primary production of titanium (metal) is shown as W (withheld) ` +
      'and the world total excludes the United States.',
  },
  {
    id: 'usgs-mcs-2025-rare-earths-text',
    title: 'Mineral Commodity Summaries 2025',
    publisher: USGS,
    edition: '2025',
    year: '2025',
    locator: 'Rare Earths chapter, pp. 144–145 (end uses; Government Stockpile)',
    url: MCS_DOI['2025'] ?? null,
    licence: USGS_LICENCE,
    notes: `Chapter text read from a PDF-to-text conversion (data/marker/mcs2025-rare-earths.md in ${REPO.nssac}); the OCR version in the same repository was not used.`,
  },
  ...(
    [
      ['antimony', 'Antimony', 'pp. 34–35 (end uses p. 34; Events p. 35)', 'Sb'],
      ['tungsten', 'Tungsten', 'pp. 193–194 (end uses; Substitutes)', 'W'],
      ['cobalt', 'Cobalt', 'p. 62 (end uses)', 'Co'],
      ['gallium', 'Gallium', 'pp. 74–75 (end uses; Substitutes; Events)', 'Ga'],
      ['germanium', 'Germanium', 'p. 81 (Events, Trade and Issues)', 'Ge'],
      ['titanium-metal', 'Titanium and Titanium Dioxide', 'p. 186 (end uses of titanium metal)', 'Ti'],
    ] as const
  ).map(([slug, chapter, where, el]): SourceRow => ({
    id: `usgs-mcs-2025-${slug}-text`,
    title: 'Mineral Commodity Summaries 2025',
    publisher: USGS,
    edition: '2025',
    year: '2025',
    locator: `${chapter} chapter, ${where}`,
    url: MCS_DOI['2025'] ?? null,
    licence: USGS_LICENCE,
    notes: `Secondary: chapter text as quoted (PDF text extraction) in verification/${el}.md of ${REPO.pa}; the chapter PDF itself was not consulted.`,
  })),
  {
    id: 'usgs-myb-2016-antimony',
    title: 'Minerals Yearbook 2016: Antimony',
    publisher: USGS,
    edition: '2016',
    year: null,
    locator: 'Antimony chapter (domestic smelter production)',
    url: 'https://docslib.org/doc/3487244/antimony-2016',
    licence: USGS_LICENCE,
    notes: 'Read from a docslib.org copy of the USGS chapter; publication year of the volume not recorded in the reference.',
  },
  {
    id: 'usgs-myb-1999-tungsten',
    title: 'Minerals Yearbook 1999: Tungsten',
    publisher: USGS,
    edition: '1999',
    year: null,
    locator: 'Tungsten chapter (K. B. Shedd), uses',
    url: 'https://docslib.org/doc/10581525/tungsten-in-1999-than-recording-began-in-1940',
    licence: USGS_LICENCE,
    notes: 'Read from a docslib.org copy of the USGS chapter.',
  },
  {
    id: 'usgs-supply-chain-risk-methodology',
    title: 'Mineral supply chain risk methodology (image page)',
    publisher: USGS,
    edition: null,
    year: null,
    locator: 'Image and caption',
    url: 'https://www.usgs.gov/media/images/mineral-supply-chain-risk-methodology',
    licence: USGS_LICENCE,
    notes: null,
  },
  {
    id: 'sme-mining-engineering-cobalt',
    title: 'Mining Engineering article abstract on cobalt',
    publisher: 'Society for Mining, Metallurgy & Exploration (SME)',
    edition: null,
    year: null,
    locator: 'Abstract (articleID 7969)',
    url: 'https://me.smenet.org/abstract.cfm?preview=1&articleID=7969&page=37',
    licence: '© SME',
    notes: 'Only the abstract was consulted; title and date not recorded in the reference.',
  },
  {
    id: 'diplomat-2024-12-export-ban',
    title: "China's Mineral Export Ban Strikes at the US Defense Industrial Base",
    publisher: 'The Diplomat',
    edition: null,
    year: '2024',
    locator: 'December 2024 article',
    url: 'https://manage.thediplomat.com/2024/12/chinas-mineral-export-ban-strikes-at-the-us-defense-industrial-base',
    licence: '© The Diplomat',
    notes:
      'Title reconstructed from the URL. Press report; covers antimony, gallium and germanium uses and the 3 Dec 2024 Chinese export ban.',
  },
  {
    id: 'reuters-malaya-antimony-imports',
    title: "China's antimony ore imports to face pressure in Q4 - think tank",
    publisher: 'Reuters (reproduced by Malaya Business Insight)',
    edition: null,
    year: null,
    locator: 'Article text',
    url: 'https://malaya.com.ph/chinas-antimony-ore-imports-to-face-pressure-in-q4-think-tank/',
    licence: '© Thomson Reuters',
    notes: 'Reuters report read in a reproduction on malaya.com.ph; title reconstructed from the URL; date not recorded in the reference.',
  },
  {
    id: 'bloomberg-caixin-2024-08-16',
    title: 'China adds metal used in ammo to list of restricted exports',
    publisher: 'Bloomberg (via Caixin Global)',
    edition: null,
    year: '2024',
    locator: 'Article of 16 August 2024',
    url: 'https://www.caixinglobal.com/2024-08-16/china-adds-metal-used-in-ammo-to-list-of-restricted-exports-102227104.html',
    licence: '© Bloomberg L.P.',
    notes: 'Bloomberg report republished by Caixin Global; title reconstructed from the URL.',
  },
  {
    id: 'scmp-govini-2024-12',
    title: "China's ban on critical minerals to be felt across all branches of US military",
    publisher: 'South China Morning Post',
    edition: null,
    year: '2024',
    locator: 'Article 3291154 (reporting a Govini analysis, December 2024)',
    url: 'https://www-scmp-com.libproxy1.nus.edu.sg/news/china/military/article/3291154/chinas-ban-critical-minerals-be-felt-across-all-branches-us-military',
    licence: '© South China Morning Post',
    notes:
      'Read through a university library proxy copy; title reconstructed from the URL. The parts counts are Govini figures as reported by SCMP.',
  },
  {
    id: 'cipher-brief-pentagon-rare-earths',
    title: "The Pentagon's rare earth problem is a China problem too",
    publisher: 'The Cipher Brief',
    edition: null,
    year: null,
    locator: 'Column article',
    url: 'https://www.thecipherbrief.com/column_article/the-pentagons-rare-earth-problem-is-a-china-problem-too',
    licence: '© The Cipher Brief',
    notes:
      "Title reconstructed from the URL. The article cites GAO, 'Critical Materials: Action Needed to Implement Requirements That Reduce Supply Chain Risk' (10 Sep 2024) and a DoD news story; those were not consulted.",
  },
  {
    id: 'crs-r41744-2013',
    title: 'Rare Earth Elements in National Defense: Background, Oversight Issues, and Options for Congress (R41744)',
    publisher: 'Congressional Research Service',
    edition: null,
    year: '2013',
    locator: 'Summary (V. B. Grasso, 23 Dec 2013)',
    url: null,
    licence: 'US government work',
    notes: 'Only the summary page was consulted, via archive.org and scribd copies; no stable URL recorded in the reference.',
  },
  {
    id: 'global-times-2022-06-16',
    title: "US anxiety to push decoupling with China in mineral supply chains 'a dangerous signal'",
    publisher: 'Global Times',
    edition: null,
    year: '2022',
    locator: 'Article published 16 June 2022; defense passages quote a Defense News report of 9 June 2022',
    url: null,
    licence: '© Global Times',
    notes:
      `Seed article; local copy ${SEED_ARTICLE_FILE} in the shared reference folder. Chinese state-media commentary: ` +
      'its antimony and stockpile statements are attributed to Defense News (9 June 2022), which was not consulted; ' +
      "it also loosely calls the National Defense Stockpile a 'strategic reserve of rare earth minerals'.",
  },
  {
    id: 'wb-wgi-2023',
    title: 'Worldwide Governance Indicators',
    publisher: 'World Bank',
    edition: '2023 release (data through 2022)',
    year: '2023',
    locator: 'Bulk file WGIData.csv; estimates VA.EST, PV.EST, GE.EST, RQ.EST, RL.EST, CC.EST',
    url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
    licence: 'CC BY 4.0 (World Bank WGI)',
    notes:
      `Copy of WGIData.csv in ${REPO.wgi}. Only this release is used; later-release values for Russia and a rounded Australia value ` +
      'present in the reference (from third-party sites) were left out so each country-year-indicator has one value.',
  },
  {
    id: 'wb-wgi-2024',
    title: 'Worldwide Governance Indicators',
    publisher: 'World Bank',
    edition: '2024 update (data through 2023)',
    year: '2024',
    locator: 'Workbook wgidataset.xlsx (long format); estimates va, pv, ge, rq, rl, cc for 2022 and 2023',
    url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
    licence: 'CC BY 4.0 (World Bank WGI)',
    notes:
      `Transcription of the World Bank workbook in ${REPO.wgi2024} (uploaded 2024-12-11), via the reference wgi_2024_update.csv ` +
      '(legacy codes re-keyed, values unrounded). Methodology: Kaufmann & Kraay, The Worldwide Governance Indicators: Methodology ' +
      'and 2024 Update, World Bank Policy Research Working Paper 10952 (Nov 2024). The 2025 and 2026 updates changed the method ' +
      '(not comparable) and are not used.',
  },
  {
    id: 'un-m49',
    title: 'Standard country or area codes for statistical use (M49)',
    publisher: 'United Nations Statistics Division',
    edition: null,
    year: null,
    locator: 'Geographic regions: sub-region list (used for countries.region and the Central Asia group)',
    url: 'https://unstats.un.org/unsd/methodology/m49/',
    licence: 'UN Statistics Division terms of use',
    notes: 'Region names assigned from the M49 sub-region scheme; Taiwan is not listed separately in M49 and is placed in Eastern Asia.',
  },
  {
    id: 'groups-msp-membership',
    title: 'Minerals Security Partnership membership (compiled)',
    publisher: 'U.S. Department of State; International Energy Agency; Wikipedia',
    edition: null,
    year: '2024',
    locator: 'Partner lists and accession dates',
    url: 'https://miragenews.com/us-expands-minerals-security-partnership-with-1085796',
    licence: 'US government work (State Department); IEA terms; CC BY-SA 4.0 (Wikipedia)',
    notes:
      'Compiled from: a State Department release reproduced by miragenews.com (14 partners after Norway, Italy and India joined); ' +
      "the IEA policy page 'Minerals Security Partnership' (prod.iea.org/policies/16158-minerals-security-partnership, updated 16 Oct 2023); " +
      "and Wikipedia 'Minerals Security Partnership' via mirrors (launch June 2022, India June 2023, Estonia March 2024). " +
      'Norway and Italy joined between June 2022 and June 2023; exact dates not found.',
  },
  {
    id: 'ec-trade-msp-2024-09-27',
    title: 'EU and US welcome new members to Minerals Security Partnership',
    publisher: 'European Commission, DG Trade',
    edition: null,
    year: '2024',
    locator: 'News item of 27 September 2024',
    url: 'https://policy.trade.ec.europa.eu',
    licence: '© European Union',
    notes:
      'Lists MSP Forum members announced at the first MSP Forum event (July 2024) and those welcomed in New York on 26 Sep 2024. ' +
      'Forum members are not MSP partners. A Wikipedia mirror dates Argentina to August 2024. Only the site root URL is recorded in the reference.',
  },
  {
    id: 'groups-nato-membership',
    title: 'NATO member countries and accession years (compiled)',
    publisher: 'eata.ee; askvity.info',
    edition: null,
    year: '2024',
    locator: 'Member list with accession years',
    url: 'https://eata.ee/en/nato/nato-member-countries',
    licence: '© respective publishers',
    notes:
      'Accession years to 2023 from eata.ee; Sweden (2024) from askvity.info/nato-membership/who-is-in-nato-in-2024. Germany joined as West Germany.',
  },
  {
    id: 'groups-g7-membership',
    title: 'G7 member countries (compiled)',
    publisher: 'abcdiamond.com; visualfoodie.com',
    edition: null,
    year: null,
    locator: 'Member list and history',
    url: 'https://abcdiamond.com/which-countries-are-in-the-g7',
    licence: '© respective publishers',
    notes:
      'Founding G6 members dated only to the 1970s (joined left empty); Canada added 1976. The EU is a non-enumerated participant ' +
      '(Commission President invited from 1977) and is not listed as a member. Member list also in visualfoodie.com.',
  },
  {
    id: 'groups-quad-membership',
    title: 'Quad (Quadrilateral Security Dialogue) members (compiled)',
    publisher: 'owiki.org; worldeyenews.com',
    edition: null,
    year: null,
    locator: 'Member list and history',
    url: 'https://owiki.org/wiki/Quad_nations',
    licence: '© respective publishers',
    notes:
      'Initiated 2007, lapsed 2008, revived November 2017; joined records 2007. Also worldeyenews.com/web-stories/what-is-quad-and-how-it-formed.',
  },
  {
    id: 'groups-eu-membership',
    title: 'From 6 to 27 members (EU enlargement)',
    publisher: 'European Commission, DG NEAR; University of Illinois Library',
    edition: null,
    year: null,
    locator: 'Enlargement dates by member state',
    url: 'https://neighbourhood-enlargement.ec.europa.eu',
    licence: '© European Union',
    notes:
      'Enlargement dates from DG NEAR; founding year 1958 from the University of Illinois Library guide (guides.library.illinois.edu/c.php?g=1226533&p=8974518). ' +
      'The United Kingdom (member 1973 to 31 Jan 2020) is not listed.',
  },
];

const sources = new Map<string, SourceRow>(STATIC_SOURCES.map((s) => [s.id, s]));
const usedSources = new Set<string>();
/** Extra locator details accumulated for generated sources (columns, commodities, minerals). */
const sourceDetails = new Map<string, Set<string>>();

function addDetail(id: string, detail: string): void {
  const set = sourceDetails.get(id) ?? new Set<string>();
  set.add(detail);
  sourceDetails.set(id, set);
}

function useSource(id: string): string {
  if (!sources.has(id)) fail(`unknown source id ${id}`);
  usedSources.add(id);
  return id;
}

function defineSource(row: SourceRow): string {
  const existing = sources.get(row.id);
  if (existing && JSON.stringify(existing) !== JSON.stringify(row)) fail(`source ${row.id} defined twice differently`);
  sources.set(row.id, row);
  return useSource(row.id);
}

function repoOf(tag: string): string {
  if (tag === 'PJGriff26/materials-demand-model') return REPO.pj;
  if (tag === 'Redliana/cmm-data') return REPO.red;
  return fail(`unknown repository ${tag}`);
}

function mcsBase(edition: string): Pick<SourceRow, 'title' | 'publisher' | 'edition' | 'year' | 'url' | 'licence'> {
  const url = MCS_DOI[edition];
  if (!url) fail(`no DOI for MCS ${edition}`);
  return { title: `Mineral Commodity Summaries ${edition}`, publisher: USGS, edition, year: edition, url, licence: USGS_LICENCE };
}

function chapterOfFile(file: string, kind: 'world' | 'salient'): { code: string; chapter: NonNullable<(typeof CHAPTERS)[string]> } {
  const match = new RegExp(`mcs\\d{4}-([a-z]+)_${kind}\\.csv$`).exec(file);
  const code = match?.[1];
  const chapter = code ? CHAPTERS[code] : undefined;
  if (!code || !chapter) fail(`cannot read chapter from ${file}`);
  return { code, chapter };
}

interface Citation {
  source: string;
  edition: string;
  estimated: boolean;
  lowerBound: boolean;
}

/** Maps a reference `source` string (production, reserves, import reliance) to a source id. */
function citation(raw: string, mineral: string): Citation {
  let text = raw.trim();
  const lowerBound = /\[LOWER BOUND[^\]]*\]/.test(text);
  text = text.replace(/\s*\[LOWER BOUND[^\]]*\]/, '');
  const estimated = /\(e\)$/.test(text);
  text = text.replace(/\s*\(e\)$/, '');

  let m = /^USGS MCS (\d{4})(?:, pp\.(\d+-\d+))? \[(\S+) @ (\S+)\]$/.exec(text);
  if (m) {
    const [, edition = '', pageRange, file = '', repoTag = ''] = m;
    const repo = repoOf(repoTag);
    if (edition === '2025') {
      if (!pageRange) {
        const id = 'usgs-mcs-2025-world-data';
        addDetail(id, mineral);
        defineSource({
          id,
          ...mcsBase('2025'),
          locator: null, // filled in at the end from the minerals that cite it
          notes: null,
        });
        return { source: id, edition: mcsEdition(edition), estimated, lowerBound };
      }
      const code = MCS2025_PAGES[pageRange];
      const chapter = code ? CHAPTERS[code] : undefined;
      if (!chapter) fail(`unknown MCS 2025 page range ${pageRange}`);
      if (chapter.mineral !== mineral) fail(`MCS 2025 ${pageRange} is ${chapter.mineral}, row is ${mineral}`);
      const id = defineSource({
        id: `usgs-mcs-2025-${chapter.slug}`,
        ...mcsBase('2025'),
        locator: `${chapter.title} chapter, ${pages(pageRange)}: world production and reserves (data-release file ${file})`,
        url: MCS_DOI['2025'] ?? null,
        notes:
          `Data-release values via ${repo} (data/usgs_mcs_2025/world_data/${file}); printed page numbers as quoted in the ` +
          `${REPO.pa.split(' @ ')[0]} verification logs. ${MCS2025_DOI_CAVEAT}` +
          (code === 'timin'
            ? ' The CSV labels titanium concentrates in metric tons but the values are thousand metric tons; the reference converted them x1000.'
            : ''),
      });
      return { source: id, edition: mcsEdition(edition), estimated, lowerBound };
    }
    const { chapter } = chapterOfFile(file, 'world');
    if (chapter.mineral !== mineral) fail(`${file} is ${chapter.mineral}, row is ${mineral}`);
    const dir =
      edition === '2024'
        ? 'API_Scripts/usgs_mcs_data/2024/world/'
        : edition === '2023'
          ? 'API_Scripts/usgs_mcs_data/2023/world/world/'
          : 'API_Scripts/usgs_mcs_data/2022/individual_commodities/';
    const id = defineSource({
      id: `usgs-mcs-${edition}-${chapter.slug}-world`,
      ...mcsBase(edition),
      locator: `${chapter.title} chapter, world ${edition === '2022' ? 'production table' : 'production and reserves table'} (data-release file ${file})`,
      notes:
        `Data-release values via ${repo} (${dir}${file}); printed page not recorded.` +
        (edition === '2023' ? ' Country names in this release contain non-breaking spaces (normalised).' : ''),
    });
    return { source: id, edition: mcsEdition(edition), estimated, lowerBound };
  }

  m = /^USGS MCS (\d{4}) salient statistics \[(\S+) col (\S+) @ (\S+)\]$/.exec(text);
  if (m) {
    const [, edition = '', file = '', column = '', repoTag = ''] = m;
    const repo = repoOf(repoTag);
    const { chapter } = chapterOfFile(file, 'salient');
    if (chapter.mineral !== mineral) fail(`${file} is ${chapter.mineral}, row is ${mineral}`);
    const dir =
      edition === '2025'
        ? 'data/usgs_mcs_2025/salient_commodity/'
        : edition === '2022'
          ? 'API_Scripts/usgs_mcs_data/2022/individual_commodities/'
          : `API_Scripts/usgs_mcs_data/${edition}/salient/salient/`;
    const id = `usgs-mcs-${edition}-${chapter.slug}-salient`;
    addDetail(id, column);
    defineSource({
      id,
      ...mcsBase(edition),
      locator: `${chapter.title} chapter, salient statistics table: net import reliance (data-release file ${file})`,
      notes: `Data-release values via ${repo} (${dir}${file}); printed page not recorded.${edition === '2025' ? ` ${MCS2025_DOI_CAVEAT}` : ''}`,
    });
    return { source: id, edition: mcsEdition(edition), estimated, lowerBound };
  }

  if (
    text.startsWith(
      'USGS MCS 2024 Table 5 & Figure 2 [MCS2024_T5_Critical_Minerals_Salient.csv, MCS2024_Fig2_Net_Import_Reliance.csv @ Redliana/cmm-data]',
    )
  ) {
    // The cobalt salient file of that copy holds world-production data (SOURCES.md §1b), so NIR 2023 comes from these.
    const id = defineSource({
      id: 'usgs-mcs-2024-t5-fig2',
      ...mcsBase('2024'),
      locator: 'Table 5 (critical-mineral salient statistics) and Figure 2 (net import reliance), 2023 estimates',
      notes:
        `Data-release values via ${REPO.red} (API_Scripts/usgs_mcs_data/2024/mineral industry trends and salient statistics/` +
        "MCS2024_T5_Critical_Minerals_Salient.csv, MCS2024_Fig2_Net_Import_Reliance.csv); used for cobalt because that copy's cobalt salient file holds world-production data.",
    });
    return { source: id, edition: mcsEdition('2024'), estimated, lowerBound };
  }
  if (text.startsWith('IEA Critical Minerals Data Explorer 2025 (2024 base year), sheet 2')) {
    return { source: useSource('iea-cm-data-explorer-2025'), edition: useEdition('iea-cmde-2025'), estimated, lowerBound };
  }
  if (text.startsWith('USGS OFR 2024-1057 Table 1.14')) {
    return { source: useSource('usgs-ofr-2024-1057-t1-14'), edition: useEdition('usgs-ofr-2024-1057'), estimated, lowerBound };
  }
  return fail(`unrecognised citation '${raw}'`);
}

/** Maps a us_import_sources.csv `source` string to a source id. */
function importSourceCitation(raw: string, mineralLabel: string, period: string): string {
  // mineralLabel is e.g. "antimony (oxide)" in project ids; used only for the Hong Kong note.
  const hk = /China incl\. Hong Kong/.test(raw);
  const note = (id: string) => {
    if (hk) addDetail(`${id}#hk`, `${mineralLabel} ${period}`);
    return useSource(id);
  };
  if (raw.startsWith('USGS MCS 2025, p.34, Import Sources (2020-23); transcribed copy')) {
    defineSource({
      id: 'usgs-mcs-2025-antimony-import-sources',
      ...mcsBase('2025'),
      locator: 'Antimony chapter, p. 34: Import Sources (2020–23), shares by product form',
      notes:
        'Secondary transcription: the antimony salient table and Import Sources paragraph as reproduced in a public JSX web page ' +
        '(hosting repository unknown); its salient numbers match the data release, and the total metal and oxide share for China (63%) ' +
        `is also quoted in verification/Sb.md of ${REPO.pa}.`,
    });
    return note('usgs-mcs-2025-antimony-import-sources');
  }
  if (raw.startsWith('USGS MCS 2025 p.144 Import Sources (2020-23)')) {
    defineSource({
      id: 'usgs-mcs-2025-rare-earths-import-sources',
      ...mcsBase('2025'),
      locator: 'Rare Earths chapter, p. 144: Import Sources (2020–23), compounds and metals',
      notes: `Chapter text read from a PDF-to-text conversion (data/marker/mcs2025-rare-earths.md in ${REPO.nssac}).`,
    });
    return note('usgs-mcs-2025-rare-earths-import-sources');
  }
  if (raw.startsWith('USGS MCS 2025 p.186 Import Sources (2020-23)')) {
    defineSource({
      id: 'usgs-mcs-2025-titanium-sponge-import-sources',
      ...mcsBase('2025'),
      locator: 'Titanium and Titanium Dioxide chapter, p. 186: Import Sources (2020–23), sponge metal',
      notes: `Secondary: shares as quoted in verification/Ti.md of ${REPO.pa}; the share of other countries was not quoted, so no OTH row.`,
    });
    return note('usgs-mcs-2025-titanium-sponge-import-sources');
  }
  if (raw.startsWith('USGS MCS 2025 Titanium Mineral Concentrates chapter, Import Sources (2020-23)')) {
    defineSource({
      id: 'usgs-mcs-2025-titanium-concentrates-import-sources',
      ...mcsBase('2025'),
      locator: 'Titanium Mineral Concentrates chapter (pp. 188–189): Import Sources (2020–23)',
      notes: `Secondary: shares as quoted in verification/Ti.md of ${REPO.pa}; exact page of the paragraph not recorded.`,
    });
    return note('usgs-mcs-2025-titanium-concentrates-import-sources');
  }
  const m = /^USGS MCS (\d{4}) Figure 2 data release, commodity "([^"]+)" \[(\S+) @ (\S+)\]/.exec(raw);
  if (m) {
    const [, edition = '', commodity = '', file = '', repoTag = ''] = m;
    const repo = repoOf(repoTag);
    const id = `usgs-mcs-${edition}-fig2`;
    addDetail(id, commodity);
    const dir =
      edition === '2025'
        ? 'data/usgs_mcs_2025/industry_trends/'
        : edition === '2024'
          ? 'API_Scripts/usgs_mcs_data/2024/mineral industry trends and salient statistics/'
          : 'API_Scripts/usgs_mcs_data/2023/Mineral Industry Trends and Salient Statistics/';
    defineSource({
      id,
      ...mcsBase(edition),
      locator: `Figure 2, net import reliance and major import sources ${period} (data-release file ${file})`,
      notes: null, // filled in at the end
    });
    addDetail(`${id}#repo`, `${repo} (${dir}${file})`);
    return note(id);
  }
  return fail(`unrecognised import-source citation '${raw}'`);
}

// ---------------------------------------------------------------------------------------------------------
// Reference text (for checking curated claims)
// ---------------------------------------------------------------------------------------------------------

const endUsesText = normalise(fs.readFileSync(path.join(REF, 'end_uses.md'), 'utf8'));
const seedPath = path.join(REF, '..', SEED_ARTICLE_FILE);
const seedText = fs.existsSync(seedPath) ? normalise(fs.readFileSync(seedPath, 'utf8')) : null;
if (seedText === null) console.warn(`warning: ${seedPath} not found; seed-article claims not checked`);

// ---------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------

fs.mkdirSync(OUT, { recursive: true });

// Country spellings from every reference file with a country column.
for (const file of ['production.csv', 'production_all_vintages.csv', 'reserves.csv', 'us_import_sources.csv', 'groups.csv', 'wgi.csv']) {
  for (const row of readCsv(file)) noteAlias(get(row, 'iso3'), get(row, 'country'));
}

// --- production ---------------------------------------------------------------------------------------------

interface ProductionOut extends Record<string, Cell> {
  mineral: string;
  stage: string;
  country: string;
  year: string;
  basis: string;
  tonnes: string | null;
  edition: string;
  source: string;
  estimated: boolean;
  withheld: boolean;
  lower_bound: boolean;
}

// Every edition's figures (production_all_vintages.csv), so older editions stay reproducible; the API picks the
// newest edition per series and year. IEA mining rows stay out: USGS is the mining reference (SOURCES.md §2).
const production: ProductionOut[] = [];
const usedBases = new Set<string>();
for (const row of readCsv('production_all_vintages.csv')) {
  if (get(row, 'stage') === 'mining' && get(row, 'source').startsWith('IEA ')) continue;
  const mineral = mineralId(get(row, 'mineral'));
  const basis = basisFor(mineral, get(row, 'stage'), get(row, 'basis'));
  const tonnes = get(row, 'tonnes').trim();
  if (!/^\d+(\.\d+)?$/.test(tonnes)) fail(`production: bad tonnes '${tonnes}'`);
  const cite = citation(get(row, 'source'), mineral);
  usedBases.add(basis.id);
  production.push({
    mineral,
    stage: basis.stage,
    country: useCountry(get(row, 'iso3')),
    year: get(row, 'year'),
    basis: basis.id,
    tonnes,
    edition: cite.edition,
    source: cite.source,
    estimated: cite.estimated,
    withheld: false,
    lower_bound: cite.lowerBound || tonnes.startsWith('>'),
  });
}

// Withheld (W) figures the reference states specifically (mineral, stage, country and year known).
const withheldAdded: string[] = [];
function addWithheld(mineral: string, basisId: string, iso3: string, year: string, source: string, edition: string, why: string): void {
  const basis = BASES.find((b) => b.id === basisId);
  if (!basis) fail(`unknown basis ${basisId}`);
  if (
    production.some(
      (p) =>
        p.mineral === mineral &&
        p.stage === basis.stage &&
        p.country === iso3 &&
        p.year === year &&
        p.basis === basisId &&
        p.edition === edition,
    )
  ) {
    fail(`withheld row ${mineral}/${iso3}/${year} collides with a published figure`);
  }
  production.push({
    mineral,
    stage: basis.stage,
    country: useCountry(iso3),
    year,
    basis: basisId,
    tonnes: null,
    edition,
    source: useSource(source),
    estimated: false,
    withheld: true,
    lower_bound: false,
  });
  withheldAdded.push(`${mineral}/${basis.stage}/${iso3}/${year} (${basisId}; ${source}) — ${why}`);
}

// U.S. lithium mine production 2020–2024: withheld in every edition (SOURCES.md §5; MCS 2025 Table 5 shows W for 2024).
// Each edition's world table for that year gets its own withheld row, citing that edition's source.
for (const year of ['2020', '2021', '2022', '2023', '2024']) {
  const sameYear = production.filter((p) => p.basis === 'li-contained' && p.year === year);
  const editions = [...new Set(sameYear.map((p) => `${p.edition}|${p.source}`))].sort();
  if (editions.length === 0) fail(`lithium ${year}: no edition reports it`);
  if (new Set(editions.map((entry) => entry.split('|')[0])).size !== editions.length) fail(`lithium ${year}: one edition, two sources`);
  for (const entry of editions) {
    const [edition = '', source = ''] = entry.split('|');
    addWithheld('lithium', 'li-contained', 'USA', year, source, edition, 'SOURCES.md: U.S. lithium production 2020–2024 withheld (W)');
  }
}

// U.S. titanium sponge 2024: MCS 2025 Table 5 gives Titanium (metal) primary production as W (world total excludes the U.S.).
{
  const t5 = readCsv('usgs_mcs2025_t5_salient.csv');
  const tiMetal = t5.find((r) => get(r, 'Critical_mineral').trim() === 'Titanium (metal)');
  const lithium = t5.find((r) => get(r, 'Critical_mineral').trim() === 'Lithium');
  if (!tiMetal || get(tiMetal, 'Primary_prod') !== 'W' || get(tiMetal, 'Year') !== '2024_estimated')
    fail('T5: titanium (metal) W not found');
  if (!lithium || get(lithium, 'Primary_prod') !== 'W') fail('T5: lithium W not found');
  addWithheld(
    'titanium',
    'ti-sponge',
    'USA',
    '2024',
    'usgs-mcs-2025-t5',
    mcsEdition('2025'),
    'MCS 2025 Table 5: Titanium (metal) primary production W, 2024e',
  );
}

// --- apparent consumption (MCS 2025 Table 5, 2024e) --------------------------------------------------------
// Used for months of stockpile cover. Only numeric cells are kept: W (withheld) and NA stay missing, never zero.
const T5_CONSUMPTION: readonly [mineral: string, t5Name: string, form: string][] = [
  ['antimony', 'Antimony', ''],
  ['cobalt', 'Cobalt', ''],
  ['gallium', 'Gallium', ''],
  ['germanium', 'Germanium', ''],
  ['graphite', 'Graphite (natural)', 'natural'],
  ['lithium', 'Lithium', ''],
  ['manganese', 'Manganese', ''],
  ['nickel', 'Nickel', ''],
  ['rare-earths', 'Rare earths (compounds and metals)', 'compounds and metals'],
  ['titanium', 'Titanium (metal)', 'metal'],
  ['tungsten', 'Tungsten', ''],
];
const apparentConsumption: Record<string, Cell>[] = [];
const consumptionMissing: string[] = [];
{
  const t5 = readCsv('usgs_mcs2025_t5_salient.csv');
  for (const [mineral, t5Name, form] of T5_CONSUMPTION) {
    const row = t5.find((r) => get(r, 'Critical_mineral').trim() === t5Name);
    if (!row) fail(`T5: ${t5Name} not found`);
    const value = get(row, 'Apparent_Consumption').trim();
    if (!/^\d+(\.\d+)?$/.test(value)) {
      consumptionMissing.push(`${mineral} (${value || 'blank'})`);
      continue;
    }
    apparentConsumption.push({
      importer: 'USA',
      mineral,
      form,
      year: '2024',
      tonnes: value,
      note: get(row, 'Consumption_Notes').trim(),
      estimated: true,
      edition: mcsEdition('2025'),
      source: useSource('usgs-mcs-2025-t5'),
    });
  }
}

// Germanium: the two refinery bases must never share a year.
{
  const years = (id: string) => new Set(production.filter((p) => p.basis === id).map((p) => p.year));
  // (Across editions: a year reported on both bases would let the basis priority, not the data, pick one.)
  const a = years('ge-refinery');
  const overlap = [...years('ge-primary-est')].filter((y) => a.has(y));
  if (overlap.length > 0) fail(`germanium bases overlap in ${overlap.join(', ')}`);
}
for (const basis of BASES) if (!usedBases.has(basis.id)) fail(`basis ${basis.id} unused`);

// --- reserves -----------------------------------------------------------------------------------------------

const reserves: Record<string, Cell>[] = [];
for (const row of readCsv('reserves.csv')) {
  const mineral = mineralId(get(row, 'mineral'));
  const basisText = get(row, 'basis');
  const label = /^reserves, (.+?)(?: \([^()]*\))?$/.exec(basisText)?.[1];
  if (!label) fail(`reserves: cannot shorten basis '${basisText}'`);
  const tonnes = get(row, 'tonnes').trim();
  if (!/^\d+(\.\d+)?$/.test(tonnes)) fail(`reserves: bad tonnes '${tonnes}'`);
  const cite = citation(get(row, 'source'), mineral);
  reserves.push({
    mineral,
    country: useCountry(get(row, 'iso3')),
    year: get(row, 'year'),
    tonnes,
    basis: label,
    edition: cite.edition,
    source: cite.source,
    lower_bound: cite.lowerBound,
  });
}

// --- import reliance ----------------------------------------------------------------------------------------

const importReliance: Record<string, Cell>[] = [];
for (const row of readCsv('us_import_reliance_all_vintages.csv')) {
  const { mineral, form } = mineralAndForm(get(row, 'mineral'));
  const valueText = get(row, 'net_import_reliance_pct').trim();
  let percent: string | null = null;
  let qualifier: string;
  const num = /^([<>]?)(\d+(?:\.\d+)?)$/.exec(valueText);
  if (num) {
    percent = num[2] ?? null;
    qualifier = num[1] === '>' ? 'gt' : num[1] === '<' ? 'lt' : 'eq';
  } else if (valueText === 'E') qualifier = 'net_exporter';
  else if (valueText === 'XX') qualifier = 'not_applicable';
  else fail(`import reliance: unknown value '${valueText}'`);
  const cite = citation(get(row, 'source'), mineral);
  importReliance.push({
    importer: useCountry('USA'),
    mineral,
    form,
    year: get(row, 'year'),
    percent,
    qualifier,
    value_text: valueText,
    estimated: cite.estimated,
    edition: cite.edition,
    source: cite.source,
  });
}

// --- import sources -----------------------------------------------------------------------------------------

const importSources: Record<string, Cell>[] = [];
{
  const rankCounter = new Map<string, number>();
  for (const row of readCsv('us_import_sources.csv')) {
    const label = get(row, 'mineral');
    const { mineral, form } = mineralAndForm(label);
    const period = get(row, 'period');
    const groupKey = `${mineral}|${form}|${period}`;
    const rank = (rankCounter.get(groupKey) ?? 0) + 1;
    rankCounter.set(groupKey, rank);
    const share = get(row, 'share_pct').trim();
    if (share !== '' && !/^\d+(\.\d+)?$/.test(share)) fail(`import sources: bad share '${share}'`);
    const source = importSourceCitation(get(row, 'source'), form ? `${mineral} (${form})` : mineral, period);
    const stated = /rank (\d+) of \d+/.exec(get(row, 'source'))?.[1];
    if (stated && Number(stated) !== rank)
      fail(`import sources: ${groupKey} ${get(row, 'iso3')} listed at ${rank}, source says rank ${stated}`);
    importSources.push({
      importer: useCountry('USA'),
      mineral,
      form,
      period,
      country: useCountry(get(row, 'iso3')),
      share_pct: share === '' ? null : share,
      rank,
      edition: mcsEdition(/^usgs-mcs-(\d{4})-/.exec(source)?.[1] ?? fail(`import sources: no MCS edition in ${source}`)),
      source,
    });
  }
}

// --- defense uses -------------------------------------------------------------------------------------------

type Category =
  | 'munitions'
  | 'armor'
  | 'guidance-electronics'
  | 'optics-night-vision'
  | 'propulsion-superalloys'
  | 'magnets'
  | 'batteries-energy-storage'
  | 'nuclear'
  | 'stockpile'
  | 'other';

interface DefenseUse {
  id: string;
  mineral: string;
  category: Category;
  application: string;
  description: string;
  source: string;
  /** Passage that must appear in the reference text ('seed' = the Global Times article, 'end_uses' = end_uses.md). */
  evidence: { in: 'seed' | 'end_uses'; text: string };
}

const SEED = 'global-times-2022-06-16';
const stockpileSeed = (mineral: string, name: string): DefenseUse => ({
  id: `${mineral}-stockpile-seed`,
  mineral,
  category: 'stockpile',
  application: 'National Defense Stockpile holdings',
  description:
    `Global Times, relaying Defense News (9 Jun 2022), names ${name} among the minerals held in the U.S. National Defense Stockpile, ` +
    'which lawmakers expected to run out of money by fiscal 2025 without action.',
  source: SEED,
  evidence: { in: 'seed', text: 'such as titanium, tungsten, cobalt and lithium' },
});

const DEFENSE_USES: DefenseUse[] = [
  // Seed article (Global Times, quoting Defense News).
  {
    id: 'antimony-munitions-seed',
    mineral: 'antimony',
    category: 'munitions',
    application: 'armor-piercing bullets',
    description: 'Global Times, relaying Defense News (9 Jun 2022), says antimony is needed to make armor-piercing bullets.',
    source: SEED,
    evidence: { in: 'seed', text: 'armor-piercing bullets' },
  },
  {
    id: 'antimony-explosives-seed',
    mineral: 'antimony',
    category: 'munitions',
    application: 'explosives',
    description: 'Global Times, relaying Defense News (9 Jun 2022), lists explosives among the military products that need antimony.',
    source: SEED,
    evidence: { in: 'seed', text: 'armor-piercing bullets and explosives' },
  },
  {
    id: 'antimony-nuclear-seed',
    mineral: 'antimony',
    category: 'nuclear',
    application: 'nuclear weapons',
    description: 'Global Times, relaying Defense News (9 Jun 2022), says antimony is used in producing nuclear weapons.',
    source: SEED,
    evidence: { in: 'seed', text: 'to nuclear weapons' },
  },
  {
    id: 'antimony-night-vision-seed',
    mineral: 'antimony',
    category: 'optics-night-vision',
    application: 'night-vision goggles',
    description:
      'Global Times, relaying Defense News (9 Jun 2022), cites night-vision goggles as other military equipment that needs antimony.',
    source: SEED,
    evidence: { in: 'seed', text: 'such as night vision goggles' },
  },
  {
    id: 'antimony-ammunition-seed',
    mineral: 'antimony',
    category: 'munitions',
    application: 'ammunition production',
    description:
      'Global Times reports a RAND analyst, quoted by Voice of America, warning that reliance on Chinese antimony would hamper U.S. ammunition output in a war with China.',
    source: SEED,
    evidence: { in: 'seed', text: 'produce enough ammunition' },
  },
  {
    id: 'antimony-stockpile-seed',
    mineral: 'antimony',
    category: 'stockpile',
    application: 'National Defense Stockpile replenishment',
    description:
      'Global Times, relaying Defense News (9 Jun 2022), says antimony is at the centre of congressional efforts to shore up the U.S. National Defense Stockpile.',
    source: SEED,
    evidence: { in: 'seed', text: 'known as the national defense stockpile' },
  },
  stockpileSeed('titanium', 'titanium'),
  stockpileSeed('tungsten', 'tungsten'),
  stockpileSeed('cobalt', 'cobalt'),
  stockpileSeed('lithium', 'lithium'),

  // Antimony, better-sourced.
  {
    id: 'antimony-munitions-usgs',
    mineral: 'antimony',
    category: 'munitions',
    application: 'ammunition (antimonial lead)',
    description: 'USGS counts ammunition within metal products, the largest U.S. antimony end use in 2024 (40%).',
    source: 'usgs-mcs-2025-antimony-text',
    evidence: { in: 'end_uses', text: 'metal products, including antimonial lead and ammunition, 40%' },
  },
  {
    id: 'antimony-ordnance-myb2016',
    mineral: 'antimony',
    category: 'munitions',
    application: 'ordnance',
    description: 'The only U.S. antimony smelter made antimony metal for bearings, alloys and ordnance (USGS Minerals Yearbook 2016).',
    source: 'usgs-myb-2016-antimony',
    evidence: { in: 'end_uses', text: 'produced antimony metal for bearings, alloys, and ordnance' },
  },
  {
    id: 'antimony-munitions-diplomat',
    mineral: 'antimony',
    category: 'munitions',
    application: 'bullets and artillery rounds',
    description: 'The Diplomat notes that antimony goes into bullets and artillery rounds.',
    source: 'diplomat-2024-12-export-ban',
    evidence: { in: 'end_uses', text: 'antimony is found in bullets and artillery rounds' },
  },
  {
    id: 'antimony-ammunition-reuters',
    mineral: 'antimony',
    category: 'munitions',
    application: 'ammunition',
    description: 'Reuters describes antimony as a strategic metal with military uses, ammunition first among them.',
    source: 'reuters-malaya-antimony-imports',
    evidence: { in: 'end_uses', text: 'military applications such as ammunition' },
  },
  {
    id: 'antimony-infrared-missiles-reuters',
    mineral: 'antimony',
    category: 'guidance-electronics',
    application: 'infrared missiles',
    description: 'Reuters lists infrared missiles among the military applications of antimony.',
    source: 'reuters-malaya-antimony-imports',
    evidence: { in: 'end_uses', text: 'ammunition, infrared missiles' },
  },
  {
    id: 'antimony-nuclear-reuters',
    mineral: 'antimony',
    category: 'nuclear',
    application: 'nuclear weapons',
    description: 'Reuters lists nuclear weapons among the military applications of antimony.',
    source: 'reuters-malaya-antimony-imports',
    evidence: { in: 'end_uses', text: 'nuclear weapons and night vision goggles' },
  },
  {
    id: 'antimony-night-vision-reuters',
    mineral: 'antimony',
    category: 'optics-night-vision',
    application: 'night-vision goggles',
    description: 'Reuters lists night-vision goggles among the military applications of antimony.',
    source: 'reuters-malaya-antimony-imports',
    evidence: { in: 'end_uses', text: 'nuclear weapons and night vision goggles' },
  },
  {
    id: 'antimony-ammunition-bloomberg',
    mineral: 'antimony',
    category: 'munitions',
    application: 'ammunition (export controls)',
    description: 'Bloomberg reported China placing antimony, a metal widely used in ammunition, under export control from 15 Sep 2024.',
    source: 'bloomberg-caixin-2024-08-16',
    evidence: { in: 'end_uses', text: 'a metal used widely in ammunition' },
  },
  {
    id: 'antimony-domestic-supply-dod',
    mineral: 'antimony',
    category: 'other',
    application: 'domestic supply (DoD funding)',
    description:
      'DoD funding to re-establish a domestic antimony source at the Stibnite Gold Project, Idaho, reached $59.4 million with a Feb 2024 award (USGS).',
    source: 'usgs-mcs-2025-antimony-text',
    evidence: { in: 'end_uses', text: '$59.4 million' },
  },
  {
    id: 'antimony-weapons-parts-govini',
    mineral: 'antimony',
    category: 'other',
    application: 'weapons-system parts',
    description: 'A Govini analysis reported by SCMP counts 6,335 Pentagon and Coast Guard weapons parts that need antimony.',
    source: 'scmp-govini-2024-12',
    evidence: { in: 'end_uses', text: '6,335 Pentagon/Coast Guard weapons parts need antimony' },
  },

  // Rare earths.
  {
    id: 'rare-earths-guidance-cipher',
    mineral: 'rare-earths',
    category: 'guidance-electronics',
    application: 'radar, guidance systems, precision-guided munitions, lasers, satellites',
    description:
      'The Cipher Brief lists radar, guidance systems, precision-guided munitions, lasers and satellites among DoD uses of rare earths.',
    source: 'cipher-brief-pentagon-rare-earths',
    evidence: { in: 'end_uses', text: 'in radar, guidance systems, precision-guided munitions, lasers, satellites' },
  },
  {
    id: 'rare-earths-night-vision-cipher',
    mineral: 'rare-earths',
    category: 'optics-night-vision',
    application: 'night-vision goggles',
    description: 'The Cipher Brief includes night-vision goggles among DoD equipment that uses rare earths.',
    source: 'cipher-brief-pentagon-rare-earths',
    evidence: { in: 'end_uses', text: 'equipment including night vision goggles' },
  },
  {
    id: 'rare-earths-magnets-cipher',
    mineral: 'rare-earths',
    category: 'magnets',
    application: 'permanent magnets in missiles, drones and guided bombs',
    description: 'Rare-earth magnets are used in Tomahawk missiles, Predator drones and the JDAM series, per The Cipher Brief.',
    source: 'cipher-brief-pentagon-rare-earths',
    evidence: { in: 'end_uses', text: 'REE magnets are used in Tomahawk missiles, Predator UAVs and the JDAM series' },
  },
  {
    id: 'rare-earths-platforms-cipher',
    mineral: 'rare-earths',
    category: 'other',
    application: 'rare-earth content of weapon platforms',
    description:
      'Citing a Pentagon news story: an F-35 needs over 900 lb of rare earths, a DDG-51 destroyer 5,200 lb and a Virginia-class submarine 9,200 lb.',
    source: 'cipher-brief-pentagon-rare-earths',
    evidence: { in: 'end_uses', text: 'requires more than 900 pounds of rare earth elements' },
  },
  {
    id: 'rare-earths-magnets-crs',
    mineral: 'rare-earths',
    category: 'magnets',
    application: 'SmCo and NdFeB permanent magnets',
    description: 'CRS (2013) stressed, in a national-defense context, that China was then the majority producer of SmCo and NdFeB magnets.',
    source: 'crs-r41744-2013',
    evidence: { in: 'end_uses', text: 'majority producer of SmCo and NdFeB permanent magnets' },
  },
  {
    id: 'rare-earths-stockpile-usgs',
    mineral: 'rare-earths',
    category: 'stockpile',
    application: 'National Defense Stockpile acquisitions',
    description:
      'Potential FY2024–FY2025 stockpile acquisitions included NdPr oxide, NdFeB magnet block and SmCo alloy, plus cerium and lanthanum (USGS).',
    source: 'usgs-mcs-2025-rare-earths-text',
    evidence: { in: 'end_uses', text: 'neodymium-praseodymium oxide, neodymium-iron-boron magnet block, and samarium-cobalt alloy' },
  },

  // Tungsten.
  {
    id: 'tungsten-armor-piercing-usgs',
    mineral: 'tungsten',
    category: 'munitions',
    application: 'armor-piercing projectiles',
    description:
      'USGS notes depleted-uranium alloys or hardened steel can replace tungsten in armor-piercing projectiles, at higher cost or lower performance.',
    source: 'usgs-mcs-2025-tungsten-text',
    evidence: { in: 'end_uses', text: 'armor-piercing projectiles' },
  },
  {
    id: 'tungsten-armaments-myb1999',
    mineral: 'tungsten',
    category: 'munitions',
    application: 'heavy-metal alloys for armaments',
    description: 'USGS Minerals Yearbook 1999 lists heavy-metal tungsten alloys for armaments among tungsten uses.',
    source: 'usgs-myb-1999-tungsten',
    evidence: { in: 'end_uses', text: 'heavy metal alloys for armaments' },
  },
  {
    id: 'tungsten-superalloys-myb1999',
    mineral: 'tungsten',
    category: 'propulsion-superalloys',
    application: 'superalloys for turbine blades',
    description: 'USGS Minerals Yearbook 1999 lists superalloys for turbine blades among tungsten uses.',
    source: 'usgs-myb-1999-tungsten',
    evidence: { in: 'end_uses', text: 'superalloys for turbine blades' },
  },

  // Cobalt.
  {
    id: 'cobalt-superalloys-usgs',
    mineral: 'cobalt',
    category: 'propulsion-superalloys',
    application: 'superalloys for aircraft gas turbine engines',
    description: 'About half (51%) of U.S. cobalt use in 2024 went into superalloys, mainly for aircraft gas turbine engines (USGS).',
    source: 'usgs-mcs-2025-cobalt-text',
    evidence: { in: 'end_uses', text: 'used in superalloys, mainly aircraft gas turbine engines' },
  },
  {
    id: 'cobalt-turbine-blades-usgs',
    mineral: 'cobalt',
    category: 'propulsion-superalloys',
    application: 'single-crystal jet-engine turbine blades',
    description: 'USGS illustrates supply risk with single-crystal jet-engine turbine blades made of cobalt-bearing superalloys.',
    source: 'usgs-supply-chain-risk-methodology',
    evidence: { in: 'end_uses', text: 'single-crystal turbine blades in jet engines are superalloys containing cobalt' },
  },
  {
    id: 'cobalt-missile-guidance-sme',
    mineral: 'cobalt',
    category: 'guidance-electronics',
    application: 'missile guidance systems',
    description:
      'A Mining Engineering abstract calls cobalt alloys and compounds indispensable for aircraft engines and missile guidance systems.',
    source: 'sme-mining-engineering-cobalt',
    evidence: { in: 'end_uses', text: 'missile guidance systems' },
  },

  // Gallium.
  {
    id: 'gallium-defense-ics-usgs',
    mineral: 'gallium',
    category: 'guidance-electronics',
    application: 'GaAs and GaN integrated circuits',
    description: 'USGS states that GaAs- and GaN-based circuits used in many defense applications have no effective substitutes there.',
    source: 'usgs-mcs-2025-gallium-text',
    evidence: { in: 'end_uses', text: 'no effective substitutes exist for GaAs and GaN in these applications' },
  },
  {
    id: 'gallium-radar-diplomat',
    mineral: 'gallium',
    category: 'guidance-electronics',
    application: 'integrated circuits for advanced radar',
    description: 'The Diplomat notes gallium is used in integrated circuits for advanced radar systems.',
    source: 'diplomat-2024-12-export-ban',
    evidence: { in: 'end_uses', text: 'gallium is used in integrated circuits for advanced radar systems' },
  },
  {
    id: 'gallium-weapons-parts-govini',
    mineral: 'gallium',
    category: 'other',
    application: 'weapons-system parts',
    description: 'A Govini analysis reported by SCMP counts 11,351 weapons parts that require gallium.',
    source: 'scmp-govini-2024-12',
    evidence: { in: 'end_uses', text: '11,351 weapons parts require gallium' },
  },

  // Germanium.
  {
    id: 'germanium-defense-t4',
    mineral: 'germanium',
    category: 'other',
    application: 'defense (primary application)',
    description: "USGS names defense, with fiber optics, as germanium's primary applications.",
    source: 'usgs-mcs-2025-t4',
    evidence: { in: 'end_uses', text: '"Defense and fiber optics."' },
  },
  {
    id: 'germanium-night-vision-diplomat',
    mineral: 'germanium',
    category: 'optics-night-vision',
    application: 'night-vision and thermal-sensing systems',
    description: 'The Diplomat notes germanium is needed for night-vision and thermal-sensing systems.',
    source: 'diplomat-2024-12-export-ban',
    evidence: { in: 'end_uses', text: 'germanium is needed for night-vision and thermal-sensing systems' },
  },
  {
    id: 'germanium-infrared-optics-usgs',
    mineral: 'germanium',
    category: 'optics-night-vision',
    application: 'infrared optics',
    description: 'Infrared optics took 30% of U.S. germanium use in the last reported split (2016), per USGS OFR 2024-1057.',
    source: 'usgs-ofr-2024-1057-ge-end-uses',
    evidence: { in: 'end_uses', text: 'infrared optics 30%' },
  },
  {
    id: 'germanium-wafers-dod',
    mineral: 'germanium',
    category: 'other',
    application: 'germanium wafer manufacturing (DPA award)',
    description: 'In April 2024 DoD awarded $14.4 million under the Defense Production Act to expand germanium wafer manufacturing (USGS).',
    source: 'usgs-mcs-2025-germanium-text',
    evidence: { in: 'end_uses', text: '$14.4 million to expand germanium wafer manufacturing' },
  },
  {
    id: 'germanium-weapons-parts-govini',
    mineral: 'germanium',
    category: 'other',
    application: 'weapons-system parts',
    description: 'A Govini analysis reported by SCMP counts 12,777 weapons parts that use germanium.',
    source: 'scmp-govini-2024-12',
    evidence: { in: 'end_uses', text: '12,777 weapons parts use germanium' },
  },

  // Titanium.
  {
    id: 'titanium-armor-usgs',
    mineral: 'titanium',
    category: 'armor',
    application: 'armor',
    description: 'USGS lists armor among uses of titanium metal besides aerospace, which takes the majority.',
    source: 'usgs-mcs-2025-titanium-metal-text',
    evidence: { in: 'end_uses', text: 'remaining metal uses include armor' },
  },
];

const defenseUses: Record<string, Cell>[] = DEFENSE_USES.map((use) => {
  if (!MINERAL_IDS.has(use.mineral)) fail(`defense use ${use.id}: unknown mineral`);
  const haystack = use.evidence.in === 'seed' ? seedText : endUsesText;
  if (haystack !== null && !haystack.includes(normalise(use.evidence.text))) {
    fail(`defense use ${use.id}: evidence '${use.evidence.text}' not found in ${use.evidence.in}`);
  }
  return {
    id: use.id,
    mineral: use.mineral,
    category: use.category,
    application: use.application,
    description: use.description,
    source: useSource(use.source),
  };
});

// --- groups -------------------------------------------------------------------------------------------------

const GROUPS = [
  {
    id: 'msp',
    name: 'Minerals Security Partnership',
    description: 'U.S.-led partnership of governments (and the EU) to build secure critical-mineral supply chains; launched June 2022.',
    source: 'groups-msp-membership',
  },
  {
    id: 'msp-forum',
    name: 'MSP Forum',
    description: 'Wider forum around the Minerals Security Partnership, opened in 2024; its members are not MSP partners.',
    source: 'ec-trade-msp-2024-09-27',
  },
  { id: 'nato', name: 'NATO', description: 'North Atlantic Treaty Organization member states.', source: 'groups-nato-membership' },
  {
    id: 'g7',
    name: 'G7',
    description: 'Group of Seven economies; the EU takes part as a non-enumerated member and is not listed.',
    source: 'groups-g7-membership',
  },
  {
    id: 'quad',
    name: 'Quad',
    description: 'Quadrilateral Security Dialogue: Australia, India, Japan and the United States.',
    source: 'groups-quad-membership',
  },
  {
    id: 'eu',
    name: 'European Union',
    description: 'Current EU member states (the United Kingdom, which left in 2020, is not listed).',
    source: 'groups-eu-membership',
  },
  { id: 'central-asia', name: 'Central Asia', description: 'UN M49 Central Asia sub-region.', source: 'un-m49' },
] as const;

const GROUP_LABELS: Record<string, string | null> = {
  'MSP (partner)': 'msp',
  'MSP Forum (not MSP partner)': 'msp-forum',
  NATO: 'nato',
  G7: 'g7',
  'G7 (non-enumerated member)': null,
  Quad: 'quad',
  EU: 'eu',
  'EU (former member)': null,
};

const groups: Record<string, Cell>[] = GROUPS.map((g) => ({ ...g, source: useSource(g.source) }));
const groupMembers: Record<string, Cell>[] = [];
const skippedMembers: string[] = [];
for (const row of readCsv('groups.csv')) {
  const label = get(row, 'group');
  if (!(label in GROUP_LABELS)) fail(`groups.csv: unknown group '${label}'`);
  const group = GROUP_LABELS[label] ?? null;
  if (group === null) {
    skippedMembers.push(`${label}: ${get(row, 'iso3')}`);
    continue;
  }
  const def = GROUPS.find((g) => g.id === group);
  if (!def) fail(`group ${group} undefined`);
  const joinedRaw = get(row, 'joined').trim();
  const joined = /^(\d{4}(?:-\d{2}){0,2})(?=$|\s\()/.exec(joinedRaw)?.[1] ?? null;
  groupMembers.push({ group, country: useCountry(get(row, 'iso3')), joined, source: useSource(def.source) });
}
for (const iso3 of ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']) {
  groupMembers.push({ group: 'central-asia', country: useCountry(iso3), joined: null, source: useSource('un-m49') });
}
for (const iso3 of usedCountries) if (COUNTRIES[iso3]?.region === undefined) fail(`no region for ${iso3}`);

// --- governance ---------------------------------------------------------------------------------------------

const INDICATORS = new Set(['VA.EST', 'PV.EST', 'GE.EST', 'RQ.EST', 'RL.EST', 'CC.EST']);
const governance: Record<string, Cell>[] = [];
const governanceSkipped: string[] = [];
for (const row of readCsv('wgi.csv')) {
  const indicator = get(row, 'indicator');
  if (!INDICATORS.has(indicator)) continue;
  const src = get(row, 'source');
  if (!src.startsWith('World Bank Worldwide Governance Indicators (2023 release; data through 2022), bulk file WGIData.csv')) {
    governanceSkipped.push(`${get(row, 'iso3')} ${get(row, 'year')} ${indicator} = ${get(row, 'value')}`);
    continue;
  }
  const value = get(row, 'value').trim();
  if (!/^-?\d+(\.\d+)?$/.test(value)) fail(`wgi: bad value '${value}'`);
  governance.push({
    country: useCountry(get(row, 'iso3')),
    year: get(row, 'year'),
    indicator,
    value,
    edition: useEdition('wb-wgi-2023'),
    source: useSource('wb-wgi-2023'),
  });
}

// The WGI 2024 update is added after the official USGS files are imported (below), since those can add countries.
useEdition('wb-wgi-2024');
useSource('wb-wgi-2024');

// --- finish generated source rows ---------------------------------------------------------------------------

const MINERAL_NAMES = new Map<string, string>(MINERALS.map((m) => [m.id, m.name.toLowerCase()]));
for (const [id, row] of sources) {
  if (id === 'usgs-mcs-2025-world-data') {
    const minerals = [...(sourceDetails.get(id) ?? [])].sort().map((m) => MINERAL_NAMES.get(m) ?? m);
    row.locator = `World production and reserves data, ${minerals.join(' and ')} rows (data-release file MCS2025_World_Data.csv); printed page not recorded`;
    row.notes = `Data-release values via ${REPO.pj} (data/usgs_mcs_2025/world_data/MCS2025_World_Data.csv). ${MCS2025_DOI_CAVEAT}`;
  }
  if (/^usgs-mcs-\d{4}-fig2$/.test(id)) {
    const commodities = [...(sourceDetails.get(id) ?? [])].sort();
    const copies = [...(sourceDetails.get(`${id}#repo`) ?? [])].sort();
    row.locator = `${row.locator}; commodities: ${commodities.join('; ')}`;
    row.notes =
      `Data-release values via ${copies.join('; ')}. Gives only the order of the leading import sources (descending share), no percentages.` +
      (id === 'usgs-mcs-2025-fig2' ? ` ${MCS2025_DOI_CAVEAT}` : '');
  }
  const hkRows = [...(sourceDetails.get(`${id}#hk`) ?? [])].sort();
  if (hkRows.length > 0) row.notes = `${row.notes ?? ''} Imports from Hong Kong are included with China for: ${hkRows.join('; ')}.`.trim();
  if (/-salient$/.test(id)) {
    const columns = [...(sourceDetails.get(id) ?? [])].sort();
    row.locator = `${row.locator}, column${columns.length > 1 ? 's' : ''} ${columns.join(', ')}`;
  }
}

// --- countries ----------------------------------------------------------------------------------------------

usedCountries.add('WLD');
usedCountries.add('OTH');
const countries: Record<string, Cell>[] = [...usedCountries].map((iso3) => {
  const def = COUNTRIES[iso3];
  if (!def) fail(`no country entry ${iso3}`);
  const aliases = new Set([...(aliasesSeen.get(iso3) ?? []), ...(def.extraAliases ?? [])]);
  return {
    iso3,
    name: def.name,
    aliases: [...aliases].sort().join('|'),
    region: def.region,
    is_aggregate: def.aggregate ?? false,
  };
});

// ---------------------------------------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------------------------------------

writeCsv(
  'stages.csv',
  ['id', 'name', 'sort_order', 'description'],
  STAGES.map((s) => ({ ...s })),
  ['id'],
);
writeCsv(
  'minerals.csv',
  ['id', 'name', 'symbol', 'description'],
  MINERALS.map((m) => ({ ...m })),
  ['id'],
);
writeCsv(
  'bases.csv',
  ['id', 'mineral', 'stage', 'label', 'description', 'priority'],
  BASES.map((b) => ({ id: b.id, mineral: b.mineral, stage: b.stage, label: b.label, description: b.text, priority: b.priority })),
  ['id'],
);
writeCsv(
  'sources.csv',
  ['id', 'title', 'publisher', 'edition', 'year', 'locator', 'url', 'licence', 'notes'],
  [...sources.values()].filter((s) => usedSources.has(s.id)),
  ['id'],
);
writeCsv('countries.csv', ['iso3', 'name', 'aliases', 'region', 'is_aggregate'], countries, ['iso3']);
writeCsv(
  'editions.csv',
  ['id', 'family', 'publisher', 'title', 'doi', 'url', 'published', 'data_years', 'notes'],
  [...EDITIONS.values()].filter((edition) => usedEditions.has(edition.id)),
  ['id'],
);
writeCsv(
  'production.csv',
  ['mineral', 'stage', 'country', 'year', 'basis', 'tonnes', 'edition', 'source', 'estimated', 'withheld', 'lower_bound'],
  production,
  ['mineral', 'stage', 'country', 'year', 'basis', 'edition'],
);
writeCsv('reserves.csv', ['mineral', 'country', 'year', 'tonnes', 'basis', 'edition', 'source', 'lower_bound'], reserves, [
  'mineral',
  'country',
  'year',
  'basis',
  'edition',
]);
writeCsv(
  'import_reliance.csv',
  ['importer', 'mineral', 'form', 'year', 'percent', 'qualifier', 'value_text', 'estimated', 'edition', 'source'],
  importReliance,
  ['importer', 'mineral', 'form', 'year', 'edition'],
);
// Import sources: unique per country, ordered by (importer, mineral, form, period, rank) to keep the listed order.
writeCsv(
  'import_sources.csv',
  ['importer', 'mineral', 'form', 'period', 'country', 'share_pct', 'rank', 'edition', 'source'],
  importSources,
  ['importer', 'mineral', 'form', 'period', 'country', 'edition'],
  (r) => [String(r.importer), String(r.mineral), String(r.form), String(r.period), String(r.edition), String(r.rank).padStart(4, '0')],
);
writeCsv('defense_uses.csv', ['id', 'mineral', 'category', 'application', 'description', 'source'], defenseUses, ['id']);
writeCsv('groups.csv', ['id', 'name', 'description', 'source'], groups, ['id']);
writeCsv('group_members.csv', ['group', 'country', 'joined', 'source'], groupMembers, ['group', 'country']);
writeCsv(
  'apparent_consumption.csv',
  ['importer', 'mineral', 'form', 'year', 'tonnes', 'note', 'estimated', 'edition', 'source'],
  apparentConsumption,
  ['importer', 'mineral', 'form', 'year', 'edition'],
);

// ---------------------------------------------------------------------------------------------------------
// Checks and report
// ---------------------------------------------------------------------------------------------------------

// Every source id referenced resolves; every country resolves.
const writtenSources = new Set([...sources.keys()].filter((id) => usedSources.has(id)));
for (const table of [production, reserves, importReliance, importSources, defenseUses, groups, groupMembers, governance]) {
  for (const row of table) if (!writtenSources.has(String(row.source))) fail(`dangling source ${String(row.source)}`);
}

// World-total check: sum of country rows (incl. OTH) against WLD per (mineral, stage, year, basis).
const totals = new Map<string, { world: number | null; sum: number }>();
for (const p of production) {
  if (p.tonnes === null) continue;
  const key = `${p.mineral}/${p.stage}/${p.year}/${p.basis}/${p.edition}`;
  const t = totals.get(key) ?? { world: null, sum: 0 };
  if (p.country === 'WLD') t.world = Number(p.tonnes);
  else if (!COUNTRIES[p.country]?.aggregate || p.country === 'OTH') t.sum += Number(p.tonnes);
  totals.set(key, t);
}
const ratios = [...totals]
  .filter(([, t]) => t.world !== null && t.world > 0)
  .map(([key, t]) => ({ key, ratio: t.sum / (t.world ?? 1), sum: t.sum, world: t.world }))
  .sort((a, b) => b.ratio - a.ratio);

console.log(`reference: ${REF}`);
console.log('files written:');
for (const w of written) console.log(`  ${w.file.padEnd(20)} ${w.rows}`);
console.log('withheld rows added:');
for (const w of withheldAdded) console.log(`  ${w}`);
console.log(`group rows skipped: ${skippedMembers.join('; ')}`);
console.log(`governance rows skipped (not the 2023 release): ${governanceSkipped.join('; ')}`);
console.log('sum(country rows incl. OTH) / WLD, highest five:');
for (const r of ratios.slice(0, 5)) console.log(`  ${r.key}: ${r.sum} / ${r.world} = ${r.ratio.toFixed(4)}`);
const over = ratios.filter((r) => r.ratio > 1.05);
console.log(`groups above 1.05: ${over.length === 0 ? 'none' : over.map((r) => r.key).join(', ')}`);

// ---------------------------------------------------------------------------------------------------------
// Official data files kept in data/raw/ (USGS MCS 2026 …): imported on top, exactly as `npm run data:import` does,
// so this one command rebuilds the whole of data/.
// ---------------------------------------------------------------------------------------------------------

{
  const plan = plannedDataDir(OUT);
  writeDataDir(OUT, plan);
  const changed = plan.files.filter((file) => file.changed).map((file) => file.file);
  console.log(`official files imported (${RAW_FILES.join(', ')}): ${changed.length} data files updated`);
}

// The EU criticality study's share tables (scripts/build-eu-crm.ts), after countries, bases, editions and sources exist,
// and before governance: the countries it adds to countries.csv get their WGI rows too.
{
  const result = writeEuCrm(OUT, buildEuCrm(REF, OUT));
  console.log(`EU CRM 2023: ${JSON.stringify(result)}`);
}

// Governance: the WGI 2024 update for every non-aggregate country in the final countries.csv the release covers (all but
// New Caledonia); a country no release covers gets a note, so scores can say why it has no governance.
{
  const finalCountries = parse(fs.readFileSync(path.join(OUT, 'countries.csv'), 'utf8'), { columns: true }) as Row[];
  const wanted = new Set(finalCountries.filter((row) => row.is_aggregate !== 'true').map((row) => get(row, 'iso3')));
  const WGI_2024_INDICATORS: Record<string, string> = {
    va: 'VA.EST',
    pv: 'PV.EST',
    ge: 'GE.EST',
    rq: 'RQ.EST',
    rl: 'RL.EST',
    cc: 'CC.EST',
  };
  for (const row of readCsv('wgi_2024_update.csv')) {
    const iso3 = get(row, 'iso3');
    if (!wanted.has(iso3)) continue;
    const indicator = WGI_2024_INDICATORS[get(row, 'indicator')];
    if (indicator === undefined) fail(`wgi_2024_update: unknown indicator '${get(row, 'indicator')}'`);
    if (!get(row, 'release').startsWith('WGI 2024 update')) fail(`wgi_2024_update: unexpected release '${get(row, 'release')}'`);
    const value = get(row, 'estimate').trim();
    if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) fail(`wgi_2024_update: bad value '${value}'`);
    governance.push({ country: iso3, year: get(row, 'year'), indicator, value, edition: 'wb-wgi-2024', source: 'wb-wgi-2024' });
  }
  const covered = new Set(governance.map((row) => String(row.country)));
  const notes = [...wanted]
    .filter((iso3) => !covered.has(iso3))
    .map((iso3) => ({ country: iso3, note: 'not covered by the WGI', source: 'wb-wgi-2024' }));
  writeCsv('governance.csv', ['country', 'year', 'indicator', 'value', 'edition', 'source'], governance, [
    'country',
    'year',
    'indicator',
    'edition',
  ]);
  writeCsv('governance_notes.csv', ['country', 'note', 'source'], notes, ['country']);
  console.log(`governance: ${covered.size} countries; no WGI for ${notes.map((note) => note.country).join(', ') || 'none'}`);
}

// Export-control measures (scripts/build-export-controls.ts), last: they may name any mineral in minerals.csv by now,
// and their sources are merged into sources.csv.
{
  const minerals = new Set(
    (parse(fs.readFileSync(path.join(OUT, 'minerals.csv'), 'utf8'), { columns: true }) as { id: string }[]).map((row) => row.id),
  );
  const build = buildExportControls(REF, minerals);
  const result = writeExportControls(OUT, build);
  console.log(
    `export controls: ${result.measures} measures, ${build.skipped.length} skipped (${build.skipped.map((entry) => entry.id).join(', ')})`,
  );
}

// The IEA Global Critical Minerals Outlook 2026 (scripts/build-iea-gcmo.ts): 2021 and 2025 refining, the 2030/2040
// projections apart, and the 2024 nickel "rest of world" repaired; last, on the final production.csv.
{
  const result = writeIeaGcmo(OUT, buildIeaGcmo(REF));
  console.log(`IEA GCMO 2026: ${JSON.stringify(result)}`);
}
