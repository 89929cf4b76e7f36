/**
 * The kept DataWeb files (data/raw/usitc-dataweb/) through the importer: figures pinned from the files, and the
 * committed CSVs reproduced byte for byte.
 *
 * Every pinned figure was read by hand, without this importer or its reader: the .xlsx unzipped and the cell read
 * from the sheet's XML with grep (e.g. `grep -o '<c r="AL120"[^>]*><v>[^<]*</v>' xl/worksheets/sheet5.xml`), the row
 * found by its Country / HTS Number / Quantity Description cells and the column by the header on row 3. Imports:
 * sheet2 Customs Value, sheet3 its YTD, sheet4 First Unit of Quantity, sheet5 its YTD, sheet6 Second Unit of
 * Quantity. Exports: sheet2 First Unit of Quantity, sheet4 FAS Value. Columns: AJ 2023, AK 2024, AL 2025, AM 2026
 * (or 2025/2026_Year_to_date in a YTD sheet), AF 2019, F 1993; BN 2019_Suppressed, AN 1993_Suppressed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueTable } from '../../../src/db/catalogue.js';
import { IMPORTERS, renderTable } from '../../../src/importers/pipeline.js';
import {
  REPOSITORY_ROOT,
  usitcDataweb,
  type KeptImport,
  type TradeFlowRow,
  type TradeQuantityRow,
} from '../../../src/importers/usitc-dataweb/index.js';
import { inputBefore } from '../pipeline-helpers.js';
import { keptImport } from './kept.js';

let kept: KeptImport;
beforeAll(async () => {
  kept = await keptImport();
}, 60_000);

type Where = { flow?: 'imports' | 'exports'; hts: string; partner: string; year: number; period?: string };

function flowRow({ flow = 'imports', hts, partner, year, period = 'year' }: Where): TradeFlowRow {
  const hits = kept.flows.filter(
    (row) => row.flow === flow && row.hts === hts && row.partner === partner && row.year === year && row.period === period,
  );
  expect(hits, `${flow} ${hts} ${partner} ${year} ${period}`).toHaveLength(1);
  return hits[0] as TradeFlowRow;
}

const value = (where: Where): number | null => flowRow(where).valueUsd;

function quantity(where: Where & { measure?: 'first' | 'second'; unit?: string }): TradeQuantityRow {
  const { flow = 'imports', hts, partner, year, period = 'year', measure = 'first', unit = 'kg' } = where;
  const hits = kept.quantities.filter(
    (row) =>
      row.flow === flow &&
      row.hts === hts &&
      row.partner === partner &&
      row.year === year &&
      row.period === period &&
      row.measure === measure &&
      row.unit === unit,
  );
  expect(hits, JSON.stringify(where)).toHaveLength(1);
  return hits[0] as TradeQuantityRow;
}

const kg = (where: Where): number | null => quantity(where).quantity;

describe('figures pinned from the kept DataWeb files (read by hand from the sheet XML)', () => {
  it('antimony (8110) imports from China, kg: 2023, 2024, 2025 and January–April 2025 against 2026 (issue 24)', () => {
    expect(kg({ hts: '8110', partner: 'CHN', year: 2023 })).toBe(800315); // sheet4 AJ126
    expect(kg({ hts: '8110', partner: 'CHN', year: 2024 })).toBe(493633); // sheet4 AK126
    expect(kg({ hts: '8110', partner: 'CHN', year: 2025 })).toBe(258837); // sheet4 AL126
    expect(kg({ hts: '8110', partner: 'CHN', year: 2025, period: 'jan-apr' })).toBe(151996); // sheet5 AL120
    expect(kg({ hts: '8110', partner: 'CHN', year: 2026, period: 'jan-apr' })).toBe(666); // sheet5 AM120
  });

  it('antimony (8110) imports from China, customs value USD', () => {
    expect(value({ hts: '8110', partner: 'CHN', year: 2024 })).toBe(10548234); // sheet2 AK126
    expect(value({ hts: '8110', partner: 'CHN', year: 2025 })).toBe(3523948); // sheet2 AL126
    expect(value({ hts: '8110', partner: 'CHN', year: 2025, period: 'jan-apr' })).toBe(3340452); // sheet3 AL120
    expect(value({ hts: '8110', partner: 'CHN', year: 2026, period: 'jan-apr' })).toBe(316425); // sheet3 AM120
  });

  it('rare-earth compounds (2846) imports from China, kg', () => {
    expect(kg({ hts: '2846', partner: 'CHN', year: 2024 })).toBe(10240357); // sheet4 AK131
    expect(kg({ hts: '2846', partner: 'CHN', year: 2025 })).toBe(12047397); // sheet4 AL131
    expect(kg({ hts: '2846', partner: 'CHN', year: 2025, period: 'jan-apr' })).toBe(5314236); // sheet5 AL132
    expect(kg({ hts: '2846', partner: 'CHN', year: 2026, period: 'jan-apr' })).toBe(4301236); // sheet5 AM132
  });

  it('magnets (8505) from China, 2025: the value is the sum over the units; each quantity stays in its unit', () => {
    // sheet2 AL116 "Value for: number" 344,128,552 + AL118 "Value for: kilograms" 74,061,130 + AL117 "no units collected" 0
    expect(value({ hts: '8505', partner: 'CHN', year: 2025 })).toBe(344128552 + 74061130);
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2025, unit: 'number' })).toMatchObject({
      quantity: 728097842,
      valueUsd: 344128552,
    }); // sheet4 AL116
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2025, unit: 'kg' })).toMatchObject({ quantity: 4776174, valueUsd: 74061130 }); // sheet4 AL118
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2025, unit: 'none' })).toMatchObject({ quantity: null, valueUsd: 0 }); // sheet4 AL117
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2025, measure: 'second', unit: 'kg' })).toMatchObject({
      quantity: 23232987,
      valueUsd: null,
    }); // sheet6 AL42
  });

  it('a heading other than magnets whose value is split over two units: copper ores (2603) from Canada, 2023', () => {
    // sheet2 AJ70 "Value for: component grams" 5,847,148 + AJ71 "Value for: component kilograms" 28,758,624
    expect(value({ hts: '2603', partner: 'CAN', year: 2023 })).toBe(34605772);
    expect(quantity({ hts: '2603', partner: 'CAN', year: 2023, unit: 'component_g' })).toMatchObject({
      quantity: 1575848,
      valueUsd: 5847148,
    }); // sheet4 AJ70
    expect(quantity({ hts: '2603', partner: 'CAN', year: 2023, unit: 'component_kg' })).toMatchObject({
      quantity: 3264761,
      valueUsd: 28758624,
    }); // sheet4 AJ71
  });

  it('exports: rare-earth compounds (2846) to China, FAS value and kg, 2024 and 2025', () => {
    expect(value({ flow: 'exports', hts: '2846', partner: 'CHN', year: 2024 })).toBe(190107998); // exports sheet4 AK133
    expect(value({ flow: 'exports', hts: '2846', partner: 'CHN', year: 2025 })).toBe(67809187); // exports sheet4 AL133
    expect(kg({ flow: 'exports', hts: '2846', partner: 'CHN', year: 2024 })).toBe(58636572); // exports sheet2 AK133
    expect(kg({ flow: 'exports', hts: '2846', partner: 'CHN', year: 2025 })).toBe(16800614); // exports sheet2 AL133
    expect(flowRow({ flow: 'exports', hts: '2846', partner: 'CHN', year: 2025 }).source).toBe('usitc-dataweb-2026-07-exports');
  });

  it('a recorded zero stays 0: antimony exports to China fell from 139,514 USD (45,148 kg) in 2024 to 0 in 2025', () => {
    expect(value({ flow: 'exports', hts: '8110', partner: 'CHN', year: 2024 })).toBe(139514); // exports sheet4 AK122
    expect(kg({ flow: 'exports', hts: '8110', partner: 'CHN', year: 2024 })).toBe(45148); // exports sheet2 AK122
    expect(value({ flow: 'exports', hts: '8110', partner: 'CHN', year: 2025 })).toBe(0); // exports sheet4 AL122
    expect(kg({ flow: 'exports', hts: '8110', partner: 'CHN', year: 2025 })).toBe(0); // exports sheet2 AL122
  });

  it('suppressed quantities: a partial figure is flagged, a fully withheld one is empty beside its value', () => {
    // imports sheet4 AF118 (China 8505 kilograms, 2019) 15,248,142 with BN118 (2019_Suppressed) 1; sheet2 AF118 102,668,713
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2019 })).toMatchObject({
      quantity: 15248142,
      suppressed: true,
      valueUsd: 102668713,
    });
    expect(quantity({ hts: '8505', partner: 'CHN', year: 2018 })).toMatchObject({ suppressed: false });
    // exports sheet2 F73 (Canada 8505 number, 1993) prints 0 with AN73 (1993_Suppressed) 229; sheet4 F73 21,051,802
    expect(quantity({ flow: 'exports', hts: '8505', partner: 'CAN', year: 1993, unit: 'number' })).toMatchObject({
      quantity: null,
      suppressed: true,
      valueUsd: 21051802,
    });
  });

  it('January–April of other partners: Myanmar antimony, Hong Kong 8112, Myanmar 2825 (a line only in the YTD sheets)', () => {
    expect(value({ hts: '8110', partner: 'MMR', year: 2026, period: 'jan-apr' })).toBe(2619902); // sheet3 AM309
    expect(kg({ hts: '8110', partner: 'MMR', year: 2026, period: 'jan-apr' })).toBe(111238); // sheet5 AM309
    expect(value({ hts: '8110', partner: 'MMR', year: 2025, period: 'jan-apr' })).toBe(0); // sheet3 AL309
    expect(value({ hts: '8112', partner: 'HKG', year: 2026, period: 'jan-apr' })).toBe(717982); // sheet3 AM229
    expect(kg({ hts: '8112', partner: 'HKG', year: 2026, period: 'jan-apr' })).toBe(1004); // sheet5 AM229
    expect(value({ hts: '2825', partner: 'MMR', year: 2026, period: 'jan-apr' })).toBe(2400); // sheet3 AM310
    expect(kg({ hts: '2825', partner: 'MMR', year: 2026, period: 'jan-apr' })).toBe(3200); // sheet5 AM310
    // no "Myanmar (Burma)" / 2825 row in sheet2 or sheet4 (grep -c → 0): no full-year rows at all
    expect(
      kept.flows.filter((row) => row.flow === 'imports' && row.partner === 'MMR' && row.hts === '2825' && row.period === 'year'),
    ).toEqual([]);
  });

  it('Hong Kong magnets (8505) 2025 and a second unit: South Africa manganese ore (2602) content', () => {
    expect(value({ hts: '8505', partner: 'HKG', year: 2025 })).toBe(219517 + 230045); // sheet2 AL224 + AL218 (+ AL214 = 0)
    expect(value({ hts: '2602', partner: 'ZAF', year: 2025 })).toBe(17189215); // sheet2 AL354
    expect(kg({ hts: '2602', partner: 'ZAF', year: 2025 })).toBe(104662699); // sheet4 AL354
    expect(quantity({ hts: '2602', partner: 'ZAF', year: 2025, measure: 'second', unit: 'component_kg' }).quantity).toBe(31854041); // sheet6 AL124
  });

  it('2026 is a January–April period only, never a full year, and full years stop at 2025', () => {
    const fullYears = new Set(kept.flows.filter((row) => row.period === 'year').map((row) => row.year));
    const partial = new Set(kept.flows.filter((row) => row.period === 'jan-apr').map((row) => row.year));
    expect([Math.min(...fullYears), Math.max(...fullYears)]).toEqual([1993, 2025]);
    expect([Math.min(...partial), Math.max(...partial)]).toEqual([1993, 2026]);
  });

  it('reports what it read from each file', () => {
    expect(
      kept.reports.map(({ file, flow, flows, quantities, suppressedQuantities, withheldQuantities, downloaded }) => ({
        file,
        flow,
        flows,
        quantities,
        suppressedQuantities,
        withheldQuantities,
        downloaded,
      })),
    ).toEqual([
      {
        file: 'us_imports_for_consumption_1993-2026.xlsx',
        flow: 'imports',
        flows: 23518,
        quantities: 36014,
        suppressedQuantities: 10,
        withheldQuantities: 0,
        downloaded: '2026-07-10T16:57:38.942Z',
      },
      {
        file: 'us_domestic_exports_1993-2026.xlsx',
        flow: 'exports',
        flows: 26331,
        quantities: 33969,
        suppressedQuantities: 54,
        withheldQuantities: 52,
        downloaded: '2026-07-10T18:23:15.039Z',
      },
    ]);
  });
});

describe('committed trade CSVs are what the pipeline importer makes of the kept files', () => {
  it('usitc-dataweb, run after the importers above it, reproduces data/hts_headings.csv, trade_flows.csv and trade_quantities.csv byte for byte (else `npm run data:build`)', async () => {
    const made = await usitcDataweb.run(await inputBefore(usitcDataweb, IMPORTERS));
    expect(Object.keys(made)).toEqual(['hts_headings.csv', 'trade_flows.csv', 'trade_quantities.csv']);
    for (const [file, rows = []] of Object.entries(made)) {
      const committed = readFileSync(path.join(REPOSITORY_ROOT, 'data', file), 'utf8');
      const imported = renderTable(catalogueTable(file), rows);
      if (committed !== imported) {
        const lines = committed.split('\n');
        const importedLines = imported.split('\n');
        const at = importedLines.findIndex((line, i) => line !== lines[i]);
        expect(lines[at], `${file} line ${at + 1} differs from the import`).toBe(importedLines[at]);
      }
      expect(committed === imported, `${file} differs from the import`).toBe(true);
    }
    expect(made['trade_flows.csv']).toHaveLength(kept.flows.length);
  }, 60_000);
});
