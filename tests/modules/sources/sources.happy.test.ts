import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { csvRowCount, DATA_DIR } from '../../helpers/dataset.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/sources', () => {
  it('lists every source in data/sources.csv, each with a citation', async () => {
    const { status, body } = await getJson(app, '/v1/sources?limit=1000');
    expect(status).toBe(200);
    expect(body.total).toBe(csvRowCount(DATA_DIR, 'sources.csv'));
    expect(body.data).toHaveLength(body.total);
    for (const source of body.data as { id: string; publisher: string; citation: string }[]) {
      expect(source.citation.startsWith(source.publisher), source.id).toBe(true);
    }
  });

  it('?q= keeps the sources containing every word, in any case; blank means all', async () => {
    type Source = { id: string; title: string; publisher: string; edition: string | null; locator: string | null; citation: string };
    const all = (await getJson(app, '/v1/sources?limit=1000')).body as { total: number; data: Source[] };
    const { status, body } = await getJson(app, '/v1/sources?limit=1000&q=USGS%20Antimony');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBe(body.data.length);
    const expected = all.data.filter((source) => {
      const text = [source.id, source.title, source.publisher, source.edition, source.locator, source.citation].join(' ').toLowerCase();
      return text.includes('usgs') && text.includes('antimony');
    });
    expect(body.data.map((source: { id: string }) => source.id)).toEqual(expected.map((source) => source.id));
    expect((await getJson(app, '/v1/sources?q=antimony%20zzzz')).body.total).toBe(0);
    expect((await getJson(app, '/v1/sources?limit=1000&q=%20')).body.total).toBe(all.total);
    expect((await getJson(app, `/v1/sources?q=${'a'.repeat(201)}`)).status).toBe(400);
  });
});

describe('GET /v1/sources/{id}', () => {
  it('usgs-mcs-2025-antimony: the MCS 2025 antimony chapter, cited by production and reserves', async () => {
    const { status, body } = await getJson(app, '/v1/sources/usgs-mcs-2025-antimony');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'usgs-mcs-2025-antimony',
      title: 'Mineral Commodity Summaries 2025',
      publisher: 'U.S. Geological Survey',
      edition: '2025',
      year: 2025,
      url: 'https://doi.org/10.5066/P13XCP3R',
      citation: expect.stringMatching(/^U\.S\. Geological Survey, Mineral Commodity Summaries 2025, Antimony chapter, pp\. 34–35/),
    });
    expect(body.citedBy).toEqual({ production: 32, reserves: 14, importReliance: 0, importSources: 0, defenseUses: 0, governance: 0 });
  });

  it('citedBy agrees with what the list endpoints return', async () => {
    const { body } = await getJson(app, '/v1/sources/usgs-mcs-2025-antimony');
    const production = await getJson(app, '/v1/production?mineral=antimony&edition=usgs-mcs-2025');
    const citing = production.body.data.filter((row: { source: { id: string } }) => row.source.id === 'usgs-mcs-2025-antimony');
    expect(body.citedBy.production).toBe(citing.length);
    expect(body.citedBy.production).toBeGreaterThan(0);
  });

  it('the seed article is cited by ten defense uses', async () => {
    const { body } = await getJson(app, '/v1/sources/global-times-2022-06-16');
    expect(body).toMatchObject({ publisher: 'Global Times', edition: null, year: 2022, url: null });
    expect(body.citedBy.defenseUses).toBe(10);
  });
});
