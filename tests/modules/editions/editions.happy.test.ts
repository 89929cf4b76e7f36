import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';

/*
 * USGS MCS 2026 (data year 2025) answers by default; MCS 2025 stays reproducible with ?edition=usgs-mcs-2025.
 * Antimony mine production, contained Sb (t), as the two editions print it:
 *   MCS 2025, 2024: CHN 60,000 · RUS 13,000 · TJK 17,000 … world 100,000
 *   MCS 2026, 2024: CHN 40,000 · RUS 40,000 · TJK 22,000 · BOL 5,300 · MMR 4,500 · TUR 3,000 · AUS 1,270 · KAZ 800 ·
 *                   KGZ 700 · MEX 600 · PAK 260 · VNM 220 · LAO 200 · IRN 90 · GTM 50 · CAN 0 · USA 0; world 119,000
 *   MCS 2026, 2025: CHN 40,000 · RUS 32,000 · TJK 22,000 · BOL 5,000 · MMR 4,500 · TUR 3,000 · AUS 1,300 · KAZ 800 ·
 *                   KGZ 700 · MEX 600 · PAK 260 · VNM 220 · LAO 200 · IRN 90 · GTM 50 · CAN 0 · USA W; world 110,000
 * The 2025 rows add up to 110,720 t, more than the rounded world total: shares are taken of 110,720 t (and MCS 2025's
 * 2024 rows add up to 103,960 t against a printed 100,000 t).
 */
const HHI_2024_MCS2026 = (3_744_609_500 * 1e4) / 119_000 ** 2; // Σt² = 3,744,609,500 → 2644.3
const HHI_2025_MCS2026 = (3_165_596_600 * 1e4) / 110_720 ** 2; // Σt² = 3,165,596,600 → 2582.3

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

function mining(body: { stages: { stage: string }[] }) {
  return body.stages.find((stage) => stage.stage === 'mining') as Record<string, any>;
}

describe('GET /v1/editions', () => {
  it('lists every edition newest first, saying which is the newest of its family', async () => {
    const { status, body } = await getJson(app, '/v1/editions');
    expect(status).toBe(200);
    expect(body.data.map((edition: { id: string }) => edition.id)).toEqual([
      'iea-gcmo-2026',
      // Observed trade (issue 24): DataWeb downloaded 2026-07-10.
      'usitc-dataweb-2026-07',
      'usgs-mcs-2026',
      'iea-cmde-2025',
      'usgs-mcs-2025',
      'usgs-mcs-2024',
      'wb-wgi-2024',
      'usgs-ofr-2024-1057',
      'usgs-mcs-2023',
      'wb-wgi-2023',
      // Dated by year only (2023), so it sorts after the editions dated within 2023.
      'eu-crm-2023',
      'usgs-mcs-2022',
    ]);
    expect(body.data.find((edition: { id: string }) => edition.id === 'usgs-mcs-2026')).toMatchObject({
      id: 'usgs-mcs-2026',
      family: 'usgs-mcs',
      publisher: 'U.S. Geological Survey',
      title: 'Mineral Commodity Summaries 2026',
      doi: '10.3133/mcs2026',
      published: '2026-02-06',
      newest: true,
      supersededBy: null,
    });
    expect(body.data.find((edition: { id: string }) => edition.id === 'usgs-mcs-2025')).toMatchObject({
      newest: false,
      supersededBy: 'usgs-mcs-2026',
    });
    // The IEA Outlook 2026 (published 2026-07-16) supersedes the 2025 data explorer in the iea-supply family.
    // observed refining 2021 and 2025: 2 × (Li 8 + Ni 9 + Co 8 + graphite 8 + REE 7 rows) = 80; projected 2030 and 2040: 80 likewise
    expect(body.data[0]).toMatchObject({
      id: 'iea-gcmo-2026',
      family: 'iea-supply',
      dataYears: '2021, 2025',
      newest: true,
      supersededBy: null,
      figures: { production: 80, projections: 80, reserves: 0 },
    });
    expect(body.data.find((edition: { id: string }) => edition.id === 'iea-cmde-2025')).toMatchObject({
      newest: false,
      supersededBy: 'iea-gcmo-2026',
    });
    // The WGI releases are their own family: the 2024 update supersedes the 2023 release.
    expect(body.data.find((edition: { id: string }) => edition.id === 'wb-wgi-2023')).toMatchObject({
      family: 'wb-wgi',
      dataYears: '2021-2022',
      newest: false,
      supersededBy: 'wb-wgi-2024',
      figures: { production: 0, governance: 912 },
    });
    expect(body.data.find((edition: { id: string }) => edition.id === 'wb-wgi-2024')).toMatchObject({
      family: 'wb-wgi',
      dataYears: '2022-2023',
      newest: true,
      // 122 countries (the 105 before the EU CRM share tables, plus the 17 they added) × 2 years × 6 indicators
      figures: { governance: 1464 },
    });
  });

  it('GET /v1/editions/{id} gives one, and counts its figures', async () => {
    const { body } = await getJson(app, '/v1/editions/usgs-mcs-2026');
    expect(body.figures.production).toBeGreaterThan(400);
    expect(body.figures.prices).toBeGreaterThan(0);
    expect((await getJson(app, '/v1/editions/usgs-mcs-1999')).status).toBe(404);
  });
});

describe('the newest edition answers by default', () => {
  it("antimony: mining 2025 from MCS 2026, China 40,000 of the rows' 110,720 t = 36.13 %", async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration');
    expect(mining(body)).toMatchObject({
      year: 2025,
      edition: 'usgs-mcs-2026',
      hhi: Math.round(HHI_2025_MCS2026 * 10) / 10,
      top: { country: 'CHN', tonnes: 40_000, share: 36.13 },
      inputs: {
        worldTonnes: 110_720,
        worldTotal: { rule: 'reconciled', published: 110_000, used: 110_720 },
        sourceIds: ['usgs-mcs-2026-antimony'],
      },
    });
    expect(mining(body).hhi).toBe(2582.3);
    // Smelting (EU CRM 2023 shares: Σ share² = 2,894.8, China 51.8 %) is more concentrated than 2025 mining; the
    // comparison is flagged, as the stages cover different times and bases.
    expect(body.chokepoint).toMatchObject({
      stage: 'refining',
      year: null,
      edition: 'eu-crm-2023',
      hhi: 2894.8,
      topShare: 51.8,
      comparable: false,
    });
    expect(body.chokepoint.comparedStages[0]).toMatchObject({ stage: 'mining', year: 2025, edition: 'usgs-mcs-2026', hhi: 2582.3 });
  });

  it('2024 as MCS 2026 revised it: HHI 2644.3, China 33.61 %', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration?year=2024');
    expect(mining(body)).toMatchObject({ year: 2024, edition: 'usgs-mcs-2026', hhi: 2644.3, top: { country: 'CHN', share: 33.61 } });
    expect(mining(body).hhi).toBeCloseTo(HHI_2024_MCS2026, 1);
  });

  it("?edition=usgs-mcs-2025 answers as MCS 2025 did: 2024 HHI 3,793.2, China 57.71 % of the rows' 103,960 t, and no 2025", async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration?edition=usgs-mcs-2025');
    expect(mining(body)).toMatchObject({
      year: 2024,
      edition: 'usgs-mcs-2025',
      hhi: 3793.2,
      top: { country: 'CHN', tonnes: 60_000, share: 57.71 },
    });
    const pinned2025 = await getJson(app, '/v1/minerals/antimony/concentration?year=2025&edition=usgs-mcs-2025');
    expect(mining(pinned2025.body)).toMatchObject({ status: 'insufficient_data' });
  });

  it('figures carry their edition and source; the default takes one edition per series and year', async () => {
    const { body } = await getJson(app, '/v1/production?mineral=antimony&stage=mining&country=CHN');
    expect(body.data.map((row: any) => [row.year, row.tonnes, row.edition])).toEqual([
      [2021, 61_000, 'usgs-mcs-2023'],
      [2022, 40_000, 'usgs-mcs-2024'],
      [2023, 62_300, 'usgs-mcs-2025'],
      [2024, 40_000, 'usgs-mcs-2026'],
      [2025, 40_000, 'usgs-mcs-2026'],
    ]);
    const old = await getJson(app, '/v1/production?mineral=antimony&stage=mining&country=CHN&year=2024&edition=usgs-mcs-2025');
    expect(old.body.data).toMatchObject([{ tonnes: 60_000, edition: 'usgs-mcs-2025', source: { id: 'usgs-mcs-2025-antimony' } }]);
  });

  it('U.S. net import reliance for antimony: 91 % in 2025 (MCS 2026), driving the dependency score', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?mineral=antimony&year=2025');
    expect(body.data).toMatchObject([{ percent: 91, valueText: '91', edition: 'usgs-mcs-2026' }]);
    const dependency = await getJson(app, '/v1/dependency/USA/on/CHN');
    const antimony = dependency.body.data.find((row: { mineral: string }) => row.mineral === 'antimony');
    expect(antimony.netImportReliance).toMatchObject({ year: 2025, percent: 91 });
    // China's share of U.S. imports of antimony metal and oxide, 2021–24 (MCS 2026 Import Sources): 55 %.
    expect(antimony.supplierImportShare).toMatchObject({ sharePct: 55, period: '2021-24', form: 'total metal and oxide' });
  });
});

describe('the v1.3 erratum', () => {
  it('rare-earth reserves of Brazil are 11,000,000 t (not the 21,000,000 t first posted), citing the erratum', async () => {
    const { body } = await getJson(app, '/v1/reserves?mineral=rare-earths&country=BRA&year=2025');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ tonnes: 11_000_000, edition: 'usgs-mcs-2026', source: { id: 'usgs-mcs-2026-rare-earths-v1-3' } });
    expect(body.data[0].source.citation).toContain('version 1.3');
    const world = await getJson(app, '/v1/reserves?mineral=rare-earths&country=WLD&year=2025');
    expect(world.body.data[0]).toMatchObject({ tonnes: 75_000_000, lowerBound: true });
  });
});

describe('GET /v1/revisions', () => {
  it('antimony China 2024: 60,000 t in MCS 2025, 40,000 t in MCS 2026', async () => {
    const { status, body } = await getJson(app, '/v1/revisions?mineral=antimony&country=CHN&stage=mining&year=2024');
    expect(status).toBe(200);
    expect(body.data).toEqual([
      expect.objectContaining({
        kind: 'production',
        oldEdition: 'usgs-mcs-2025',
        oldValue: 60_000,
        newEdition: 'usgs-mcs-2026',
        newValue: 40_000,
        change: -20_000,
        relativeChange: -0.3333,
        unit: 't',
      }),
    ]);
  });

  it('newest revision first, and CSV like every table', async () => {
    const { body } = await getJson(app, '/v1/revisions?mineral=antimony&limit=1000');
    const editions = body.data.map((row: { newEdition: string }) => row.newEdition);
    expect(editions[0]).toBe('usgs-mcs-2026');
    expect(editions.indexOf('usgs-mcs-2025')).toBeGreaterThan(editions.lastIndexOf('usgs-mcs-2026'));
    const csv = await app.inject({ method: 'GET', url: '/v1/revisions?mineral=antimony&country=CHN&year=2024&format=csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('usgs-mcs-2025,60000,60000,usgs-mcs-2026,40000,40000,-20000,-0.3333');
  });

  it('the concentration of antimony mining 2024 under each edition that reported it', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration/editions?stage=mining&year=2024');
    expect(body.data.map((entry: any) => [entry.edition, entry.concentration.hhi])).toEqual([
      ['usgs-mcs-2025', 3793.2],
      ['usgs-mcs-2026', 2644.3],
    ]);
  });
});

describe('new in MCS 2026', () => {
  it('prices as published: antimony metal, dollars per pound', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/prices');
    const metal = body.data.filter((row: { series: string }) => row.series === 'metal-average');
    expect(metal.map((row: { year: number; value: number }) => [row.year, row.value]).slice(0, 4)).toEqual([
      [2021, 5.31],
      [2022, 6.18],
      [2023, 5.49],
      [2024, 10.24],
    ]);
    expect(metal[0]).toMatchObject({ unit: 'dollars per pound', edition: 'usgs-mcs-2026' });
  });

  it('the minerals China’s export controls name are covered: bismuth refinery output 2025, China first', async () => {
    const { body } = await getJson(app, '/v1/minerals/bismuth/concentration');
    const refining = body.stages.find((stage: { stage: string }) => stage.stage === 'refining');
    expect(refining).toMatchObject({ status: 'ok', year: 2025, edition: 'usgs-mcs-2026', top: { country: 'CHN' } });
  });

  it('the 2025 U.S. critical-minerals flag is on the mineral', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony');
    expect(body.criticalLists).toMatchObject([{ list: 'us-2025', critical: true, edition: 'usgs-mcs-2026' }]);
  });

  it('capacity is its own table, never production: gallium low-purity capacity', async () => {
    const { body } = await getJson(app, '/v1/capacity?mineral=gallium&country=CHN');
    expect(body.total).toBeGreaterThan(0);
    expect(body.data[0]).toMatchObject({ mineral: 'gallium', country: 'CHN', edition: 'usgs-mcs-2026' });
  });
});
