/**
 * The suite on both stores: tests of the repositories, writes, the change feed and the snapshot run once on the
 * embedded SQLite database and once on PostgreSQL (a fresh database per app, in the run's cluster).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import type { BuildAppOptions } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { readDataset, storeDataset } from '../../src/dataset/load.js';
import { storeDatasetPg } from '../../src/dataset/load.pg.js';
import { underMigrationLock } from '../../src/db/postgres.js';
import { buildTestApp, sqliteDbOf } from './app.js';
import { DATA_DIR } from './dataset.js';

export const STORES = ['sqlite', 'postgres'] as const;
export type StoreName = (typeof STORES)[number];

let databases = 0;

/** A new, empty PostgreSQL database in the run's cluster. */
export async function freshPostgresDatabase(): Promise<string> {
  const base = inject('postgresUrl');
  if (base === null) throw new Error('PostgreSQL is not installed (apt-get install postgresql): the tests on PostgreSQL cannot run');
  const name = `test_${process.pid}_${Date.now()}_${++databases}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return base.replace(/\/[^/]*$/, `/${name}`);
}

/** The settings that put an app on `store` (PostgreSQL: a database of its own, or `databaseUrl` to share one). */
export async function storeSettings(store: StoreName, databaseUrl?: string): Promise<Partial<Config>> {
  return store === 'sqlite' ? {} : { databaseUrl: databaseUrl ?? (await freshPostgresDatabase()) };
}

/** buildTestApp on `store`. */
export async function buildStoreApp(
  store: StoreName,
  overrides: Partial<Config> = {},
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  return buildTestApp({ ...(await storeSettings(store)), ...overrides }, options);
}

/** Runs SQL straight on an app's database, below the API (a state no write would produce). */
export async function executeRaw(app: FastifyInstance, statement: string): Promise<void> {
  if (app.store.kind === 'sqlite') sqliteDbOf(app).run(sql.raw(statement));
  else await app.store.handle.pool.query(statement);
}

/** What `npm run db:seed` does: data/ replaces the database's contents, and the dataset version goes back to 1. */
export async function reseed(app: FastifyInstance): Promise<void> {
  if (app.store.kind === 'sqlite') storeDataset(sqliteDbOf(app), readDataset(DATA_DIR));
  else {
    // On one connection, as start-up seeds (storeDatasetPg's transaction needs one, not the pool).
    await underMigrationLock(app.store.handle, (db) => storeDatasetPg(db, readDataset(DATA_DIR)));
    // As the NOTIFY would, but before the test reads on.
    await app.store.afterWrite();
  }
}
