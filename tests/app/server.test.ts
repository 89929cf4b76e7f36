/**
 * The real entry point, as a child process: start-up, structured logs with request ids, graceful shutdown on
 * SIGTERM/SIGINT with exit code 0, and the exit code and message for bad settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, killAllServers, listeningAddress, logLines, SPAWN_TIMEOUT, startServer } from '../helpers/server-process.js';

/** container-check and most orchestrators kill 10 s after SIGTERM. */
const STOP_LIMIT_MS = 10_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chokepoint-server-'));
});
afterAll(() => {
  killAllServers();
  rmSync(dir, { recursive: true, force: true });
});

describe('node src/server.ts', () => {
  it(
    'serves, logs JSON with request ids, and on SIGTERM closes idle keep-alive connections and exits 0 in time',
    async () => {
      const server = startServer({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'primary.db'), LOG_LEVEL: 'info' });
      try {
        const base = await listeningAddress(server);
        // A keep-alive agent leaves an idle socket open: shutdown must not wait for it to time out.
        const agent = new Agent({ keepAlive: true });
        expect((await get(`${base}/health`, agent)).status).toBe(200);
        const ready = await get(`${base}/ready`, agent);
        expect(ready.status).toBe(200);
        expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready' });
        const traced = await get(`${base}/v1/minerals/antimony`, agent, { 'x-request-id': 'spawned-1' });
        expect(traced.status).toBe(200);
        expect(traced.headers['x-request-id']).toBe('spawned-1');
        const metrics = await get(`${base}/metrics`, agent);
        expect(metrics.body).toContain('http_requests_total{method="GET",route="/v1/minerals/:mineral",status_code="200"} 1');

        server.child.kill('SIGTERM');
        const { code, afterMs } = await server.exited;
        agent.destroy();
        expect(code).toBe(0);
        expect(afterMs).toBeLessThan(STOP_LIMIT_MS);

        const lines = logLines(server);
        expect(lines.filter((line) => line.reqId === 'spawned-1').map((line) => line.msg)).toEqual([
          'incoming request',
          'request completed',
        ]);
        expect(lines.find((line) => line.msg === 'Chokepoint ready')).toMatchObject({
          readOnly: false,
          datasetVersion: expect.stringMatching(/^\d+-[0-9a-f]{12}$/),
        });
        expect(lines.find((line) => String(line.msg).startsWith('closing'))).toMatchObject({ signal: 'SIGTERM', level: 30 });
        expect(lines.at(-1)?.msg).toBe('closed');
        expect(server.stderr.join('')).toBe('');
      } finally {
        server.child.kill('SIGKILL');
      }
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 0 on SIGINT too, and serves a database it already seeded read-only',
    async () => {
      // Reuses the file the previous test migrated and seeded, as a replica would.
      const server = startServer({
        PORT: '0',
        DATABASE_PATH: join(dir, 'primary.db'),
        READ_ONLY: 'true',
        LOG_LEVEL: 'info',
      });
      try {
        const base = await listeningAddress(server);
        const agent = new Agent({ keepAlive: false });
        expect((await get(`${base}/v1/minerals`, agent)).status).toBe(200);
        expect(logLines(server).find((line) => line.msg === 'Chokepoint ready')).toMatchObject({ readOnly: true });
        server.child.kill('SIGINT');
        const { code, afterMs } = await server.exited;
        expect(code).toBe(0);
        expect(afterMs).toBeLessThan(STOP_LIMIT_MS);
      } finally {
        server.child.kill('SIGKILL');
      }
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 78 (EX_CONFIG) on PORT=abc, naming PORT and the value on stderr',
    async () => {
      const server = startServer({ PORT: 'abc', DATABASE_PATH: join(dir, 'never.db') });
      const { code } = await server.exited;
      expect(code).toBe(78);
      expect(server.stderr.join('')).toContain('Invalid configuration: PORT="abc": ');
      expect(server.stdout).toEqual([]);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 78 when READ_ONLY=true finds no database, naming DATABASE_PATH',
    async () => {
      const missing = join(dir, 'missing.db');
      const server = startServer({ READ_ONLY: 'true', DATABASE_PATH: missing, LOG_LEVEL: 'silent' });
      const { code } = await server.exited;
      expect(code).toBe(78);
      expect(server.stderr.join('')).toContain(`DATABASE_PATH="${missing}" does not exist`);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 1 with a logged error when the port is taken',
    async () => {
      const occupier = createServer();
      await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = occupier.address() as AddressInfo;
        const server = startServer({ PORT: String(port), DATABASE_PATH: join(dir, 'primary.db'), LOG_LEVEL: 'info' });
        const { code } = await server.exited;
        expect(code).toBe(1);
        expect(logLines(server).find((line) => line.msg === 'could not listen')).toMatchObject({
          level: 50,
          err: { code: 'EADDRINUSE' },
        });
      } finally {
        occupier.close();
      }
    },
    SPAWN_TIMEOUT,
  );
});
