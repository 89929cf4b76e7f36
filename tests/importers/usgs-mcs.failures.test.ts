import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, transform } from '../../src/importers/usgs-mcs/index.js';
import { ERRATA } from '../../src/importers/usgs-mcs/errata.js';
import { SMALL, copyFixtureDataDir, hashes, lineOf, removeDir, runCli, smallBytesText, tempDir, writeVariant } from './helpers.js';

let work: string;
let dataDir: string;
let before: Record<string, string>;

beforeAll(() => {
  work = tempDir();
  dataDir = copyFixtureDataDir();
  before = hashes(dataDir);
});

afterAll(() => {
  removeDir(work);
  removeDir(dataDir);
});

/** Run the CLI on an edited fixture: refused with exit code 1, the message names file:line, data/ untouched. */
function expectRefused(name: string, edit: (text: string) => string, line: number | null, found: string): void {
  const file = writeVariant(work, name, edit);
  const { code, out, err } = runCli(['usgs-mcs', file, '--data-dir', dataDir]);
  expect(code).toBe(1);
  expect(out).toBe('');
  expect(err).toContain(line === null ? `${file}: ` : `${file}:${line}: `);
  expect(err).toContain(found);
  expect(err).toContain('nothing written');
  expect(hashes(dataDir)).toEqual(before);
}

describe('usgs-mcs importer refuses a file that does not match its tables, and writes nothing', () => {
  const text = smallBytesText();

  it('an unmapped country name (line numbers are physical lines, after a quoted note with a line break)', () => {
    const needle = 'World Mine Production and Reserves,Antimony,Burma,Production';
    const line = lineOf(text, needle);
    // a quoted note with a line break comes first, so record number + 1 would be one less than the physical line
    expect(text.indexOf('"Gross weight.\r\nSecond footnote line."')).toBeGreaterThan(0);
    expect(text.indexOf('"Gross weight.\r\nSecond footnote line."')).toBeLessThan(text.indexOf(needle));
    expectRefused('country.csv', (t) => t.replace(needle, needle.replace('Burma', 'Birma')), line, 'unmapped country name "Birma"');
  });

  it('an unknown unit', () => {
    const needle = 'GALLIUM,World Low-Purity Production and Production Capacity,Gallium,China,Production,Primary production,kilograms';
    expectRefused(
      'unit.csv',
      (t) => t.replace(needle, `${needle.slice(0, -'kilograms'.length)}grams`),
      lineOf(text, needle),
      'unknown unit "grams"',
    );
  });

  it('an unparseable value', () => {
    const needle = 'Antimony,China,Production,Mine production,metric tons,2024,"40,000"';
    expectRefused(
      'value.csv',
      (t) => t.replace(needle, needle.replace('"40,000"', '"40.000,5"')),
      lineOf(text, needle),
      'unparseable value "40.000,5"',
    );
  });

  it('a changed header', () => {
    expectRefused('header.csv', (t) => t.replace('Statistics_detail', 'Statistics detail'), 1, 'header changed');
  });

  it('an unknown (section, detail) inside an in-scope chapter', () => {
    const needle = 'Antimony,World total,Production,Mine production: rounded,';
    expectRefused(
      'series.csv',
      (t) => t.replace(needle, needle.replace('rounded', 'rounded total')),
      lineOf(text, needle),
      'unknown series in chapter "ANTIMONY"',
    );
  });

  it('a row with a missing field', () => {
    const needle = 'Antimony,Bolivia,Reserves,Reserves,metric tons,2025,';
    expectRefused(
      'fields.csv',
      (t) => t.replace(needle, needle.replace('metric tons,', '')),
      lineOf(text, needle),
      'expected 12 fields, found 11',
    );
  });

  it('an erratum that does not find its row stops the import', () => {
    const needle = 'Rare Earths,Brazil,Reserves,Reserves,metric tons,2025,"21,000,000"';
    expectRefused(
      'erratum.csv',
      (t) => t.replace(needle, needle.replace('21,000,000', '22,000,000')),
      lineOf(text, needle),
      'erratum RARE EARTHS',
    );
    expect(ERRATA.some((e) => e.country === 'Brazil' && e.to === '11,000,000')).toBe(true);
  });

  it('a data/ file that is not in the editions-contract format', () => {
    const oldFormat = copyFixtureDataDir();
    try {
      writeFileSync(
        path.join(oldFormat, 'reserves.csv'),
        'mineral,country,year,tonnes,basis,source,lower_bound\nantimony,AUS,2024,140000,contained antimony,usgs-mcs-2025-antimony,false\n',
      );
      const snapshot = hashes(oldFormat);
      const { code, err } = runCli(['usgs-mcs', SMALL, '--data-dir', oldFormat]);
      expect(code).toBe(1);
      expect(err).toMatch(/reserves\.csv:1: header .* does not match the editions contract/);
      expect(hashes(oldFormat)).toEqual(snapshot);
    } finally {
      removeDir(oldFormat);
    }
  });

  it('the transform throws an ImportError naming file:line', () => {
    const bytes = Buffer.from(text.replace(',Burma,', ',Birma,'), 'latin1');
    expect(() => transform(bytes, 'x.csv')).toThrow(ImportError);
    expect(() => transform(bytes, 'x.csv')).toThrow(/^x\.csv:\d+: unmapped country name "Birma"/);
  });

  it('the command exits non-zero (real process)', () => {
    const file = writeVariant(work, 'process.csv', (t) => t.replace(',Burma,', ',Birma,'));
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['scripts/import-data.ts', 'usgs-mcs', file, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/process\.csv:\d+: unmapped country name "Birma"/);
    expect(hashes(dataDir)).toEqual(before);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
