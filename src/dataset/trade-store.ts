import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, runMigrations, type DatabaseHandle } from '../db/client.js';
import { datasetMeta } from '../db/schema.js';
import { TRADE_STORE_SPECS, type TableSpec } from './tables.js';
import { bulkContentHash, DatasetError, forEachRow, preparedInsert, readDataset, referenceContext, type DataIssue } from './load.js';
import { referenceAndKeyChecker } from './validate.js';

/**
 * The trade store: the bulk tables (data/trade_flows.csv, data/trade_quantities.csv, 120,000 rows) and the heading map
 * they are read with, in a SQLite file of the app's own schema, opened read-only beside the main store (SQLite or
 * PostgreSQL) and queried by the trade repository.
 *
 * Why not the main database: seeding them there costs a fresh start 0.7 s of inserts after 0.5 s of parsing (and
 * 1.9 s with drizzle's row objects), against a cold-start budget of 1 s; why not the in-memory snapshot: 15–57 MB of
 * heap against an RSS budget of 150 MB. The store is built once per content of the bulk files — by `npm run build`
 * (dist/data/trade.sqlite) or, where none matches (tests, `tsx`), on first use into the system's temporary
 * directory — and a start that finds it only opens it.
 */
export const COMPILED_TRADE_STORE_PATH = fileURLToPath(new URL('../data/trade.sqlite', import.meta.url));

const HASH_KEY = 'content_hash';

/** The content hash a store file was built from; null when it is no store (or cannot be read). */
function storeHash(path: string): string | null {
  if (!existsSync(path)) return null;
  let handle: DatabaseHandle | undefined;
  try {
    handle = openDatabase(path, { readOnly: true });
    return (
      handle.db
        .select()
        .from(datasetMeta)
        .all()
        .find((row) => row.key === HASH_KEY)?.value ?? null
    );
  } catch {
    return null;
  } finally {
    handle?.close();
  }
}

/**
 * Writes the store for `dataDir` at `target`: the app's migrations, then every bulk row — parsed, checked by its row
 * rules, its key and its references to the rest of data/, and inserted through one prepared statement, one row at a
 * time, so the rows are never all held — in one transaction, then the content hash. Refused whole (DatasetError, no
 * file) on any problem. Written to a temporary name and renamed, so a reader never sees half a store (two processes
 * building at once each rename a whole one).
 */
export function buildTradeStore(dataDir: string, target: string, migrationsDir: string): void {
  const context = referenceContext(readDataset(dataDir).files);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  const handle = openDatabase(temporary);
  const issues: DataIssue[] = [];
  try {
    // The store holds only the bulk tables: what they refer to is checked here, against the dataset.
    handle.sqlite.pragma('foreign_keys = OFF');
    runMigrations(handle.db, migrationsDir);
    handle.db.transaction((tx) => {
      for (const spec of TRADE_STORE_SPECS as readonly TableSpec<unknown>[]) {
        const check = referenceAndKeyChecker(spec, context);
        let insert: ((row: Record<string, unknown>) => void) | null = null;
        let index = 0;
        forEachRow(spec, readFileSync(join(dataDir, spec.file), 'utf8'), issues, (row, line) => {
          for (const issue of check(row, index++)) issues.push({ file: spec.file, line, field: issue.field, message: issue.message });
          if (issues.length > 0) return;
          const value = spec.toInsert(row);
          insert ??= preparedInsert(handle.db, spec.table, [value]);
          if (!insert) throw new Error(`trade store: ${spec.file} rows cannot be bound`);
          insert(value);
        });
      }
      if (issues.length > 0) throw new DatasetError(issues);
      tx.insert(datasetMeta)
        .values({ key: HASH_KEY, value: bulkContentHash(dataDir) })
        .run();
    });
    handle.sqlite.pragma('journal_mode = DELETE');
  } catch (error) {
    handle.close();
    rmSync(temporary, { force: true });
    throw error;
  }
  handle.close();
  renameSync(temporary, target);
}

/**
 * Opens the trade store for `dataDir`, read-only: the compiled one when it was built from these files, else a cached
 * one in the temporary directory named by their hash, built first when missing.
 */
export function openTradeStore(dataDir: string, migrationsDir: string, compiledPath = COMPILED_TRADE_STORE_PATH): DatabaseHandle {
  const hash = bulkContentHash(dataDir);
  let path = compiledPath;
  if (storeHash(compiledPath) !== hash) {
    path = join(os.tmpdir(), `chokepoint-trade-${hash.slice(0, 16)}.sqlite`);
    if (storeHash(path) !== hash) buildTradeStore(dataDir, path, migrationsDir);
  }
  return openDatabase(path, { readOnly: true });
}
