/**
 * Cold start of two builds side by side (issue 11: "cold start does not get slower").
 *
 *   npx tsx bench/cold-start.ts --base <dir> [--head <dir>] [--trials 7]
 *
 * `<dir>` is a checkout with dist/ built and node_modules (for example a `git worktree` of the commit before the
 * change, with node_modules copied in); `--head` defaults to this repository. Each trial spawns
 * `node dist/server.js` in that checkout (its own data/, NODE_ENV=production, LOG_LEVEL=warn, 127.0.0.1, a free
 * port, a fresh temporary DATABASE_PATH) and times spawn → first 200 on GET /v1/minerals/antimony/concentration,
 * polled every 5 ms; base and head alternate (A B A B …) so drifting machine load hits both alike. Then the warm
 * restart: each build seeds one database file, and `--trials` restarts on that existing file are timed the same
 * way (alternating again) — HEAD hashes data/ at start to tell whether the database is stale.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuTimeOf, describeMachine, fetchRaw, freePort, ROOT, sleep, stopChild, track } from './lib.js';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const BASE = option('base');
if (!BASE) {
  console.error('usage: tsx bench/cold-start.ts --base <dir> [--head <dir>] [--trials 7]');
  process.exit(64);
}
const BUILDS = [
  { name: 'base', root: resolve(BASE) },
  { name: 'head', root: resolve(option('head') ?? ROOT) },
];
const TRIALS = Number(option('trials') ?? 7);
const PATH = '/v1/minerals/antimony/concentration';

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

interface Start {
  /** spawn → first 200 on PATH, ms. */
  wall: number;
  /** spawn → first 200 on /health (listening, dataset seeded or checked), ms. */
  health: number;
  /** CPU ms the server had used when PATH first answered 200. */
  cpu: number;
}

/**
 * Polls GET /health every 5 ms until 200, then GET PATH until 200: the end-to-end time is spawn → first 200 on PATH
 * (one /health round trip more than polling PATH alone, well under a millisecond on loopback), split into
 * "listening" and "first answer".
 */
async function start(root: string, databasePath: string): Promise<Start> {
  const port = await freePort();
  const since = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      CURSOR_SECRET: 'benchmark-cursor-secret-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child);
  let health = Number.NaN;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${root}: server exited before answering\n${output()}`);
      try {
        if (Number.isNaN(health)) {
          if ((await fetchRaw(port, 'GET', '/health')).status === 200) health = performance.now() - since;
          else throw new Error('not ready');
        }
        const answer = await fetchRaw(port, 'GET', PATH);
        if (answer.status === 200) return { wall: performance.now() - since, health, cpu: cpuTimeOf(child.pid) };
        if (answer.status !== 503)
          throw new Error(`${root}: GET ${PATH} answered ${answer.status}\n${answer.body.toString().slice(0, 500)}`);
      } catch (error) {
        if (error instanceof Error && error.message.includes('answered')) throw error;
      }
      if (performance.now() - since > 120_000) throw new Error(`${root}: no 200 after 120 s\n${output()}`);
      await sleep(5);
    }
  } finally {
    await stopChild(child);
  }
}

const machine = describeMachine();
const loadBefore = load();
const work = mkdtempSync(join(os.tmpdir(), 'chokepoint-cold-'));
const cold: Record<string, Start[]> = { base: [], head: [] };
const warm: Record<string, Start[]> = { base: [], head: [] };
try {
  for (let trial = 0; trial < TRIALS; trial += 1) {
    for (const build of BUILDS) {
      const result = await start(build.root, join(work, `${build.name}-cold-${trial}.db`));
      cold[build.name]?.push(result);
      process.stderr.write(`[cold-start] ${build.name} cold #${trial + 1}: ${result.wall.toFixed(0)} ms\n`);
    }
  }
  for (const build of BUILDS) await start(build.root, join(work, `${build.name}-warm.db`)); // seeds the file
  for (let trial = 0; trial < TRIALS; trial += 1) {
    for (const build of BUILDS) {
      const result = await start(build.root, join(work, `${build.name}-warm.db`));
      warm[build.name]?.push(result);
      process.stderr.write(`[cold-start] ${build.name} warm #${trial + 1}: ${result.wall.toFixed(0)} ms\n`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const loadAfter = load();

const row = (label: string, runs: Start[]) =>
  `| ${label} | **${median(runs.map((run) => run.wall)).toFixed(0)}** | ${median(runs.map((run) => run.health)).toFixed(0)} | ${median(runs.map((run) => run.wall - run.health)).toFixed(0)} | ${median(runs.map((run) => run.cpu)).toFixed(0)} | ${runs.map((run) => run.wall.toFixed(0)).join(', ')} |`;
console.log(
  [
    `Cold start, spawn → first 200 on GET ${PATH} — ${new Date().toISOString()}`,
    `base: ${BUILDS[0]?.root}  head: ${BUILDS[1]?.root}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}, ${machine.platform}`,
    `load average (1 / 5 / 15 min): before ${loadBefore}, after ${loadAfter}`,
    '',
    `| ${TRIALS} trials each, alternating base/head | median spawn → 200 ms | of which: spawn → /health 200 | then first ${PATH} | median CPU ms | each trial, spawn → 200, in order (ms) |`,
    '|---|---:|---:|---:|---:|---|',
    row('base, cold (fresh database)', cold.base ?? []),
    row('head, cold (fresh database)', cold.head ?? []),
    row('base, warm restart (seeded database)', warm.base ?? []),
    row('head, warm restart (seeded database)', warm.head ?? []),
  ].join('\n'),
);
