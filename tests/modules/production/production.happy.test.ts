import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { viewRows } from '../../helpers/editions.js';
import type { components } from '../../../client/chokepoint.js';

/** A production row as the spec (and so the generated client types) describes it. */
type Row = components['schemas']['ProductionFigure'];

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

/** Every matching row on one page (the data is under the 1,000-row page limit). */
async function list(url: string): Promise<Row[]> {
  const { status, body } = await getJson<{ data: Row[]; total: number; next: string | null }>(
    app,
    `${url}${url.includes('?') ? '&' : '?'}limit=1000`,
  );
  expect(status).toBe(200);
  expect(body.total).toBe(body.data.length);
  expect(body.next).toBeNull();
  return body.data;
}

describe('GET /v1/production', () => {
  it('without filters returns every row of data/production.csv that the MCS 2025 view takes', async () => {
    expect(await list('/v1/production?edition=usgs-mcs-2025')).toHaveLength(viewRows('production.csv', 'usgs-mcs-2025').length);
  });

  it('without ?edition answers each series from the newest edition that reports it', async () => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: Row[]; next: string | null } } = await getJson(
        app,
        `/v1/production?limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(page.status).toBe(200);
      rows.push(...page.body.data);
      cursor = page.body.next;
    } while (cursor !== null);
    const expected = viewRows('production.csv', null);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((row) => [row.mineral, row.stage, row.country, row.year, row.basis, row.edition].join('|')).sort()).toEqual(
      expected.map((row) => [row.mineral, row.stage, row.country, row.year, row.basis, row.edition].join('|')).sort(),
    );
  });

  it('filters by mineral', async () => {
    const rows = await list('/v1/production?mineral=antimony&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(67);
    expect(new Set(rows.map((row) => row.mineral))).toEqual(new Set(['antimony']));
    expect([...new Set(rows.map((row) => row.year))].sort()).toEqual([2021, 2022, 2023, 2024]);
  });

  it('filters by stage', async () => {
    const rows = await list('/v1/production?stage=metal&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(37);
    expect(new Set(rows.map((row) => `${row.mineral}/${row.stage}/${row.basis}`))).toEqual(new Set(['titanium/metal/ti-sponge']));
  });

  it('filters by country, case-insensitively', async () => {
    const rows = await list('/v1/production?country=chn&year=2024&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((row) => row.country))).toEqual(new Set(['CHN']));
    expect(rows.find((row) => row.mineral === 'tungsten')).toMatchObject({ stage: 'mining', tonnes: 67_000 });
  });

  it('filters by year', async () => {
    const rows = await list('/v1/production?mineral=antimony&year=2024&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.year === 2024)).toBe(true);
  });

  it('filters by an inclusive from/to range', async () => {
    const rows = await list('/v1/production?mineral=antimony&from=2023&to=2024&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(32);
    expect([...new Set(rows.map((row) => row.year))].sort()).toEqual([2023, 2024]);
    expect(await list('/v1/production?mineral=antimony&from=2024&to=2024&edition=usgs-mcs-2025')).toHaveLength(16);
    expect(await list('/v1/production?mineral=antimony&from=2024&edition=usgs-mcs-2025')).toHaveLength(16);
    const upTo2021 = await list('/v1/production?mineral=antimony&to=2021&edition=usgs-mcs-2025');
    expect(new Set(upTo2021.map((row) => row.year))).toEqual(new Set([2021]));
    expect(upTo2021).toEqual(await list('/v1/production?mineral=antimony&year=2021&edition=usgs-mcs-2025'));
  });

  it('combines filters', async () => {
    const rows = await list('/v1/production?mineral=antimony&stage=mining&country=CHN&year=2024&edition=usgs-mcs-2025');
    expect(rows).toEqual([
      {
        mineral: 'antimony',
        stage: 'mining',
        country: 'CHN',
        year: 2024,
        tonnes: 60_000,
        basis: 'sb-contained',
        basisLabel: 'contained antimony',
        edition: 'usgs-mcs-2025',
        estimated: true,
        withheld: false,
        lowerBound: false,
        source: { id: 'usgs-mcs-2025-antimony', citation: expect.stringContaining('Antimony chapter, pp. 34–35') },
      },
    ]);
  });

  it('returns an empty list for a year without data', async () => {
    expect(await list('/v1/production?year=2030&edition=usgs-mcs-2025')).toEqual([]);
  });
});

describe('GET /v1/reserves', () => {
  it('without filters returns every row of data/reserves.csv that the MCS 2025 view takes', async () => {
    expect(await list('/v1/reserves?edition=usgs-mcs-2025')).toHaveLength(viewRows('reserves.csv', 'usgs-mcs-2025').length);
  });

  it('filters by mineral, country and year', async () => {
    const { body } = await getJson(app, '/v1/reserves?mineral=antimony&country=chn&year=2024&edition=usgs-mcs-2025');
    expect(body).toEqual({
      data: [
        {
          mineral: 'antimony',
          country: 'CHN',
          year: 2024,
          tonnes: 670_000,
          basis: 'contained antimony',
          edition: 'usgs-mcs-2025',
          lowerBound: false,
          source: { id: 'usgs-mcs-2025-antimony', citation: expect.any(String) },
        },
      ],
      total: 1,
      next: null,
    });
  });

  it('antimony 2024 lists 14 reserve rows, the world total among them', async () => {
    const rows = await list('/v1/reserves?mineral=antimony&year=2024&edition=usgs-mcs-2025');
    expect(rows).toHaveLength(14);
    expect(rows.find((row) => row.country === 'WLD')).toMatchObject({ tonnes: 2_000_000, lowerBound: true });
  });
});
