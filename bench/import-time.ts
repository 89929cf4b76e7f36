/**
 * How long importing the official USGS MCS data-release file takes (issue 11: "≤ 5 s on this machine").
 *
 *   npm run bench:import [-- --runs 5 --cli-runs 3 --file data/raw/MCS2026_Commodities_Data.csv]
 *
 * Works on a temporary copy of data/ (the real data/ is never written). In-process, `--runs` times: the three
 * phases of scripts/import-data.ts timed separately — parse + transform (read the file, decode, map every row),
 * plan (read the data dir and merge: replace this edition's rows, revision summary) and write (the files whose text
 * changed, as the CLI does; importing the committed file over the committed data/ changes nothing, so "write all"
 * also times rewriting every planned file). Then the whole command as a user runs it —
 * `node --import tsx scripts/import-data.ts usgs-mcs <file> --data-dir <copy>` — spawned `--cli-runs` times, wall
 * time from spawn to exit (includes Node start-up and tsx compiling TypeScript). Prints each run and the median.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planDataDir, readDataDir, transform, writeDataDir } from '../src/importers/usgs-mcs/index.js';
import { describeMachine, ROOT } from './lib.js';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const RUNS = Number(option('runs') ?? 5);
const CLI_RUNS = Number(option('cli-runs') ?? 3);
const FILE = join(ROOT, option('file') ?? 'data/raw/MCS2026_Commodities_Data.csv');

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
const line = (label: string, values: readonly number[]) =>
  `| ${label} | **${median(values).toFixed(0)}** | ${values.map((value) => value.toFixed(0)).join(', ')} |`;

/** Every .csv in a data dir, by name → bytes (to check the copy is the committed data/ again after importing). */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.csv'))
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );
}

const machine = describeMachine();
const loadBefore = load();
const work = mkdtempSync(join(os.tmpdir(), 'chokepoint-import-'));
const dataDir = join(work, 'data');
cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
const committed = snapshot(dataDir);

const phases = { transform: [] as number[], plan: [] as number[], write: [] as number[], writeAll: [] as number[], total: [] as number[] };
let changedFiles = 0;
let plannedFiles = 0;
let lines = 0;
for (let run = 0; run < RUNS; run += 1) {
  const t0 = performance.now();
  const result = transform(readFileSync(FILE), FILE);
  const t1 = performance.now();
  const plan = planDataDir(result, readDataDir(dataDir), 'data');
  const t2 = performance.now();
  writeDataDir(dataDir, plan);
  const t3 = performance.now();
  for (const file of plan.files) writeFileSync(join(dataDir, file.file), file.content);
  const t4 = performance.now();
  phases.transform.push(t1 - t0);
  phases.plan.push(t2 - t1);
  phases.write.push(t3 - t2);
  phases.writeAll.push(t4 - t3);
  phases.total.push(t3 - t0);
  changedFiles = plan.files.filter((file) => file.changed).length;
  plannedFiles = plan.files.length;
  lines = plan.files.reduce((sum, file) => sum + file.content.split('\n').length - 1, 0);
}

const cli: number[] = [];
for (let run = 0; run < CLI_RUNS; run += 1) {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-data.ts', 'usgs-mcs', FILE, '--data-dir', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  cli.push(performance.now() - started);
  if (child.status !== 0) throw new Error(`import-data.ts exited ${child.status}\n${child.stdout}\n${child.stderr}`);
}

const after = snapshot(dataDir);
const differing = [...new Set([...committed.keys(), ...after.keys()])].filter((file) => committed.get(file) !== after.get(file));
rmSync(work, { recursive: true, force: true });
const loadAfter = load();

console.log(
  [
    `Import of ${FILE.slice(ROOT.length)} (${(readFileSync(FILE).length / 1024).toFixed(0)} KB) into a copy of data/ — ${new Date().toISOString()}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}, ${machine.platform}`,
    `load average (1 / 5 / 15 min): before ${loadBefore}, after ${loadAfter}`,
    `data/ files planned: ${plannedFiles} (${lines} lines); files changed by the import: ${changedFiles}; copy after ${RUNS + CLI_RUNS} imports ${differing.length === 0 ? 'identical to the committed data/' : `differs in ${differing.join(', ')}`}`,
    '',
    `| in-process, ${RUNS} runs (ms) | median | each run |`,
    '|---|---:|---|',
    line('parse + transform', phases.transform),
    line('plan (read data dir, merge, revisions)', phases.plan),
    line('write (changed files only, as the CLI does)', phases.write),
    line('**import total** (transform + plan + write)', phases.total),
    line('write every planned file (worst case)', phases.writeAll),
    line(`CLI wall time, spawn → exit, ${CLI_RUNS} runs`, cli),
  ].join('\n'),
);
