import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client.js';

/** drizzle's bookkeeping table: one row per applied migration. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Runs a trivial query; throws if the database cannot be read. */
export function pingDatabase(db: Db): void {
  db.get(sql`select 1`);
}

/** How many migrations this database has applied (0 when drizzle never ran on it). */
export function appliedMigrationCount(db: Db): number {
  const table = db.get<{ name: string } | undefined>(
    sql`select name from sqlite_master where type = 'table' and name = ${MIGRATIONS_TABLE}`,
  );
  if (!table) return 0;
  const row = db.get<{ applied: number }>(sql.raw(`select count(*) as applied from "${MIGRATIONS_TABLE}"`));
  return row.applied;
}

/** How many migrations the code ships (migrations/meta/_journal.json). */
export function expectedMigrationCount(migrationsDir: string): number {
  return readMigrationFiles({ migrationsFolder: migrationsDir }).length;
}
