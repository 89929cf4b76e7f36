/**
 * The real entry point (`node --import tsx src/server.ts`) as a child process, and plain HTTP requests to it:
 * for tests of start-up, shutdown, crashes and several processes sharing one database file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type Agent } from 'node:http';
import { PROJECT_ROOT } from '../../src/config.js';

/** Budget for a test that spawns servers: tsx compiles the app on every start, which takes seconds on CI. */
export const SPAWN_TIMEOUT = 60_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Time from the last child.kill() to the exit (0 if it was never signalled). */
  afterMs: number;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Complete stdout lines (pino's JSON log lines). */
  stdout: string[];
  stderr: string[];
  exited: Promise<Exit>;
}

/** Servers started and not yet exited: a test that times out skips its own `finally`, so they are killed here. */
const running = new Set<ChildProcess>();

/** SIGKILLs every server still running; call it in `afterAll` of a file that starts servers. */
export function killAllServers(): void {
  for (const child of running) child.kill('SIGKILL');
}
// The test worker is reused across files and may exit without running a file's afterAll (a crash, a timeout).
process.once('exit', killAllServers);

/** Starts `node --import tsx src/server.ts` with only the given settings (plus PATH) in its environment. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    stdout.push(...lines.filter(Boolean));
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  let signalledAt = 0;
  const kill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    signalledAt = Date.now();
    return kill(signal);
  };
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, afterMs: signalledAt ? Date.now() - signalledAt : 0 }));
  });
  return { child, stdout, stderr, exited };
}

export function logLines(server: ServerProcess): Record<string, unknown>[] {
  return server.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits for pino's "Server listening at http://…" line (LOG_LEVEL info or lower) and returns that address. */
export async function listeningAddress(server: ServerProcess): Promise<string> {
  const deadline = Date.now() + SPAWN_TIMEOUT - 5_000;
  while (Date.now() < deadline) {
    for (const line of logLines(server)) {
      const match = /^Server listening at (http:\/\/\S+)$/.exec(String(line.msg));
      if (match?.[1]) return match[1];
    }
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not start: ${server.stderr.join('')}`);
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SendOptions {
  agent: Agent;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Fails the request after this long without an answer (default 15 s): a hung server fails the test, not CI. */
  timeoutMs?: number;
}

/** One HTTP request; rejects on a connection error (such as the server dying mid-request). */
export function send(url: string, options: SendOptions): Promise<Answer> {
  const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers = payload === undefined ? { ...options.headers } : { 'content-type': 'application/json', ...options.headers };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: options.agent, method: options.method ?? 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', reject);
    });
    outgoing.setTimeout(options.timeoutMs ?? 15_000, () => outgoing.destroy(new Error(`no answer from ${url} in time`)));
    outgoing.on('error', reject).end(payload);
  });
}

export function get(url: string, agent: Agent, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, { agent, headers });
}

/** SIGTERM, then the exit; SIGKILL if it has not exited within `SPAWN_TIMEOUT`'s spare time. */
export async function stopServer(server: ServerProcess): Promise<Exit> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}
