import type { Db } from './client.js';
import type { ChangeRow } from './schema.js';
import type { PostgresHandle } from './postgres.js';

/** What readiness learns from the database. */
export interface DatabaseCheck {
  applied: number;
  version: string | null;
}

/** How /ready looks at the store (db/status.ts builds one per store). */
export interface DatabaseProbe {
  /** Migrations this build ships. */
  expected: number;
  /** Reads the database; throws when it cannot. */
  check(): Promise<DatabaseCheck>;
  /**
   * When the database cannot be read: the dataset version this instance still answers from memory (degraded but
   * serving), or null when it cannot serve without its database (the embedded SQLite file).
   */
  servedWhileAway(): string | null;
}

/**
 * The store the app runs on, chosen by DATABASE_URL: the embedded SQLite file (one process, or READ_ONLY replicas of
 * one file), or a PostgreSQL server shared by any number of replicas. Repository factories take it and return the
 * implementation for its kind; nothing above the repositories asks which one it is.
 */
export type Store =
  | { kind: 'sqlite'; db: Db; probe: DatabaseProbe }
  | {
      kind: 'postgres';
      handle: PostgresHandle;
      probe: DatabaseProbe;
      /**
       * Run after a write commits: starts bringing this replica's snapshot up to the version it wrote (its next
       * request waits for it); the promise settles when it is there.
       */
      afterWrite(): Promise<void>;
      /** Resolves once the snapshot holds every write made through this replica so far. */
      settled(): Promise<void>;
      /** The change feed as this replica holds it (with its snapshot): GET /v1/changes never waits for the database. */
      changes(): readonly ChangeRow[];
      /** The dataset version tag this replica serves (its snapshot's). */
      servedTag(): string;
    };
