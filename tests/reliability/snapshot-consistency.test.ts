/**
 * A READ_ONLY replica builds its in-memory snapshot from a file that another process (the primary) writes. The
 * snapshot must hold one committed state of the database, labelled with that state's version, even when the
 * primary commits between two of the snapshot's table reads. Two connections on one temporary file stand in for
 * the two processes; the replica's repository is wrapped so the primary commits at a chosen point of the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type DatabaseHandle } from '../../src/db/client.js';
import { createDatasetRepository, type DatasetRepository } from '../../src/dataset/dataset.repository.js';
import { seedIfEmpty } from '../../src/dataset/load.js';
import { createSnapshotStore, type DatasetSnapshot } from '../../src/dataset/snapshot.js';
import { createWritesRepository } from '../../src/modules/writes/writes.repositories.js';
import { createWritesService, type WritesService } from '../../src/modules/writes/writes.service.js';
import { DATA_DIR, MIGRATIONS_DIR } from '../helpers/dataset.js';
import { buildTestApp, sqliteStore } from '../helpers/app.js';
import { tungstenRow } from '../modules/writes/helpers.js';

/** The repository's whole-table readers. */
type TableReader = Exclude<keyof DatasetRepository, 'versionTag' | 'changeCount' | 'readConsistently'>;

let dir: string;
let primary: DatabaseHandle;
let replica: DatabaseHandle;
let writes: WritesService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chokepoint-snapshot-'));
  const path = join(dir, 'shared.db');
  primary = openDatabase(path);
  runMigrations(primary.db, MIGRATIONS_DIR);
  seedIfEmpty(primary.db, DATA_DIR);
  replica = openDatabase(path, { readOnly: true });
  writes = createWritesService(createWritesRepository(sqliteStore(primary.db)));
});
afterEach(() => {
  replica.close();
  primary.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The replica's repository, except that the primary runs `write` (once) right after `table` has been read. */
function commitAfterReading(table: TableReader, write: () => void): DatasetRepository {
  const repository = createDatasetRepository(replica.db);
  const read = repository[table] as () => unknown[];
  let written = false;
  return {
    ...repository,
    [table]: () => {
      const rows = read();
      if (!written) {
        written = true;
        write();
      }
      return rows;
    },
  };
}

/** Vietnam's 2024 tungsten mine output as MCS 2025 published it (the figure tungstenRow writes), in every edition's rows. */
const vietnam2024 = (snapshot: DatasetSnapshot) =>
  snapshot.all.production.find(
    (row) =>
      row.mineralId === 'tungsten' &&
      row.stageId === 'mining' &&
      row.country === 'VNM' &&
      row.year === 2024 &&
      row.edition === 'usgs-mcs-2025',
  )?.tonnes;

const primaryVersion = () => createDatasetRepository(primary.db).versionTag();

/**
 * A write committed by the primary's connection, synchronously (the write API is async, and the snapshot build it
 * must land in the middle of is not): what a write stores, a figure and the next dataset version.
 */
function commitOnPrimary(statements: string[]): string | null {
  primary.sqlite.transaction(() => {
    for (const statement of statements) primary.sqlite.prepare(statement).run();
    primary.sqlite.prepare("update dataset_meta set value = cast(value as integer) + 1 where key = 'version'").run();
  })();
  return primaryVersion();
}

const SET_VIETNAM_2024 = (tonnes: number, source = '') =>
  `update production set tonnes = ${tonnes}${source ? `, source_id = '${source}'` : ''} where mineral_id = 'tungsten' and ` +
  "stage_id = 'mining' and country = 'VNM' and year = 2024 and edition = 'usgs-mcs-2025'";

describe('the snapshot a replica builds while the primary writes', () => {
  it('holds the data of the version it is labelled with, when a write commits between the version and the tables', async () => {
    const before = primaryVersion();
    let after: string | null = null;
    // stages() is the first table read after the version tag.
    const repository = commitAfterReading('stages', () => {
      after = commitOnPrimary([SET_VIETNAM_2024(3500)]);
    });
    let clock = 0;
    const store = createSnapshotStore(repository, { now: () => clock });

    const snapshot = store.current();
    expect(after).not.toBe(before);
    const tonnesAt = new Map([
      [before, 3400],
      [after, 3500],
    ]);
    // Before the fix: labelled `before` but holding 3500, the figure of `after`.
    expect(vietnam2024(snapshot)).toBe(tonnesAt.get(snapshot.version));
    expect(replica.sqlite.inTransaction).toBe(false);

    // The write from the other connection is picked up at the next recheck, consistently.
    clock += 1_000;
    const next = store.current();
    expect(next.version).toBe(after);
    expect(vietnam2024(next)).toBe(3500);
  });

  it('never holds a production row citing a source it does not hold, when both land between two table reads', () => {
    const repository = commitAfterReading('sources', () => {
      // A source data/ does not hold yet (data/ has every MCS chapter up to the newest edition).
      commitOnPrimary([
        "insert into sources (id, title, publisher) values ('analyst-tungsten-estimates', 'Tungsten mine output estimates', 'Chokepoint analysts')",
        SET_VIETNAM_2024(3500, 'analyst-tungsten-estimates'),
      ]);
    });

    const snapshot = createSnapshotStore(repository).current();
    const orphans = snapshot.production.filter((row) => !snapshot.sourceById.has(row.sourceId));
    // Before the fix: the new VNM row, read after the sources table was.
    expect(orphans).toEqual([]);
    expect(snapshot.all.production.filter((row) => !snapshot.sourceById.has(row.sourceId))).toEqual([]);
  });

  it("rebuilds only when the version changed, and sees another connection's write after recheckMs", async () => {
    let clock = 0;
    const store = createSnapshotStore(createDatasetRepository(replica.db), { now: () => clock, recheckMs: 50 });
    const first = store.current();

    clock += 60;
    expect(store.current()).toBe(first);

    const { version } = await writes.upsertProduction('analyst', [tungstenRow({ tonnes: 3600 })]);
    clock += 10;
    expect(store.current()).toBe(first);
    clock += 50;
    const rebuilt = store.current();
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.version).toBe(version);
    expect(vietnam2024(rebuilt)).toBe(3600);
  });

  it('sees a write through its own connection at the very next call', async () => {
    const store = createSnapshotStore(createDatasetRepository(primary.db), { now: () => 0 });
    const first = store.current();
    const { version } = await writes.upsertProduction('analyst', [tungstenRow({ tonnes: 3700 })]);
    const next = store.current();
    expect(next.version).toBe(version);
    expect(next.version).not.toBe(first.version);
    expect(vietnam2024(next)).toBe(3700);
  });
});

describe('one request, one snapshot', () => {
  it('answers from the snapshot its ETag names, even when the store moves on during the request', async () => {
    const app = await buildTestApp();
    try {
      const store = app.dataset;
      const real = store.current();
      // From the second call on, the store "has moved on" to a version without any production.
      const moved: DatasetSnapshot = { ...real, version: '999-moved', supplies: [], suppliesByMineralStage: new Map() };
      let calls = 0;
      store.current = () => (++calls === 1 ? real : moved);
      const response = await app.inject('/v1/minerals/tungsten/concentration?stage=mining&edition=usgs-mcs-2025');
      expect(response.statusCode).toBe(200);
      expect(String(response.headers.etag)).toMatch(new RegExp(`^"${real.version}\\.`));
      const mining = (response.json() as { stages: { stage: string; status: string; hhi?: number }[] }).stages.find(
        (stage) => stage.stage === 'mining',
      );
      // The ETag's version, not the one the store moved on to (whose answer would be insufficient_data).
      expect(mining).toMatchObject({ status: 'ok', hhi: 6812.3 });
      // /health never touches the dataset.
      calls = 0;
      expect((await app.inject('/health')).statusCode).toBe(200);
      expect(calls).toBe(0);
    } finally {
      await app.close();
    }
  });
});
