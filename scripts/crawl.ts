/**
 * Records the answers to a fixed crawl of the API on the embedded data, to prove a change leaves behaviour unchanged.
 *
 *   npm run crawl -- <output-dir>                       # writes <output-dir>/crawl.jsonl and prints a summary
 *   npm run crawl -- <output-dir> --compare <recorded>  # and fails unless it equals <recorded>/crawl.jsonl
 *   npm run crawl -- <output-dir> --store postgres      # the same crawl on PostgreSQL: a throwaway cluster (initdb,
 *                                                       # Debian's postgresql package), seeded from data/ at start
 *
 * The requests: every example request of openapi/examples/ (a POST sends its documented body), then for every
 * mineral its concentration, chain, concentration history (observed, and with projections) and supply risk, then
 * `/v1/concentration` in JSON and CSV. One line per request: method, url, status, content-type and body.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../src/app.js';
import { defaultConfig, type Config } from '../src/config.js';
import { EXAMPLE_CURSOR_SECRET, exampleRequests, type SpecDocument } from './openapi-document.js';

/** "Today" for every answer that defaults to it (export controls in force), so a crawl does not change with the calendar. */
const CRAWL_DATE = new Date('2026-12-01T00:00:00Z');

type StoreChoice = 'sqlite' | 'postgres';

/** The one place the crawled app's settings come from: SQLite in memory, or a PostgreSQL database at `databaseUrl`. */
function crawlAppSettings(databaseUrl: string | null): { config: Config; options: BuildAppOptions } {
  return { config: defaultConfig({ cursorSecret: EXAMPLE_CURSOR_SECRET, databaseUrl }), options: { now: () => CRAWL_DATE } };
}

/** Runs `crawl` on the chosen store; for PostgreSQL, on a throwaway cluster deleted afterwards. */
async function onStore<T>(store: StoreChoice, crawl: (databaseUrl: string | null) => Promise<T>): Promise<T> {
  if (store === 'sqlite') return crawl(null);
  const { startPostgresCluster } = await import('../tests/helpers/postgres.js');
  const cluster = await startPostgresCluster();
  try {
    return await crawl(await cluster.createDatabase('crawl'));
  } finally {
    await cluster.destroy();
  }
}

interface CrawlRequest {
  method: 'GET' | 'POST';
  url: string;
  accept?: string;
  body?: unknown;
}

async function crawlRequests(app: FastifyInstance): Promise<CrawlRequest[]> {
  // Without the operation id; a GET has no body (exampleRequests leaves it out).
  const requests: CrawlRequest[] = exampleRequests(app.swagger() as unknown as SpecDocument).map(
    ({ operationId: _, ...request }) => request,
  );
  const minerals = (await app.inject({ method: 'GET', url: '/v1/minerals?limit=100' })).json() as { data: { id: string }[] };
  for (const { id } of minerals.data) {
    const base = `/v1/minerals/${id}`;
    for (const path of ['concentration', 'chain', 'concentration/history', 'concentration/history?projections=true', 'supply-risk'])
      requests.push({ method: 'GET', url: `${base}/${path}` });
  }
  requests.push({ method: 'GET', url: '/v1/concentration' }, { method: 'GET', url: '/v1/concentration', accept: 'text/csv' });
  return requests;
}

/** The crawl as JSON lines, one per request, in a fixed order. */
async function crawl(databaseUrl: string | null): Promise<string[]> {
  const { config, options } = crawlAppSettings(databaseUrl);
  const app = await buildApp(config, options);
  try {
    const lines: string[] = [];
    for (const request of await crawlRequests(app)) {
      const response = await app.inject({
        method: request.method,
        url: request.url,
        ...(request.accept === undefined ? {} : { headers: { accept: request.accept } }),
        ...(request.body === undefined ? {} : { payload: request.body as object }),
      });
      const answer = { status: response.statusCode, contentType: response.headers['content-type'] ?? null, body: response.body };
      lines.push(JSON.stringify({ ...request, ...answer }));
    }
    return lines;
  } finally {
    await app.close();
  }
}

const CRAWL_FILE = 'crawl.jsonl';

async function main(argv: string[]): Promise<number> {
  const [outputDir, ...flags] = argv;
  const option = (name: string) => {
    const at = flags.indexOf(name);
    return at === -1 ? undefined : (flags[at + 1] ?? '');
  };
  const recordedDir = option('--compare');
  const store = option('--store') ?? 'sqlite';
  const known = flags.every((flag, index) => index % 2 === 1 || flag === '--compare' || flag === '--store');
  if (outputDir === undefined || !known || flags.length % 2 === 1 || recordedDir === '' || (store !== 'sqlite' && store !== 'postgres')) {
    console.error('usage: npm run crawl -- <output-dir> [--compare <recorded-dir>] [--store sqlite|postgres]');
    return 2;
  }
  const lines = await onStore(store, crawl);
  const text = `${lines.join('\n')}\n`;
  mkdirSync(resolve(outputDir), { recursive: true });
  writeFileSync(join(resolve(outputDir), CRAWL_FILE), text);
  const sha256 = createHash('sha256').update(text).digest('hex');
  console.log(`crawl: ${lines.length} requests, ${Buffer.byteLength(text)} bytes, sha256 ${sha256} → ${join(outputDir, CRAWL_FILE)}`);
  if (recordedDir === undefined) return 0;
  const recorded = readFileSync(join(resolve(recordedDir), CRAWL_FILE), 'utf8').split('\n');
  const differing = lines.filter((line, index) => line !== recorded[index]);
  if (differing.length === 0 && recorded.length === lines.length + 1) {
    console.log(`crawl: identical to ${recordedDir}`);
    return 0;
  }
  for (const line of differing.slice(0, 10)) {
    const { method, url, accept } = JSON.parse(line) as CrawlRequest;
    console.error(`differs: ${method} ${url}${accept ? ` (${accept})` : ''}`);
  }
  console.error(`crawl: ${differing.length} answers differ from ${recordedDir} (${recorded.length - 1} recorded)`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
