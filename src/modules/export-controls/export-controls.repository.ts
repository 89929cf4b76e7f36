import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { exportControls } from '../../db/schema.js';
import { createDatasetRepository } from '../../dataset/dataset.repository.js';
import { queries as writeQueries, type Handle } from '../writes/writes.repository.js';

export type ExportControlRecord = typeof exportControls.$inferSelect;
export type ExportControlInsert = typeof exportControls.$inferInsert;

function queries(handle: Handle) {
  return {
    /** The version counter, the change feed and the reference ids: shared with the other writes. */
    ...writeQueries(handle),
    /** Every stored measure, in id order. */
    exportControlRows: (): ExportControlRecord[] => handle.select().from(exportControls).orderBy(asc(exportControls.id)).all(),
    /** Inserts measures, or overwrites every value of the measure with the same id. */
    upsertExportControls(rows: ExportControlInsert[]): void {
      for (const row of rows) {
        const { id: _id, ...values } = row;
        handle.insert(exportControls).values(row).onConflictDoUpdate({ target: exportControls.id, set: values }).run();
      }
    },
  };
}

export type ExportControlQueries = ReturnType<typeof queries>;

/** Drizzle queries for export-control writes; `transaction` runs a unit of work all-or-nothing (IMMEDIATE). */
export function createExportControlsRepository(db: Db) {
  const datasets = createDatasetRepository(db);
  return {
    versionTag: (): string | null => datasets.versionTag(),
    transaction<T>(work: (tx: ExportControlQueries) => T): T {
      return db.transaction((tx) => work(queries(tx)), { behavior: 'immediate' });
    },
  };
}

export type ExportControlsRepository = ReturnType<typeof createExportControlsRepository>;
