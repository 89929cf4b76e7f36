/**
 * What the importer knows about DataWeb's export layout, as tables: the editions (kept files and their sha256), the
 * partner names, the units of quantity, and the sheets of each trade flow. Anything a workbook holds that these tables
 * do not know refuses the whole file. Headings are data too, in data/curated/hts_headings.csv.
 */

export type Flow = 'imports' | 'exports';
export const FLOWS: readonly Flow[] = ['imports', 'exports'];

/** The U.S. is the reporter of every DataWeb figure; partners are the other side of the flow. */
export const REPORTER = 'USA';

export interface KeptFile {
  /** File name under data/raw/usitc-dataweb/. */
  file: string;
  sha256: string;
}

export interface EditionSpec {
  id: string;
  family: string;
  /** Download date of the query (DataWeb is revised continuously: the download is the edition). */
  downloaded: string;
  firstYear: number;
  /** The last year whose twelve months are all in the file. */
  lastFullYear: number;
  /** The year the year-to-date sheets end with; its column in the full-year sheets is not a full year. */
  partialYear: number;
  /** How DataWeb titles the year-to-date months ("Annual + Year-To-Date Data from Jan - Apr"). */
  monthsTitle: string;
  /** Our period id for those months in every year. */
  partialPeriod: string;
  files: Record<Flow, KeptFile>;
}

export const EDITIONS: readonly EditionSpec[] = [
  {
    id: 'usitc-dataweb-2026-07',
    family: 'usitc-dataweb',
    downloaded: '2026-07-10',
    firstYear: 1993,
    lastFullYear: 2025,
    partialYear: 2026,
    monthsTitle: 'Jan - Apr',
    partialPeriod: 'jan-apr',
    files: {
      imports: {
        file: 'us_imports_for_consumption_1993-2026.xlsx',
        sha256: 'fb453f549a3a9923b474a7b1fc4833b98319eef110e00920d79fb63b558d9b45',
      },
      exports: {
        file: 'us_domestic_exports_1993-2026.xlsx',
        sha256: '204dbe2f51cf3d0f5eaf554359dac50a27c45c3572b17d268b12629fea59f19c',
      },
    },
  },
];

/** The source row of an edition's file for one flow (the rows cite it; see reference/sources.csv). */
export function sourceId(edition: EditionSpec, flow: Flow): string {
  return `${edition.id}-${flow}`;
}

/** DataWeb country names → ISO3 (every code is a row of data/countries.csv). */
export const PARTNERS: Readonly<Record<string, string>> = {
  Australia: 'AUS',
  Brazil: 'BRA',
  Canada: 'CAN',
  Chile: 'CHL',
  China: 'CHN',
  'Democratic Republic of the Congo': 'COD',
  Estonia: 'EST',
  France: 'FRA',
  Germany: 'DEU',
  'Hong Kong': 'HKG',
  India: 'IND',
  Japan: 'JPN',
  Malaysia: 'MYS',
  'Myanmar (Burma)': 'MMR',
  Russia: 'RUS',
  'South Africa': 'ZAF',
  'South Korea': 'KOR',
  Vietnam: 'VNM',
};

/**
 * DataWeb units of quantity → our unit ids. `measured: false` is a line for which Census collects no quantity: its
 * quantity is empty, never 0. Different units are never added together.
 */
export const UNITS: Readonly<Record<string, { id: string; measured: boolean }>> = {
  kilograms: { id: 'kg', measured: true },
  grams: { id: 'g', measured: true },
  'metric tons': { id: 't', measured: true },
  number: { id: 'number', measured: true },
  'component kilograms': { id: 'component_kg', measured: true },
  'component grams': { id: 'component_g', measured: true },
  'component tons': { id: 'component_t', measured: true },
  'gold content grams': { id: 'gold_content_g', measured: true },
  'no units collected': { id: 'none', measured: false },
};

/** In value sheets the unit column reads "Value for: kilograms": the value of the lines counted in that unit. */
export const VALUE_UNIT_PREFIX = 'Value for: ';

export type Measure = 'value' | 'first' | 'second';

export interface FlowLayout {
  /** Row 1 starts with it, Query Parameters' "Trade Flow" says it. */
  title: string;
  /** Value sheet name and its "Data Type" cells: customs value (imports) or FAS value (exports), in U.S. dollars. */
  valueName: string;
}

export const FLOW_LAYOUTS: Record<Flow, FlowLayout> = {
  imports: { title: 'Imports For Consumption', valueName: 'Customs Value' },
  exports: { title: 'Domestic Exports', valueName: 'FAS Value' },
};

export const QUERY_SHEET = 'Query Parameters';
export const QUERY_FLOW_LABEL = 'Trade Flow';
export const QUERY_DOWNLOAD_LABEL = 'Download Date';

/** "Data Type" cells (and sheet names) of the quantity sheets. */
export const QUANTITY_NAMES: Record<Exclude<Measure, 'value'>, string> = {
  first: 'First Unit of Quantity',
  second: 'Second Unit of Quantity',
};

/** Row 1 of a data sheet: the flow's title, this, then the edition's months ("Jan - Apr"). */
export const TITLE_MONTHS_PREFIX = '|Annual + Year-To-Date Data from ';
export const YTD_SHEET_SUFFIX = ' YTD';
export const YTD_COLUMN_SUFFIX = '_Year_to_date';
export const SUPPRESSED_COLUMN_SUFFIX = '_Suppressed';
export const TOTAL_LABEL = 'Total:';
export const ROW_COUNT_LABEL = 'Data Row Count';
export const FIXED_COLUMNS = ['Data Type', 'Country', 'HTS Number', 'Description', 'Quantity Description'] as const;

/** Spreadsheet rows: 1 title, 2 data row count, 3 header, data from 4. */
export const TITLE_ROW = 1;
export const COUNT_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
