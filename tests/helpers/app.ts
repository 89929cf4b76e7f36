import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { sqliteProbe } from '../../src/db/status.js';
import type { Store } from '../../src/db/store.js';
import { MIGRATIONS_DIR } from './dataset.js';

/** A ready app on its own in-memory database, migrated and seeded from data/. The caller closes it. */
export function buildTestApp(overrides: Partial<Config> = {}, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  return buildApp(defaultConfig(overrides), options);
}

export async function getJson<T = any>(
  app: FastifyInstance,
  url: string,
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T, headers: response.headers };
}

/** The drizzle SQLite handle of an app on the embedded store (tests that reach below the API). */
export function sqliteDbOf(app: FastifyInstance): Db {
  if (app.store.kind !== 'sqlite') throw new Error(`the app runs on ${app.store.kind}, not SQLite`);
  return app.store.db;
}

/** A SQLite connection as the app's store (repositories below the API). */
export function sqliteStore(db: Db): Store {
  return { kind: 'sqlite', db, probe: sqliteProbe(db, MIGRATIONS_DIR, () => null) };
}
