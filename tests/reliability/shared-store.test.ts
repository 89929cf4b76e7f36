/**
 * Replicas on one PostgreSQL database, in one process: each answers from its own snapshot, a write through one is
 * seen by the other through LISTEN/NOTIFY (no polling), both label a dataset version with the same ETags, and
 * replicas starting together migrate and seed once. The same snapshot rules hold on SQLite (snapshot-consistency).
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { expectedMigrationCount } from '../../src/db/status.js';
import { defaultConfig } from '../../src/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from '../helpers/app.js';
import { buildStoreApp, freshPostgresDatabase } from '../helpers/stores.js';
import { API_KEYS, putProduction, tungstenRow } from '../modules/writes/helpers.js';

const CONCENTRATION = '/v1/minerals/tungsten/concentration?year=2024&edition=usgs-mcs-2025';

let url: string;
let replicas: FastifyInstance[] = [];

beforeAll(async () => {
  url = await freshPostgresDatabase();
  // Started together: both take the migration lock in turn; the second finds the database migrated and seeded.
  replicas = await Promise.all([0, 1].map(() => buildStoreApp('postgres', { databaseUrl: url, apiKeys: API_KEYS })));
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls `probe` every 5 ms until it holds; returns the milliseconds it took (throws after `limitMs`). */
async function within(limitMs: number, probe: () => boolean): Promise<number> {
  const start = performance.now();
  while (!probe()) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - start;
}

describe('two replicas on one PostgreSQL database', () => {
  it('migrated once and seeded once, at dataset version 1', async () => {
    // Every migration of migrations-pg/ once, though two replicas started together.
    const migrations = expectedMigrationCount(defaultConfig().migrationsPgDir);
    expect(migrations).toBeGreaterThan(1);
    expect(await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')).toEqual([{ n: migrations }]);
    const [first, second] = replicas.map((replica) => replica.dataset.current().version);
    expect(first).toMatch(/^1-[0-9a-f]{12}$/);
    expect(second).toBe(first);
    expect(await query('select count(*)::int as n from changes')).toEqual([{ n: 0 }]);
  });

  it('answer the same version with the same ETag and body', async () => {
    const [a, b] = await Promise.all(replicas.map((replica) => replica.inject(CONCENTRATION)));
    expect(a?.statusCode).toBe(200);
    expect(a?.headers.etag).toBe(b?.headers.etag);
    expect(a?.body).toBe(b?.body);
  });

  it('a write through one is read through the other within a second, by NOTIFY', async () => {
    const [writer, reader] = replicas as [FastifyInstance, FastifyInstance];
    const response = await putProduction(writer, [tungstenRow({ tonnes: 3500 })]);
    expect(response.statusCode).toBe(200);
    const version = (response.json() as { version: string }).version;
    expect(version).toMatch(/^2-/);
    // The writer's next request reads its own write.
    expect(String((await writer.inject(CONCENTRATION)).headers.etag)).toMatch(new RegExp(`^"${version}\\.`));
    const ms = await within(1_000, () => reader.dataset.current().version === version);
    expect(ms).toBeLessThan(1_000);
    const [a, b] = await Promise.all(replicas.map((replica) => replica.inject(CONCENTRATION)));
    expect(a?.headers.etag).toBe(b?.headers.etag);
    expect(String(b?.headers.etag)).toMatch(new RegExp(`^"${version}\\.`));
    const { body } = await getJson(reader, '/v1/changes?since=1');
    expect(body.data).toEqual([expect.objectContaining({ version: 2, action: 'update', new: expect.objectContaining({ tonnes: 3500 }) })]);
  });

  it('concurrent writes through both replicas are serialized: every version once, all-or-nothing', async () => {
    const writes = [3600, 3700, 3800, 3900].map((tonnes, index) =>
      putProduction(replicas[index % 2] as FastifyInstance, [tungstenRow({ tonnes })]),
    );
    const answers = await Promise.all(writes);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200]);
    // Each answer names the dataset version after its write (a later one when another write landed in between).
    const versions = answers.map((answer) => Number.parseInt((answer.json() as { version: string }).version, 10));
    expect(Math.min(...versions)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...versions)).toBe(6);
    const feed = await query<{ version: number }>('select version from changes order by id');
    expect(feed.map((row) => row.version)).toEqual([2, 3, 4, 5, 6]);
    const final = (await query<{ value: string }>("select value from dataset_meta where key = 'version'"))[0]?.value;
    expect(final).toBe('6');
    await within(1_000, () => replicas.every((replica) => replica.dataset.current().version.startsWith('6-')));
  });
});
