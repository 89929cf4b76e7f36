/**
 * The SQLite settings crash safety rests on, read back from the connection the app writes through: WAL (readers
 * never block the writer, a killed process leaves a recoverable log), foreign keys enforced, a busy timeout
 * instead of an immediate SQLITE_BUSY when a replica holds a read lock, and a synchronous level that survives a
 * killed process (NORMAL in WAL mode syncs at checkpoints; FULL would also sync every commit, against power loss).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, sqliteDbOf } from '../helpers/app.js';

let directory: string;
let app: FastifyInstance;
let sqlite: Database.Database;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'chokepoint-sqlite-'));
  app = await buildTestApp({ databasePath: join(directory, 'chokepoint.db') });
  sqlite = (sqliteDbOf(app) as unknown as { $client: Database.Database }).$client;
});
afterAll(async () => {
  await app.close();
  rmSync(directory, { recursive: true, force: true });
});

it('runs in WAL mode with foreign keys on, a 5 s busy timeout and synchronous commits', () => {
  expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  // 1 = NORMAL (durable against a killed process in WAL mode), 2 = FULL (also against power loss): NORMAL, see src/db/client.ts.
  expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
});

it('refuses a row that breaks a foreign key, so a bug in the write path cannot store a dangling reference', () => {
  expect(() =>
    sqlite
      .prepare(
        'insert into production (mineral_id, stage_id, country, year, basis_id, tonnes, edition, source_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run('unobtainium', 'mining', 'CHN', 2024, 'none', 1, 'usgs-mcs-2025', 'none'),
  ).toThrow(/FOREIGN KEY constraint failed/);
});
