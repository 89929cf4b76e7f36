import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ConfigError } from '../config.js';
import { openDatabase, runMigrations, type DatabaseHandle, type Db } from '../db/client.js';
import { listenForDatasetChanges, openPostgres, runPgMigrations, underMigrationLock } from '../db/postgres.js';
import { appliedMigrationCount, expectedMigrationCount, pgProbe, sqliteProbe } from '../db/status.js';
import type { Store } from '../db/store.js';
import { createDatasetRepository } from '../dataset/dataset.repository.js';
import { createPgDatasetRepository } from '../dataset/dataset.repository.pg.js';
import { refreshIfStale, seedIfEmpty, type RefreshOutcome } from '../dataset/load.js';
import { seedOrRefreshPg } from '../dataset/load.pg.js';
import {
  createSharedSnapshotStore,
  createSnapshotStore,
  viewForEdition,
  type DatasetSnapshot,
  type SnapshotStore,
} from '../dataset/snapshot.js';
import { openTradeStore } from '../dataset/trade-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The store the app runs on (embedded SQLite, or PostgreSQL shared by replicas); repositories are made from it. */
    store: Store;
    /**
     * The trade store (read-only SQLite beside either store): the bulk trade tables and their heading map, queried by
     * src/modules/trade, never held in memory and never copied into the shared store (each replica holds the file).
     */
    tradeDb: Db;
    /** The in-memory snapshot of the current dataset version. */
    dataset: SnapshotStore;
    /**
     * True when the app runs with READ_ONLY=true: the database is opened read-only (SQLite itself refuses any
     * write), and write routes must refuse the request up front (403 problem+json) instead of failing in SQLite.
     */
    readOnly: boolean;
  }
  interface FastifyRequest {
    /**
     * The dataset snapshot this request is answered from: taken at first use, then fixed for the request, so the
     * ETag (computed in onRequest) and the body (in the handler) always describe the same dataset version, even
     * when another process writes in between.
     */
    readonly snapshot: DatasetSnapshot;
    /** Backing field of `snapshot`. */
    pinnedSnapshot: DatasetSnapshot | null;
  }
}

export interface DatabasePluginOptions {
  databasePath: string;
  /** PostgreSQL URL; null = the SQLite file at databasePath. */
  databaseUrl: string | null;
  migrationsDir: string;
  migrationsPgDir: string;
  dataDir: string;
  readOnly: boolean;
}

/** The longest a request on PostgreSQL waits for the snapshot to catch up with this replica's own writes. */
const OWN_WRITE_WAIT_MS = 1_000;

/** The SQLite error code of an error, or of the error drizzle wrapped it in. */
function sqliteCodeOf(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/** A read-only replica needs a database that the primary has already migrated and seeded. */
function openReadOnly(options: DatabasePluginOptions): DatabaseHandle {
  const { databasePath, migrationsDir } = options;
  if (!existsSync(databasePath)) {
    throw new ConfigError(
      `READ_ONLY=true needs an existing, migrated and seeded database, but DATABASE_PATH="${databasePath}" does not exist`,
    );
  }
  const handle = openDatabase(databasePath, { readOnly: true });
  try {
    const applied = appliedMigrationCount(handle.db);
    const expected = expectedMigrationCount(migrationsDir);
    if (applied < expected) {
      throw new ConfigError(
        `READ_ONLY=true needs a migrated database, but DATABASE_PATH="${databasePath}" has ${applied} of ${expected} ` +
          'migrations applied; start a writable instance on it first',
      );
    }
    if (createDatasetRepository(handle.db).versionTag() === null) {
      throw new ConfigError(
        `READ_ONLY=true needs a seeded database, but DATABASE_PATH="${databasePath}" holds no dataset; ` +
          'start a writable instance on it first or run `npm run db:seed`',
      );
    }
  } catch (error) {
    handle.close();
    if (sqliteCodeOf(error) === 'SQLITE_CANTOPEN') {
      // SQLite opens lazily: a WAL-mode file whose -shm it cannot create fails on the first read.
      throw new ConfigError(
        `READ_ONLY=true could not read DATABASE_PATH="${databasePath}": the file is in WAL mode and its directory ` +
          'is not writable (SQLite needs its -shm file). Stop the primary cleanly before copying the file (it then ' +
          'leaves it in rollback-journal mode), or mount the directory writable',
      );
    }
    throw error;
  }
  return handle;
}

/** Logs what start-up did with data/: seeded, re-seeded, or kept a database written through the API since (`advice`). */
function logSeedOutcome(app: FastifyInstance, dataDir: string, outcome: 'seeded' | RefreshOutcome, advice = ''): void {
  if (outcome === 'seeded') app.log.info({ dataDir }, 'seeded the database');
  if (outcome === 'refreshed') app.log.info({ dataDir }, 'data/ changed since the last seed: re-seeded the database');
  if (outcome === 'kept-writes') {
    app.log.warn(
      { dataDir },
      `data/ changed since the last seed, but figures were written through the API since: kept the database${advice}`,
    );
  }
}

function openWritable(app: FastifyInstance, options: DatabasePluginOptions): DatabaseHandle {
  const handle = openDatabase(options.databasePath);
  try {
    runMigrations(handle.db, options.migrationsDir);
    if (seedIfEmpty(handle.db, options.dataDir)) logSeedOutcome(app, options.dataDir, 'seeded');
    else if (options.databasePath !== ':memory:') {
      const outcome = refreshIfStale(handle.db, options.dataDir);
      logSeedOutcome(app, options.dataDir, outcome, '; `npm run db:seed` loads data/ (and drops those writes)');
    }
  } catch (error) {
    handle.close();
    throw error;
  }
  return handle;
}

/**
 * On a clean stop the writable instance switches the file from WAL back to rollback-journal mode (it switches
 * to WAL again on the next start). A copy of the file can then be opened read-only from a read-only mount, which
 * a WAL-mode file cannot (SQLite would need to create its -shm file). Skipped, without waiting, while another
 * connection still has the file open.
 */
function leaveInRollbackJournalMode(handle: DatabaseHandle): void {
  try {
    handle.sqlite.pragma('busy_timeout = 0');
    handle.sqlite.pragma('journal_mode = DELETE');
  } catch {
    // Another connection holds the file: it stays in WAL mode, which is fine for everything but read-only media.
  }
}

/** Opens SQLite (migrating and seeding an empty writable database) and closes it with the app. */
function openSqlite(app: FastifyInstance, options: DatabasePluginOptions): { store: Store; dataset: SnapshotStore } {
  const handle = options.readOnly ? openReadOnly(options) : openWritable(app, options);
  const repository = createDatasetRepository(handle.db);
  app.addHook('onClose', async () => {
    if (!options.readOnly && options.databasePath !== ':memory:') leaveInRollbackJournalMode(handle);
    handle.close();
  });
  return {
    store: { kind: 'sqlite', db: handle.db, probe: sqliteProbe(handle.db, options.migrationsDir, repository.versionTag) },
    dataset: createSnapshotStore(repository),
  };
}

/**
 * Connects to PostgreSQL, migrates and seeds it under an advisory lock (replicas starting together do it once),
 * loads the snapshot, and LISTENs for other replicas' writes: a NOTIFY (or the LISTEN connection coming back after
 * an outage, when notifications may have been missed) rebuilds the snapshot. Closed with the app.
 */
async function openShared(
  app: FastifyInstance,
  url: string,
  options: DatabasePluginOptions,
): Promise<{ store: Store; dataset: SnapshotStore }> {
  const handle = openPostgres(url, (error) => app.log.warn({ err: error }, 'PostgreSQL dropped an idle connection'));
  try {
    const outcome = await underMigrationLock(handle, async (db) => {
      await runPgMigrations(db, options.migrationsPgDir);
      return seedOrRefreshPg(db, options.dataDir);
    });
    logSeedOutcome(app, options.dataDir, outcome);
    const source = createPgDatasetRepository(handle);
    const dataset = await createSharedSnapshotStore(source);
    const refresh = (why: string) => () => {
      dataset.refresh().catch((error: unknown) => app.log.warn({ err: error, why }, 'could not reload the dataset; serving the last one'));
    };
    const listener = await listenForDatasetChanges(url, {
      onNotify: refresh('notify'),
      onReconnect: () => {
        app.log.info('PostgreSQL is back: listening for writes again');
        refresh('reconnect')();
      },
      onError: (error) => app.log.warn({ err: error }, 'lost the LISTEN connection to PostgreSQL; reconnecting'),
    });
    app.addHook('onClose', async () => {
      await listener.close();
      await handle.close();
    });
    // A write answers right after its commit; the snapshot is rebuilt behind it (rebuilds coalesce, so sequential
    // writes do not each wait for one), and this replica's next request waits for that rebuild (the onRequest hook
    // below): a client reads its own writes on the replica it wrote through. Other replicas follow by NOTIFY.
    let ownWrites: Promise<void> | null = null;
    const afterWrite = () => {
      const settled: Promise<void> = dataset
        .refresh()
        .catch((error: unknown) => app.log.warn({ err: error }, 'could not reload the dataset after a write'))
        .finally(() => {
          if (ownWrites === settled) ownWrites = null;
        });
      ownWrites = settled;
      return settled;
    };
    // Bounded: a read never waits on a database that does not answer; it then gets the snapshot held.
    const settled = async () => {
      if (ownWrites === null) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ownWrites, new Promise((resolve) => (timer = setTimeout(resolve, OWN_WRITE_WAIT_MS)))]);
      clearTimeout(timer);
    };
    // Writes do not wait (each validates against the database, not the snapshot), so sequential writes never queue
    // behind rebuilds, and probes answer at once (a load balancer's check has a short timeout); everything that
    // answers from the snapshot does.
    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config as { changesData?: boolean; probe?: boolean } | undefined;
      if (config?.changesData !== true && config?.probe !== true) await settled();
    });
    const servedTag = () => dataset.current().version;
    return {
      store: {
        kind: 'postgres',
        handle,
        afterWrite,
        settled,
        changes: dataset.changes,
        servedTag,
        probe: pgProbe(handle.db, options.migrationsPgDir, source.versionTag, () => listener.connected, servedTag),
      },
      dataset,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function database(app: FastifyInstance, options: DatabasePluginOptions): Promise<void> {
  const { store, dataset } = options.databaseUrl === null ? openSqlite(app, options) : await openShared(app, options.databaseUrl, options);
  app.decorate<Store>('store', store);
  const trade = openTradeStore(options.dataDir, options.migrationsDir);
  app.decorate('tradeDb', trade.db);
  app.addHook('onClose', async () => trade.close());
  app.decorate('readOnly', options.readOnly);
  app.decorate('dataset', dataset);
  app.decorateRequest('pinnedSnapshot', null);
  // A getter, not an onRequest hook: /health and the docs never touch the database.
  app.decorateRequest('snapshot', {
    getter(this: FastifyRequest) {
      this.pinnedSnapshot ??= dataset.current();
      return this.pinnedSnapshot;
    },
  });
  // `?edition=` pins every figure a request reads to that edition's view (domain/editions). Wired once per route,
  // at registration, into the routes whose querystring declares `edition`; it runs after validation.
  app.addHook('onRoute', (route) => {
    if (!declaresEdition(route.schema?.querystring)) return;
    const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [...existing, pinEdition];
  });
}

/** Whether a route's querystring schema (zod) has an `edition` member. */
function declaresEdition(querystring: unknown): boolean {
  const shape = (querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'edition' in shape;
}

async function pinEdition(request: FastifyRequest): Promise<void> {
  const edition = (request.query as { edition?: string | undefined }).edition;
  if (edition !== undefined) request.pinnedSnapshot = viewForEdition(request.snapshot, edition, 'querystring.edition');
}

export default fp(database, { name: 'database' });
