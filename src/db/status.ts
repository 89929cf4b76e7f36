import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './client.js';
import { appliedPgMigrationCount, type PgDb } from './postgres.js';
import type { DatabaseProbe } from './store.js';

/** drizzle's bookkeeping table: one row per applied migration. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Runs a trivial query; throws if the database cannot be read. */
function pingDatabase(db: Db): void {
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

/** Readiness of the embedded SQLite file: without its file this instance cannot answer at all. */
export function sqliteProbe(db: Db, migrationsDir: string, versionTag: () => string | null): DatabaseProbe {
  return {
    expected: expectedMigrationCount(migrationsDir),
    check: async () => {
      pingDatabase(db);
      return { applied: appliedMigrationCount(db), version: versionTag() };
    },
    servedWhileAway: () => null,
  };
}

/** How long /ready waits for PostgreSQL before calling it away (a load balancer's check must not hang). */
const PG_CHECK_TIMEOUT_MS = 1_000;

/**
 * Readiness on PostgreSQL: the server answers (and has every migration and a dataset), and this replica follows
 * other replicas' writes (its LISTEN connection is up). When either fails, the replica still serves the snapshot it
 * holds: degraded, not down.
 */
export function pgProbe(
  db: PgDb,
  migrationsDir: string,
  versionTag: () => Promise<string | null>,
  listening: () => boolean,
  served: () => string,
): DatabaseProbe {
  return {
    expected: expectedMigrationCount(migrationsDir),
    async check() {
      if (!listening()) throw new Error('not listening for other replicas’ writes (reconnecting)');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PG_CHECK_TIMEOUT_MS} ms`)), PG_CHECK_TIMEOUT_MS);
      });
      try {
        return await Promise.race([(async () => ({ applied: await appliedPgMigrationCount(db), version: await versionTag() }))(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    servedWhileAway: served,
  };
}
