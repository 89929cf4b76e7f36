/** What the reliability tests share: settings for a spawned primary or replica, and writes over HTTP. */
import type { Agent } from 'node:http';
import { send, type Answer } from '../helpers/server-process.js';
import { tungstenRow } from '../modules/writes/helpers.js';

const API_SECRET = 'reliability-secret-0123456789';

/**
 * A writable server on `databasePath` with one API key, no rate limit (the tests write and read as fast as they
 * can) and info logs (listeningAddress() waits for pino's "Server listening" line).
 */
export function primaryEnv(databasePath: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    API_KEYS: `reliability:${API_SECRET}`,
    RATE_LIMIT_MAX: '0',
    LOG_LEVEL: 'info',
  };
}

/** A READ_ONLY replica of the primary's file. */
export function replicaEnv(databasePath: string): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, READ_ONLY: 'true', RATE_LIMIT_MAX: '0', LOG_LEVEL: 'info' };
}

export interface TonnesFigure {
  country: string;
  year: number;
  tonnes: number;
}

/** Tungsten mine production figures (contained tungsten, cited to MCS 2025), written over HTTP. */
export function putProduction(base: string, agent: Agent, figures: readonly TonnesFigure[]): Promise<Answer> {
  return send(`${base}/v1/production`, {
    agent,
    method: 'PUT',
    headers: { authorization: `Bearer ${API_SECRET}` },
    json: { rows: figures.map((figure) => tungstenRow({ ...figure })) },
  });
}

/** The write counter in a dataset version tag such as `12-5f0c1d9e2a7b`. */
export function versionNumber(tag: string): number {
  const counter = Number.parseInt(tag, 10);
  if (!Number.isSafeInteger(counter)) throw new Error(`not a dataset version tag: ${tag}`);
  return counter;
}

/** The dataset version a strong ETag (`"<version>.<hash>"`, see src/plugins/http-caching.ts) was made for. */
export function etagVersion(answer: Answer): string {
  const etag = answer.headers.etag;
  if (typeof etag !== 'string') throw new Error(`no ETag on a ${answer.status} answer`);
  return etag.slice(1, etag.lastIndexOf('.'));
}

/** ISO3 codes of every country that is not an aggregate (such as WLD), sorted. */
export async function producerCountries(base: string, agent: Agent): Promise<string[]> {
  const answer = await send(`${base}/v1/countries?limit=1000`, { agent });
  const { data } = JSON.parse(answer.body) as { data: { iso3: string; isAggregate: boolean }[] };
  return data
    .filter((country) => !country.isAggregate)
    .map((country) => country.iso3)
    .sort();
}
