/**
 * Everything the importer knows about the USGS Mineral Commodity Summaries data-release layout, as tables.
 * Adding a series is adding a row; a row of an in-scope chapter that matches no rule stops the import.
 */

// ---------------------------------------------------------------------------------------------------------
// File layout
// ---------------------------------------------------------------------------------------------------------

export const HEADER = [
  'MCS chapter',
  'Section',
  'Commodity',
  'Country',
  'Statistics',
  'Statistics_detail',
  'Unit',
  'Year',
  'Value',
  'Notes',
  'Is critical mineral 2025',
  'Other notes',
] as const;
export type Column = (typeof HEADER)[number];

/** Value codes from the USGS metadata. `—` (zero) is read separately. */
export const VALUE_CODES = ['W', 'NA', 'E', 'XX', 's'] as const;
export type ValueCode = (typeof VALUE_CODES)[number];
export const VALUE_CODE_MEANING: Record<ValueCode, string> = {
  W: 'withheld to avoid disclosing company proprietary data',
  NA: 'not available',
  E: 'net exporter',
  XX: 'not applicable / cannot be calculated',
  s: 'small or included elsewhere (less than ½ unit, or "Included in World total")',
};
/** Figures USGS prints as words (reserves of industrial minerals). */
export const VALUE_TEXTS = [
  'Large',
  'Moderate',
  'Moderate to large',
  'Small',
  'Very small',
  'Variable, depending on size, type, and quality',
  'Variable, depending on type of product',
] as const;

/** Notes hold several footnotes joined by this separator; the estimate marker is one of them. */
export const NOTE_SEPARATOR = ' -- ';
export const ESTIMATE_NOTE = 'Estimated.';

/** `Year`: a data year, or the period of the import-source shares (`2021–24` → `2021-24`). */
export const YEAR_PATTERN = /^(\d{4})$/;
export const PERIOD_PATTERN = /^(\d{4})–(\d{2})$/;

/** `Is critical mineral 2025`. */
export const CRITICAL_LIST = 'us-2025';
export const CRITICAL_FLAGS: Record<string, boolean> = { Yes: true, No: false };

// ---------------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------------

export type UnitSpec =
  | { kind: 'mass'; powerOfTen: number } // to metric tonnes: value × 10^powerOfTen
  | { kind: 'percent' }
  | { kind: 'price' }
  | { kind: 'count' };

export const UNITS: Record<string, UnitSpec> = {
  'metric tons': { kind: 'mass', powerOfTen: 0 },
  'thousand metric tons': { kind: 'mass', powerOfTen: 3 },
  kilograms: { kind: 'mass', powerOfTen: -3 },
  percent: { kind: 'percent' },
  number: { kind: 'count' },
  'cents per pound': { kind: 'price' },
  'dollars per pound': { kind: 'price' },
  'dollars per kilogram': { kind: 'price' },
  'dollars per metric ton': { kind: 'price' },
  'dollars per dry metric ton unit': { kind: 'price' },
};

// ---------------------------------------------------------------------------------------------------------
// Series: (chapter, section, statistics detail[, commodity]) → target
// ---------------------------------------------------------------------------------------------------------

export type SalientStatistic = 'production' | 'imports' | 'exports' | 'consumption' | 'stocks' | 'stockpile_shipments';

export type Target =
  | { table: 'production'; stage: string; basis: string }
  | { table: 'capacity'; stage: string; basis: string }
  | { table: 'reserves'; basis: string }
  | { table: 'import_reliance'; form: string }
  | { table: 'import_sources'; form: string }
  | { table: 'apparent_consumption'; form: string }
  | { table: 'prices'; series: string }
  | { table: 'us_salient'; statistic: SalientStatistic; label?: string }
  | { table: 'skip'; reason: string };
export type TargetTable = Exclude<Target['table'], 'skip'>;

/** The unit kind each target expects; a row whose unit is of another kind stops the import. */
export const TARGET_UNIT_KIND: Record<TargetTable, UnitSpec['kind']> = {
  production: 'mass',
  capacity: 'mass',
  reserves: 'mass',
  apparent_consumption: 'mass',
  us_salient: 'mass',
  import_reliance: 'percent',
  import_sources: 'percent',
  prices: 'price',
};

export interface SeriesRule {
  chapter: string;
  section: string;
  detail: string;
  /** Only where one chapter holds two commodities with the same details (compared case-insensitively). */
  commodity?: string;
  target: Target;
}

export interface ChapterSpec {
  chapter: string;
  mineral: string;
  /** Source id suffix: `<edition>-<source>`. */
  source: string;
  /** Chapter title as printed. */
  title: string;
}

const SALIENT = 'Salient Statistics—United States';
const IMPORT_SOURCES = 'Import Sources';
const WORLD_MINE = 'World Mine Production and Reserves';
const WORLD_REFINERY = 'World Refinery Production and Capacity';

const EMPLOYMENT = 'employment count (not a supply figure)';
const PIGMENT_CAPACITY = 'TiO2 pigment capacity: pigment is not a supply-chain stage of this dataset';

const production = (stage: string, basis: string): Target => ({ table: 'production', stage, basis });
const capacity = (stage: string, basis: string): Target => ({ table: 'capacity', stage, basis });
const reserves = (basis: string): Target => ({ table: 'reserves', basis });
const nir = (form: string): Target => ({ table: 'import_reliance', form });
const importSources = (form: string): Target => ({ table: 'import_sources', form });
const consumption = (form: string): Target => ({ table: 'apparent_consumption', form });
const price = (series: string): Target => ({ table: 'prices', series });
const salient = (statistic: SalientStatistic, label?: string): Target =>
  label === undefined ? { table: 'us_salient', statistic } : { table: 'us_salient', statistic, label };
const skip = (reason: string): Target => ({ table: 'skip', reason });

type Rule = [section: string, detail: string, target: Target, commodity?: string];

export const CHAPTERS: ChapterSpec[] = [];
export const SERIES: SeriesRule[] = [];

function chapter(spec: ChapterSpec, rules: Rule[]): void {
  CHAPTERS.push(spec);
  for (const [section, detail, target, commodity] of rules) {
    SERIES.push({ chapter: spec.chapter, section, detail, target, ...(commodity === undefined ? {} : { commodity }) });
  }
}

chapter({ chapter: 'ANTIMONY', mineral: 'antimony', source: 'antimony', title: 'Antimony' }, [
  [SALIENT, 'Production: Mine (recoverable antimony)', salient('production')],
  [SALIENT, 'Production, Smelter: Primary', salient('production')],
  [SALIENT, 'Production, Smelter: Secondary', salient('production')],
  [SALIENT, 'Imports for consumption: Ore and concentrates', salient('imports')],
  [SALIENT, 'Imports for consumption: Oxide', salient('imports')],
  [SALIENT, 'Imports for consumption: Unwrought, powder', salient('imports')],
  [SALIENT, 'Imports for consumption: Antimony articles', salient('imports')],
  [SALIENT, 'Imports for consumption: Waste and scrap', salient('imports')],
  [SALIENT, 'Exports: Ore and concentrates', salient('exports')],
  [SALIENT, 'Exports: Oxide', salient('exports')],
  [SALIENT, 'Exports: Unwrought, powder', salient('exports')],
  [SALIENT, 'Exports: Antimony articles', salient('exports')],
  [SALIENT, 'Exports: Waste and scrap', salient('exports')],
  [SALIENT, 'Consumption, apparent', consumption('')],
  [SALIENT, 'Price, metal, average, dollars per pound', price('metal-average')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'Ore and concentrates', importSources('ore and concentrates')],
  [IMPORT_SOURCES, 'Oxide', importSources('oxide')],
  [IMPORT_SOURCES, 'Unwrought metal and powder', importSources('unwrought metal and powder')],
  [IMPORT_SOURCES, 'Total metal and oxide', importSources('total metal and oxide')],
  [WORLD_MINE, 'Mine production', production('mining', 'sb-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'sb-contained')],
  [WORLD_MINE, 'Reserves', reserves('contained antimony')],
  [WORLD_MINE, 'Reserves: rounded', reserves('contained antimony')],
]);

chapter({ chapter: 'RARE EARTHS', mineral: 'rare-earths', source: 'rare-earths', title: 'Rare Earths' }, [
  [SALIENT, 'Production: Mineral concentrates', salient('production')],
  [SALIENT, 'Production: Compounds and metals', salient('production')],
  [SALIENT, 'Imports: Compounds', salient('imports')],
  [SALIENT, 'Imports: Metals: Ferrocerium, alloys', salient('imports')],
  [SALIENT, 'Imports: Metals: Rare-earth metals and alloys', salient('imports')],
  [SALIENT, 'Exports: Ores and compounds', salient('exports')],
  [SALIENT, 'Exports: Metals: Ferrocerium, alloys', salient('exports')],
  [SALIENT, 'Exports: Metals: Rare-earth metals and alloys', salient('exports')],
  [SALIENT, 'Consumption, apparent, compounds and metals', consumption('compounds and metals')],
  [SALIENT, 'Price, average, dollars per kilogram: Lanthanum oxide, 99.5% minimum', price('lanthanum-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Cerium oxide, 99.5% minimum', price('cerium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Mischmetal, 65% cerium, 35% lanthanum', price('mischmetal')],
  [SALIENT, 'Price, average, dollars per kilogram: Praseodymium oxide, 99.99% minimum', price('praseodymium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Neodymium oxide, 99.5% minimum', price('neodymium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Neodymium-praseodymium (NdPr) oxide, 99% minimum', price('ndpr-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Samarium oxide, 99.5% minimum', price('samarium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Europium oxide, 99.99% minimum', price('europium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Gadolinium oxide, 99.99% minimum', price('gadolinium-oxide')],
  [SALIENT, 'Employment, mine and mill, annual average, number', skip(EMPLOYMENT)],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption: Compounds and metals', nir('compounds and metals')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption: Mineral concentrates', nir('mineral concentrates')],
  [IMPORT_SOURCES, 'Rare-earth compounds and metals', importSources('compounds and metals')],
  [WORLD_MINE, 'Mine production', production('mining', 'ree-reo')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'ree-reo')],
  [WORLD_MINE, 'Reserves', reserves('REO equivalent')],
  [WORLD_MINE, 'Reserves: rounded', reserves('REO equivalent')],
]);

chapter({ chapter: 'RARE EARTHS (Heavy)', mineral: 'rare-earths', source: 'rare-earths-heavy', title: 'Rare Earths (Heavy)' }, [
  [SALIENT, 'Imports, compounds and metals', salient('imports', 'Heavy rare earths: Imports, compounds and metals')],
  [SALIENT, 'Price, average, dollars per kilogram: Terbium oxide, 99.99% minimum', price('terbium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Dysprosium oxide, 99.5% minimum', price('dysprosium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Holmium oxide, 99.5% minimum', price('holmium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Erbium oxide, 99.5%, minimum', price('erbium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Ytterbium oxide, 99.99% minimum', price('ytterbium-oxide')],
  [SALIENT, 'Price, average, dollars per kilogram: Lutetium oxide, 99.99% minimum', price('lutetium-oxide')],
  [
    SALIENT,
    'Net import reliance as a percentage of apparent consumption, compounds and metals',
    nir('heavy rare earths, compounds and metals'),
  ],
  [IMPORT_SOURCES, 'Terbium compounds and metals', importSources('terbium compounds and metals')],
  [IMPORT_SOURCES, 'Holmium compounds and metals', importSources('holmium compounds and metals')],
  [IMPORT_SOURCES, 'Erbium compounds and metals', importSources('erbium compounds and metals')],
  [IMPORT_SOURCES, 'Ytterbium compounds and metals', importSources('ytterbium compounds and metals')],
  [IMPORT_SOURCES, 'Lutetium compounds and metals', importSources('lutetium compounds and metals')],
]);

chapter({ chapter: 'TUNGSTEN', mineral: 'tungsten', source: 'tungsten', title: 'Tungsten' }, [
  [SALIENT, 'Production: Mine', salient('production')],
  [SALIENT, 'Production: Secondary', salient('production')],
  [SALIENT, 'Imports for consumption: Ores and concentrates', salient('imports')],
  [SALIENT, 'Imports for consumption: Other forms', salient('imports')],
  [SALIENT, 'Exports: Ores and concentrates', salient('exports')],
  [SALIENT, 'Exports: Other forms', salient('exports')],
  [SALIENT, 'Shipments from Government stockpile: Concentrate', salient('stockpile_shipments')],
  [SALIENT, 'Shipments from Government stockpile: Other forms', salient('stockpile_shipments')],
  [SALIENT, 'Consumption: Reported, concentrate', salient('consumption')],
  [SALIENT, 'Consumption: Apparent, all forms', consumption('')],
  [
    SALIENT,
    'Price, concentrate, average in-warehouse Rotterdam, dollars per dry metric ton unit of tungsten trioxide',
    price('concentrate-rotterdam'),
  ],
  [SALIENT, 'Stocks, industry, concentrate and other forms, yearend', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'Ores, concentrates, and other forms', importSources('')],
  [WORLD_MINE, 'Mine production', production('mining', 'w-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'w-contained')],
  [WORLD_MINE, 'Reserves', reserves('contained tungsten')],
  [WORLD_MINE, 'Reserves: rounded', reserves('contained tungsten')],
]);

chapter({ chapter: 'COBALT', mineral: 'cobalt', source: 'cobalt', title: 'Cobalt' }, [
  [SALIENT, 'Production: Mine', salient('production')],
  [SALIENT, 'Production: Secondary', salient('production')],
  [SALIENT, 'Imports for consumption', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption (includes secondary): Estimated', salient('consumption')],
  [SALIENT, 'Consumption (includes secondary): Apparent', consumption('')],
  [SALIENT, 'Price, average, dollars per pound: U.S. spot, cathode', price('us-spot-cathode')],
  [SALIENT, 'Price, average, dollars per pound: London Metal Exchange (LME), cash', price('lme-cash')],
  [SALIENT, 'Stocks, yearend: Industry', salient('stocks')],
  [SALIENT, 'Stocks, yearend: LME, U.S. warehouse', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'Metal, oxide, and salts', importSources('')],
  [WORLD_MINE, 'Mine production', production('mining', 'co-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'co-contained')],
  [WORLD_MINE, 'Reserves', reserves('contained cobalt')],
  [WORLD_MINE, 'Reserves: rounded', reserves('contained cobalt')],
]);

chapter({ chapter: 'LITHIUM', mineral: 'lithium', source: 'lithium', title: 'Lithium' }, [
  [SALIENT, 'Production', salient('production')],
  [SALIENT, 'Imports for consumption', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption, apparent', consumption('')],
  [SALIENT, 'Price, annual average-real, battery-grade lithium carbonate, dollars per metric ton', price('battery-grade-carbonate')],
  [SALIENT, 'Employment, mine and mill, number', skip(EMPLOYMENT)],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'All', importSources('')],
  [WORLD_MINE, 'Mine production', production('mining', 'li-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'li-contained')],
  [WORLD_MINE, 'Reserves', reserves('contained lithium')],
  [WORLD_MINE, 'Reserves: rounded', reserves('contained lithium')],
]);

const GALLIUM_WORLD = 'World Low-Purity Production and Production Capacity';
chapter({ chapter: 'GALLIUM', mineral: 'gallium', source: 'gallium', title: 'Gallium' }, [
  [SALIENT, 'Production, primary', salient('production')],
  [SALIENT, 'Imports for consumption: Metal', salient('imports')],
  [SALIENT, 'Imports for consumption: Gallium arsenide wafers (gross weight)', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption, reported', salient('consumption')],
  [SALIENT, 'Price, average unit value of imports, dollars per kilogram', price('import-unit-value')],
  [SALIENT, 'Stocks, consumer, yearend', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of reported consumption', nir('')],
  [IMPORT_SOURCES, 'Metal', importSources('')],
  [GALLIUM_WORLD, 'Primary production', production('refining', 'ga-primary')],
  [GALLIUM_WORLD, 'Primary production: rounded', production('refining', 'ga-primary')],
  [GALLIUM_WORLD, 'Production capacity', capacity('refining', 'ga-primary')],
  [GALLIUM_WORLD, 'Production capacity: rounded', capacity('refining', 'ga-primary')],
]);

chapter({ chapter: 'GERMANIUM', mineral: 'germanium', source: 'germanium', title: 'Germanium' }, [
  [SALIENT, 'Production, refinery: Primary', salient('production')],
  [SALIENT, 'Production, refinery: Secondary', salient('production')],
  [SALIENT, 'Imports for consumption: Germanium metal', salient('imports')],
  [SALIENT, 'Imports for consumption: Germanium dioxide', salient('imports')],
  [SALIENT, 'Imports for consumption: Germanium tetrachloride', salient('imports')],
  [SALIENT, 'Exports: Germanium metal', salient('exports')],
  [SALIENT, 'Exports: Germanium dioxide', salient('exports')],
  [SALIENT, 'Exports: Germanium tetrachloride', salient('exports')],
  [SALIENT, 'Shipments from Government stockpile', salient('stockpile_shipments')],
  [SALIENT, 'Consumption, estimated', salient('consumption')],
  [SALIENT, 'Price, annual average, dollars per kilogram: Germanium metal', price('metal')],
  [SALIENT, 'Price, annual average, dollars per kilogram: Germanium dioxide', price('dioxide')],
  [SALIENT, 'Net import reliance as a percentage of estimated consumption', nir('')],
  [IMPORT_SOURCES, 'Germanium metal', importSources('germanium metal')],
  [IMPORT_SOURCES, 'Germanium dioxide (Ge content)', importSources('germanium dioxide (ge content)')],
  [IMPORT_SOURCES, 'Combined total', importSources('')],
]);

chapter({ chapter: 'GRAPHITE (NATURAL)', mineral: 'graphite', source: 'graphite', title: 'Graphite (Natural)' }, [
  [SALIENT, 'Production, mine', salient('production')],
  [SALIENT, 'Imports for consumption', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption, apparent', consumption('natural')],
  [SALIENT, 'Price, average unit value of imports, dollars per metric ton at foreign ports: Flake', price('import-unit-value-flake')],
  [
    SALIENT,
    'Price, average unit value of imports, dollars per metric ton at foreign ports: Lump and chip (Sri Lanka)',
    price('import-unit-value-lump-chip'),
  ],
  [
    SALIENT,
    'Price, average unit value of imports, dollars per metric ton at foreign ports: Amorphous',
    price('import-unit-value-amorphous'),
  ],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('natural')],
  [IMPORT_SOURCES, 'All', importSources('natural')],
  [WORLD_MINE, 'Mine production', production('mining', 'graphite-natural')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'graphite-natural')],
  [WORLD_MINE, 'Reserves', reserves('natural graphite')],
  [WORLD_MINE, 'Reserves: rounded', reserves('natural graphite')],
]);

chapter(
  {
    chapter: 'TITANIUM MINERAL CONCENTRATES',
    mineral: 'titanium',
    source: 'titanium-concentrates',
    title: 'Titanium Mineral Concentrates',
  },
  [
    [SALIENT, 'Production', salient('production', 'Mineral concentrates: Production')],
    [SALIENT, 'Imports for consumption', salient('imports', 'Mineral concentrates: Imports for consumption')],
    [SALIENT, 'Exports, all forms', salient('exports', 'Mineral concentrates: Exports, all forms')],
    [SALIENT, 'Consumption, apparent', consumption('mineral concentrates')],
    [
      SALIENT,
      'Price, dollars per metric ton: Rutile, bulk, minimum 95% TiO2, free on board (f.o.b.) Australia',
      price('rutile-fob-australia'),
    ],
    [SALIENT, 'Price, dollars per metric ton: Ilmenite and leucoxene, bulk, f.o.b. Australia', price('ilmenite-leucoxene-fob-australia')],
    [SALIENT, 'Price, dollars per metric ton: Ilmenite, average unit value of imports', price('ilmenite-import-unit-value')],
    [SALIENT, 'Price, dollars per metric ton: Slag, 80%–95% TiO2, average unit value of imports', price('slag-import-unit-value')],
    [SALIENT, 'Employment, mine and mill, number', skip(EMPLOYMENT)],
    [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('mineral concentrates')],
    [IMPORT_SOURCES, 'All', importSources('mineral concentrates')],
    [WORLD_MINE, 'Mine production: Ilmenite', production('mining', 'ti-ilmenite-tio2')],
    [WORLD_MINE, 'Mine production: ilmenite, rounded', production('mining', 'ti-ilmenite-tio2')],
    [WORLD_MINE, 'Mine production: Rutile', production('mining', 'ti-rutile-tio2')],
    [WORLD_MINE, 'Mine production: rutile, rounded', production('mining', 'ti-rutile-tio2')],
    [WORLD_MINE, 'Mine production: ilmenite and rutile, rounded', production('mining', 'ti-ilmenite-rutile-tio2')],
    [WORLD_MINE, 'Reserves: Ilmenite', reserves('ilmenite, TiO2 content')],
    [WORLD_MINE, 'Reserves: ilmenite, rounded', reserves('ilmenite, TiO2 content')],
    [WORLD_MINE, 'Reserves: Rutile', reserves('rutile, TiO2 content')],
    [WORLD_MINE, 'Reserves: rutile, rounded', reserves('rutile, TiO2 content')],
    [WORLD_MINE, 'Reserves: ilmenite and rutile, rounded', reserves('ilmenite+rutile, TiO2 content')],
  ],
);

const SPONGE = 'titanium sponge metal';
const PIGMENT = 'tio2 pigment';
const TI_WORLD = 'World Sponge Metal Production and Sponge and Pigment Capacity';
chapter(
  { chapter: 'TITANIUM AND TITANIUM DIOXIDE', mineral: 'titanium', source: 'titanium-metal', title: 'Titanium and Titanium Dioxide' },
  [
    [SALIENT, 'Production', salient('production', 'Sponge metal: Production'), SPONGE],
    [SALIENT, 'Imports for consumption', salient('imports', 'Sponge metal: Imports for consumption'), SPONGE],
    [SALIENT, 'Exports', salient('exports', 'Sponge metal: Exports'), SPONGE],
    [SALIENT, 'Consumption, apparent', consumption('metal'), SPONGE],
    [SALIENT, 'Consumption, reported', salient('consumption', 'Sponge metal: Consumption, reported'), SPONGE],
    [SALIENT, 'Price, dollars per kilogram', price('sponge-metal'), SPONGE],
    [SALIENT, 'Stocks, industry, yearend', salient('stocks', 'Sponge metal: Stocks, industry, yearend'), SPONGE],
    [SALIENT, 'Employment, number', skip(EMPLOYMENT), SPONGE],
    [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('sponge metal'), SPONGE],
    [SALIENT, 'Production', salient('production', 'TiO2 pigment: Production'), PIGMENT],
    [SALIENT, 'Imports for consumption', salient('imports', 'TiO2 pigment: Imports for consumption'), PIGMENT],
    [SALIENT, 'Exports', salient('exports', 'TiO2 pigment: Exports'), PIGMENT],
    [SALIENT, 'Consumption, apparent', consumption('TiO2 pigment'), PIGMENT],
    [SALIENT, 'Price, dollars per metric ton', price('tio2-pigment'), PIGMENT],
    [SALIENT, 'Employment, number', skip(EMPLOYMENT), PIGMENT],
    [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('TiO2 pigment'), PIGMENT],
    [IMPORT_SOURCES, 'Titanium Sponge Metal', importSources('sponge metal'), SPONGE],
    [IMPORT_SOURCES, 'TiO2 pigment', importSources('TiO2 pigment'), PIGMENT],
    [TI_WORLD, 'Titanium sponge metal production', production('metal', 'ti-sponge'), SPONGE],
    [TI_WORLD, 'Titanium sponge metal production: rounded', production('metal', 'ti-sponge'), SPONGE],
    [TI_WORLD, 'Titanium sponge metal Capacity', capacity('metal', 'ti-sponge'), SPONGE],
    [TI_WORLD, 'Titanium sponge metal Capacity: rounded', capacity('metal', 'ti-sponge'), SPONGE],
    [TI_WORLD, 'TiO2 Pigment Capacity', skip(PIGMENT_CAPACITY), PIGMENT],
    [TI_WORLD, 'TiO2 Pigment Capacity: rounded', skip(PIGMENT_CAPACITY), PIGMENT],
  ],
);

chapter({ chapter: 'NICKEL', mineral: 'nickel', source: 'nickel', title: 'Nickel' }, [
  [SALIENT, 'Production: Mine', salient('production')],
  [SALIENT, 'Production: Refinery, byproduct', salient('production')],
  [SALIENT, 'Imports: Ores and concentrates', salient('imports')],
  [SALIENT, 'Imports: Primary', salient('imports')],
  [SALIENT, 'Imports: Secondary', salient('imports')],
  [SALIENT, 'Exports: Ores and concentrates', salient('exports')],
  [SALIENT, 'Exports: Primary', salient('exports')],
  [SALIENT, 'Exports: Secondary', salient('exports')],
  [SALIENT, 'Consumption: Reported, primary', salient('consumption')],
  [SALIENT, 'Consumption: Reported, secondary, purchased scrap', salient('consumption')],
  [SALIENT, 'Consumption: Apparent, primary', consumption('primary')],
  [SALIENT, 'Consumption: Apparent, total', consumption('')],
  [SALIENT, 'Price, average annual, London Metal Exchange (LME), cash: Dollars per metric ton', price('lme-cash-per-tonne')],
  [SALIENT, 'Price, average annual, London Metal Exchange (LME), cash: Dollars per pound', price('lme-cash-per-pound')],
  [SALIENT, 'Stocks, yearend: Consumer', salient('stocks')],
  [SALIENT, 'Stocks, yearend: LME U.S. warehouses', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of total apparent consumption', nir('')],
  [IMPORT_SOURCES, 'Primary nickel', importSources('primary nickel')],
  [
    IMPORT_SOURCES,
    'Nickel-containing scrap, including nickel content of stainless-steel scrap',
    importSources('nickel-containing scrap, including nickel content of stainless-steel scrap'),
  ],
  [WORLD_MINE, 'Mine production', production('mining', 'ni-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'ni-contained')],
  [WORLD_MINE, 'Reserves', reserves('contained nickel')],
  [WORLD_MINE, 'Reserves: rounded', reserves('contained nickel')],
]);

const MANGANESE_WORLD = 'World Mine Production (manganese content) and Reserves';
chapter({ chapter: 'MANGANESE', mineral: 'manganese', source: 'manganese', title: 'Manganese' }, [
  [SALIENT, 'Production, mine', salient('production')],
  [SALIENT, 'Imports for consumption: Manganese ores and concentrates', salient('imports')],
  [SALIENT, 'Imports for consumption: Ferromanganese', salient('imports')],
  [SALIENT, 'Imports for consumption: Silicomanganese', salient('imports')],
  [SALIENT, 'Exports: Manganese ores and concentrates', salient('exports')],
  [SALIENT, 'Exports: Ferromanganese', salient('exports')],
  [SALIENT, 'Exports: Silicomanganese', salient('exports')],
  [SALIENT, 'Shipments from Government stockpile: Manganese ore', salient('stockpile_shipments')],
  [SALIENT, 'Shipments from Government stockpile: Ferromanganese and manganese metal, electrolytic', salient('stockpile_shipments')],
  [SALIENT, 'Consumption, reported: Manganese ore', salient('consumption')],
  [SALIENT, 'Consumption, reported: Ferromanganese', salient('consumption')],
  [SALIENT, 'Consumption, reported: Silicomanganese', salient('consumption')],
  [SALIENT, 'Consumption, apparent, manganese content', consumption('')],
  [SALIENT, 'Price, average, manganese content, cost, insurance, and freight, China, dollars per metric ton unit', price('ore-cif-china')],
  [SALIENT, 'Stocks, producer and consumer, yearend: Manganese ore', salient('stocks')],
  [SALIENT, 'Stocks, producer and consumer, yearend: Ferromanganese', salient('stocks')],
  [SALIENT, 'Stocks, producer and consumer, yearend: Silicomanganese', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption, manganese content', nir('')],
  [IMPORT_SOURCES, 'Manganese ore', importSources('manganese ore')],
  [IMPORT_SOURCES, 'Ferromanganese', importSources('ferromanganese')],
  [IMPORT_SOURCES, 'Silicomanganese', importSources('silicomanganese')],
  [IMPORT_SOURCES, 'Manganese contained in principal manganese imports', importSources('')],
  [MANGANESE_WORLD, 'Mine production', production('mining', 'mn-contained')],
  [MANGANESE_WORLD, 'Mine production: rounded', production('mining', 'mn-contained')],
  [MANGANESE_WORLD, 'Reserves', reserves('manganese')],
  [MANGANESE_WORLD, 'Reserves: rounded', reserves('manganese')],
]);

chapter({ chapter: 'BISMUTH', mineral: 'bismuth', source: 'bismuth', title: 'Bismuth' }, [
  [SALIENT, 'Production: Refinery', salient('production')],
  [SALIENT, 'Production: Secondary (scrap)', salient('production')],
  [SALIENT, 'Imports for consumption, metal, alloys, and scrap: Containing more than 99.99% bismuth, by weight', salient('imports')],
  [SALIENT, 'Imports for consumption, metal, alloys, and scrap: Other', salient('imports')],
  [SALIENT, 'Imports for consumption, metal, alloys, and scrap: Total', salient('imports')],
  [SALIENT, 'Exports, metal, alloys, and scrap: Containing more than 99.99% bismuth, by weight', salient('exports')],
  [SALIENT, 'Exports, metal, alloys, and scrap: Other', salient('exports')],
  [SALIENT, 'Exports, metal, alloys, and scrap: Total', salient('exports')],
  [SALIENT, 'Consumption: Apparent', consumption('')],
  [SALIENT, 'Consumption: Reported', salient('consumption')],
  [SALIENT, 'Price, average, dollars per pound', price('metal-average')],
  [SALIENT, 'Stocks, yearend, consumer, bismuth metal', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'All', importSources('')],
  [WORLD_REFINERY, 'Refinery production', production('refining', 'bi-refinery')],
  [WORLD_REFINERY, 'Refinery production: rounded', production('refining', 'bi-refinery')],
  [WORLD_REFINERY, 'Production capacity', capacity('refining', 'bi-refinery')],
  [WORLD_REFINERY, 'Production capacity: rounded', capacity('refining', 'bi-refinery')],
]);

chapter({ chapter: 'MOLYBDENUM', mineral: 'molybdenum', source: 'molybdenum', title: 'Molybdenum' }, [
  [SALIENT, 'Production, mine', salient('production')],
  [SALIENT, 'Imports for consumption total: Ore and concentrates', salient('imports')],
  [SALIENT, 'Imports for consumption total: Primary products', salient('imports')],
  [SALIENT, 'Exports: Ore and concentrates', salient('exports')],
  [SALIENT, 'Exports: Primary products', salient('exports')],
  [SALIENT, 'Consumption: Reported', salient('consumption')],
  [SALIENT, 'Consumption: Apparent', consumption('')],
  [SALIENT, 'Price, average, dollars per kilogram', price('average')],
  [SALIENT, 'Stocks, consumer materials', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'Ferromolybdenum', importSources('ferromolybdenum')],
  [IMPORT_SOURCES, 'Molybdenum ore and concentrates', importSources('molybdenum ore and concentrates')],
  [IMPORT_SOURCES, 'Total', importSources('')],
  [WORLD_MINE, 'Mine production', production('mining', 'mo-contained')],
  [WORLD_MINE, 'Mine production: rounded', production('mining', 'mo-contained')],
  [WORLD_MINE, 'Reserves (thousand metric tons)', reserves('contained molybdenum')],
  [WORLD_MINE, 'Reserves (thousand metric tons): rounded', reserves('contained molybdenum')],
]);

chapter({ chapter: 'INDIUM', mineral: 'indium', source: 'indium', title: 'Indium' }, [
  [SALIENT, 'Production, refinery', salient('production')],
  [SALIENT, 'Imports for consumption', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption, estimated', salient('consumption')],
  [SALIENT, 'Price, annual average, dollars per kilogram: U.S. warehouse, free on board', price('us-warehouse-fob')],
  [SALIENT, 'Price, annual average, dollars per kilogram: Rotterdam, duties unpaid', price('rotterdam-duties-unpaid')],
  [SALIENT, 'Net import reliance as a percentage of estimated consumption', nir('')],
  [IMPORT_SOURCES, 'All', importSources('')],
  [WORLD_REFINERY, 'Refinery production', production('refining', 'in-refinery')],
  [WORLD_REFINERY, 'Refinery production: rounded', production('refining', 'in-refinery')],
  [WORLD_REFINERY, 'Refinery capacity', capacity('refining', 'in-refinery')],
  [WORLD_REFINERY, 'Refinery capacity: rounded', capacity('refining', 'in-refinery')],
]);

chapter({ chapter: 'TELLURIUM', mineral: 'tellurium', source: 'tellurium', title: 'Tellurium' }, [
  [SALIENT, 'Production, copper telluride', salient('production')],
  [SALIENT, 'Imports for consumption', salient('imports')],
  [SALIENT, 'Exports', salient('exports')],
  [SALIENT, 'Consumption, apparent', consumption('')],
  [SALIENT, 'Price, annual average, dollars per kilogram: United States', price('united-states')],
  [SALIENT, 'Price, annual average, dollars per kilogram: Europe', price('europe')],
  [SALIENT, 'Stocks, producer, yearend', salient('stocks')],
  [SALIENT, 'Net import reliance as a percentage of apparent consumption', nir('')],
  [IMPORT_SOURCES, 'All', importSources('')],
  // The refinery table prints the U.S. row as copper telluride and the Swedish row as concentrate (footnotes).
  [WORLD_REFINERY, 'Refinery production: copper telluride', production('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery production', production('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery production: concentrate', production('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery production: rounded', production('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery capacity: copper telluride', capacity('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery capacity', capacity('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery capacity: concentrate', capacity('refining', 'te-refinery')],
  [WORLD_REFINERY, 'Refinery capacity: rounded', capacity('refining', 'te-refinery')],
]);

// ---------------------------------------------------------------------------------------------------------
// Countries: USGS/GENC common name → ISO 3166-1 alpha-3
// ---------------------------------------------------------------------------------------------------------

export const COUNTRIES: Record<string, string> = {
  Argentina: 'ARG',
  Armenia: 'ARM',
  Australia: 'AUS',
  Austria: 'AUT',
  Belgium: 'BEL',
  Bolivia: 'BOL',
  Brazil: 'BRA',
  Bulgaria: 'BGR',
  Burma: 'MMR',
  Canada: 'CAN',
  Chile: 'CHL',
  China: 'CHN',
  'Congo (Kinshasa)': 'COD',
  Cuba: 'CUB',
  'Côte d’Ivoire': 'CIV',
  "Côte d'Ivoire": 'CIV',
  Estonia: 'EST',
  Finland: 'FIN',
  France: 'FRA',
  Gabon: 'GAB',
  Georgia: 'GEO',
  Germany: 'DEU',
  Ghana: 'GHA',
  Greenland: 'GRL',
  Guatemala: 'GTM',
  India: 'IND',
  Indonesia: 'IDN',
  Iran: 'IRN',
  Italy: 'ITA',
  Japan: 'JPN',
  Kazakhstan: 'KAZ',
  Kenya: 'KEN',
  'Korea, North': 'PRK',
  'Korea, Republic of': 'KOR',
  Kyrgyzstan: 'KGZ',
  Laos: 'LAO',
  Madagascar: 'MDG',
  Malaysia: 'MYS',
  Mali: 'MLI',
  Mexico: 'MEX',
  Mongolia: 'MNG',
  Mozambique: 'MOZ',
  Netherlands: 'NLD',
  'New Caledonia': 'NCL',
  Nigeria: 'NGA',
  Norway: 'NOR',
  'Other countries': 'OTH',
  Pakistan: 'PAK',
  'Papua New Guinea': 'PNG',
  Peru: 'PER',
  Philippines: 'PHL',
  Portugal: 'PRT',
  Russia: 'RUS',
  Rwanda: 'RWA',
  'Saudi Arabia': 'SAU',
  Senegal: 'SEN',
  'Sierra Leone': 'SLE',
  'South Africa': 'ZAF',
  Spain: 'ESP',
  'Sri Lanka': 'LKA',
  Sweden: 'SWE',
  Tajikistan: 'TJK',
  Tanzania: 'TZA',
  Thailand: 'THA',
  Turkey: 'TUR',
  Ukraine: 'UKR',
  'United Kingdom': 'GBR',
  'United States': 'USA',
  Uzbekistan: 'UZB',
  Vietnam: 'VNM',
  'World total': 'WLD',
  Zimbabwe: 'ZWE',
};

/** countries.csv rows for every ISO3 above (inserted when missing; an existing row only gains the USGS spelling). */
export const COUNTRY_ROWS: Record<string, { name: string; region: string; is_aggregate: boolean }> = {
  ARG: { name: 'Argentina', region: 'Latin America and the Caribbean', is_aggregate: false },
  ARM: { name: 'Armenia', region: 'Western Asia', is_aggregate: false },
  AUS: { name: 'Australia', region: 'Australia and New Zealand', is_aggregate: false },
  AUT: { name: 'Austria', region: 'Western Europe', is_aggregate: false },
  BEL: { name: 'Belgium', region: 'Western Europe', is_aggregate: false },
  BGR: { name: 'Bulgaria', region: 'Eastern Europe', is_aggregate: false },
  BOL: { name: 'Bolivia', region: 'Latin America and the Caribbean', is_aggregate: false },
  BRA: { name: 'Brazil', region: 'Latin America and the Caribbean', is_aggregate: false },
  CAN: { name: 'Canada', region: 'Northern America', is_aggregate: false },
  CHL: { name: 'Chile', region: 'Latin America and the Caribbean', is_aggregate: false },
  CHN: { name: 'China', region: 'Eastern Asia', is_aggregate: false },
  CIV: { name: "Côte d'Ivoire", region: 'Sub-Saharan Africa', is_aggregate: false },
  COD: { name: 'Democratic Republic of the Congo', region: 'Sub-Saharan Africa', is_aggregate: false },
  CUB: { name: 'Cuba', region: 'Latin America and the Caribbean', is_aggregate: false },
  DEU: { name: 'Germany', region: 'Western Europe', is_aggregate: false },
  ESP: { name: 'Spain', region: 'Southern Europe', is_aggregate: false },
  EST: { name: 'Estonia', region: 'Northern Europe', is_aggregate: false },
  FIN: { name: 'Finland', region: 'Northern Europe', is_aggregate: false },
  FRA: { name: 'France', region: 'Western Europe', is_aggregate: false },
  GAB: { name: 'Gabon', region: 'Sub-Saharan Africa', is_aggregate: false },
  GBR: { name: 'United Kingdom', region: 'Northern Europe', is_aggregate: false },
  GEO: { name: 'Georgia', region: 'Western Asia', is_aggregate: false },
  GHA: { name: 'Ghana', region: 'Sub-Saharan Africa', is_aggregate: false },
  GRL: { name: 'Greenland', region: 'Northern America', is_aggregate: false },
  GTM: { name: 'Guatemala', region: 'Latin America and the Caribbean', is_aggregate: false },
  IDN: { name: 'Indonesia', region: 'South-eastern Asia', is_aggregate: false },
  IND: { name: 'India', region: 'Southern Asia', is_aggregate: false },
  IRN: { name: 'Iran', region: 'Southern Asia', is_aggregate: false },
  ITA: { name: 'Italy', region: 'Southern Europe', is_aggregate: false },
  JPN: { name: 'Japan', region: 'Eastern Asia', is_aggregate: false },
  KAZ: { name: 'Kazakhstan', region: 'Central Asia', is_aggregate: false },
  KEN: { name: 'Kenya', region: 'Sub-Saharan Africa', is_aggregate: false },
  KGZ: { name: 'Kyrgyzstan', region: 'Central Asia', is_aggregate: false },
  KOR: { name: 'South Korea', region: 'Eastern Asia', is_aggregate: false },
  LAO: { name: 'Laos', region: 'South-eastern Asia', is_aggregate: false },
  LKA: { name: 'Sri Lanka', region: 'Southern Asia', is_aggregate: false },
  MDG: { name: 'Madagascar', region: 'Sub-Saharan Africa', is_aggregate: false },
  MEX: { name: 'Mexico', region: 'Latin America and the Caribbean', is_aggregate: false },
  MLI: { name: 'Mali', region: 'Sub-Saharan Africa', is_aggregate: false },
  MMR: { name: 'Myanmar', region: 'South-eastern Asia', is_aggregate: false },
  MNG: { name: 'Mongolia', region: 'Eastern Asia', is_aggregate: false },
  MOZ: { name: 'Mozambique', region: 'Sub-Saharan Africa', is_aggregate: false },
  MYS: { name: 'Malaysia', region: 'South-eastern Asia', is_aggregate: false },
  NCL: { name: 'New Caledonia', region: 'Melanesia', is_aggregate: false },
  NGA: { name: 'Nigeria', region: 'Sub-Saharan Africa', is_aggregate: false },
  NLD: { name: 'Netherlands', region: 'Western Europe', is_aggregate: false },
  NOR: { name: 'Norway', region: 'Northern Europe', is_aggregate: false },
  OTH: { name: 'Other countries', region: '', is_aggregate: true },
  PAK: { name: 'Pakistan', region: 'Southern Asia', is_aggregate: false },
  PER: { name: 'Peru', region: 'Latin America and the Caribbean', is_aggregate: false },
  PHL: { name: 'Philippines', region: 'South-eastern Asia', is_aggregate: false },
  PNG: { name: 'Papua New Guinea', region: 'Melanesia', is_aggregate: false },
  PRK: { name: 'North Korea', region: 'Eastern Asia', is_aggregate: false },
  PRT: { name: 'Portugal', region: 'Southern Europe', is_aggregate: false },
  RUS: { name: 'Russia', region: 'Eastern Europe', is_aggregate: false },
  RWA: { name: 'Rwanda', region: 'Sub-Saharan Africa', is_aggregate: false },
  SAU: { name: 'Saudi Arabia', region: 'Western Asia', is_aggregate: false },
  SEN: { name: 'Senegal', region: 'Sub-Saharan Africa', is_aggregate: false },
  SLE: { name: 'Sierra Leone', region: 'Sub-Saharan Africa', is_aggregate: false },
  SWE: { name: 'Sweden', region: 'Northern Europe', is_aggregate: false },
  THA: { name: 'Thailand', region: 'South-eastern Asia', is_aggregate: false },
  TJK: { name: 'Tajikistan', region: 'Central Asia', is_aggregate: false },
  TUR: { name: 'Türkiye', region: 'Western Asia', is_aggregate: false },
  TZA: { name: 'Tanzania', region: 'Sub-Saharan Africa', is_aggregate: false },
  UKR: { name: 'Ukraine', region: 'Eastern Europe', is_aggregate: false },
  USA: { name: 'United States', region: 'Northern America', is_aggregate: false },
  UZB: { name: 'Uzbekistan', region: 'Central Asia', is_aggregate: false },
  VNM: { name: 'Vietnam', region: 'South-eastern Asia', is_aggregate: false },
  WLD: { name: 'World', region: '', is_aggregate: true },
  ZAF: { name: 'South Africa', region: 'Sub-Saharan Africa', is_aggregate: false },
  ZWE: { name: 'Zimbabwe', region: 'Sub-Saharan Africa', is_aggregate: false },
};

/** Import sources: rank by share, and this aggregate last. */
export const OTHER_COUNTRIES = 'OTH';

// ---------------------------------------------------------------------------------------------------------
// Reference rows the imported figures need
// ---------------------------------------------------------------------------------------------------------

export const MINERAL_ROWS: Record<string, { name: string; symbol: string; description: string }> = {
  antimony: {
    name: 'Antimony',
    symbol: 'Sb',
    description: 'Metalloid used in flame retardants, lead-acid batteries and lead alloys, including ammunition.',
  },
  bismuth: {
    name: 'Bismuth',
    symbol: 'Bi',
    description:
      'Heavy metal, mostly a by-product of lead, tungsten and copper refining; used in pharmaceuticals, chemicals and lead-free alloys.',
  },
  cobalt: { name: 'Cobalt', symbol: 'Co', description: 'Metal used in superalloys for jet engines and in battery chemicals.' },
  gallium: {
    name: 'Gallium',
    symbol: 'Ga',
    description: 'By-product metal used in integrated circuits and optoelectronics (GaAs, GaN).',
  },
  germanium: {
    name: 'Germanium',
    symbol: 'Ge',
    description: 'By-product element used in fibre optics, infrared optics and electronics.',
  },
  graphite: {
    name: 'Graphite (natural)',
    symbol: 'C',
    description: 'Mined crystalline carbon used in battery anodes, refractories and lubricants.',
  },
  indium: {
    name: 'Indium',
    symbol: 'In',
    description: 'By-product of zinc refining; used mainly as indium tin oxide in flat-panel displays, and in solders and semiconductors.',
  },
  lithium: { name: 'Lithium', symbol: 'Li', description: 'Light alkali metal whose main use is rechargeable batteries.' },
  manganese: { name: 'Manganese', symbol: 'Mn', description: 'Metal essential to steelmaking, also used in batteries.' },
  molybdenum: {
    name: 'Molybdenum',
    symbol: 'Mo',
    description: 'Refractory metal used mainly as an alloying element in steels and superalloys, and in catalysts.',
  },
  nickel: {
    name: 'Nickel',
    symbol: 'Ni',
    description: 'Metal used mainly in stainless and alloy steels and in battery cathodes.',
  },
  'rare-earths': {
    name: 'Rare earths',
    symbol: '',
    description: 'The lanthanides plus scandium and yttrium; used in permanent magnets, catalysts, glass and polishing.',
  },
  tellurium: {
    name: 'Tellurium',
    symbol: 'Te',
    description: 'By-product of copper refining; used in cadmium telluride solar cells, thermoelectric devices and metallurgy.',
  },
  titanium: {
    name: 'Titanium',
    symbol: 'Ti',
    description: 'Metal obtained from ilmenite and rutile; used as TiO2 pigment and as metal in aerospace and armor.',
  },
  tungsten: {
    name: 'Tungsten',
    symbol: 'W',
    description: 'Very dense, high-melting metal used mostly in cemented carbides for cutting and wear parts.',
  },
};

export const BASIS_ROWS: Record<string, { mineral: string; stage: string; label: string; description: string; priority: number }> = {
  'bi-refinery': {
    mineral: 'bismuth',
    stage: 'refining',
    label: 'refined bismuth',
    description: 'refinery production of bismuth (t)',
    priority: 1,
  },
  'co-contained': {
    mineral: 'cobalt',
    stage: 'mining',
    label: 'contained cobalt',
    description: 'mine production, contained cobalt (t)',
    priority: 1,
  },
  'ga-primary': {
    mineral: 'gallium',
    stage: 'refining',
    label: 'primary (low-purity) gallium',
    description: 'primary (low-purity) gallium production (t; source in kg /1000)',
    priority: 1,
  },
  'graphite-natural': {
    mineral: 'graphite',
    stage: 'mining',
    label: 'natural graphite (gross weight)',
    description: 'mine production, natural graphite (t)',
    priority: 1,
  },
  'in-refinery': {
    mineral: 'indium',
    stage: 'refining',
    label: 'refined indium',
    description: 'refinery production of indium (t)',
    priority: 1,
  },
  'li-contained': {
    mineral: 'lithium',
    stage: 'mining',
    label: 'contained lithium',
    description: 'mine production, contained lithium (t)',
    priority: 1,
  },
  'mn-contained': {
    mineral: 'manganese',
    stage: 'mining',
    label: 'contained manganese',
    description: 'mine production, contained manganese (t; source in thousand t x1000)',
    priority: 1,
  },
  'mo-contained': {
    mineral: 'molybdenum',
    stage: 'mining',
    label: 'contained molybdenum',
    description: 'mine production, contained molybdenum (t)',
    priority: 1,
  },
  'ni-contained': {
    mineral: 'nickel',
    stage: 'mining',
    label: 'contained nickel',
    description: 'mine production, contained nickel (t)',
    priority: 1,
  },
  'ree-reo': {
    mineral: 'rare-earths',
    stage: 'mining',
    label: 'rare-earth oxide equivalent',
    description: 'mine production, rare-earth-oxide (REO) equivalent (t)',
    priority: 1,
  },
  'sb-contained': {
    mineral: 'antimony',
    stage: 'mining',
    label: 'contained antimony',
    description: 'mine production, contained antimony (t)',
    priority: 1,
  },
  'te-refinery': {
    mineral: 'tellurium',
    stage: 'refining',
    label: 'refined tellurium, Te content',
    description:
      'refinery production of tellurium, tellurium content (t; the U.S. figure is copper telluride, the Swedish figure concentrate)',
    priority: 1,
  },
  'ti-ilmenite-rutile-tio2': {
    mineral: 'titanium',
    stage: 'mining',
    label: 'ilmenite and rutile combined, TiO2 content (world total only)',
    description: 'mine production, ilmenite+rutile concentrates, TiO2 content, world total only (t; source in thousand t x1000)',
    priority: 3,
  },
  'ti-ilmenite-tio2': {
    mineral: 'titanium',
    stage: 'mining',
    label: 'ilmenite concentrate, TiO2 content',
    description: 'mine production, ilmenite concentrate, TiO2 content (t; source in thousand t x1000; U.S. figure includes rutile)',
    priority: 1,
  },
  'ti-rutile-tio2': {
    mineral: 'titanium',
    stage: 'mining',
    label: 'rutile concentrate, TiO2 content',
    description: 'mine production, rutile concentrate, TiO2 content (t; source in thousand t x1000)',
    priority: 2,
  },
  'ti-sponge': {
    mineral: 'titanium',
    stage: 'metal',
    label: 'titanium sponge metal',
    description: 'titanium sponge metal production (t)',
    priority: 1,
  },
  'w-contained': {
    mineral: 'tungsten',
    stage: 'mining',
    label: 'contained tungsten',
    description: 'mine production, contained tungsten (t)',
    priority: 1,
  },
};

// ---------------------------------------------------------------------------------------------------------
// Editions: the edition a file is, by its newest data year
// ---------------------------------------------------------------------------------------------------------

export interface EditionSpec {
  id: string;
  family: string;
  publisher: string;
  title: string;
  doi: string;
  url: string;
  published: string;
  data_years: string;
  notes: string;
  /** Newest data year in the file (the edition year minus one). */
  newestDataYear: number;
  /** Source rows: title, edition and year as cited, the data release. */
  source: { title: string; edition: string; year: number; url: string; licence: string; file: string };
}

export const EDITIONS: EditionSpec[] = [
  {
    id: 'usgs-mcs-2026',
    family: 'usgs-mcs',
    publisher: 'U.S. Geological Survey',
    title: 'Mineral Commodity Summaries 2026',
    doi: '10.3133/mcs2026',
    url: 'https://doi.org/10.3133/mcs2026',
    published: '2026-02-06',
    data_years: '2021-2025',
    notes:
      'Figures from the official data release "Mineral Commodity Summaries 2026 Data Release", doi:10.5066/P1WKQ63T (file MCS2026_Commodities_Data.csv, initial release), imported by scripts/import-data.ts. 2025 figures are estimates. The publication was reposted as v1.1 (2026-03-05), v1.2 (2026-04-15) and v1.3 (2026-05-27); the v1.3 rare-earth reserves correction is applied as an erratum.',
    newestDataYear: 2025,
    source: {
      title: 'Mineral Commodity Summaries 2026',
      edition: '2026',
      year: 2026,
      url: 'https://doi.org/10.5066/P1WKQ63T',
      licence: 'public domain (CC0 1.0)',
      file: 'MCS2026_Commodities_Data.csv',
    },
  },
];
