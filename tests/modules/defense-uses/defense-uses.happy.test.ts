import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { csvRowCount, DATA_DIR } from '../../helpers/dataset.js';

interface Use {
  id: string;
  mineral: string;
  category: string;
  application: string;
  description: string;
  source: { id: string; citation: string };
}

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

async function list(url: string): Promise<Use[]> {
  const { status, body } = await getJson<{ data: Use[]; total: number }>(app, url);
  expect(status).toBe(200);
  expect(body.total).toBe(body.data.length);
  return body.data;
}

describe('GET /v1/defense-uses', () => {
  it('without filters returns every claim in data/defense_uses.csv', async () => {
    expect(await list('/v1/defense-uses')).toHaveLength(csvRowCount(DATA_DIR, 'defense_uses.csv'));
  });

  it('filters by mineral', async () => {
    const uses = await list('/v1/defense-uses?mineral=antimony');
    expect(uses).toHaveLength(16);
    expect(uses.every((use) => use.mineral === 'antimony')).toBe(true);
  });

  it('filters by category', async () => {
    const uses = await list('/v1/defense-uses?category=magnets');
    expect(uses.map((use) => [use.id, use.mineral])).toEqual([
      ['rare-earths-magnets-cipher', 'rare-earths'],
      ['rare-earths-magnets-crs', 'rare-earths'],
    ]);
  });

  it('combines mineral and category', async () => {
    const uses = await list('/v1/defense-uses?mineral=antimony&category=nuclear');
    expect(uses.map((use) => use.id)).toEqual(['antimony-nuclear-reuters', 'antimony-nuclear-seed']);
  });

  it('cites the seed article (Global Times, 16 June 2022) for its antimony claims', async () => {
    const uses = await list('/v1/defense-uses?mineral=antimony');
    const seed = uses.filter((use) => use.source.id === 'global-times-2022-06-16');
    expect(seed.map((use) => [use.id, use.category])).toEqual([
      ['antimony-ammunition-seed', 'munitions'],
      ['antimony-explosives-seed', 'munitions'],
      ['antimony-munitions-seed', 'munitions'],
      ['antimony-night-vision-seed', 'optics-night-vision'],
      ['antimony-nuclear-seed', 'nuclear'],
      ['antimony-stockpile-seed', 'stockpile'],
    ]);
    expect(seed.find((use) => use.id === 'antimony-munitions-seed')).toMatchObject({
      application: 'armor-piercing bullets',
      description: expect.stringContaining('armor-piercing bullets'),
      source: { citation: expect.stringMatching(/^Global Times, .*16 June 2022/) },
    });
  });
});
