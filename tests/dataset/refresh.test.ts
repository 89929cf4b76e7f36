import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/client.js';
import { createDatasetRepository } from '../../src/dataset/dataset.repository.js';
import { refreshIfStale, seedIfEmpty } from '../../src/dataset/load.js';
import { copyDataDir, MIGRATIONS_DIR, removeDir } from '../helpers/dataset.js';

/** A database file seeded from a copy of data/, and that copy, so a test can change data/ after the seed. */
function seededDatabase() {
  const dataDir = copyDataDir();
  const dbDir = mkdtempSync(join(tmpdir(), 'chokepoint-db-'));
  const handle = openDatabase(join(dbDir, 'chokepoint.db'));
  runMigrations(handle.db, MIGRATIONS_DIR);
  seedIfEmpty(handle.db, dataDir);
  return { dataDir, dbDir, handle };
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** Adds a price row that the seeded database does not hold (a newly imported figure, say). */
function addFigure(dataDir: string): void {
  appendFileSync(
    join(dataDir, 'prices.csv'),
    'antimony,test-series,A test series,dollars per pound,2030,1.5,1.5,false,usgs-mcs-2026,usgs-mcs-2026-antimony\n',
  );
}

describe('a database seeded from an older data/', () => {
  it('is current when data/ has not changed', () => {
    const { dataDir, dbDir, handle } = seededDatabase();
    cleanup.push(
      () => handle.close(),
      () => removeDir(dataDir),
      () => removeDir(dbDir),
    );
    expect(refreshIfStale(handle.db, dataDir)).toBe('current');
  });

  it('is re-seeded when data/ changed and nothing was written through the API since', () => {
    const { dataDir, dbDir, handle } = seededDatabase();
    cleanup.push(
      () => handle.close(),
      () => removeDir(dataDir),
      () => removeDir(dbDir),
    );
    const repository = createDatasetRepository(handle.db);
    const before = repository.versionTag();
    addFigure(dataDir);
    expect(refreshIfStale(handle.db, dataDir)).toBe('refreshed');
    expect(repository.prices().some((row) => row.series === 'test-series')).toBe(true);
    expect(repository.versionTag()).not.toBe(before);
    expect(refreshIfStale(handle.db, dataDir)).toBe('current');
  });

  it('is kept, unchanged, when figures were written through the API since its seed', () => {
    const { dataDir, dbDir, handle } = seededDatabase();
    cleanup.push(
      () => handle.close(),
      () => removeDir(dataDir),
      () => removeDir(dbDir),
    );
    handle.sqlite.prepare("update dataset_meta set value = '2' where key = 'version'").run();
    const repository = createDatasetRepository(handle.db);
    const before = repository.versionTag();
    addFigure(dataDir);
    expect(refreshIfStale(handle.db, dataDir)).toBe('kept-writes');
    expect(repository.versionTag()).toBe(before);
    expect(repository.prices().some((row) => row.series === 'test-series')).toBe(false);
  });
});
