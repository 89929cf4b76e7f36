/**
 * Every refusal goes through a real .xlsx (written with write-excel-file, read with read-excel-file), so the row in
 * the message is the row a spreadsheet shows. A refused file yields no rows at all: the transform throws.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EDITIONS,
  HEADINGS_FILE,
  ImportError,
  RAW_DIR,
  REPOSITORY_ROOT,
  importKeptFiles,
  readWorkbookFile,
  transform,
  type Cell,
  type Sheet,
} from '../../../src/importers/usitc-dataweb/index.js';
import { DESCRIPTIONS, FIXTURE_HEADINGS, fixtureEdition, fixtureSheets, rowOf, writeFixtureXlsx } from './fixture.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'chokepoint-usitc-refusals-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sheet(sheets: Sheet[], name: string): Sheet {
  const found = sheets.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** Edit one cell (row 1-based, column 0-based) of a fixture sheet, checking that it changes something. */
function setCell(sheets: Sheet[], name: string, row: number, column: number, value: Cell): void {
  const cells = sheet(sheets, name).rows[row - 1] as Cell[];
  expect(cells[column]).not.toEqual(value);
  cells[column] = value;
}

/** Write the edited fixture, read it back, import it: the refusal's message, or a failure if it was accepted. */
async function refusal(sheets: Sheet[]): Promise<string> {
  const { file, sha256 } = await writeFixtureXlsx(dir, 'imports.xlsx', sheets);
  const workbook = await readWorkbookFile(file);
  try {
    transform(workbook, FIXTURE_HEADINGS, fixtureEdition({ imports: sha256 }));
  } catch (caught) {
    expect(caught).toBeInstanceOf(ImportError);
    return (caught as ImportError).message;
  }
  throw new Error('the edited workbook was accepted');
}

describe('usitc-dataweb importer refuses the whole file, naming file:sheet:row', () => {
  it('accepts the unedited fixture (so each refusal below is the edit)', async () => {
    const { file, sha256 } = await writeFixtureXlsx(dir, 'imports.xlsx', fixtureSheets('imports'));
    expect(transform(await readWorkbookFile(file), FIXTURE_HEADINGS, fixtureEdition({ imports: sha256 })).flows.length).toBeGreaterThan(0);
  });

  it('an unknown sheet', async () => {
    const sheets = fixtureSheets('imports');
    sheets.push({ name: 'Notes', rows: [['added by hand']] });
    expect(await refusal(sheets)).toMatch(/^imports\.xlsx:Notes: unknown sheet \(expected Query Parameters, Customs Value, /);
  });

  it('a missing sheet', async () => {
    const sheets = fixtureSheets('imports').filter((candidate) => candidate.name !== 'Second Unit of Quantity YTD');
    expect(await refusal(sheets)).toBe('imports.xlsx:Second Unit of Quantity YTD: sheet missing');
  });

  // One cell edited per refusal: [what, sheet, row (as a spreadsheet shows it), column (0 = A), new cell, the message].
  // Rows: 1 title, 2 data row count, 3 header; Customs Value 4 China 8110, 5–7 China 8505 (number, kilograms, no
  // units), 8 Canada 8505, 9 Hong Kong 2846, 10 the total row.
  const cellEdits: [string, string, number, number, Cell, string | RegExp][] = [
    [
      'an unknown header (another year than the edition says)',
      'First Unit of Quantity',
      3,
      6,
      '2025 (revised)',
      /^imports\.xlsx:First Unit of Quantity:3: unknown header "2025 \(revised\)" in column G, expected "2025" \(a download with other years/,
    ],
    [
      'an unknown unit',
      'First Unit of Quantity YTD',
      4,
      4,
      'pounds',
      'imports.xlsx:First Unit of Quantity YTD:4: unknown unit "pounds" (add it to UNITS in src/importers/usitc-dataweb/tables.ts)',
    ],
    [
      'an unknown unit in a value sheet ("Value for: …")',
      'Customs Value',
      5,
      4,
      'Value for: dozens',
      'imports.xlsx:Customs Value:5: unknown unit "dozens" (add it to UNITS in src/importers/usitc-dataweb/tables.ts)',
    ],
    [
      'an unknown partner',
      'Customs Value',
      9,
      1,
      'Macau',
      'imports.xlsx:Customs Value:9: unknown partner "Macau" (add it to PARTNERS in src/importers/usitc-dataweb/tables.ts)',
    ],
    [
      'an unknown heading',
      'Second Unit of Quantity',
      4,
      2,
      '8504',
      'imports.xlsx:Second Unit of Quantity:4: unknown heading "8504" (not in data/curated/hts_headings.csv)',
    ],
    [
      'a heading whose description is not the one the heading map knows',
      'Customs Value YTD',
      4,
      3,
      'ANTIMONY AND ARTICLES THEREOF',
      /^imports\.xlsx:Customs Value YTD:4: heading 8110 is described as "ANTIMONY AND ARTICLES THEREOF"; /,
    ],
    [
      'a non-numeric value',
      'Customs Value YTD',
      8,
      6,
      'n/a',
      'imports.xlsx:Customs Value YTD:8: column G "2025_Year_to_date": not a whole number ≥ 0: "n/a"',
    ],
    [
      'a fractional quantity',
      'First Unit of Quantity',
      4,
      5,
      1.5,
      'imports.xlsx:First Unit of Quantity:4: column F "2024": not a whole number ≥ 0: 1.5',
    ],
    [
      'a suppression flag that is not a number',
      'First Unit of Quantity',
      4,
      9,
      'yes',
      'imports.xlsx:First Unit of Quantity:4: column J "2025_Suppressed": not a whole number ≥ 0: "yes"',
    ],
    [
      // 2025: 3,523,948 + 344,128,552 + 74,061,130 + 0 + 500 (+ an empty cell) = 421,714,130; one dollar more on row 4
      'a figure that does not add up to the total row DataWeb printed',
      'Customs Value',
      4,
      6,
      3523949,
      'imports.xlsx:Customs Value:10: column G "2025": the total row says 421714130, the rows add up to 421714131',
    ],
    [
      'a data row count that is not the number of rows',
      'Second Unit of Quantity YTD',
      2,
      1,
      2,
      'imports.xlsx:Second Unit of Quantity YTD:2: "Data Row Count" says 2, the sheet has 1 data rows',
    ],
    [
      'a quantity on a line for which no units are collected',
      'First Unit of Quantity',
      7,
      6,
      12,
      'imports.xlsx:First Unit of Quantity:7: a quantity (12) on a "no units collected" line',
    ],
    [
      'a title for other months than the edition says',
      'Customs Value',
      1,
      0,
      'Imports For Consumption|Annual + Year-To-Date Data from Jan - May',
      /^imports\.xlsx:Customs Value:1: title "Imports For Consumption\|Annual \+ Year-To-Date Data from Jan - May", expected /,
    ],
    [
      'a file whose Query Parameters name another trade flow than its sha256 belongs to',
      'Query Parameters',
      3,
      1,
      'Domestic Exports',
      'imports.xlsx:Query Parameters:3: trade flow "Domestic Exports", but the sha256 is the edition\'s imports file ("Imports For Consumption")',
    ],
  ];

  it.each(cellEdits)('%s', async (_what, name, row, column, cell, message) => {
    const sheets = fixtureSheets('imports');
    setCell(sheets, name, row, column, cell);
    const refused = await refusal(sheets);
    if (typeof message === 'string') expect(refused).toBe(message);
    else expect(refused).toMatch(message);
  });

  it('the rows the table above edits are the rows named in its comment', () => {
    const sheets = fixtureSheets('imports');
    expect(rowOf(sheet(sheets, 'Customs Value'), 'Customs Value', 'China', '8110')).toBe(4);
    expect(rowOf(sheet(sheets, 'Customs Value'), 'Customs Value', 'Hong Kong')).toBe(9);
    expect(rowOf(sheet(sheets, 'Customs Value'), 'Total:')).toBe(10);
    expect(rowOf(sheet(sheets, 'Customs Value YTD'), 'Customs Value', 'Canada', '8505')).toBe(8);
    expect(
      rowOf(
        sheet(sheets, 'First Unit of Quantity'),
        'First Unit of Quantity',
        'China',
        '8505',
        DESCRIPTIONS['8505'] as string,
        'no units collected',
      ),
    ).toBe(7);
  });

  it('a value line without its first-unit quantity line', async () => {
    const sheets = fixtureSheets('imports');
    const first = sheet(sheets, 'First Unit of Quantity');
    first.rows.splice(rowOf(first, 'First Unit of Quantity', 'Hong Kong') - 1, 1);
    setCell(sheets, 'First Unit of Quantity', 2, 1, 5);
    expect(await refusal(sheets)).toBe('imports.xlsx:Customs Value:9: no "First Unit of Quantity" row for HKG 2846 "kilograms"');
  });

  it('the same heading, partner and unit twice', async () => {
    const sheets = fixtureSheets('imports');
    const second = sheet(sheets, 'Second Unit of Quantity');
    second.rows.push([...(second.rows[3] as Cell[])]);
    setCell(sheets, 'Second Unit of Quantity', 2, 1, 2);
    expect(await refusal(sheets)).toBe('imports.xlsx:Second Unit of Quantity:5: second row for CHN 8505 "kilograms" (first on row 4)');
  });

  it('a quantity on a line for which no units are collected', async () => {
    const sheets = fixtureSheets('imports');
    setCell(sheets, 'First Unit of Quantity', 7, 6, 12);
    expect(await refusal(sheets)).toBe('imports.xlsx:First Unit of Quantity:7: a quantity (12) on a "no units collected" line');
  });

  it('a title for other months than the edition says', async () => {
    const sheets = fixtureSheets('imports');
    setCell(sheets, 'Customs Value', 1, 0, 'Imports For Consumption|Annual + Year-To-Date Data from Jan - May');
    expect(await refusal(sheets)).toMatch(
      /^imports\.xlsx:Customs Value:1: title "Imports For Consumption\|Annual \+ Year-To-Date Data from Jan - May", expected /,
    );
  });

  it('a file whose Query Parameters name another trade flow than its sha256 belongs to', async () => {
    const sheets = fixtureSheets('imports');
    setCell(sheets, 'Query Parameters', 3, 1, 'Domestic Exports');
    expect(await refusal(sheets)).toBe(
      'imports.xlsx:Query Parameters:3: trade flow "Domestic Exports", but the sha256 is the edition\'s imports file ("Imports For Consumption")',
    );
  });

  it('a file that is not an .xlsx workbook', async () => {
    const file = path.join(dir, 'not-a-workbook.xlsx');
    writeFileSync(file, 'reporter,flow\nUSA,imports\n');
    await expect(readWorkbookFile(file)).rejects.toThrow(/^not-a-workbook\.xlsx: not a readable \.xlsx workbook: /);
  });

  it('a file that is not the kept file of the edition (sha256), even when it is laid out right', async () => {
    const root = path.join(dir, 'repository');
    mkdirSync(path.join(root, RAW_DIR), { recursive: true });
    mkdirSync(path.dirname(path.join(root, HEADINGS_FILE)), { recursive: true });
    copyFileSync(path.join(REPOSITORY_ROOT, HEADINGS_FILE), path.join(root, HEADINGS_FILE));
    const kept = EDITIONS[0]?.files.imports.file as string;
    const { sha256 } = await writeFixtureXlsx(path.join(root, RAW_DIR), kept, fixtureSheets('imports'));
    await expect(importKeptFiles(root)).rejects.toThrow(
      `${kept}: sha256 ${sha256} is not a kept file of edition usitc-dataweb-2026-07 (us_imports_for_consumption_1993-2026.xlsx fb453f549a3a9923b474a7b1fc4833b98319eef110e00920d79fb63b558d9b45, `,
    );
  });
});
