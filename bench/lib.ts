/**
 * What `npm run bench` (bench/run.ts) and `npm run soak` (bench/soak.ts) share: building, starting Chokepoint as a
 * child process and waiting for it, plain HTTP requests, reading a process's RSS and CPU time from /proc, describing
 * the machine, and small number formatting. Importing this module registers an exit hook that kills every child
 * process it started, so an interrupted run leaves no server behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

// ---- Small helpers ------------------------------------------------------------------------------

/** A logger writing `[tag] message` to stderr, so stdout stays the report. */
export const logger = (tag: string) => (message: string) => process.stderr.write(`[${tag}] ${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// ---- HTTP ---------------------------------------------------------------------------------------

export interface HttpAnswer {
  status: number;
  contentType: string;
  /** Every other header, as received. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers Node or the framework writes per response, not part of what a baseline replays. */
const PER_RESPONSE = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** One plain request (no Accept-Encoding, like autocannon's), the body as bytes. */
export function fetchRaw(
  port: number,
  method: string,
  path: string,
  body?: string,
  extraHeaders: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      ...extraHeaders,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
    };
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (!PER_RESPONSE.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          headers,
          body: Buffer.concat(chunks),
        });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

// ---- Processes and the machine ------------------------------------------------------------------

/** RSS and peak RSS of a process, in MB (Linux /proc; null elsewhere or once it has exited). */
export function memoryOf(pid: number | undefined): { rssMb: number; peakMb: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; NaN elsewhere). */
export function cpuTimeOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

export interface Machine {
  /** `lscpu` "Model name", else Node's first CPU model. */
  cpu: string;
  /** `nproc`: the cores this process may use, else Node's CPU count. */
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
}

function commandOutput(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

export function describeMachine(): Machine {
  const lscpuModel = /^Model name:\s*(.+)$/m.exec(commandOutput('lscpu', []) ?? '')?.[1]?.trim();
  const nproc = Number(commandOutput('nproc', [])?.trim());
  return {
    cpu: lscpuModel ?? os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: Number.isInteger(nproc) && nproc > 0 ? nproc : os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** `npm run build` (dist/ is what production runs); returns how long it took, ms. */
export function buildDist(): number {
  const started = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  return performance.now() - started;
}

// ---- Child processes ----------------------------------------------------------------------------

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
// 128 + the signal's number, as a shell reports it: 130 for SIGINT, 143 for SIGTERM.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => process.exit(code));
}

/** Keeps a child's last 4 KB of output (returned by the function) and kills the child if this process exits first. */
export function track(child: ChildProcess): () => string {
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => children.delete(child));
  return () => output;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls GET /health every few ms until it answers 200; resolves with the time since `since`. */
async function waitForHealth(port: number, child: ChildProcess, since: number, output: () => string, timeoutMs = 180_000): Promise<number> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready\n${output()}`);
    }
    try {
      const answer = await fetchRaw(port, 'GET', '/health');
      if (answer.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`server not ready after ${timeoutMs} ms\n${output()}`);
    await sleep(5);
  }
}

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  /** spawn → first 200 on /health, ms. */
  startMs: number;
  /** CPU time the process had used when it first answered, ms. */
  startCpuMs: number;
  /** The last few KB the server wrote to stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

export interface ChokepointOptions {
  databasePath: string;
  dataDir?: string;
  nodeOptions?: string;
  /** More environment variables for the server, e.g. API_KEYS. */
  env?: Record<string, string>;
  /** Node flags NODE_OPTIONS does not take, e.g. --cpu-prof. */
  execArgv?: string[];
}

/** Starts `node dist/server.js` like production (LOG_LEVEL=warn, no rate limit) and waits for its first 200 on /health. */
export async function startChokepoint(name: string, options: ChokepointOptions): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_PATH: options.databasePath,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '0',
    // Fixed, so paging links (if any) are the same bytes in every process.
    CURSOR_SECRET: 'benchmark-cursor-secret-0123456789',
    ...options.env,
  };
  if (options.dataDir) env.DATA_DIR = options.dataDir;
  if (options.nodeOptions) env.NODE_OPTIONS = options.nodeOptions;
  const since = performance.now();
  const child = spawn(process.execPath, [...(options.execArgv ?? []), join(ROOT, 'dist', 'server.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child);
  const startMs = await waitForHealth(port, child, since, () => `${name} output:\n${output()}`);
  return { name, port, child, startMs, startCpuMs: cpuTimeOf(child.pid), output, stop: () => stopChild(child) };
}

/**
 * Replaces the text between the `begin` and `end` markers in bench/RESULTS.md with `report`. Without the markers:
 * appends `section` (a heading and introduction) and the markers around the report, or throws if no section is given.
 */
export function writeResultsBlock(begin: string, end: string, report: string, section?: string): void {
  const current = readFileSync(RESULTS, 'utf8');
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from === -1 && to === -1 && section !== undefined) {
    writeFileSync(RESULTS, `${current.trimEnd()}\n\n${section}\n\n${begin}\n\n${report}\n\n${end}\n`);
    return;
  }
  if (from === -1 || to === -1 || to < from) throw new Error(`bench/RESULTS.md has no ${begin} … ${end} block to replace`);
  writeFileSync(RESULTS, `${current.slice(0, from + begin.length)}\n\n${report}\n\n${current.slice(to)}`);
}
