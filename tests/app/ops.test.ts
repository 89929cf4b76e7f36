/** Operating the service: probes, metrics, request ids, read-only replicas, and the settings behind them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ConfigError, defaultConfig, loadConfig } from '../../src/config.js';
import { expectedMigrationCount } from '../../src/db/status.js';
import { datasetVersionNumber, UNMATCHED_ROUTE } from '../../src/plugins/metrics.js';
import { buildTestApp, sqliteDbOf } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VERSION_TAG = /^\d+-[0-9a-f]{12}$/;
const MIGRATIONS = expectedMigrationCount(defaultConfig().migrationsDir);

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

/** The better-sqlite3 handle under the app's drizzle instance. */
function sqliteOf(target: FastifyInstance): Database.Database {
  return (sqliteDbOf(target) as unknown as { $client: Database.Database }).$client;
}

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.lastIndexOf('}'));
    const parts = labelText.split(',');
    if (wanted.every((pair) => parts.includes(pair)) && parts.length === wanted.length) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

async function scrape(target: FastifyInstance = app): Promise<string> {
  const response = await target.inject({ url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

describe('GET /health', () => {
  it('answers ok without caching', async () => {
    const response = await app.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /ready', () => {
  it('reports the dataset version and the migrations applied', async () => {
    const response = await app.inject({ url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({ status: 'ready', datasetVersion: expect.stringMatching(VERSION_TAG), migrations: MIGRATIONS });
    expect(body.datasetVersion).toBe(app.dataset.current().version);
    expect(MIGRATIONS).toBeGreaterThan(0);
  });

  describe('when the database is not ready', () => {
    let broken: FastifyInstance;
    beforeAll(async () => {
      broken = await buildTestApp();
    });
    afterAll(async () => {
      await broken.close();
    });

    it('503s when the dataset is missing', async () => {
      sqliteDbOf(broken).run(sql`delete from dataset_meta`);
      const body = expectProblem(await broken.inject({ url: '/ready' }), 503, 'unavailable', '/ready');
      expect(body.title).toBe('Service unavailable');
      expect(body.detail).toBe('The database holds no dataset yet.');
    });

    it('503s when migrations are missing, counting them', async () => {
      sqliteDbOf(broken).run(sql`delete from __drizzle_migrations`);
      const body = expectProblem(await broken.inject({ url: '/ready' }), 503, 'unavailable');
      expect(body.detail).toBe(`The database is not migrated: 0 of ${MIGRATIONS} migrations applied.`);
    });

    it('503s when the database is unreachable, and /health stays up', async () => {
      sqliteOf(broken).close();
      const body = expectProblem(await broken.inject({ url: '/ready' }), 503, 'unavailable');
      expect(body.detail).toMatch(/^The database is unreachable: /);
      expect((await broken.inject({ url: '/health' })).statusCode).toBe(200);
    });
  });
});

describe('request ids', () => {
  it('makes a UUID and echoes it in x-request-id', async () => {
    const response = await app.inject({ url: '/health' });
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('gives every request its own id', async () => {
    const [first, second] = await Promise.all([app.inject({ url: '/health' }), app.inject({ url: '/health' })]);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it("keeps the caller's x-request-id", async () => {
    const response = await app.inject({ url: '/v1/minerals', headers: { 'x-request-id': 'edge-42.a:b_c' } });
    expect(response.headers['x-request-id']).toBe('edge-42.a:b_c');
  });

  it.each([
    ['spaces', 'not a token'],
    ['too long', 'x'.repeat(129)],
    ['markup', '<script>'],
  ])('replaces a caller id with %s by a UUID', async (_case, incoming) => {
    const response = await app.inject({ url: '/health', headers: { 'x-request-id': incoming } });
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('is on error responses too', async () => {
    const response = await app.inject({ url: '/v1/nowhere', headers: { 'x-request-id': 'trace-404' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-request-id']).toBe('trace-404');
  });

  it('is the id the request logs carry', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    const logged = await buildApp(defaultConfig(), { logger: { level: 'info', stream } });
    try {
      await logged.inject({ url: '/v1/minerals', headers: { 'x-request-id': 'log-me' } });
      const requestLines = lines.filter((line) => line.reqId === 'log-me');
      expect(requestLines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
      // Probes and scrapes are polled: they log only at warn and above.
      lines.length = 0;
      await logged.inject({ url: '/health' });
      await logged.inject({ url: '/ready' });
      await logged.inject({ url: '/metrics' });
      expect(lines).toEqual([]);
    } finally {
      await logged.close();
    }
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus text format, uncached', async () => {
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('# TYPE http_requests_total counter');
    expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('counts requests by method, route pattern and status, never by raw URL', async () => {
    const labels = { method: 'GET', route: '/v1/minerals/:mineral', status_code: '200' };
    const before = sample(await scrape(), 'http_requests_total', labels) ?? 0;
    await app.inject({ url: '/v1/minerals/antimony' });
    await app.inject({ url: '/v1/minerals/cobalt?x=1' });
    const text = await scrape();
    expect(sample(text, 'http_requests_total', labels)).toBe(before + 2);
    expect(sample(text, 'http_request_duration_seconds_count', labels)).toBe(before + 2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { le: '+Inf', ...labels })).toBe(before + 2);
    expect(text).not.toContain('/v1/minerals/antimony');
    expect(text).not.toContain('cobalt');
  });

  it('labels a route-level 404 with its pattern and an unmatched URL as "unmatched"', async () => {
    const routed = { method: 'GET', route: '/v1/minerals/:mineral', status_code: '404' };
    const unmatched = { method: 'GET', route: UNMATCHED_ROUTE, status_code: '404' };
    const before = await scrape();
    await app.inject({ url: '/v1/minerals/unobtainium' });
    await app.inject({ url: '/v1/no/such/thing/123' });
    const text = await scrape();
    expect(sample(text, 'http_requests_total', routed)).toBe((sample(before, 'http_requests_total', routed) ?? 0) + 1);
    expect(sample(text, 'http_requests_total', unmatched)).toBe((sample(before, 'http_requests_total', unmatched) ?? 0) + 1);
    expect(text).not.toContain('no/such/thing');
  });

  it('labels validation failures with the route and 400', async () => {
    await app.inject({ url: '/v1/production?year=abc' });
    const text = await scrape();
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/v1/production', status_code: '400' })).toBe(1);
  });

  it('reports the dataset version as a gauge with its full tag', async () => {
    const tag = app.dataset.current().version;
    expect(sample(await scrape(), 'chokepoint_dataset_version', { tag })).toBe(datasetVersionNumber(tag));
    expect(datasetVersionNumber(tag)).toBe(1);
  });

  it('includes the default process metrics', async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('keeps a registry per app, so apps in one process neither collide nor share counts', async () => {
    const other = await buildTestApp();
    try {
      expect(other.metrics).not.toBe(app.metrics);
      await other.inject({ url: '/v1/stages' });
      await other.inject({ url: '/v1/stages' });
      const labels = { method: 'GET', route: '/v1/stages', status_code: '200' };
      expect(sample(await scrape(other), 'http_requests_total', labels)).toBe(2);
      expect(sample(await scrape(app), 'http_requests_total', labels)).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('is left out of the API description', () => {
    const paths = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths);
    expect(paths).not.toContain('/metrics');
  });
});

describe('datasetVersionNumber', () => {
  it.each([
    ['1-e1499eae9547', 1],
    ['42-abc', 42],
    ['7', 7],
  ])('reads %s as %d', (tag, expected) => {
    expect(datasetVersionNumber(tag)).toBe(expected);
  });

  it.each([[null], ['empty'], ['']])('is NaN for %s', (tag) => {
    expect(datasetVersionNumber(tag)).toBeNaN();
  });
});

describe('the probes in the API description', () => {
  const operation = (path: string) => (app.swagger() as { paths: Record<string, { get: Record<string, any> }> }).paths[path]?.get;

  it('documents /ready under health, with its 503 problem', () => {
    const ready = operation('/ready');
    expect(ready).toMatchObject({ operationId: 'getReadiness', tags: ['health'], summary: expect.any(String) });
    expect(Object.keys(ready?.responses ?? {})).toEqual(expect.arrayContaining(['200', '503']));
    expect(ready?.responses['503'].content).toHaveProperty(['application/problem+json']);
  });

  it('documents /health under health', () => {
    expect(operation('/health')).toMatchObject({ operationId: 'getHealth', tags: ['health'] });
  });
});

describe('READ_ONLY', () => {
  let dir: string;
  let databasePath: string;
  let replica: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-ro-'));
    databasePath = join(dir, 'chokepoint.db');
    // The primary migrates and seeds the file; the replica only reads it.
    const primary = await buildApp(defaultConfig({ databasePath }));
    await primary.close();
    replica = await buildApp(defaultConfig({ databasePath, readOnly: true }));
  });
  afterAll(async () => {
    await replica?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves reads', async () => {
    const response = await replica.inject({ url: '/v1/minerals/antimony' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: 'antimony' });
    expect((await replica.inject({ url: '/v1/concentration' })).statusCode).toBe(200);
  });

  it('is ready, with the same dataset the primary wrote', async () => {
    const response = await replica.inject({ url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', migrations: MIGRATIONS, datasetVersion: expect.stringMatching(VERSION_TAG) });
  });

  it('opens the SQLite handle read-only, so a write cannot happen even by mistake', () => {
    expect(sqliteOf(replica).readonly).toBe(true);
    expect(() => sqliteOf(replica).exec('delete from dataset_meta')).toThrow('attempt to write a readonly database');
  });

  it('finds the file the primary left in rollback-journal mode, so a copy opens from read-only media', () => {
    const inspector = new Database(databasePath, { readonly: true });
    try {
      // The replica still has it open read-only, which does not change the mode.
      expect(inspector.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      inspector.close();
    }
  });

  it('flags the app read-only for write routes to check', () => {
    expect(replica.readOnly).toBe(true);
    expect(app.readOnly).toBe(false);
  });

  it('refuses to start on a missing database, naming READ_ONLY and DATABASE_PATH', async () => {
    const missing = join(dir, 'missing.db');
    const attempt = buildApp(defaultConfig({ databasePath: missing, readOnly: true }));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(
      `READ_ONLY=true needs an existing, migrated and seeded database, but DATABASE_PATH="${missing}" does not exist`,
    );
  });

  it('refuses to start on a database that was never migrated', async () => {
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    await expect(buildApp(defaultConfig({ databasePath: empty, readOnly: true }))).rejects.toThrow(
      `has 0 of ${MIGRATIONS} migrations applied`,
    );
  });

  it('refuses to start on a migrated database that holds no dataset', async () => {
    const unseeded = join(dir, 'unseeded.db');
    const primary = await buildApp(defaultConfig({ databasePath: unseeded }));
    sqliteDbOf(primary).run(sql`delete from dataset_meta`);
    await primary.close();
    await expect(buildApp(defaultConfig({ databasePath: unseeded, readOnly: true }))).rejects.toThrow(/holds no dataset/);
  });
});

describe('operational settings', () => {
  it('names PORT and the bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('Invalid configuration: PORT="abc": ');
  });

  it('refuses READ_ONLY on an in-memory database', () => {
    expect(() => loadConfig({ READ_ONLY: 'true', DATABASE_PATH: ':memory:' })).toThrow(/READ_ONLY="true": an in-memory database/);
  });

  it('defaults the shutdown grace period below container-check and Kubernetes stop timeouts (10 s)', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(8_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '2500' }).shutdownTimeoutMs).toBe(2_500);
  });

  it.each(['abc', '50', '600000', '1.5'])('refuses SHUTDOWN_TIMEOUT_MS=%s', (value) => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: value })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});

describe('graceful close', () => {
  it('finishes the request in flight, then answers a request still arriving on its connection with 503 problem+json', async () => {
    // The app as production builds it, listening: a scenario POST stays in flight until its body has all arrived.
    const server = await buildApp(defaultConfig(), { logger: false });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    const body = JSON.stringify({ minerals: ['antimony'], shocks: [{ countries: ['CHN'], reduction: 1 }] });

    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `POST /v1/scenarios/disruption HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, 10)}`,
    );
    // The server holds the half-sent request once it has its headers (no response can come before the body ends).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toBe('');
    const closed = server.close();
    socket.write(body.slice(10));
    // The busy connection stays open during the close, so a client can still send on it.
    socket.write('GET /v1/minerals HTTP/1.1\r\nHost: x\r\nx-request-id: late-1\r\n\r\n');
    await closed;
    await socketClosed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain('"bindingStage"');
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second).toMatch(/content-type: application\/problem\+json/i);
    expect(second).toMatch(/connection: close/i);
    expect(second).toMatch(/x-request-id: late-1/i);
    // The edge's security headers too, as on every reply.
    expect(second).toMatch(/content-security-policy: /i);
    const problem = JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 503, code: 'unavailable', instance: '/v1/minerals' });
  });
});
