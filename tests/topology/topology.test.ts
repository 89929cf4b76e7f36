/**
 * The topology of compose.yaml, on this machine: a PostgreSQL cluster (initdb, Debian's postgresql), two API
 * replicas as real processes (src/server.ts with DATABASE_URL), and HAProxy (Debian's haproxy) in front,
 * health-checking /ready. Load is sent to HAProxy from this process, on loopback only, bounded in count and time.
 *
 * 1. A write through one replica is read through the other: the visibility latency (< 1 s, by NOTIFY).
 * 2. One replica SIGKILLed under load: failed requests in the window are counted and reported; none once HAProxy
 *    has marked it down.
 * 3. PostgreSQL stopped and started under load: no read fails, writes get 503 problem+json with Retry-After and
 *    store nothing, and writes work again once it is back, without restarting a replica.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgresCluster, type PostgresCluster } from '../helpers/postgres.js';
import {
  SPAWN_TIMEOUT,
  killAllServers,
  listeningAddress,
  send,
  startServer,
  stopServer,
  type Answer,
  type ServerProcess,
} from '../helpers/server-process.js';
import { ANALYST_SECRET, bearer, tungstenRow } from '../modules/writes/helpers.js';

const HAPROXY = '/usr/sbin/haproxy';
const READ_PATHS = ['/v1/minerals/tungsten/concentration?year=2024', '/v1/minerals', '/v1/changes?since=1', '/v1/concentration'];

let dir: string;
let cluster: PostgresCluster;
let databaseUrl: string;
let ports: [number, number];
let replicas: [ServerProcess, ServerProcess];
let haproxy: ChildProcess;
let front: string;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const summary: Record<string, unknown> = {};

function startReplica(port: number): ServerProcess {
  return startServer({
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    API_KEYS: `analyst:${ANALYST_SECRET}`,
    LOG_LEVEL: 'info',
    RATE_LIMIT_MAX: '0',
    RATE_LIMIT_WRITE_MAX: '0',
  });
}

function haproxyConfig(listen: number): string {
  return [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 10s',
    '  timeout server 10s',
    // Above /ready's own bound on asking PostgreSQL (1 s), so a slow database makes a replica degraded, not down.
    '  timeout check 2s',
    // A request whose connection fails is sent to the other replica (safe: the replica never saw it).
    '  retries 2',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    'frontend api',
    `  bind 127.0.0.1:${listen}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /ready',
    '  http-check expect status 200',
    '  default-server inter 200ms fall 2 rise 2',
    ...ports.map((port, index) => `  server replica${index + 1} 127.0.0.1:${port} check`),
    '',
  ].join('\n');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` resolves true; the milliseconds it took. */
async function until(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await probe().catch(() => false)) return performance.now() - start;
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await delay(10);
  }
}

const readyOn = (base: string) => send(`${base}/ready`, { agent, timeoutMs: 3_000 });

interface Outcome {
  at: number;
  kind: 'read' | 'write';
  status: number | 'error';
  answer?: Answer;
}

/**
 * `workers` loops sending requests to HAProxy until `stop()`: reads round the READ_PATHS, and, when `writes` is set,
 * every fourth request of a worker is a write. Every outcome is kept with its start time.
 */
function load(workers: number, writes: boolean) {
  const outcomes: Outcome[] = [];
  let running = true;
  let sent = 0;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let index = 0; running && sent < 20_000; index += 1) {
      sent += 1;
      const kind = writes && index % 4 === 3 ? 'write' : 'read';
      const at = performance.now();
      try {
        const answer =
          kind === 'read'
            ? await send(`${front}${READ_PATHS[(index + worker) % READ_PATHS.length]}`, { agent, timeoutMs: 5_000 })
            : await send(`${front}/v1/production`, {
                agent,
                method: 'PUT',
                headers: bearer(),
                json: { rows: [tungstenRow({ tonnes: 3000 + (sent % 500) })] },
                timeoutMs: 5_000,
              });
        outcomes.push({ at, kind, status: answer.status, answer });
      } catch {
        outcomes.push({ at, kind, status: 'error' });
      }
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

beforeAll(async () => {
  if (spawnSync(HAPROXY, ['-v']).status !== 0) throw new Error('HAProxy is not installed: apt-get install haproxy (.ci/run does it in CI)');
  dir = mkdtempSync(join(tmpdir(), 'chokepoint-topology-'));
  cluster = await startPostgresCluster();
  databaseUrl = await cluster.createDatabase('chokepoint');
  ports = [await freePort(), await freePort()];
  // Started together: they migrate and seed once, under the advisory lock.
  replicas = [startReplica(ports[0]), startReplica(ports[1])];
  await Promise.all(replicas.map(listeningAddress));
  const listen = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(listen));
  haproxy = spawn(HAPROXY, ['-f', config, '-db'], { stdio: 'ignore' });
  front = `http://127.0.0.1:${listen}`;
  await until(10_000, async () => (await send(`${front}/ready`, { agent, timeoutMs: 1_000 })).status === 200);
  // Both servers UP (rise 2 × inter 200 ms) before the faults.
  await delay(600);
}, SPAWN_TIMEOUT);

afterAll(async () => {
  console.log(`topology: ${JSON.stringify(summary)}`);
  // A replica's errors (its pino lines at level 50 and above), to read what a failure looked like from inside.
  for (const replica of replicas ?? []) {
    const problems = replica.stdout.filter((line) => /"level":(5|6)0/.test(line)).slice(-5);
    if (problems.length > 0 || replica.stderr.length > 0)
      console.log(`replica: ${[...problems, ...replica.stderr].join('\n').slice(0, 4_000)}`);
  }
  haproxy?.kill('SIGKILL');
  killAllServers();
  await cluster?.destroy();
  agent.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, SPAWN_TIMEOUT);

describe('two replicas behind HAProxy on one PostgreSQL', () => {
  it('a write through one replica is read through the other in under a second', async () => {
    const [a, b] = ports.map((port) => `http://127.0.0.1:${port}`) as [string, string];
    const latencies: number[] = [];
    for (const tonnes of [3500, 3600, 3700, 3800, 3900]) {
      const written = await send(`${a}/v1/production`, {
        agent,
        method: 'PUT',
        headers: bearer(),
        json: { rows: [tungstenRow({ tonnes })] },
      });
      expect(written.status).toBe(200);
      const version = (JSON.parse(written.body) as { version: string }).version;
      const start = performance.now();
      // Served, not just known: B answers with an ETag of the new version.
      await until(2_000, async () => String((await send(`${b}${READ_PATHS[0]}`, { agent })).headers.etag).startsWith(`"${version}.`));
      const ms = performance.now() - start;
      const feed = JSON.parse((await send(`${b}/v1/changes?since=1`, { agent })).body) as { currentVersion: number };
      expect(`${feed.currentVersion}`).toBe(version.split('-')[0]);
      latencies.push(ms);
    }
    summary.visibilityMs = { max: Math.round(Math.max(...latencies)), all: latencies.map((ms) => Math.round(ms)) };
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it(
    'SIGKILL of one replica under load: no failed request once HAProxy has marked it down',
    async () => {
      const traffic = load(6, false);
      await delay(1_000);
      const killedAt = performance.now();
      replicas[1].child.kill('SIGKILL');
      await delay(2_500);
      const outcomes = await traffic.stop();
      // fall 2 × inter 200 ms: marked down within ~0.5 s of the kill.
      const markedDownBy = killedAt + 1_000;
      const failed = (from: number, to: number) =>
        outcomes.filter((outcome) => outcome.at >= from && outcome.at < to && outcome.status !== 200).length;
      summary.replicaKill = {
        requests: outcomes.length,
        failedBeforeKill: failed(0, killedAt),
        failedInWindow: failed(killedAt, markedDownBy),
        failedAfterMarkedDown: failed(markedDownBy, Infinity),
      };
      expect(outcomes.length).toBeGreaterThan(100);
      expect(failed(0, killedAt)).toBe(0);
      expect(failed(markedDownBy, Infinity)).toBe(0);
      // The replica comes back for the next fault (a new process on the same port).
      replicas[1] = startReplica(ports[1]);
      await listeningAddress(replicas[1]);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'PostgreSQL stopped and started under load: reads never fail, writes fail cleanly and recover',
    async () => {
      await delay(600); // replica 2 back UP in HAProxy
      const traffic = load(6, true);
      await delay(800);
      const stoppedAt = performance.now();
      await cluster.stop();
      await delay(300);
      const degraded = JSON.parse((await readyOn(`http://127.0.0.1:${ports[0]}`)).body) as { status: string };
      await delay(1_500);
      const startedAt = performance.now();
      await cluster.start();
      // Writes work again without a restart: the pool reconnects on its next write, LISTEN by itself.
      const recoveredMs = await until(10_000, async () => {
        const answer = await send(`${front}/v1/production`, {
          agent,
          method: 'PUT',
          headers: bearer(),
          json: { rows: [tungstenRow({ tonnes: 3333 })] },
        });
        return answer.status === 200;
      });
      await delay(500);
      const outcomes = await traffic.stop();
      const reads = outcomes.filter((outcome) => outcome.kind === 'read');
      const writes = outcomes.filter((outcome) => outcome.kind === 'write');
      const refused = writes.filter((outcome) => outcome.status === 503);
      const otherWriteFailures = writes.filter((outcome) => outcome.status !== 200 && outcome.status !== 503);
      summary.databaseOutage = {
        reads: reads.length,
        failedReads: reads.filter((outcome) => outcome.status !== 200).length,
        writes: writes.length,
        writes503: refused.length,
        otherWriteFailures: otherWriteFailures.length,
        outageMs: Math.round(startedAt - stoppedAt),
        writesBackAfterStartMs: Math.round(recoveredMs),
      };
      expect(degraded.status).toBe('degraded');
      expect(reads.length).toBeGreaterThan(100);
      expect(reads.filter((outcome) => outcome.status !== 200)).toEqual([]);
      expect(otherWriteFailures.map((outcome) => `${outcome.status} ${outcome.answer?.body ?? ''}`)).toEqual([]);
      expect(refused.length).toBeGreaterThan(0);
      for (const outcome of refused) {
        expect(outcome.answer?.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(outcome.answer?.headers['retry-after']).toBe('5');
      }
      // LISTEN reconnected: a write through replica 1 is seen on replica 2 again.
      const written = await send(`http://127.0.0.1:${ports[0]}/v1/production`, {
        agent,
        method: 'PUT',
        headers: bearer(),
        json: { rows: [tungstenRow({ tonnes: 3444 })] },
      });
      const version = (JSON.parse(written.body) as { version: string }).version;
      await until(1_000, async () =>
        String((await send(`http://127.0.0.1:${ports[1]}${READ_PATHS[0]}`, { agent })).headers.etag).startsWith(`"${version}.`),
      );
      const ready = JSON.parse((await readyOn(`http://127.0.0.1:${ports[0]}`)).body) as { status: string };
      expect(ready.status).toBe('ready');
      for (const replica of replicas) {
        const exit = await stopServer(replica);
        // On a failure, the replica's last log lines say why it did not close cleanly.
        expect(exit.code, [...replica.stdout.slice(-12), ...replica.stderr].join('\n')).toBe(0);
      }
    },
    SPAWN_TIMEOUT,
  );
});
