import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { AppError } from '../errors.js';

/** drizzle over node-postgres; tables come from db/pg-schema (generated from the catalogue), not from a schema object. */
export type PgDb = NodePgDatabase;

/** The NOTIFY channel a committed write (or a seed) announces a new dataset version on. */
const DATASET_CHANNEL = 'chokepoint_dataset';

/**
 * Advisory lock keys (one bigint namespace per database): start-up migrates and seeds under MIGRATION_LOCK, so
 * replicas starting together migrate once; every write transaction takes WRITE_LOCK first, so writes from all
 * replicas run one at a time, each validated against the state the previous one committed (SQLite's BEGIN IMMEDIATE).
 */
const MIGRATION_LOCK = 7_212_025_001;
const WRITE_LOCK = 7_212_025_002;

/** Seconds a client is asked to wait (Retry-After) when a write finds the database unreachable. */
const RETRY_AFTER_SECONDS = 5;

export interface PostgresHandle {
  pool: pg.Pool;
  db: PgDb;
  close(): Promise<void>;
}

/**
 * A connection pool. Connecting gives up after a few seconds, so a write answers 503 instead of hanging while the
 * server is away; a connection the server dropped is discarded, never fatal.
 */
export function openPostgres(url: string, onIdleError: (error: Error) => void = () => undefined): PostgresHandle {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000 });
  pool.on('error', onIdleError);
  // A connection the server drops while checked out (a fast shutdown ends every session) emits 'error' on its
  // client, which would be an uncaught exception; the query in flight fails on its own, and the pool discards the
  // broken client when it is released.
  pool.on('connect', (client) => client.on('error', onIdleError));
  return { pool, db: drizzle(pool), close: () => pool.end() };
}

/**
 * Runs `work` on a connection of its own, which always goes back to the pool, and is discarded when the database
 * dropped it. One connection left checked out makes pool.end(), so shutdown, wait for ever.
 */
async function onOwnConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let dropped: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (isUnreachable(error)) dropped = error as Error;
    throw error;
  } finally {
    client.release(dropped);
  }
}

/**
 * Runs `work` on one connection holding the migration lock: the first replica migrates (and seeds), the others
 * wait for the lock and then find nothing to do.
 */
export async function underMigrationLock<T>(handle: PostgresHandle, work: (db: PgDb) => Promise<T>): Promise<T> {
  return onOwnConnection(handle.pool, async (client) => {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work(drizzle(client));
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

export async function runPgMigrations(db: PgDb, migrationsFolder: string): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** How many migrations this database has applied (drizzle keeps them in drizzle.__drizzle_migrations). */
export async function appliedPgMigrationCount(db: PgDb): Promise<number> {
  const result = await db.execute<{ applied: number }>(
    sql`select case when to_regclass('drizzle.__drizzle_migrations') is null then 0
          else (select count(*)::int from drizzle.__drizzle_migrations) end as applied`,
  );
  return result.rows[0]?.applied ?? 0;
}

/** SQLSTATE classes and codes that mean "the server is not there" rather than "the statement is wrong". */
const UNREACHABLE_SQLSTATES = /^(08|57P0[1-4]|53300)/;
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** Whether an error (or one it wraps) says the database cannot be reached: refused, dropped, shutting down, timed out. */
export function isUnreachable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_SOCKET_CODES.has(code) || UNREACHABLE_SQLSTATES.test(code))) return true;
    if (/Connection terminated|timeout exceeded when trying to connect|Client was closed|not queryable/i.test(current.message)) return true;
  }
  return false;
}

/** The 503 a write answers while the database is away: nothing was stored; try again after Retry-After. */
export function databaseUnavailable(): AppError {
  return new AppError(
    'unavailable',
    'The database is unreachable, so nothing was stored. Reads are still answered from this replica; retry the write later.',
    undefined,
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/**
 * Runs `work` in one transaction on a connection of its own (onOwnConnection). Not drizzle's pool transaction: that
 * one keeps its connection checked out for good when BEGIN fails, as it does when the server goes away between
 * checkout and BEGIN.
 */
export function inTransaction<T>(pool: pg.Pool, work: (db: PgDb) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  return onOwnConnection(pool, (client) => drizzle(client).transaction((tx) => work(tx as unknown as PgDb), config));
}

/**
 * Runs `work` in one transaction that first takes the write lock (see WRITE_LOCK); a throw rolls everything back.
 * A database that cannot be reached becomes databaseUnavailable(); an error of the work itself passes through.
 */
export async function writeTransaction<T>(handle: PostgresHandle, work: (db: PgDb) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(handle.pool, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
      return work(tx);
    });
  } catch (error) {
    if (!(error instanceof AppError) && isUnreachable(error)) throw databaseUnavailable();
    throw error;
  }
}

/** Announces a new dataset version to every replica; delivered when the surrounding transaction commits. */
export async function notifyDatasetChanged(db: PgDb, version: string): Promise<void> {
  await db.execute(sql`select pg_notify(${DATASET_CHANNEL}, ${version})`);
}

interface DatasetListener {
  /** Whether the LISTEN connection is up now. */
  readonly connected: boolean;
  close(): Promise<void>;
}

interface ListenOptions {
  /** A NOTIFY arrived on the channel. */
  onNotify: () => void;
  /** The connection came back after a loss: notifications may have been missed meanwhile. */
  onReconnect: () => void;
  onError?: (error: Error) => void;
  /** Reconnect delays, ms: the first, doubling up to the last. */
  backoff?: { initialMs: number; maxMs: number };
}

/**
 * LISTENs on DATASET_CHANNEL on a connection of its own, and reconnects (with backoff) whenever it is lost, so a
 * replica follows other replicas' writes again as soon as the database is back, without a restart.
 */
export async function listenForDatasetChanges(url: string, options: ListenOptions): Promise<DatasetListener> {
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 200, maxMs: 2_000 };
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let delay = initialMs;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    next.on('notification', (message) => {
      if (message.channel === DATASET_CHANNEL) options.onNotify();
    });
    const lost = (error?: Error) => {
      if (error) options.onError?.(error);
      if (client !== next) return;
      client = null;
      connected = false;
      next.end().catch(() => undefined);
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    client = next;
    await next.connect();
    await next.query(`listen ${DATASET_CHANNEL}`);
    connected = true;
    delay = initialMs;
  };
  const schedule = () => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(options.onReconnect, (error: Error) => {
        options.onError?.(error);
        client?.end().catch(() => undefined);
        client = null;
        delay = Math.min(delay * 2, maxMs);
        schedule();
      });
    }, delay);
    timer.unref();
  };

  await connect();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = null;
      connected = false;
      await current?.end().catch(() => undefined);
    },
  };
}
