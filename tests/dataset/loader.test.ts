import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type DatabaseHandle } from '../../src/db/client.js';
import { datasetMeta } from '../../src/db/schema.js';
import { DatasetError, readDataset, seedIfEmpty, storeDataset, type ParsedDataset } from '../../src/dataset/load.js';
import { TABLE_SPECS } from '../../src/dataset/tables.js';
import { buildTestApp } from '../helpers/app.js';
import {
  DATA_DIR,
  MIGRATIONS_DIR,
  addColumn,
  appendCopy,
  copyDataDir,
  csvRowCount,
  dropColumn,
  editRow,
  findRow,
  removeDir,
  renameColumn,
} from '../helpers/dataset.js';

const PRODUCTION = 'production.csv';
/** data/ holds every edition's figures: a row is found by its full key, edition included (MCS 2025 here). */
const EDITION = 'usgs-mcs-2025';
const CHN_ANTIMONY_2024 = { mineral: 'antimony', stage: 'mining', country: 'CHN', year: '2024', basis: 'sb-contained', edition: EDITION };
const WLD_ANTIMONY_2024 = { ...CHN_ANTIMONY_2024, country: 'WLD' };
const USA_LITHIUM_2024 = { mineral: 'lithium', stage: 'mining', country: 'USA', year: '2024', basis: 'li-contained', edition: EDITION };
const CHN_ANTIMONY_RESERVES_2024 = { mineral: 'antimony', country: 'CHN', year: '2024', edition: EDITION };

function emptyDatabase(): DatabaseHandle {
  const handle = openDatabase(':memory:');
  runMigrations(handle.db, MIGRATIONS_DIR);
  return handle;
}

function tableCounts(handle: DatabaseHandle): Record<string, number> {
  return Object.fromEntries(TABLE_SPECS.map((spec) => [spec.file, handle.db.select({ n: count() }).from(spec.table).get()?.n ?? -1]));
}

function metaOf(handle: DatabaseHandle): Record<string, string> {
  return Object.fromEntries(
    handle.db
      .select()
      .from(datasetMeta)
      .all()
      .map((row) => [row.key, row.value]),
  );
}

/** The DatasetError readDataset throws for `dir`; fails the test if it accepts the data. */
function refusalOf(dir: string): DatasetError {
  try {
    readDataset(dir);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error(`readDataset accepted the broken dataset in ${dir}`);
}

/** The error names the file, the line and the field, both in `issues` and in the message a user reads. */
function expectIssue(error: DatasetError, file: string, line: number, field: string, message: RegExp): void {
  expect(error.issues).toContainEqual({ file, line, field, message: expect.stringMatching(message) });
  expect(error.message).toContain(`data/${file} line ${line}, field "${field}"`);
}

const valid = readDataset(DATA_DIR);

describe('a valid dataset', () => {
  it('parses every file, one row per CSV record', () => {
    expect(valid.files.map((file) => file.spec.file)).toEqual(TABLE_SPECS.map((spec) => spec.file));
    for (const file of valid.files) {
      expect(file.rows.length, file.spec.file).toBe(csvRowCount(DATA_DIR, file.spec.file));
    }
    expect(valid.files.find((file) => file.spec.file === 'minerals.csv')?.rows).toHaveLength(15);
    expect(valid.files.find((file) => file.spec.file === 'stages.csv')?.rows).toHaveLength(4);
  });

  it('has a stable sha256 content hash that changes with the data', () => {
    expect(valid.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readDataset(DATA_DIR).contentHash).toBe(valid.contentHash);
    const dir = copyDataDir();
    try {
      editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '60001' });
      expect(readDataset(dir).contentHash).not.toBe(valid.contentHash);
    } finally {
      removeDir(dir);
    }
  });

  describe('stored in a database', () => {
    let handle: DatabaseHandle;
    beforeAll(() => {
      handle = emptyDatabase();
    });
    afterAll(() => handle.close());

    it('stores as many rows in each table as its CSV has records', () => {
      storeDataset(handle.db, valid);
      const counts = tableCounts(handle);
      for (const spec of TABLE_SPECS) expect(counts[spec.file], spec.file).toBe(csvRowCount(DATA_DIR, spec.file));
      expect(metaOf(handle)).toEqual({ version: '1', content_hash: valid.contentHash });
    });

    it('replaces rather than appends when stored again (db:seed is idempotent)', () => {
      const before = tableCounts(handle);
      storeDataset(handle.db, readDataset(DATA_DIR));
      expect(tableCounts(handle)).toEqual(before);
      expect(metaOf(handle)).toEqual({ version: '1', content_hash: valid.contentHash });
    });

    it('does not seed a database that already holds a dataset', () => {
      expect(seedIfEmpty(handle.db, DATA_DIR)).toBe(false);
    });
  });

  it('seeds an empty database once', () => {
    const handle = emptyDatabase();
    try {
      expect(seedIfEmpty(handle.db, DATA_DIR)).toBe(true);
      expect(tableCounts(handle)['production.csv']).toBe(csvRowCount(DATA_DIR, PRODUCTION));
      expect(seedIfEmpty(handle.db, DATA_DIR)).toBe(false);
    } finally {
      handle.close();
    }
  });
});

describe('refused datasets name the file, line and field', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyDataDir();
  });
  afterEach(() => removeDir(dir));

  it('refuses an unknown mineral', () => {
    const line = editRow(dir, 'defense_uses.csv', { id: 'antimony-munitions-seed' }, { mineral: 'unobtainium' });
    expectIssue(refusalOf(dir), 'defense_uses.csv', line, 'mineral', /unknown mineral 'unobtainium'/);
  });

  it('refuses an unknown mineral in production', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { mineral: 'unobtainium' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'mineral', /unknown mineral 'unobtainium'/);
  });

  it('refuses an unknown country', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { country: 'XYZ' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'country', /unknown country 'XYZ'/);
  });

  it('refuses a country code that is not ISO3-shaped', () => {
    const line = editRow(dir, 'reserves.csv', CHN_ANTIMONY_RESERVES_2024, { country: 'CN' });
    expectIssue(refusalOf(dir), 'reserves.csv', line, 'country', /alpha-3/);
  });

  it('refuses an unknown stage', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { stage: 'smelting' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'stage', /unknown stage 'smelting'/);
  });

  it('refuses an unknown source id', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { source: 'no-such-source' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'source', /unknown source 'no-such-source'/);
  });

  it('refuses an unknown source id in another table', () => {
    const line = editRow(dir, 'groups.csv', { id: 'central-asia' }, { source: 'no-such-source' });
    expectIssue(refusalOf(dir), 'groups.csv', line, 'source', /unknown source 'no-such-source'/);
  });

  it('refuses an unknown basis', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { basis: 'no-such-basis' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'basis', /unknown basis 'no-such-basis'/);
  });

  it('refuses a basis that measures another mineral', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { basis: 'co-contained' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'basis', /measures cobalt\/mining, not antimony\/mining/);
  });

  it('refuses a basis that measures another stage', () => {
    const line = editRow(
      dir,
      PRODUCTION,
      { mineral: 'cobalt', stage: 'mining', country: 'COD', year: '2024', basis: 'co-contained', edition: EDITION },
      { basis: 'co-refined-iea' },
    );
    expectIssue(refusalOf(dir), PRODUCTION, line, 'basis', /measures cobalt\/refining, not cobalt\/mining/);
  });

  it('refuses negative tonnes', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '-5' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'tonnes', /must not be negative/);
  });

  it('refuses negative reserve tonnes', () => {
    const line = editRow(dir, 'reserves.csv', CHN_ANTIMONY_RESERVES_2024, { tonnes: '-1' });
    expectIssue(refusalOf(dir), 'reserves.csv', line, 'tonnes', /must not be negative/);
  });

  it('refuses non-numeric tonnes', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '60,000' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'tonnes', /must be a number/);
  });

  it('refuses a non-numeric year', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { year: 'FY24' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'year', /four-digit year/);
  });

  it('refuses a duplicate production key', () => {
    const line = appendCopy(dir, PRODUCTION, { ...CHN_ANTIMONY_2024, country: 'KGZ' }, { tonnes: '21' });
    expectIssue(
      refusalOf(dir),
      PRODUCTION,
      line,
      'mineral,stage,country,year,basis,edition',
      /duplicate key \(antimony\|mining\|KGZ\|2024\|sb-contained\|usgs-mcs-2025\)/,
    );
  });

  it('accepts the same figure in another edition: the edition is part of the key', () => {
    appendCopy(
      dir,
      PRODUCTION,
      { ...CHN_ANTIMONY_2024, country: 'KGZ' },
      { tonnes: '21', edition: 'usgs-mcs-2024', source: 'usgs-mcs-2024-antimony-world' },
    );
    expect(() => readDataset(dir)).not.toThrow();
  });

  it('refuses an unknown edition', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { edition: 'usgs-mcs-1999' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'edition', /unknown edition 'usgs-mcs-1999'/);
  });

  it('refuses an unknown edition in another table', () => {
    const line = editRow(dir, 'reserves.csv', CHN_ANTIMONY_RESERVES_2024, { edition: 'usgs-mcs-1999' });
    expectIssue(refusalOf(dir), 'reserves.csv', line, 'edition', /unknown edition 'usgs-mcs-1999'/);
  });

  it('refuses an edition whose publication date is not a date', () => {
    const line = editRow(dir, 'editions.csv', { id: EDITION }, { published: 'January 2025' });
    expectIssue(refusalOf(dir), 'editions.csv', line, 'published', /YYYY/);
  });

  it('refuses a duplicate country', () => {
    const line = appendCopy(dir, 'countries.csv', { iso3: 'TJK' }, { name: 'Tajikistan again' });
    expectIssue(refusalOf(dir), 'countries.csv', line, 'iso3', /duplicate key \(TJK\)/);
  });

  it('refuses country rows exceeding the world total by more than 5%', () => {
    editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '70000' });
    const worldLine = findRow(dir, PRODUCTION, WLD_ANTIMONY_2024).line;
    const error = refusalOf(dir);
    expectIssue(error, PRODUCTION, worldLine, 'tonnes', /add up to 113960 t, more than the world total 100000 t/);
    expect(error.issues).toHaveLength(1);
  });

  it('accepts country rows within the 5% rounding tolerance', () => {
    // The 2024 antimony country rows sum to 103,960 t against 100,000 t; +1,000 t stays under 105,000 t.
    editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '61000' });
    expect(() => readDataset(dir)).not.toThrow();
  });

  it('refuses a withheld row that has tonnes', () => {
    const line = editRow(dir, PRODUCTION, USA_LITHIUM_2024, { tonnes: '5000' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'tonnes', /must be empty for a withheld figure/);
  });

  it('refuses a row without tonnes that is not withheld', () => {
    const line = editRow(dir, PRODUCTION, USA_LITHIUM_2024, { withheld: 'false' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'tonnes', /is required unless the figure is withheld/);
  });

  it('refuses a flag that is not true or false', () => {
    const line = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { estimated: 'yes' });
    expectIssue(refusalOf(dir), PRODUCTION, line, 'estimated', /must be true, false or empty/);
  });

  it('refuses a missing column', () => {
    dropColumn(dir, PRODUCTION, 'edition');
    const error = refusalOf(dir);
    expectIssue(error, PRODUCTION, 1, 'edition', /missing column/);
    expect(error.issues).toHaveLength(1);
  });

  it('refuses an unknown column', () => {
    addColumn(dir, 'reserves.csv', 'comment', 'checked');
    const error = refusalOf(dir);
    expectIssue(error, 'reserves.csv', 1, 'comment', /unknown column/);
    expect(error.issues).toHaveLength(1);
  });

  it('refuses a misspelt column as missing and unknown', () => {
    renameColumn(dir, PRODUCTION, 'tonnes', 'tons');
    const error = refusalOf(dir);
    expectIssue(error, PRODUCTION, 1, 'tonnes', /missing column/);
    expectIssue(error, PRODUCTION, 1, 'tons', /unknown column/);
  });

  it('reports every problem, not only the first', () => {
    const first = editRow(dir, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: 'lots' });
    const second = editRow(dir, 'reserves.csv', CHN_ANTIMONY_RESERVES_2024, { tonnes: '-1' });
    const error = refusalOf(dir);
    expectIssue(error, PRODUCTION, first, 'tonnes', /must be a number/);
    expectIssue(error, 'reserves.csv', second, 'tonnes', /must not be negative/);
    expect(error.message).toMatch(/^Dataset refused \(2 problems\)/);
  });
});

describe('a refused dataset stores nothing', () => {
  let broken: string;
  beforeAll(() => {
    broken = copyDataDir();
    editRow(broken, PRODUCTION, CHN_ANTIMONY_2024, { tonnes: '70000' });
  });
  afterAll(() => removeDir(broken));

  it('leaves an empty database empty, with no version row, when seeding fails', () => {
    const handle = emptyDatabase();
    try {
      expect(() => seedIfEmpty(handle.db, broken)).toThrow(DatasetError);
      expect(Object.values(tableCounts(handle)).every((n) => n === 0)).toBe(true);
      expect(metaOf(handle)).toEqual({});
      // A later start with good data still seeds: the failed attempt left no version behind.
      expect(seedIfEmpty(handle.db, DATA_DIR)).toBe(true);
    } finally {
      handle.close();
    }
  });

  it('keeps the stored dataset when a replacement (db:seed) is refused', () => {
    const handle = emptyDatabase();
    try {
      storeDataset(handle.db, valid);
      const before = tableCounts(handle);
      expect(() => storeDataset(handle.db, readDataset(broken))).toThrow(DatasetError);
      expect(tableCounts(handle)).toEqual(before);
      expect(metaOf(handle)).toEqual({ version: '1', content_hash: valid.contentHash });
    } finally {
      handle.close();
    }
  });

  it('refuses to start the app on a broken dataset', async () => {
    await expect(buildTestApp({ dataDir: broken })).rejects.toThrow(DatasetError);
  });

  describe('storeDataset is all or nothing', () => {
    /** The valid dataset plus a second copy of its first production row: the unique index refuses it mid-way. */
    function withDuplicateProductionRow(): ParsedDataset {
      return {
        contentHash: 'f'.repeat(64),
        files: valid.files.map((file) =>
          file.spec.file === PRODUCTION ? { ...file, rows: [...file.rows, file.rows[0]], lines: [...file.lines, 0] } : file,
        ),
      };
    }

    it('rolls back every table when an insert fails', () => {
      const handle = emptyDatabase();
      try {
        storeDataset(handle.db, valid);
        const before = tableCounts(handle);
        const productionTable = TABLE_SPECS.find((spec) => spec.file === PRODUCTION)!.table;
        const productionBefore = handle.db.select().from(productionTable).all();
        expect(() => storeDataset(handle.db, withDuplicateProductionRow())).toThrow(/UNIQUE constraint failed/);
        expect(tableCounts(handle)).toEqual(before);
        expect(handle.db.select().from(productionTable).all()).toEqual(productionBefore);
        expect(metaOf(handle)).toEqual({ version: '1', content_hash: valid.contentHash });
      } finally {
        handle.close();
      }
    });

    it('leaves an empty database empty when an insert fails', () => {
      const handle = emptyDatabase();
      try {
        expect(() => storeDataset(handle.db, withDuplicateProductionRow())).toThrow(/UNIQUE constraint failed/);
        expect(Object.values(tableCounts(handle)).every((n) => n === 0)).toBe(true);
        expect(handle.db.select().from(datasetMeta).where(eq(datasetMeta.key, 'version')).all()).toEqual([]);
      } finally {
        handle.close();
      }
    });
  });
});
