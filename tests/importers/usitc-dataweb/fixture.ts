/**
 * A tiny DataWeb workbook in the official layout (title, data row count, header on row 3, data from row 4, a total
 * row under the value sheets), for a small edition: years 2024–2026, full years to 2025, January–April to 2026.
 * Built as cells in memory; `writeFixtureXlsx` writes it as a real .xlsx (write-excel-file) so tests can also go
 * through the reader and check that error rows are the rows a spreadsheet shows.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import {
  parseHeadingMap,
  type Cell,
  type EditionSpec,
  type Flow,
  type Sheet,
  type Workbook,
} from '../../../src/importers/usitc-dataweb/index.js';

export const YEARS = [2024, 2025, 2026];

/** Figures per year column (2024, 2025, 2026); null is an empty cell. */
type Figures = (number | null)[];

interface LineSpec {
  country: string;
  hts: string;
  unit: string;
  value: { year: Figures; ytd: Figures };
  first: { year: Figures; ytd: Figures; suppressed?: { year?: number[]; ytd?: number[] } };
}

interface SecondSpec {
  country: string;
  hts: string;
  unit: string;
  year: Figures;
  ytd: Figures;
}

export const DESCRIPTIONS: Record<string, string> = {
  '2846': 'RARE-EARTH METAL COMPOUNDS, INORGANIC OR ORGANIC, OF YTTRIUM OR SCANDIUM OR OF MIXTURES OF THESE METALS',
  '8110': 'ANTIMONY AND ARTICLES THEREOF, INCLUDING WASTE AND SCRAP',
  '8505':
    'ELECTROMAGNETS; PERMANENT MAGNETS AND ARTICLES TO BE PERMANENT AFTER MAGNETIZATION; ELECTROMAGNETIC OR PERMANENT MAGNET CHUCKS, BRAKES ETC.; PARTS',
};

export const FIXTURE_HEADINGS = parseHeadingMap(
  [
    'hts,description,mineral,stage,proxy,note',
    `2846,"${DESCRIPTIONS['2846']}",rare-earths,refining,false,Rare-earth compounds.`,
    `8110,"${DESCRIPTIONS['8110']}",antimony,refining,false,Antimony metal.`,
    `8505,"${DESCRIPTIONS['8505']}",rare-earths,component,true,Magnets and more.`,
  ].join('\n'),
  'fixture-headings.csv',
);

/**
 * Lines as a table: country | heading | unit | value 2024 2025 2026 | January–April value | quantity | January–April
 * quantity | suppression flags of the full-year quantity ("-" is an empty cell).
 */
function lines(table: string): LineSpec[] {
  const figures = (text: string): Figures =>
    text
      .trim()
      .split(/\s+/)
      .map((cell) => (cell === '-' ? null : Number(cell)));
  return table
    .trim()
    .split('\n')
    .map((row) => {
      const [country = '', hts = '', unit = '', value = '', valueYtd = '', quantity = '', quantityYtd = '', flags] = row
        .split('|')
        .map((cell) => cell.trim());
      const suppressed = flags === undefined ? undefined : { year: figures(flags) as number[] };
      return {
        country,
        hts,
        unit,
        value: { year: figures(value), ytd: figures(valueYtd) },
        first: { year: figures(quantity), ytd: figures(quantityYtd), suppressed },
      };
    });
}

/**
 * The imports lines. China 8110 carries the antimony figures; China 8505 is split over three units and has
 * a second unit; Canada 8505 has a quantity Census withheld in 2025; Hong Kong 2846 has an empty value cell in 2025;
 * Myanmar 8110 has a line only in the January–April sheets. Full-year 2026 cells are 0, as DataWeb writes them.
 */
export const IMPORT_LINES = lines(`
China     | 8110 | kilograms          | 10548234 3523948 0    | 2089251 3340452 316425       | 493633 258837 0       | 176990 151996 666
China     | 8505 | number             | 415224516 344128552 0 | 130000000 140490767 120000000 | 804827477 728097842 0 | 250000000 312743399 200000000
China     | 8505 | kilograms          | 71690142 74061130 0   | 30000000 35984086 20000000   | 5212740 4776174 0     | 2000000 2029025 1500000
China     | 8505 | no units collected | 0 0 0                 | 0 0 0                        | 0 0 0                 | 0 0 0
Canada    | 8505 | number             | 2100 500 0            | 700 0 0                      | 40 0 0                | 12 0 0                        | 0 3 0
Hong Kong | 2846 | kilograms          | 0 - 0                 | 0 0 0                        | 0 - 0                 | 0 0 0
`);

export const IMPORT_YTD_ONLY = lines(`
Myanmar (Burma) | 8110 | kilograms | 0 0 0 | 0 0 2619902 | 0 0 0 | 0 0 111238
`);

export const IMPORT_SECONDS: SecondSpec[] = [
  { country: 'China', hts: '8505', unit: 'kilograms', year: [27115863, 23232987, 0], ytd: [9000000, 8399613, 7000000] },
];

const FIXED = ['Data Type', 'Country', 'HTS Number', 'Description', 'Quantity Description'];
const VALUE_NAMES: Record<Flow, string> = { imports: 'Customs Value', exports: 'FAS Value' };
const TITLES: Record<Flow, string> = { imports: 'Imports For Consumption', exports: 'Domestic Exports' };

function dataSheet(
  flow: Flow,
  name: string,
  dataType: string,
  ytd: boolean,
  rows: { country: string; hts: string; unit: string; figures: Figures; suppressed?: number[] }[],
  flagged: boolean,
): Sheet {
  const labels = YEARS.map((year) => (ytd ? `${year}_Year_to_date` : `${year}`));
  const header = [...FIXED, ...labels, ...(flagged ? labels.map((label) => `${label}_Suppressed`) : [])];
  const data: Cell[][] = rows.map((row) => [
    dataType,
    row.country,
    row.hts,
    DESCRIPTIONS[row.hts] ?? '',
    flagged ? row.unit : `Value for: ${row.unit}`,
    ...row.figures,
    ...(flagged ? YEARS.map((_, i) => row.suppressed?.[i] ?? 0) : []),
  ]);
  const totals: Cell[] = flagged
    ? []
    : [
        'Total:',
        null,
        null,
        null,
        null,
        ...YEARS.map((_, i) => rows.reduce((sum, row) => sum + (row.figures[i] ?? 0), 0).toLocaleString('en-US')),
      ];
  return {
    name: name + (ytd ? ' YTD' : ''),
    rows: [
      [`${TITLES[flow]}|Annual + Year-To-Date Data from Jan - Apr`],
      ['Data Row Count', rows.length],
      header,
      ...data,
      ...(flagged ? [] : [totals]),
    ],
  };
}

/** The sheets of a fixture workbook for one flow, in DataWeb's order. */
export function fixtureSheets(flow: Flow, lines = IMPORT_LINES, ytdOnly = IMPORT_YTD_ONLY, seconds = IMPORT_SECONDS): Sheet[] {
  const query: Sheet = {
    name: 'Query Parameters',
    rows: [
      ['Download Date', new Date('2026-07-10T16:57:38.942Z')],
      ['Step 1: Trade Flow and Classification System', null],
      ['Trade Flow', TITLES[flow]],
      ['Classification System', 'HTS Items'],
    ],
  };
  const sheets: Sheet[] = [query];
  for (const ytd of [false, true]) {
    const period = ytd ? 'ytd' : 'year';
    const all = ytd ? [...lines, ...ytdOnly] : lines;
    sheets.push(
      dataSheet(
        flow,
        VALUE_NAMES[flow],
        VALUE_NAMES[flow],
        ytd,
        all.map((line) => ({ ...line, figures: line.value[period] })),
        false,
      ),
    );
  }
  for (const ytd of [false, true]) {
    const period = ytd ? 'ytd' : 'year';
    const all = ytd ? [...lines, ...ytdOnly] : lines;
    const first = all.map((line) => ({ ...line, figures: line.first[period], suppressed: line.first.suppressed?.[period] }));
    sheets.push(dataSheet(flow, 'First Unit of Quantity', 'First Unit of Quantity', ytd, first, true));
  }
  for (const ytd of [false, true]) {
    const second = seconds.map((line) => ({ ...line, figures: ytd ? line.ytd : line.year }));
    sheets.push(dataSheet(flow, 'Second Unit of Quantity', 'Second Unit of Quantity', ytd, second, true));
  }
  return sheets;
}

export const FIXTURE_SHA256 = { imports: 'fixture-imports-sha256', exports: 'fixture-exports-sha256' };

export function fixtureEdition(sha256: Partial<Record<Flow, string>> = {}): EditionSpec {
  return {
    id: 'usitc-dataweb-fixture',
    family: 'usitc-dataweb',
    downloaded: '2026-07-10',
    firstYear: 2024,
    lastFullYear: 2025,
    partialYear: 2026,
    monthsTitle: 'Jan - Apr',
    partialPeriod: 'jan-apr',
    files: {
      imports: { file: 'imports.xlsx', sha256: sha256.imports ?? FIXTURE_SHA256.imports },
      exports: { file: 'exports.xlsx', sha256: sha256.exports ?? FIXTURE_SHA256.exports },
    },
  };
}

/** The in-memory imports workbook (a deep copy: tests may edit its cells). */
export function fixtureWorkbook(flow: Flow = 'imports', sheets = fixtureSheets(flow)): Workbook {
  return {
    file: `${flow}.xlsx`,
    sha256: FIXTURE_SHA256[flow],
    sheets: sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.map((row) => [...row]) })),
  };
}

export function sheetOf(workbook: Workbook, name: string): Sheet {
  const sheet = workbook.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Spreadsheet row number (1-based) of the first row whose cells start with `prefix`. */
export function rowOf(sheet: Sheet, ...prefix: Cell[]): number {
  const index = sheet.rows.findIndex((row) => prefix.every((cell, i) => row[i] === cell));
  if (index === -1) throw new Error(`no row ${JSON.stringify(prefix)} in ${sheet.name}`);
  return index + 1;
}

/** Write sheets as a real .xlsx; returns its path and sha256. */
export async function writeFixtureXlsx(dir: string, name: string, sheets: Sheet[]): Promise<{ file: string; sha256: string }> {
  const bytes = await writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      data: sheet.rows.map((row) =>
        row.map((cell) => (cell instanceof Date ? { value: cell, type: Date, format: 'yyyy-mm-dd hh:mm:ss' } : cell)),
      ),
    })),
  ).toBuffer();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
}
