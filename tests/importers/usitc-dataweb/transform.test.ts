import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTable } from '../../../src/db/catalogue.js';
import { renderTable } from '../../../src/importers/pipeline.js';
import {
  csvRows,
  readWorkbookFile,
  transform,
  type TradeFlowRow,
  type TradeImport,
  type TradeQuantityRow,
} from '../../../src/importers/usitc-dataweb/index.js';
import { FIXTURE_HEADINGS, fixtureEdition, fixtureSheets, fixtureWorkbook, writeFixtureXlsx } from './fixture.js';

const EDITION = fixtureEdition();

/** Rows as the pipeline writes them (the one CSV writer, the catalogue's columns and key order). */
const renderFlowsCsv = (rows: readonly TradeFlowRow[]): string =>
  renderTable(catalogueTable('trade_flows.csv'), csvRows('trade_flows.csv', rows));
const renderQuantitiesCsv = (rows: readonly TradeQuantityRow[]): string =>
  renderTable(catalogueTable('trade_quantities.csv'), csvRows('trade_quantities.csv', rows));
let result: TradeImport;

beforeAll(() => {
  result = transform(fixtureWorkbook(), FIXTURE_HEADINGS, EDITION);
});

function flow(partner: string, hts: string, year: number, period: string): TradeFlowRow {
  const hits = result.flows.filter((row) => row.partner === partner && row.hts === hts && row.year === year && row.period === period);
  expect(hits).toHaveLength(1);
  return hits[0] as TradeFlowRow;
}

function quantities(
  partner: string,
  hts: string,
  year: number,
  period: string,
): Omit<TradeQuantityRow, 'reporter' | 'flow' | 'hts' | 'partner' | 'year' | 'period' | 'edition'>[] {
  return result.quantities
    .filter((row) => row.partner === partner && row.hts === hts && row.year === year && row.period === period)
    .map(({ measure, unit, quantity, suppressed, valueUsd }) => ({ measure, unit, quantity, suppressed, valueUsd }));
}

describe('usitc-dataweb transform on a small official-layout workbook', () => {
  it('keys a flow by heading, ISO3 partner, year and period, citing the edition and the flow file as source', () => {
    expect(flow('CHN', '8110', 2025, 'year')).toEqual({
      reporter: 'USA',
      flow: 'imports',
      hts: '8110',
      partner: 'CHN',
      year: 2025,
      period: 'year',
      valueUsd: 3523948,
      edition: 'usitc-dataweb-fixture',
      source: 'usitc-dataweb-fixture-imports',
    });
    expect(quantities('CHN', '8110', 2026, 'jan-apr')).toEqual([
      { measure: 'first', unit: 'kg', quantity: 666, suppressed: false, valueUsd: 316425 },
    ]);
  });

  it('sums the value over the lines of every unit, and keeps each unit apart (first-unit kg and second-unit kg too)', () => {
    expect(flow('CHN', '8505', 2025, 'year').valueUsd).toBe(344128552 + 74061130 + 0);
    expect(quantities('CHN', '8505', 2025, 'year')).toEqual([
      { measure: 'first', unit: 'number', quantity: 728097842, suppressed: false, valueUsd: 344128552 },
      { measure: 'first', unit: 'kg', quantity: 4776174, suppressed: false, valueUsd: 74061130 },
      { measure: 'first', unit: 'none', quantity: null, suppressed: false, valueUsd: 0 },
      { measure: 'second', unit: 'kg', quantity: 23232987, suppressed: false, valueUsd: null },
    ]);
  });

  it('writes full years to the last complete one only: the partial year is January–April, never a year', () => {
    expect(result.flows.filter((row) => row.period === 'year').map((row) => row.year)).not.toContain(2026);
    expect(result.quantities.filter((row) => row.period === 'year').map((row) => row.year)).not.toContain(2026);
    expect(flow('CHN', '8110', 2026, 'jan-apr').valueUsd).toBe(316425);
    expect(result.report.skipped).toEqual([
      'column "2026" of the full-year sheets: 2026 is not a full year in this edition (0 non-zero cells in it)',
    ]);
  });

  it('keeps a recorded 0 as 0 and an empty cell as empty (missing is not zero)', () => {
    expect(flow('HKG', '2846', 2024, 'year').valueUsd).toBe(0);
    expect(flow('HKG', '2846', 2025, 'year').valueUsd).toBeNull();
    expect(quantities('HKG', '2846', 2025, 'year')).toEqual([
      { measure: 'first', unit: 'kg', quantity: null, suppressed: false, valueUsd: null },
    ]);
    expect(result.report.zeroValueFlows).toBe(result.flows.filter((row) => row.valueUsd === 0).length);
  });

  it('flags a suppressed quantity, and writes it empty when Census withheld all of it (printed 0 beside a value)', () => {
    expect(flow('CAN', '8505', 2025, 'year').valueUsd).toBe(500);
    expect(quantities('CAN', '8505', 2025, 'year')).toEqual([
      { measure: 'first', unit: 'number', quantity: null, suppressed: true, valueUsd: 500 },
    ]);
    expect(quantities('CAN', '8505', 2024, 'year')).toEqual([
      { measure: 'first', unit: 'number', quantity: 40, suppressed: false, valueUsd: 2100 },
    ]);
    expect(result.report).toMatchObject({ suppressedQuantities: 1, withheldQuantities: 1 });
  });

  it('a line only in the January–April sheets gives January–April rows only', () => {
    expect(result.flows.filter((row) => row.partner === 'MMR').map((row) => `${row.year} ${row.period} ${row.valueUsd}`)).toEqual([
      '2024 jan-apr 0',
      '2025 jan-apr 0',
      '2026 jan-apr 2619902',
    ]);
  });

  it('reports what it read', () => {
    expect(result.report).toMatchObject({
      file: 'imports.xlsx',
      flow: 'imports',
      edition: 'usitc-dataweb-fixture',
      downloaded: '2026-07-10T16:57:38.942Z',
      flows: 4 * 2 + 4 * 3 + 3,
      sheets: [
        { sheet: 'Customs Value', lines: 6 },
        { sheet: 'Customs Value YTD', lines: 7 },
        { sheet: 'First Unit of Quantity', lines: 6 },
        { sheet: 'First Unit of Quantity YTD', lines: 7 },
        { sheet: 'Second Unit of Quantity', lines: 1 },
        { sheet: 'Second Unit of Quantity YTD', lines: 1 },
      ],
    });
  });

  it('every flow value is the sum of its first-unit line values', () => {
    for (const row of result.flows) {
      const lines = result.quantities.filter(
        (q) => q.measure === 'first' && q.partner === row.partner && q.hts === row.hts && q.year === row.year && q.period === row.period,
      );
      const values = lines.map((q) => q.valueUsd);
      expect(row.valueUsd).toBe(values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0));
    }
  });
});

describe('usitc-dataweb CSV writer', () => {
  it('writes a header, LF line ends, empty cells for no value, rows in key order whatever order they come in', () => {
    const flows = renderFlowsCsv([...result.flows].reverse());
    expect(flows).toBe(renderFlowsCsv(result.flows));
    const lines = flows.split('\n');
    expect(lines[0]).toBe('reporter,flow,hts,partner,year,period,value_usd,edition,source');
    expect(lines).toContain('USA,imports,2846,HKG,2025,year,,usitc-dataweb-fixture,usitc-dataweb-fixture-imports');
    expect(lines.indexOf('USA,imports,8110,CHN,2025,jan-apr,3340452,usitc-dataweb-fixture,usitc-dataweb-fixture-imports')).toBe(
      lines.indexOf('USA,imports,8110,CHN,2025,year,3523948,usitc-dataweb-fixture,usitc-dataweb-fixture-imports') - 1,
    );
    expect(flows.endsWith('\n')).toBe(true);
    expect(flows).not.toContain('\r');

    const quantityLines = renderQuantitiesCsv(result.quantities).split('\n');
    expect(quantityLines[0]).toBe('reporter,flow,hts,partner,year,period,measure,unit,quantity,suppressed,value_usd,edition');
    expect(quantityLines.filter((line) => line.startsWith('USA,imports,8505,CHN,2025,year,'))).toEqual([
      'USA,imports,8505,CHN,2025,year,first,kg,4776174,false,74061130,usitc-dataweb-fixture',
      'USA,imports,8505,CHN,2025,year,first,none,,false,0,usitc-dataweb-fixture',
      'USA,imports,8505,CHN,2025,year,first,number,728097842,false,344128552,usitc-dataweb-fixture',
      'USA,imports,8505,CHN,2025,year,second,kg,23232987,false,,usitc-dataweb-fixture',
    ]);
    expect(quantityLines).toContain('USA,imports,8505,CAN,2025,year,first,number,,true,500,usitc-dataweb-fixture');
  });
});

describe('usitc-dataweb reader: the same workbook written as .xlsx reads back to the same rows', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'chokepoint-usitc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('read-excel-file yields the cells the transform expects (numbers, text, the download date, empty cells)', async () => {
    const { file, sha256 } = await writeFixtureXlsx(dir, 'imports.xlsx', fixtureSheets('imports'));
    const workbook = await readWorkbookFile(file);
    expect(workbook).toMatchObject({ file: 'imports.xlsx', sha256 });
    const fromFile = transform(workbook, FIXTURE_HEADINGS, fixtureEdition({ imports: sha256 }));
    expect(renderFlowsCsv(fromFile.flows)).toBe(renderFlowsCsv(result.flows));
    expect(renderQuantitiesCsv(fromFile.quantities)).toBe(renderQuantitiesCsv(result.quantities));
    expect(fromFile.report.downloaded).toMatch(/^2026-07-10T16:57:3[89]/);
  });
});
