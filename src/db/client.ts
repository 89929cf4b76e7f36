import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export interface OpenDatabaseOptions {
  readOnly?: boolean;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const inMemory = path === ':memory:';
  if (!inMemory && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false });
  if (!inMemory && !options.readOnly) sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit is in the WAL (the OS page cache) when it returns, so a killed process loses no
  // acknowledged write; the WAL is fsynced at checkpoints, so a power loss or kernel crash can roll back the last
  // commits since then, but never corrupts the file. FULL adds an fsync per commit: sequential single-row PUTs
  // ran 20-45 % slower, below the 500/s goal whenever the disk was busy (bench/RESULTS.md).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, close: () => sqlite.close() };
}

/** Applies the committed drizzle-kit migrations (synchronous in better-sqlite3). */
export function runMigrations(db: Db, migrationsFolder: string): void {
  migrate(db, { migrationsFolder });
}
