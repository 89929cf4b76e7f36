/**
 * Crash safety of writes: the server is killed with SIGKILL while several clients write multi-row batches, then
 * restarted on the same file. Every batch it acknowledged must be there in full, every batch it did not
 * acknowledge in full or not at all, the file must pass SQLite's integrity check, the change feed must agree with
 * the table, and the restart must neither re-seed nor lose anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  killAllServers,
  listeningAddress,
  logLines,
  send,
  SPAWN_TIMEOUT,
  startServer,
  stopServer,
  type ServerProcess,
} from '../helpers/server-process.js';
import { primaryEnv, producerCountries, putProduction, versionNumber, type TonnesFigure } from './helpers.js';

const WRITERS = 4;
/** Batches acknowledged before the kill: a few per writer, so the kill lands mid-stream. */
const ACKNOWLEDGED_BEFORE_KILL = 12;
/**
 * Batch n writes YEARS_PER_BATCH years from FIRST_YEAR + n × YEARS_PER_BATCH for every country: no seeded row
 * (2020 onwards) and no other batch has those keys, so what is stored for a year tells exactly which batch landed,
 * and nothing overwrites anything. Six years of about 100 countries make batches of about 600 rows, whose
 * transactions last long enough that the kill often lands inside one.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2019;
const YEARS_PER_BATCH = 6;

const yearsOf = (batch: number) => Array.from({ length: YEARS_PER_BATCH }, (_, offset) => FIRST_YEAR + batch * YEARS_PER_BATCH + offset);
const batchOf = (year: number) => Math.floor((year - FIRST_YEAR) / YEARS_PER_BATCH);

/** Every row of a batch has its own tonnes, so a row from the wrong batch or a mangled row shows. */
function batchFigures(batch: number, countries: readonly string[]): TonnesFigure[] {
  if (yearsOf(batch).at(-1)! > LAST_YEAR) throw new Error(`batch ${batch} is past the years reserved for this test`);
  return yearsOf(batch).flatMap((year, yearIndex) =>
    countries.map((country, index) => ({ country, year, tonnes: (batch + 1) * 100_000 + yearIndex * 1_000 + index })),
  );
}

interface WriteRun {
  /** Every batch sent, acknowledged or not. */
  sent: Set<number>;
  /** Acknowledged batches (200) and the dataset version each produced. */
  acknowledged: Map<number, number>;
  /** Batches sent but not yet answered when SIGKILL was sent. */
  inFlightAtKill: number;
}

/** WRITERS clients write batches back to back; SIGKILL goes out as the ACKNOWLEDGED_BEFORE_KILL-th answer arrives. */
async function writeUntilKilled(server: ServerProcess, base: string, countries: readonly string[]): Promise<WriteRun> {
  const agent = new Agent({ keepAlive: true });
  const run: WriteRun = { sent: new Set(), acknowledged: new Map(), inFlightAtKill: -1 };
  const killed = () => run.inFlightAtKill >= 0;
  let nextBatch = 0;
  async function writer(): Promise<void> {
    while (!killed()) {
      const batch = nextBatch++;
      run.sent.add(batch);
      let answer;
      try {
        answer = await putProduction(base, agent, batchFigures(batch, countries));
      } catch (error) {
        if (killed()) return; // the connection died with the server
        throw error;
      }
      if (answer.status !== 200) throw new Error(`batch ${batch} was refused: ${answer.status} ${answer.body}`);
      run.acknowledged.set(batch, versionNumber((JSON.parse(answer.body) as { version: string }).version));
      if (run.acknowledged.size === ACKNOWLEDGED_BEFORE_KILL) {
        run.inFlightAtKill = run.sent.size - run.acknowledged.size;
        server.child.kill('SIGKILL');
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: WRITERS }, writer));
  } finally {
    agent.destroy();
  }
  return run;
}

interface StoredFigure {
  country: string;
  tonnes: number | null;
}

const byCountry = (a: StoredFigure, b: StoredFigure) => a.country.localeCompare(b.country);

/** The test's figures per year, as the production table holds them. */
function storedByYear(databasePath: string): { integrity: unknown; foreignKeyViolations: unknown[]; figures: Map<number, StoredFigure[]> } {
  const database = new Database(databasePath, { readonly: true });
  try {
    const rows = database
      .prepare<[number, number], StoredFigure & { year: number }>(
        "select country, year, tonnes from production where mineral_id = 'tungsten' and stage_id = 'mining' and year between ? and ?",
      )
      .all(FIRST_YEAR, LAST_YEAR);
    return {
      integrity: database.pragma('integrity_check', { simple: true }),
      foreignKeyViolations: database.pragma('foreign_key_check') as unknown[],
      figures: groupByYear(rows.map(({ year, country, tonnes }) => ({ year, figure: { country, tonnes } }))),
    };
  } finally {
    database.close();
  }
}

function groupByYear(entries: readonly { year: number; figure: StoredFigure }[]): Map<number, StoredFigure[]> {
  const grouped = new Map<number, StoredFigure[]>();
  for (const { year, figure } of entries) grouped.set(year, [...(grouped.get(year) ?? []), figure]);
  for (const figures of grouped.values()) figures.sort(byCountry);
  return grouped;
}

interface FeedEntry {
  version: number;
  action: string;
  entity: string;
  key: { mineral: string; stage: string; country: string; year: number };
  new: { tonnes: number | null } | null;
}

/** Every entry of GET /v1/changes, page by page, and the feed's current version. */
async function changeFeed(base: string, agent: Agent): Promise<{ entries: FeedEntry[]; currentVersion: number }> {
  const entries: FeedEntry[] = [];
  let url: string | null = `${base}/v1/changes?since=0&limit=1000`;
  let currentVersion = Number.NaN;
  while (url !== null) {
    const answer = await send(url, { agent });
    expect(answer.status).toBe(200);
    const page = JSON.parse(answer.body) as { data: FeedEntry[]; next: string | null; currentVersion: number };
    entries.push(...page.data);
    currentVersion = page.currentVersion;
    url = page.next === null ? null : `${base}/v1/changes?since=0&limit=1000&cursor=${encodeURIComponent(page.next)}`;
  }
  return { entries, currentVersion };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chokepoint-crash-'));
});
afterAll(() => {
  killAllServers();
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL while writing', () => {
  it(
    'keeps every acknowledged batch whole, no batch partial, the file intact and the change feed in agreement',
    async () => {
      const databasePath = join(dir, 'crash.db');
      const env = primaryEnv(databasePath);
      const first = startServer(env);
      let restarted: ServerProcess | undefined;
      const agent = new Agent({ keepAlive: true });
      try {
        const base = await listeningAddress(first);
        const countries = await producerCountries(base, agent);
        expect(countries.length).toBeGreaterThan(50);
        const run = await writeUntilKilled(first, base, countries);
        expect((await first.exited).signal).toBe('SIGKILL');
        expect(run.inFlightAtKill).toBeGreaterThan(0);

        restarted = startServer(env);
        const restartedBase = await listeningAddress(restarted);

        const stored = storedByYear(databasePath);
        expect(stored.integrity).toBe('ok');
        expect(stored.foreignKeyViolations).toEqual([]);
        // Nothing of a batch that was never sent.
        expect([...stored.figures.keys()].filter((year) => !run.sent.has(batchOf(year)))).toEqual([]);
        const present: number[] = [];
        const absent: number[] = [];
        const partial: number[] = [];
        for (const batch of run.sent) {
          const figures = yearsOf(batch).flatMap((year) => stored.figures.get(year) ?? []);
          const expected = yearsOf(batch).flatMap((year) =>
            batchFigures(batch, countries)
              .filter((figure) => figure.year === year)
              .map(({ country, tonnes }) => ({ country, tonnes }))
              .sort(byCountry),
          );
          if (figures.length === 0) absent.push(batch);
          else if (JSON.stringify(figures) === JSON.stringify(expected)) present.push(batch);
          else partial.push(batch);
        }
        expect(partial).toEqual([]);
        expect([...run.acknowledged.keys()].filter((batch) => !present.includes(batch))).toEqual([]);

        // The change feed: the same figures per year as the table, each batch's under one version of its own, and
        // for an acknowledged batch the version its answer gave.
        const feed = await changeFeed(restartedBase, agent);
        const ours = feed.entries.filter(
          (entry) => entry.entity === 'production' && entry.key.year >= FIRST_YEAR && entry.key.year <= LAST_YEAR,
        );
        expect(ours.every((entry) => entry.action === 'create')).toBe(true);
        const fed = groupByYear(
          ours.map((entry) => ({ year: entry.key.year, figure: { country: entry.key.country, tonnes: entry.new?.tonnes ?? null } })),
        );
        expect(fed).toEqual(stored.figures);
        const versionOfBatch = new Map<number, number>();
        for (const batch of present) {
          const versions = new Set(ours.filter((entry) => batchOf(entry.key.year) === batch).map((entry) => entry.version));
          expect(versions.size).toBe(1);
          versionOfBatch.set(batch, [...versions][0]!);
        }
        expect(new Set(versionOfBatch.values()).size).toBe(present.length);
        for (const [batch, version] of run.acknowledged) expect(versionOfBatch.get(batch)).toBe(version);

        // The restart found the dataset and kept it: no second seed, and the version counter carries on.
        expect(logLines(first).some((line) => line.msg === 'seeded the database')).toBe(true);
        expect(logLines(restarted).some((line) => line.msg === 'seeded the database')).toBe(false);
        expect(feed.currentVersion).toBe(Math.max(...versionOfBatch.values()));
        expect(logLines(restarted).find((line) => line.msg === 'Chokepoint ready')?.datasetVersion).toMatch(
          new RegExp(`^${feed.currentVersion}-`),
        );

        const unacknowledged = run.sent.size - run.acknowledged.size;
        console.info(
          `crash: ${run.sent.size} batches of ${countries.length * YEARS_PER_BATCH} rows sent, ${run.acknowledged.size} acknowledged, ` +
            `${run.inFlightAtKill} in flight at the kill; after the restart ${present.length} present ` +
            `(${present.length - run.acknowledged.size} of the ${unacknowledged} unacknowledged), ${absent.length} absent, ` +
            `${partial.length} partial`,
        );
      } finally {
        agent.destroy();
        first.child.kill('SIGKILL');
        if (restarted) expect((await stopServer(restarted)).code).toBe(0);
      }
    },
    SPAWN_TIMEOUT,
  );
});
