/**
 * The importer's data against the rest of the dataset: the heading map (data/curated/hts_headings.csv), the partner
 * codes, and the editions and sources rows the trade rows cite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EDITIONS,
  FLOWS,
  HEADINGS_FILE,
  ImportError,
  PARTNERS,
  REPOSITORY_ROOT,
  parseHeadingMap,
  readHeadingMap,
  sourceId,
  type HeadingMap,
} from '../../../src/importers/usitc-dataweb/index.js';

type Row = Record<string, string>;
const readCsv = (relative: string): Row[] => parse(readFileSync(path.join(REPOSITORY_ROOT, relative), 'utf8'), { columns: true }) as Row[];

let headings: HeadingMap;
beforeAll(() => {
  headings = readHeadingMap();
});

/** hts → "mineral stage proxy" for every mapping row, e.g. "8110" → ["antimony refining own"]. */
function mapping(): Record<string, string[]> {
  return Object.fromEntries(
    [...headings].map(([hts, { rows }]) => [
      hts,
      rows.map((row) => (row.mineral === null ? '-' : `${row.mineral} ${row.stage} ${row.proxy ? 'proxy' : 'own'}`)),
    ]),
  );
}

describe('heading map (data/curated/hts_headings.csv)', () => {
  it('maps every one of the 25 headings of the DataWeb query, and nothing else', () => {
    // The query's own list (Query Parameters, "Commodity List", row 17 of both files).
    const queried =
      '8103, 8110, 2610, 8001, 2602, 2504, 7502, 7202, 2606, 7901, 2846, 2601, 2609, 8105, 8106, 8505, 2603, 2612, 8112, 2805, 2825, 8101, 2605, 2836, 2611';
    expect([...headings.keys()].sort()).toEqual(queried.split(', ').sort());
  });

  it('says which mineral and stage each heading stands for, and which are only proxies', () => {
    expect(mapping()).toEqual({
      '2504': ['graphite mining own'],
      '2601': ['-'],
      '2602': ['manganese mining own'],
      '2603': ['-'],
      '2605': ['cobalt mining own'],
      '2606': ['-'],
      '2609': ['-'],
      '2610': ['-'],
      '2611': ['tungsten mining own'],
      '2612': ['-'],
      '2805': ['rare-earths metal proxy'],
      '2825': ['antimony refining proxy', 'germanium refining proxy', 'lithium refining proxy'],
      '2836': ['lithium refining proxy'],
      '2846': ['rare-earths refining own'],
      '7202': ['manganese refining proxy'],
      '7502': ['nickel refining own'],
      '7901': ['-'],
      '8001': ['-'],
      '8101': ['tungsten metal own'],
      '8103': ['-'],
      '8105': ['cobalt refining own'],
      '8106': ['bismuth refining own'],
      '8110': ['antimony refining own'],
      '8112': ['gallium refining proxy', 'germanium refining proxy', 'indium refining proxy'],
      '8505': ['rare-earths component proxy'],
    });
  });

  it('names only minerals of data/minerals.csv and stages of data/stages.csv, and a stage the mineral has', () => {
    const minerals = new Set(readCsv('data/minerals.csv').map((row) => row.id));
    const stages = new Set(readCsv('data/stages.csv').map((row) => row.id));
    const mineralStages = new Set(readCsv('data/stage_names.csv').map((row) => `${row.mineral} ${row.stage}`));
    for (const { rows } of headings.values()) {
      for (const row of rows.filter((candidate) => candidate.mineral !== null)) {
        expect(minerals.has(row.mineral as string), row.mineral as string).toBe(true);
        expect(stages.has(row.stage as string), row.stage as string).toBe(true);
        expect(mineralStages.has(`${row.mineral} ${row.stage}`), `${row.hts} ${row.mineral} ${row.stage}`).toBe(true);
      }
    }
  });

  it('every proxy note says what else the heading holds', () => {
    for (const { rows } of headings.values()) {
      for (const row of rows.filter((candidate) => candidate.proxy)) expect(row.note, row.hts).toMatch(/^Proxy/);
    }
  });

  it('refuses a malformed map with file:line', () => {
    const header = 'hts,description,mineral,stage,proxy,note';
    const refusal = (text: string): string => {
      try {
        parseHeadingMap(text, 'map.csv');
      } catch (caught) {
        expect(caught).toBeInstanceOf(ImportError);
        return (caught as ImportError).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(`${header}\n8110,ANTIMONY,antimony,refining,yes,Antimony.`)).toBe('map.csv:2: proxy must be true or false, found "yes"');
    expect(refusal(`${header}\n8110,ANTIMONY,antimony,,false,Antimony.`)).toBe('map.csv:2: mineral and stage are both given or both empty');
    expect(refusal(`${header}\n8110,ANTIMONY,antimony,refining,false,A.\n8110,ANTIMONY,,,false,B.`)).toBe(
      "map.csv:3: heading 8110: a row without a mineral must be the heading's only row",
    );
    expect(refusal(`${header}\n811,ANTIMONY,antimony,refining,false,A.`)).toBe('map.csv:2: hts must be a 4-digit heading, found "811"');
    expect(refusal('hts,description,mineral\n8110,A,antimony')).toBe('map.csv:1: header must be hts,description,mineral,stage,proxy,note');
  });
});

describe('partners and reference rows', () => {
  it('every DataWeb partner maps to a country of data/countries.csv', () => {
    const countries = new Map(readCsv('data/countries.csv').map((row) => [row.iso3, row.name]));
    for (const iso3 of Object.values(PARTNERS)) expect(countries.has(iso3), iso3).toBe(true);
    expect(PARTNERS['Hong Kong']).toBe('HKG');
    expect(PARTNERS['Myanmar (Burma)']).toBe('MMR');
    expect(Object.keys(PARTNERS)).toHaveLength(18);
  });

  it('data/curated/editions.csv and sources.csv hold the edition and source rows every trade row cites', () => {
    const editions = readCsv('data/curated/editions.csv').filter((row) => row.family === 'usitc-dataweb');
    expect(editions.map((row) => `${row.id} ${row.family} ${row.published} ${row.data_years}`)).toEqual(
      EDITIONS.map((e) => `${e.id} ${e.family} ${e.downloaded} ${e.firstYear}-${e.partialYear}`),
    );
    const sources = new Set(readCsv('data/curated/sources.csv').map((row) => row.id));
    for (const id of EDITIONS.flatMap((edition) => FLOWS.map((flow) => sourceId(edition, flow)))) expect(sources.has(id), id).toBe(true);
    const cited = new Set(readCsv('data/trade_flows.csv').map((row) => `${row.edition} ${row.source}`));
    expect([...cited].sort()).toEqual([
      'usitc-dataweb-2026-07 usitc-dataweb-2026-07-exports',
      'usitc-dataweb-2026-07 usitc-dataweb-2026-07-imports',
    ]);
  });

  it('the editions table agrees with itself: full years end the year before the January–April year', () => {
    for (const edition of EDITIONS) expect(edition.lastFullYear).toBe(edition.partialYear - 1);
    expect(HEADINGS_FILE).toBe('data/curated/hts_headings.csv');
  });
});
