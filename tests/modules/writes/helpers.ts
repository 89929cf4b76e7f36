import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parseApiKeys } from '../../../src/config.js';

/** The analyst's key as configured (`name:secret`) and as sent. */
export const ANALYST_SECRET = 'analyst-secret-0123456789';
export const EDITOR_SECRET = 'bare-editor-secret-9876543210';
/** `analyst` by name; the bare second entry is named `key-2` by its position. */
export const API_KEYS = parseApiKeys(`analyst:${ANALYST_SECRET},${EDITOR_SECRET}`);

export const bearer = (secret: string = ANALYST_SECRET) => ({ authorization: `Bearer ${secret}` });

/** Tungsten mine production, 2024, contained tungsten: the figures MCS 2025 published (world 81,000 t). */
export function tungstenRow(overrides: Record<string, unknown> = {}) {
  return {
    mineral: 'tungsten',
    stage: 'mining',
    country: 'VNM',
    year: 2024,
    tonnes: 3400,
    basis: 'w-contained',
    sourceId: 'usgs-mcs-2025-tungsten',
    estimated: true,
    edition: 'usgs-mcs-2025',
    ...overrides,
  };
}

export function putProduction(
  app: FastifyInstance,
  rows: unknown[],
  headers: Record<string, string> = bearer(),
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'PUT', url: '/v1/production', headers, payload: { rows } });
}

/** The one production figure with this key that the view pinned to `edition` (default MCS 2025) shows, or undefined. */
export async function storedFigure(
  app: FastifyInstance,
  key: { mineral: string; stage: string; country: string; year: number },
  edition = 'usgs-mcs-2025',
): Promise<{ tonnes: number | null; source: { id: string }; basis: string; edition: string } | undefined> {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/production?mineral=${key.mineral}&stage=${key.stage}&country=${key.country}&year=${key.year}&edition=${edition}`,
  });
  const body = response.json() as { data: { tonnes: number | null; source: { id: string }; basis: string; edition: string }[] };
  if (body.data.length > 1) throw new Error(`more than one figure for ${JSON.stringify(key)}`);
  return body.data[0];
}

export interface ChangeFeed {
  data: {
    id: number;
    version: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    key: unknown;
    old: unknown;
    new: unknown;
  }[];
  total: number;
  next: string | null;
  currentVersion: number;
}

export async function changesSince(app: FastifyInstance, since = 0): Promise<ChangeFeed> {
  const response = await app.inject({ method: 'GET', url: `/v1/changes?since=${since}` });
  if (response.statusCode !== 200) throw new Error(`GET /v1/changes answered ${response.statusCode}: ${response.body}`);
  return response.json() as ChangeFeed;
}
