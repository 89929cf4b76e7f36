import { asc, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { pgTwin } from '../../db/pg-schema.js';
import type { PgDb } from '../../db/postgres.js';
import { exportControls } from '../../db/schema.js';
import type { Store } from '../../db/store.js';
import { createDatasetRepository, type ExportControlRecord } from '../../dataset/dataset.repository.js';
import {
  exclusive,
  queries as writeQueries,
  sqliteWriteTransaction,
  type Awaitable,
  type Handle,
  type WritesQueries,
} from '../writes/writes.repository.js';
import { pgWrite, pgWriteQueries, versionAfterWrites } from '../writes/writes.repository.pg.js';

export type { ExportControlRecord };
export type ExportControlInsert = typeof exportControls.$inferInsert;

/** What an export-control write runs: the version counter, the change feed and the reference ids, plus the measures. */
export interface ExportControlQueries extends Pick<WritesQueries, 'referenceData' | 'bumpVersion' | 'recordChanges'> {
  /** Every stored measure, in id order. */
  exportControlRows(): Awaitable<ExportControlRecord[]>;
  /** Inserts measures, or overwrites every value of the measure with the same id. */
  upsertExportControls(rows: ExportControlInsert[]): Awaitable<void>;
}

export interface ExportControlsRepository {
  versionTag(): Promise<string | null>;
  /** Runs `work` all-or-nothing, with no other write interleaving (see WritesRepository.transaction). */
  transaction<T>(work: (tx: ExportControlQueries) => Promise<T>): Promise<T>;
}

/** Every value but the id, taken from the row the upsert tried to insert. */
const UPDATE_ALL = Object.fromEntries(
  Object.entries(getTableColumns(exportControls))
    .filter(([property]) => property !== 'id')
    .map(([property, column]) => [property, sql.raw(`excluded."${column.name}"`)]),
);

function sqliteQueries(handle: Handle): ExportControlQueries {
  return {
    ...writeQueries(handle),
    exportControlRows: () => handle.select().from(exportControls).orderBy(asc(exportControls.id)).all(),
    upsertExportControls(rows) {
      for (const row of rows)
        handle.insert(exportControls).values(row).onConflictDoUpdate({ target: exportControls.id, set: UPDATE_ALL }).run();
    },
  };
}

const pgExportControls = pgTwin(exportControls);

function pgQueries(db: PgDb): ExportControlQueries {
  return {
    ...pgWriteQueries(db),
    exportControlRows: async () =>
      (await db
        .select()
        .from(pgExportControls)
        .orderBy(sql`${pgExportControls.id} collate "C"`)) as ExportControlRecord[],
    async upsertExportControls(rows) {
      if (rows.length > 0)
        await db.insert(pgExportControls).values(rows).onConflictDoUpdate({ target: pgExportControls.id, set: UPDATE_ALL });
    },
  };
}

/** The export-control writes' repository on the store the app runs on. */
export function createExportControlsRepository(store: Store): ExportControlsRepository {
  if (store.kind === 'postgres') {
    return { versionTag: async () => versionAfterWrites(store), transaction: (work) => pgWrite(store, pgQueries, work) };
  }
  const db: Db = store.db;
  const datasets = createDatasetRepository(db);
  return {
    versionTag: () => exclusive(db, async () => datasets.versionTag()),
    transaction: (work) => sqliteWriteTransaction(db, () => work(sqliteQueries(db))),
  };
}
