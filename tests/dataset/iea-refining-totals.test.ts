/**
 * IEA refining series add up: for every IEA edition, every year and every projection scenario, the named countries
 * plus "other" never exceed the world total by more than rounding. Read straight from data/*.csv (independent of src/).
 *
 * The 2024 nickel split of the data explorer (iea-cmde-2025) had its Canada row inside "rest of world" as well:
 *   named   IDN 1,493,200 + CHN 1,091,077 + RUS 126,000 + CAN 113,100 + AUS 80,000 + FIN 62,000 = 2,965,377 t
 *   printed OTH 631,420 t → named + OTH = 3,596,797 t = 103.25 % of the world 3,483,697 t
 *   derived OTH = 3,483,697 − 2,965,377 = 518,320 t (the printed one less exactly the Canada row, 631,420 − 113,100)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { KT_ROUNDING_TONNES, repairCmdeNickel } from '../../src/importers/iea/index.js';
import { DATA_DIR } from '../helpers/dataset.js';

type Row = Record<string, string>;
const read = (file: string, dir = DATA_DIR) =>
  parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

const ieaEditions = new Set(
  read('editions.csv')
    .filter((row) => row.family === 'iea-supply')
    .map((row) => row.id),
);
const ieaRefining = (rows: Row[]) => rows.filter((row) => ieaEditions.has(row.edition!) && row.stage === 'refining');

/** Per series: world, named countries, other (tonnes). */
function totals(rows: Row[]) {
  const series = new Map<string, { world: number | null; named: number; other: number }>();
  for (const row of rows) {
    const key = [row.mineral, row.stage, row.basis, row.year, row.edition, row.scenario ?? 'observed'].join('/');
    const entry = series.get(key) ?? { world: null, named: 0, other: 0 };
    const tonnes = Number(row.tonnes);
    if (row.country === 'WLD') entry.world = tonnes;
    else if (row.country === 'OTH') entry.other += tonnes;
    else entry.named += tonnes;
    series.set(key, entry);
  }
  return series;
}

const observed = totals(ieaRefining(read('production.csv')));
const projected = totals(ieaRefining(read('projections.csv')));

describe('IEA refining: named countries + other ≤ world (+ rounding), every edition, year and scenario', () => {
  it('covers both IEA editions, the observed years 2021, 2024, 2025 and the projected 2030, 2040 for the five minerals', () => {
    expect([...ieaEditions].sort()).toEqual(['iea-cmde-2025', 'iea-gcmo-2026']);
    const keys = [...observed.keys()];
    for (const mineral of ['cobalt', 'graphite', 'lithium', 'nickel', 'rare-earths']) {
      for (const year of ['2021', '2024', '2025'])
        expect(
          keys.some((key) => key.startsWith(`${mineral}/`) && key.includes(`/${year}/`)),
          `${mineral} ${year}`,
        ).toBe(true);
      for (const year of ['2030', '2040']) {
        expect(
          [...projected.keys()].some((key) => key.startsWith(`${mineral}/`) && key.includes(`/${year}/`)),
          `${mineral} ${year}`,
        ).toBe(true);
      }
    }
    expect(observed.size).toBe(15); // 5 minerals × (2024 + 2021 + 2025)
    expect(projected.size).toBe(10); // 5 minerals × (2030 + 2040)
  });

  it.each([...observed, ...projected].map(([key, entry]) => ({ key, ...entry })))('$key', ({ world, named, other }) => {
    expect(world).not.toBeNull();
    // GCMO rows are whole kilotonnes: up to about 1 kt of rounding across a table (SOURCES §6 checked within 2 kt).
    expect(named + other).toBeLessThanOrEqual((world as number) + KT_ROUNDING_TONNES);
    expect(named).toBeLessThanOrEqual(world as number);
  });

  it('nickel 2024 (iea-cmde-2025): OTH is world − named = 518,320 t, so named + other = world exactly', () => {
    const rows = read('production.csv').filter((row) => row.mineral === 'nickel' && row.edition === 'iea-cmde-2025' && row.year === '2024');
    const tonnes = (iso3: string) => Number(rows.find((row) => row.country === iso3)?.tonnes);
    const named = ['IDN', 'CHN', 'RUS', 'CAN', 'AUS', 'FIN'].reduce((sum, iso3) => sum + tonnes(iso3), 0);
    expect(rows).toHaveLength(8);
    expect(named).toBe(2_965_377);
    expect(tonnes('WLD')).toBe(3_483_697);
    expect(tonnes('OTH')).toBe(518_320);
    expect(tonnes('OTH')).toBe(631_420 - 113_100);
    expect(observed.get('nickel/refining/ni-refined-iea/2024/iea-cmde-2025/observed')).toEqual({
      world: 3_483_697,
      named: 2_965_377,
      other: 518_320,
    });
  });
});

describe('repairCmdeNickel (src/importers/iea)', () => {
  const printed = (other: string, canada = '113100'): Row[] =>
    [
      ['IDN', '1493200'],
      ['CHN', '1091077'],
      ['RUS', '126000'],
      ['CAN', canada],
      ['AUS', '80000'],
      ['FIN', '62000'],
      ['OTH', other],
      ['WLD', '3483697'],
    ].map(([country, tonnes]) => ({
      mineral: 'nickel',
      stage: 'refining',
      basis: 'ni-refined-iea',
      edition: 'iea-cmde-2025',
      year: '2024',
      country: country!,
      tonnes: tonnes!,
    }));

  it('derives OTH = world − named when the excess is exactly the Canada row', () => {
    const rows = printed('631420');
    expect(repairCmdeNickel(rows)).toEqual({
      world: 3_483_697,
      named: 2_965_377,
      printedOther: 631_420,
      derivedOther: 518_320,
      excess: 113_100,
    });
    expect(rows.find((row) => row.country === 'OTH')?.tonnes).toBe('518320');
  });

  it('leaves an already repaired split as it is (a re-run)', () => {
    const rows = printed('518320');
    expect(repairCmdeNickel(rows).excess).toBe(0);
    expect(rows.find((row) => row.country === 'OTH')?.tonnes).toBe('518320');
  });

  it('refuses when the excess no longer matches the Canada row', () => {
    expect(() => repairCmdeNickel(printed('640000'))).toThrow(/not by the Canada row \(113100 t\)/);
    // A revised world total: the printed OTH is then no longer "true remainder + Canada".
    const revised = printed('631420');
    revised.find((row) => row.country === 'WLD')!.tonnes = '3500000';
    expect(() => repairCmdeNickel(revised)).toThrow(/double count no longer matches/);
    // A Canada revision alone keeps the structure (OTH still holds Canada): derived OTH = 3,483,697 − 2,952,277 = 531,420.
    const canada = printed('631420', '100000');
    expect(repairCmdeNickel(canada)).toMatchObject({ derivedOther: 531_420, excess: 100_000 });
  });
});
