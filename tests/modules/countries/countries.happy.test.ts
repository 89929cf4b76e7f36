import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { csvRowCount, DATA_DIR } from '../../helpers/dataset.js';

interface Country {
  iso3: string;
  name: string;
  aliases: string[];
  region: string | null;
  isAggregate: boolean;
}

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/countries', () => {
  it('lists every country in data/countries.csv, sorted by ISO3', async () => {
    const { status, body } = await getJson<{ data: Country[]; total: number }>(app, '/v1/countries?limit=1000');
    expect(status).toBe(200);
    expect(body.total).toBe(csvRowCount(DATA_DIR, 'countries.csv'));
    expect(body.data).toHaveLength(body.total);
    const codes = body.data.map((country) => country.iso3);
    expect(codes).toEqual([...codes].sort());
  });

  it('includes the WLD and OTH aggregates, flagged isAggregate', async () => {
    const { body } = await getJson<{ data: Country[] }>(app, '/v1/countries?limit=1000');
    const byCode = new Map(body.data.map((country) => [country.iso3, country]));
    // "World total" is how the USGS data release names the world row (issue 11's importer maps it).
    expect(byCode.get('WLD')).toEqual({ iso3: 'WLD', name: 'World', aliases: ['World', 'World total'], region: null, isAggregate: true });
    expect(byCode.get('OTH')).toMatchObject({ name: 'Other countries', isAggregate: true });
    expect(byCode.get('CHN')).toMatchObject({ name: 'China', region: 'Eastern Asia', isAggregate: false });
    expect(body.data.filter((country) => country.isAggregate).map((country) => country.iso3)).toEqual(['EUU', 'OTH', 'WLD']);
  });

  it('filters by group', async () => {
    const { body } = await getJson<{ data: Country[]; total: number }>(app, '/v1/countries?group=central-asia');
    expect(body.data.map((country) => country.iso3)).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(body.total).toBe(5);
  });

  it('filters by region', async () => {
    const { body } = await getJson<{ data: Country[] }>(app, '/v1/countries?region=Central%20Asia');
    expect(body.data.map((country) => country.iso3)).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
  });
});

describe('GET /v1/countries/{iso3}', () => {
  it('is case-insensitive: mmr is Myanmar, also known as Burma', async () => {
    const { status, body } = await getJson(app, '/v1/countries/mmr?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ iso3: 'MMR', name: 'Myanmar', region: 'South-eastern Asia', isAggregate: false });
    expect(body.aliases).toContain('Burma');
  });

  it('Myanmar: 2024 rare-earth mining share and rank', async () => {
    const { body } = await getJson(app, '/v1/countries/MMR?edition=usgs-mcs-2025');
    const rareEarths = body.production.find((row: { mineral: string; stage: string }) => row.mineral === 'rare-earths' && row.stage === 'mining');
    expect(rareEarths).toMatchObject({ year: 2024, basis: 'ree-reo', tonnes: 31_000, share: 7.95, rank: 3, withheld: false });
  });

  it('China: no group memberships; first in antimony mining with 60%', async () => {
    const { body } = await getJson(app, '/v1/countries/CHN?edition=usgs-mcs-2025');
    expect(body.groups).toEqual([]);
    const antimony = body.production.find((row: { mineral: string }) => row.mineral === 'antimony');
    expect(antimony).toMatchObject({
      stage: 'mining',
      year: 2024,
      tonnes: 60_000,
      share: 60,
      rank: 1,
      estimated: true,
      source: { id: 'usgs-mcs-2025-antimony' },
    });
    // Sorted by share, largest first.
    const shares = body.production.map((row: { share: number | null }) => row.share ?? -1);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
    expect(body.production[0]).toMatchObject({ mineral: 'gallium', stage: 'refining', share: 98.68 });
  });

  it('United States: groups with join dates, and withheld figures with no share', async () => {
    const { body } = await getJson(app, '/v1/countries/USA?edition=usgs-mcs-2025');
    expect(body.groups).toEqual([
      { id: 'g7', name: 'G7', joined: null },
      { id: 'msp', name: 'Minerals Security Partnership', joined: '2022-06' },
      { id: 'nato', name: 'NATO', joined: '1949' },
      { id: 'quad', name: 'Quad', joined: '2007' },
    ]);
    const lithium = body.production.find((row: { mineral: string; stage: string }) => row.mineral === 'lithium' && row.stage === 'mining');
    expect(lithium).toMatchObject({ year: 2024, tonnes: null, share: null, rank: null, withheld: true });
  });

  it('Tajikistan: Central Asia, WGI 2022 rescaled to 7.34 (methodology §5), second in antimony', async () => {
    const { body } = await getJson(app, '/v1/countries/TJK?edition=usgs-mcs-2025');
    expect(body.groups).toEqual([{ id: 'central-asia', name: 'Central Asia', joined: null }]);
    const { governance } = body;
    expect(governance).toMatchObject({ year: 2022, source: { id: 'wb-wgi-2023' } });
    expect(governance.estimates).toEqual({ VA: -1.6728, PV: -0.6948, GE: -0.7561, RQ: -1.198, RL: -1.2558, CC: -1.4342 });
    expect(governance.mean).toBeCloseTo(-1.169, 3);
    expect(governance.euScaled).toBeCloseTo(7.34, 2);
    // EU rescale: (2.5 − mean of the six) × 2.
    const six = Object.values(governance.estimates as Record<string, number>);
    expect(governance.euScaled).toBeCloseTo((2.5 - six.reduce((a, b) => a + b, 0) / 6) * 2, 2);
    expect(body.production).toEqual([
      expect.objectContaining({ mineral: 'antimony', stage: 'mining', year: 2024, tonnes: 17_000, share: 17, rank: 2 }),
    ]);
  });

  it('WLD exists as an aggregate with no governance and no production of its own', async () => {
    const { status, body } = await getJson(app, '/v1/countries/wld?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ iso3: 'WLD', isAggregate: true, governance: null, production: [], groups: [] });
  });
});
