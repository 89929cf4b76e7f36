/**
 * SQLite and PostgreSQL side by side, in one run on one machine (`npm run bench:stores`; `--write` puts the report in
 * bench/RESULTS.md). Both servers are `node dist/server.js` processes (run `npm run build` first) with the same
 * settings; PostgreSQL is a throwaway cluster of Debian's package with its production defaults (fsync and
 * synchronous commits on). Measured, alternating the stores within each measure (ABBA):
 * - a cached GET and a scenario POST under autocannon (10 connections), requests per second and p99;
 * - sequential single-row writes (PUT /v1/production, one at a time), writes per second and p50;
 * - a cold start: spawn → first 200, on an empty database (migrate and seed included).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { documentedRequests, type SpecDocument } from '../scripts/openapi-document.js';
import { startPostgresCluster } from '../tests/helpers/postgres.js';
import { tungstenRow } from '../tests/modules/writes/helpers.js';
import { ROOT, describeMachine, fetchRaw, percentile, startChokepoint, writeResultsBlock, type Server } from './lib.js';

type StoreName = 'sqlite' | 'postgres';
const STORES: StoreName[] = ['sqlite', 'postgres'];
const ROUNDS = 2;
const SECONDS = 4;
const WRITES = 200;
const SECRET = 'bench-secret-0123456789';
const GET_PATH = '/v1/minerals/tungsten/concentration?year=2024';

const spec = JSON.parse(readFileSync(join(ROOT, 'openapi', 'openapi.json'), 'utf8')) as SpecDocument;
const scenario = documentedRequests(spec).get('runDisruptionScenario');
if (scenario?.body === undefined) throw new Error('no documented body for runDisruptionScenario');
const SCENARIO_BODY = JSON.stringify(scenario.body);

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-stores-'));
const cluster = await startPostgresCluster({ durable: true });
let databases = 0;

async function start(store: StoreName, name: string): Promise<Server> {
  const env: Record<string, string> = { API_KEYS: `bench:${SECRET}`, RATE_LIMIT_WRITE_MAX: '0' };
  if (store === 'postgres') env.DATABASE_URL = await cluster.createDatabase(`bench_${++databases}`);
  return startChokepoint(`${store}-${name}`, { databasePath: join(dir, `${name}-${++databases}.db`), env });
}

async function rate(server: Server, method: 'GET' | 'POST', path: string, body?: string): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    method,
    connections: 10,
    duration: SECONDS,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  if (result.non2xx + result.errors > 0) throw new Error(`${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors on ${path}`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function writes(server: Server): Promise<{ perSecond: number; p50: number }> {
  const times: number[] = [];
  const start = performance.now();
  for (let index = 0; index < WRITES; index += 1) {
    const row = tungstenRow({ tonnes: 3000 + (index % 2) * 100 });
    const before = performance.now();
    const answer = await fetchRaw(server.port, 'PUT', '/v1/production', JSON.stringify({ rows: [row] }), {
      authorization: `Bearer ${SECRET}`,
    });
    if (answer.status !== 200) throw new Error(`${server.name}: write answered ${answer.status}`);
    times.push(performance.now() - before);
  }
  return {
    perSecond: WRITES / ((performance.now() - start) / 1000),
    p50: percentile(
      [...times].sort((a, b) => a - b),
      50,
    ),
  };
}

type Measures = Record<
  StoreName,
  { get: number[]; getP99: number[]; post: number[]; postP99: number[]; writes: number[]; writeP50: number[]; cold: number[] }
>;
const measures: Measures = {
  sqlite: { get: [], getP99: [], post: [], postP99: [], writes: [], writeP50: [], cold: [] },
  postgres: { get: [], getP99: [], post: [], postP99: [], writes: [], writeP50: [], cold: [] },
};

try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? STORES : [...STORES].reverse();
    for (const store of order) {
      const server = await start(store, `round${round}`);
      try {
        measures[store].cold.push(server.startMs);
        await rate(server, 'GET', GET_PATH); // warm-up
        const get = await rate(server, 'GET', GET_PATH);
        const post = await rate(server, 'POST', '/v1/scenarios/disruption', SCENARIO_BODY);
        const written = await writes(server);
        Object.assign(measures[store], {
          get: [...measures[store].get, get.rps],
          getP99: [...measures[store].getP99, get.p99],
          post: [...measures[store].post, post.rps],
          postP99: [...measures[store].postP99, post.p99],
          writes: [...measures[store].writes, written.perSecond],
          writeP50: [...measures[store].writeP50, written.p50],
        });
      } finally {
        await server.stop();
      }
    }
  }
} finally {
  await cluster.destroy();
  rmSync(dir, { recursive: true, force: true });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const row = (label: string, key: keyof Measures['sqlite'], unit: string, higherIsBetter: boolean) => {
  const sqlite = mean(measures.sqlite[key]);
  const postgres = mean(measures.postgres[key]);
  const ratio = postgres / sqlite;
  return `| ${label} | ${sqlite.toFixed(1)} ${unit} | ${postgres.toFixed(1)} ${unit} | ${ratio.toFixed(2)}× ${higherIsBetter ? '(PostgreSQL / SQLite; higher is better)' : '(lower is better)'} |`;
};
const machine = describeMachine();
const report = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
    `${ROUNDS} rounds per store, alternating (ABBA); PostgreSQL with fsync and synchronous_commit on. ` +
    'The machine is shared with other work, so compare the ratios (measured side by side), not the absolute numbers.',
  '',
  '| measure | SQLite | PostgreSQL | ratio |',
  '| --- | --- | --- | --- |',
  row(`cached GET ${GET_PATH}, 10 connections`, 'get', 'req/s', true),
  row('  its p99 latency', 'getP99', 'ms', false),
  row('scenario POST /v1/scenarios/disruption, 10 connections', 'post', 'req/s', true),
  row('  its p99 latency', 'postP99', 'ms', false),
  row(`sequential single-row PUT /v1/production (${WRITES} writes)`, 'writes', 'writes/s', true),
  row('  their p50 latency', 'writeP50', 'ms', false),
  row('cold start on an empty database (spawn → first 200: migrate, seed, snapshot)', 'cold', 'ms', false),
].join('\n');
console.log(report);
if (process.argv.includes('--write')) {
  writeResultsBlock(
    '<!-- stores:begin -->',
    '<!-- stores:end -->',
    report,
    '## SQLite and PostgreSQL (issue 25)\n\n`npm run bench:stores` (bench/stores.ts): the same server on either store, side by side in one run. Reads are answered from the in-memory snapshot on both, so GETs and scenario POSTs should not depend on the store; writes and cold starts do (a write is a network round trip per statement plus a commit that PostgreSQL fsyncs, where SQLite in WAL mode with synchronous=NORMAL does not; a cold start migrates and seeds over the network).',
  );
}
