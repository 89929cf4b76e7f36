import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { viewRows } from '../../helpers/editions.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/import-reliance', () => {
  it('without filters returns every row of data/import_reliance.csv that the MCS 2025 view takes', async () => {
    const { status, body } = await getJson(app, '/v1/import-reliance?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.total).toBe(viewRows('import_reliance.csv', 'usgs-mcs-2025').length);
  });

  it('antimony: the U.S. series 2018–2024 as published', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?importer=usa&mineral=antimony&edition=usgs-mcs-2025');
    expect(body.data.map((row: { year: number; percent: number }) => [row.year, row.percent])).toEqual([
      [2018, 84],
      [2019, 84],
      [2020, 83],
      [2021, 85],
      [2022, 83],
      [2023, 83],
      [2024, 85],
    ]);
  });

  it('keeps the source text and form: rare earths 2024 split into compounds (80) and concentrates (E)', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?mineral=rare-earths&year=2024&edition=usgs-mcs-2025');
    expect(body.data).toEqual([
      expect.objectContaining({ form: 'compounds and metals', percent: 80, qualifier: 'eq', valueText: '80' }),
      expect.objectContaining({ form: 'mineral concentrates', percent: null, qualifier: 'net_exporter', valueText: 'E' }),
    ]);
  });

  it('cites each figure', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?mineral=germanium&year=2024&edition=usgs-mcs-2025');
    expect(body.data[0].source).toEqual({ id: 'usgs-mcs-2025-germanium-salient', citation: expect.stringContaining('Germanium chapter') });
  });
});

describe('GET /v1/import-sources', () => {
  it('without filters returns every row of data/import_sources.csv that the MCS 2025 view takes', async () => {
    const { body } = await getJson(app, '/v1/import-sources?edition=usgs-mcs-2025');
    expect(body.total).toBe(viewRows('import_sources.csv', 'usgs-mcs-2025').length);
  });

  it('antimony total metal and oxide 2020-23: China 63%, then Belgium, India, Bolivia, others', async () => {
    const { status, body } = await getJson(app, '/v1/import-sources?importer=USA&mineral=antimony&period=2020-23&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    const total = body.data.filter((row: { form: string }) => row.form === 'total metal and oxide');
    expect(total.map((row: { country: string; sharePct: number; rank: number }) => [row.rank, row.country, row.sharePct])).toEqual([
      [1, 'CHN', 63],
      [2, 'BEL', 8],
      [3, 'IND', 6],
      [4, 'BOL', 5],
      [5, 'OTH', 18],
    ]);
    expect(total[0]).toMatchObject({ importer: 'USA', period: '2020-23', source: { id: 'usgs-mcs-2025-antimony-import-sources' } });
    expect(total.reduce((sum: number, row: { sharePct: number }) => sum + row.sharePct, 0)).toBe(100);
  });

  it('keeps rank-only periods with a null share', async () => {
    const { body } = await getJson(app, '/v1/import-sources?mineral=antimony&period=2019-22&edition=usgs-mcs-2025');
    const total = body.data.filter((row: { form: string }) => row.form === 'total metal and oxide');
    expect(total.map((row: { country: string }) => row.country)).toEqual(['CHN', 'BEL', 'IND', 'BOL']);
    expect(total.every((row: { sharePct: number | null }) => row.sharePct === null)).toBe(true);
  });
});
