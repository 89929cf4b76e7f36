import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app.js';
import { defaultConfig, type Config } from '../../src/config.js';

/** A ready app on its own in-memory database, migrated and seeded from data/. The caller closes it. */
export function buildTestApp(overrides: Partial<Config> = {}, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  return buildApp(defaultConfig(overrides), options);
}

export async function getJson<T = any>(
  app: FastifyInstance,
  url: string,
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T, headers: response.headers };
}
