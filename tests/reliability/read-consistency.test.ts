/**
 * Read consistency across processes: a primary applies multi-row batches that each change a concentration score,
 * while a READ_ONLY replica on the same file (and the primary itself) is asked for that score as fast as it
 * answers. Every answer must be the score of one fully applied state — the state its ETag's dataset version
 * names — never a mix of two, and never newer data under an older version's ETag.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/client.js';
import { seedIfEmpty } from '../../src/dataset/load.js';
import { DATA_DIR, MIGRATIONS_DIR } from '../helpers/dataset.js';
import { killAllServers, listeningAddress, send, SPAWN_TIMEOUT, startServer, stopServer, type Answer } from '../helpers/server-process.js';
import { etagVersion, primaryEnv, putProduction, replicaEnv, type TonnesFigure } from './helpers.js';

/** A year without seeded figures: its score depends on the test's rows alone. */
const YEAR = 2050;
const PRODUCERS = ['AUS', 'BOL', 'CHN', 'RUS', 'VNM'] as const;
/** States applied after the first, one batch (one row per producer) each. */
const LATER_STATES = 30;
const REPLICA_READERS = 3;
const PRIMARY_READERS = 1;
const SCORE_PATH = `/v1/minerals/tungsten/concentration?stage=mining&year=${YEAR}`;

/** State n: the first producer grows fastest, so every state has a clearly different HHI; every row changes. */
function stateFigures(state: number): TonnesFigure[] {
  return PRODUCERS.map((country, index) => ({
    country,
    year: YEAR,
    tonnes: index === 0 ? 1_000 * (state + 1) : 1_000 + 10 * state * index,
  }));
}

/** Herfindahl-Hirschman index on shares of the summed rows (no world total is published for YEAR). */
function expectedHhi(figures: readonly TonnesFigure[]): number {
  const total = figures.reduce((sum, figure) => sum + figure.tonnes, 0);
  return figures.reduce((sum, figure) => sum + ((100 * figure.tonnes) / total) ** 2, 0);
}

/** The API rounds the HHI to one decimal. */
const ROUNDING = 0.05 + 1e-9;

/** A mining HHI for YEAR; null for "insufficient data", the answer for the seeded data, which has no YEAR figures. */
type Score = number | null;

const sameScore = (a: Score, b: Score) => (a === null || b === null ? a === b : Math.abs(a - b) <= ROUNDING);

interface Observation {
  server: 'primary' | 'replica';
  version: string;
  hhi: Score;
}

function observe(server: Observation['server'], answer: Answer): Observation {
  if (answer.status !== 200) throw new Error(`${server} answered ${answer.status}: ${answer.body}`);
  const body = JSON.parse(answer.body) as { stages: { stage: string; status: string; hhi?: number }[] };
  const mining = body.stages.find((stage) => stage.stage === 'mining');
  const hhi = mining?.status === 'insufficient_data' ? null : mining?.hhi;
  if (hhi === undefined) throw new Error(`${server} has no mining score for ${YEAR}: ${answer.body}`);
  return { server, version: etagVersion(answer), hhi };
}

let dir: string;
let databasePath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chokepoint-consistency-'));
  databasePath = join(dir, 'shared.db');
  // Migrated and seeded here, so the primary and the replica can start side by side.
  const handle = openDatabase(databasePath);
  runMigrations(handle.db, MIGRATIONS_DIR);
  seedIfEmpty(handle.db, DATA_DIR);
  handle.close();
});
afterAll(() => {
  killAllServers();
  rmSync(dir, { recursive: true, force: true });
});

describe('reads while a primary writes', () => {
  it(
    'answer, on the replica and on the primary, the score of one whole state: the one their ETag names',
    async () => {
      const hhiOfState = Array.from({ length: LATER_STATES + 1 }, (_, state) => expectedHhi(stateFigures(state)));
      const sorted = [...hhiOfState].sort((a, b) => a - b);
      // The premise: no two states (and no rounding) can be mistaken for one another.
      expect(Math.min(...sorted.slice(1).map((hhi, index) => hhi - sorted[index]!))).toBeGreaterThan(4 * ROUNDING);

      const primary = startServer(primaryEnv(databasePath));
      const replica = startServer(replicaEnv(databasePath));
      const agent = new Agent({ keepAlive: true });
      try {
        const [primaryBase, replicaBase] = await Promise.all([listeningAddress(primary), listeningAddress(replica)]);
        const bases = { primary: primaryBase, replica: replicaBase };
        const readScore = async (server: Observation['server']) => observe(server, await send(`${bases[server]}${SCORE_PATH}`, { agent }));
        /** The score of every dataset version: the seeded one, then each state, from the answers to the writes. */
        const scoreOfVersion = new Map<string, Score>();
        const seeded = await readScore('primary');
        expect(seeded.hhi).toBeNull();
        scoreOfVersion.set(seeded.version, null);
        const apply = async (state: number) => {
          const answer = await putProduction(primaryBase, agent, stateFigures(state));
          if (answer.status !== 200) throw new Error(`state ${state} was refused: ${answer.status} ${answer.body}`);
          const { version } = JSON.parse(answer.body) as { version: string };
          scoreOfVersion.set(version, hhiOfState[state]!);
          return version;
        };
        await apply(0);

        const observations: Observation[] = [];
        // Assigned once, after the readers start: they read it through their closure, so it cannot be a const.
        // eslint-disable-next-line prefer-const
        let finalVersion: string | undefined;
        // A replica that never catches up fails the test instead of reading forever.
        const readersGiveUpAt = Date.now() + SPAWN_TIMEOUT / 2;
        const reader = async (server: Observation['server']) => {
          // Until the writes are done and this server has answered with the last state.
          for (;;) {
            const observation = await readScore(server);
            observations.push(observation);
            if (observation.version === finalVersion) return;
            if (Date.now() > readersGiveUpAt)
              throw new Error(`the ${server} never answered with the last version ${finalVersion ?? '(not written yet)'}`);
          }
        };
        // Promise.all at once, so a reader that fails while the writes go on is not an unhandled rejection.
        const reading = Promise.all([
          ...Array.from({ length: REPLICA_READERS }, () => reader('replica')),
          ...Array.from({ length: PRIMARY_READERS }, () => reader('primary')),
        ]);
        for (let state = 1; state < LATER_STATES; state++) await apply(state);
        finalVersion = await apply(LATER_STATES);
        await reading;

        const scores = [...scoreOfVersion.values()];
        const mixes = observations.filter((observation) => !scores.some((score) => sameScore(score, observation.hhi)));
        expect(mixes).toEqual([]);
        const mislabelled = observations.filter(
          (observation) =>
            !scoreOfVersion.has(observation.version) || !sameScore(scoreOfVersion.get(observation.version)!, observation.hhi),
        );
        expect(mislabelled).toEqual([]);
        // The replica saw the writes happen: more than one state, ending with the last.
        const replicaVersions = new Set(
          observations.filter((observation) => observation.server === 'replica').map((observation) => observation.version),
        );
        expect(replicaVersions.size).toBeGreaterThan(1);
        expect(replicaVersions.has(finalVersion)).toBe(true);

        const count = (server: Observation['server']) => observations.filter((observation) => observation.server === server).length;
        console.info(
          `read consistency: ${LATER_STATES + 1} states written; ${count('replica')} replica answers over ` +
            `${replicaVersions.size} versions, ${count('primary')} primary answers; ${mixes.length} mixed, ${mislabelled.length} mislabelled`,
        );
      } finally {
        agent.destroy();
        await Promise.all([stopServer(primary), stopServer(replica)]);
      }
    },
    SPAWN_TIMEOUT,
  );
});
