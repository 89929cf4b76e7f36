import { asc, gt, sql, type SQL } from 'drizzle-orm';
import * as schema from '../db/schema.js';
import { pgColumnOf, pgTwin } from '../db/pg-schema.js';
import { inTransaction, type PostgresHandle, type PgDb } from '../db/postgres.js';
import { DATASET_READS, VERSION_SQL, mapDatasetReads, tagOf, type DatasetTables } from './dataset.repository.js';
import type { ChangeRow, SharedDatasetSource } from './snapshot.js';

const changes = pgTwin(schema.changes);

/**
 * The dataset tables read from PostgreSQL: the same tables (DATASET_READS) in the same order as from SQLite, into the
 * SQLite schema's row types (the generated tables keep its property names). Text sorts by code point (COLLATE "C"),
 * as SQLite's BINARY collation does, whatever locale the database was created with.
 */
export function createPgDatasetRepository({ db, pool }: PostgresHandle): SharedDatasetSource {
  const versionTag = async (reader: PgDb = db): Promise<string | null> => {
    const result = await reader.execute<Record<string, string | null>>(sql.raw(VERSION_SQL));
    const row = result.rows[0];
    return row === undefined ? null : tagOf(...(Object.values(row) as [string | null, string | null]));
  };
  const readTables = async (reader: PgDb): Promise<DatasetTables> => {
    // Built lazily, run one after another: one connection runs one query at a time.
    const reads = mapDatasetReads((table, order) => () => {
      const columns = order.map((column): SQL | ReturnType<typeof asc> => {
        const twin = pgColumnOf(table, column);
        return twin.columnType === 'PgText' ? sql`${twin} collate "C"` : asc(twin);
      });
      return reader
        .select()
        .from(pgTwin(table))
        .orderBy(...columns);
    });
    const tables: Record<string, unknown[]> = {};
    for (const name of Object.keys(DATASET_READS)) tables[name] = await reads[name as keyof typeof reads]();
    return tables as unknown as DatasetTables;
  };
  return {
    versionTag: () => versionTag(),
    readConsistently: (afterChangeId) =>
      inTransaction(
        pool,
        async (reader) => {
          const version = await versionTag(reader);
          const tables = await readTables(reader);
          const added = await reader.select().from(changes).where(gt(changes.id, afterChangeId)).orderBy(asc(changes.id));
          return { version, tables, changes: added as ChangeRow[] };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
  };
}
