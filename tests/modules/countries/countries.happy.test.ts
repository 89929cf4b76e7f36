import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
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
    const rareEarths = body.production.find(
      (row: { mineral: string; stage: string }) => row.mineral === 'rare-earths' && row.stage === 'mining',
    );
    // 31,000 of the rows' 393,950 t (named 392,850 + other 1,100; the printed world total is 390,000) = 7.87 %
    expect(rareEarths).toMatchObject({ year: 2024, basis: 'ree-reo', tonnes: 31_000, share: 7.87, rank: 3, withheld: false });
  });

  it("China: no group memberships; first in antimony mining with 57.71 % (60,000 of the rows' 103,960 t)", async () => {
    const { body } = await getJson(app, '/v1/countries/CHN?edition=usgs-mcs-2025');
    expect(body.groups).toEqual([]);
    const antimony = body.production.find((row: { mineral: string }) => row.mineral === 'antimony');
    expect(antimony).toMatchObject({
      stage: 'mining',
      year: 2024,
      tonnes: 60_000,
      share: 57.71,
      rank: 1,
      estimated: true,
      source: { id: 'usgs-mcs-2025-antimony' },
    });
    // Sorted by share, largest first.
    const shares = body.production.map((row: { share: number | null }) => row.share ?? -1);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
    expect(body.production[0]).toMatchObject({ mineral: 'gallium', stage: 'refining', share: 98.43 });
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

  it('Tajikistan: Central Asia, WGI 2023 (2024 update) rescaled to 7.24 (methodology §5), second in antimony', async () => {
    const { body } = await getJson(app, '/v1/countries/TJK?edition=usgs-mcs-2025');
    expect(body.groups).toEqual([{ id: 'central-asia', name: 'Central Asia', joined: null }]);
    const { governance } = body;
    expect(governance).toMatchObject({ year: 2023, edition: 'wb-wgi-2024', source: { id: 'wb-wgi-2024' } });
    expect(body.governanceGap).toBeNull();
    // data/governance.csv, wb-wgi-2024, TJK 2023 (unrounded as published)
    expect(governance.estimates).toEqual({
      VA: -1.6346701383590698,
      PV: -0.47282150387763977,
      GE: -0.7723180055618286,
      RQ: -1.178222894668579,
      RL: -1.277231216430664,
      CC: -1.3787333965301514,
    });
    // Σ = −6.71400 → mean −1.11900 → (2.5 + 1.11900) × 2 = 7.238
    expect(governance.mean).toBe(-1.119);
    expect(governance.euScaled).toBe(7.24);
    // EU rescale: (2.5 − mean of the six) × 2.
    const six = Object.values(governance.estimates as Record<string, number>);
    expect(governance.euScaled).toBeCloseTo((2.5 - six.reduce((a, b) => a + b, 0) / 6) * 2, 2);
    // Mining 2024 in tonnes; smelting from the EU CRM 2023 shares (TJK 3.5 %, seventh): a share, never tonnes.
    expect(body.production).toEqual([
      // 17,000 of the rows' 103,960 t (the printed world total, 100,000 t, is rounded below them)
      expect.objectContaining({
        mineral: 'antimony',
        stage: 'mining',
        year: 2024,
        measure: 'tonnes',
        tonnes: 17_000,
        share: 16.35,
        rank: 2,
      }),
      expect.objectContaining({
        mineral: 'antimony',
        stage: 'refining',
        year: null,
        measure: 'shares',
        period: 'EU CRM 2023 assessment period (five-year average)',
        tonnes: null,
        share: 3.5,
        rank: 7,
        edition: 'eu-crm-2023',
      }),
    ]);
  });

  it('?edition=wb-wgi-2023: Tajikistan as the 2023 release gave it (2022, rescaled to 7.34)', async () => {
    const { body } = await getJson(app, '/v1/countries/TJK?edition=wb-wgi-2023');
    expect(body.governance).toMatchObject({ year: 2022, edition: 'wb-wgi-2023', source: { id: 'wb-wgi-2023' } });
    expect(body.governance.estimates).toEqual({ VA: -1.6728, PV: -0.6948, GE: -0.7561, RQ: -1.198, RL: -1.2558, CC: -1.4342 });
    // Σ = −7.0117 → mean −1.16862 → (2.5 + 1.16862) × 2 = 7.337
    expect(body.governance.mean).toBe(-1.169);
    expect(body.governance.euScaled).toBe(7.34);
  });

  it('Ghana, without governance in the 2023 release, has the 2024 update (2023: mean −0.0139, rescaled 5.03)', async () => {
    const { body } = await getJson(app, '/v1/countries/GHA');
    // VA 0.41035 + PV −0.02162 + GE −0.09266 + RQ −0.18065 + RL −0.09964 + CC −0.09902 = −0.08324 → mean −0.01387
    // → (2.5 + 0.01387) × 2 = 5.0277
    expect(body.governance).toMatchObject({ year: 2023, edition: 'wb-wgi-2024', mean: -0.014, euScaled: 5.03 });
    expect(body.governanceGap).toBeNull();
    const old = (await getJson(app, '/v1/countries/GHA?edition=wb-wgi-2023')).body;
    expect(old.governance).toBeNull();
    expect(old.governanceGap).toBe('no WGI estimates held for this country in wb-wgi-2023');
  });

  it('New Caledonia has no governance, and says why: not covered by the WGI', async () => {
    const { body } = await getJson(app, '/v1/countries/NCL');
    expect(body).toMatchObject({ iso3: 'NCL', governance: null, governanceGap: 'not covered by the WGI' });
  });

  it('WLD exists as an aggregate with no governance and no production of its own', async () => {
    const { status, body } = await getJson(app, '/v1/countries/wld?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ iso3: 'WLD', isAggregate: true, governance: null, governanceGap: null, production: [], groups: [] });
  });
});

describe('governance covers every producer the EU CRM 2023 share tables name', () => {
  it('each such country has the WGI 2024 update (2023), or says why not', async () => {
    const shares = parse(readFileSync(join(DATA_DIR, 'stage_shares.csv'), 'utf8'), { columns: true }) as { country: string }[];
    const countries = [...new Set(shares.map((row) => row.country))].sort();
    expect(countries).toContain('SGP');
    const uncovered: string[] = [];
    for (const iso3 of countries) {
      const { status, body } = await getJson(app, `/v1/countries/${iso3}`);
      expect(status).toBe(200);
      if (body.governance === null) uncovered.push(`${iso3}: ${body.governanceGap}`);
      else expect(body.governance).toMatchObject({ year: 2023, edition: 'wb-wgi-2024' });
    }
    expect(uncovered).toEqual([]);
  });

  it('Singapore (added for the share tables): WGI 2023 mean 1.630, rescaled to 1.74', async () => {
    const { body } = await getJson(app, '/v1/countries/SGP');
    // CC 2.04018 + GE 2.31747 + PV 1.42420 + RL 1.75318 + RQ 2.30859 + VA −0.06541 = 9.77821 → mean 1.62970
    // → (2.5 − 1.62970) × 2 = 1.7406
    expect(body.governance).toMatchObject({ year: 2023, edition: 'wb-wgi-2024', mean: 1.63, euScaled: 1.74 });
    expect(body.governanceGap).toBeNull();
  });
});
