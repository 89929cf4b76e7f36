import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';

/** The eleven minerals of MCS 2025, and the four chapters China's export controls name that MCS 2026 added (issue 11). */
const SLUGS = [
  'antimony',
  'bismuth',
  'cobalt',
  'gallium',
  'germanium',
  'graphite',
  'indium',
  'lithium',
  'manganese',
  'molybdenum',
  'nickel',
  'rare-earths',
  'tellurium',
  'titanium',
  'tungsten',
];

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/minerals', () => {
  it('lists the 15 minerals by slug', async () => {
    const { status, body, headers } = await getJson(app, '/v1/minerals');
    expect(status).toBe(200);
    expect(String(headers['content-type'])).toMatch(/^application\/json/);
    expect(body.total).toBe(15);
    expect(body.data.map((mineral: { id: string }) => mineral.id)).toEqual(SLUGS);
  });

  it('gives names, symbols (none for rare earths) and the stages with data, share-scored stages included', async () => {
    const { body } = await getJson(app, '/v1/minerals');
    const byId = new Map(body.data.map((mineral: { id: string }) => [mineral.id, mineral]));
    // Antimony smelting has no annual tonnes but the EU CRM 2023 shares, which the chain and the scores use: it has data.
    expect(byId.get('antimony')).toEqual({
      id: 'antimony',
      name: 'Antimony',
      symbol: 'Sb',
      description: expect.stringContaining('ammunition'),
      stagesWithData: ['mining', 'refining'],
    });
    expect(byId.get('tungsten')).toMatchObject({ stagesWithData: ['mining', 'refining'] });
    expect(byId.get('manganese')).toMatchObject({ stagesWithData: ['mining', 'refining'] });
    expect(byId.get('rare-earths')).toMatchObject({ symbol: null, stagesWithData: ['mining', 'refining'] });
    expect(byId.get('titanium')).toMatchObject({ symbol: 'Ti', stagesWithData: ['mining', 'metal'] });
    expect(byId.get('gallium')).toMatchObject({ stagesWithData: ['refining'] });
  });
});

describe('GET /v1/minerals/{mineral}', () => {
  it('antimony: mining up to 2024, world 103,960 t (the rows: the printed 100,000 t is rounded below them), China on top with 57.71 %', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/antimony?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'antimony', name: 'Antimony', symbol: 'Sb' });
    expect(body.stages.map((stage: { stage: string }) => stage.stage)).toEqual(['mining', 'refining']);
    const [mining, smelting] = body.stages;
    // Smelting: the EU CRM 2023 shares, a study period and no tonnes, China 51.8 %.
    expect(smelting).toMatchObject({
      stage: 'refining',
      name: 'Smelting and refining',
      measure: 'shares',
      years: [],
      period: 'EU CRM 2023 assessment period (five-year average)',
      latest: {
        year: null,
        measure: 'shares',
        worldTonnes: null,
        worldTotalBasis: 'shares',
        topProducer: { country: 'CHN', tonnes: null, share: 51.8 },
      },
    });
    // Every stage without figures, and why: metal and component.
    expect(body.gaps.map((gap: { stage: string; kind: string }) => [gap.stage, gap.kind])).toEqual([
      ['metal', 'no-country-data'],
      ['component', 'no-country-data'],
    ]);
    expect(body.gaps[0].source).toMatchObject({ id: 'chokepoint-stage-coverage' });
    expect(mining.stage).toBe('mining');
    expect(mining.bases).toEqual([
      { id: 'sb-contained', label: 'contained antimony', description: 'mine production, contained antimony (t)', priority: 1 },
    ]);
    expect(mining.years).toEqual([2021, 2022, 2023, 2024]);
    expect(mining.latest).toMatchObject({
      year: 2024,
      basis: 'sb-contained',
      worldTonnes: 103_960,
      worldTotalBasis: 'reconciled',
      worldTotal: { rule: 'reconciled', unit: 't', published: 100_000, used: 103_960, accounted: 103_960 },
      worldSource: { id: 'usgs-mcs-2025-antimony' },
      topProducer: { country: 'CHN', name: 'China', tonnes: 60_000, share: 57.71, source: { id: 'usgs-mcs-2025-antimony' } },
    });
    expect(mining.latest.worldTotal.reason).toContain('U.S. Geological Survey rounds world totals');
  });

  it('antimony: counts its defense uses by category', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony?edition=usgs-mcs-2025');
    const uses = await getJson(app, '/v1/defense-uses?mineral=antimony');
    expect(body.defenseUses.total).toBe(uses.body.total);
    expect(body.defenseUses.total).toBe(16);
    expect(body.defenseUses.byCategory).toMatchObject({ munitions: 8, nuclear: 2, 'optics-night-vision': 2, stockpile: 1 });
    const summed = Object.values(body.defenseUses.byCategory as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(summed).toBe(16);
  });

  it('rare earths: mining on REO and refining on IEA magnet REEs, each with its own world total', async () => {
    const { body } = await getJson(app, '/v1/minerals/rare-earths?edition=usgs-mcs-2025');
    const [mining, refining] = body.stages;
    // Named 392,850 t + "Other countries" 1,100 t = 393,950 t, above the printed 390,000 t.
    expect(mining).toMatchObject({ stage: 'mining', bases: [{ id: 'ree-reo' }], latest: { year: 2024, worldTonnes: 393_950 } });
    expect(refining).toMatchObject({
      stage: 'refining',
      bases: [{ id: 'ree-magnet-iea', label: 'magnet rare earth elements (IEA)' }],
      // IEA refining is another family than MCS 2025, so it keeps its newest edition: GCMO 2026 adds 2021 and 2025.
      years: [2021, 2024, 2025],
      // 2025: China 75 of 90 kt magnet rare earths = 83.33 % (named 87 kt + rest of world 3 kt, above the printed 89 kt; it
      // was 73,757 / 80,805 t = 91.28 % in the 2024 data explorer)
      latest: { year: 2025, worldTonnes: 90_000, topProducer: { country: 'CHN', share: 83.33 } },
    });
  });

  it('titanium: stages in chain order, with every basis the stage uses', async () => {
    const { body } = await getJson(app, '/v1/minerals/titanium?edition=usgs-mcs-2025');
    expect(body.stages.map((stage: { stage: string }) => stage.stage)).toEqual(['mining', 'metal']);
    expect(body.stages[0].bases.map((basis: { id: string }) => basis.id)).toEqual([
      'ti-ilmenite-rutile-tio2',
      'ti-ilmenite-tio2',
      'ti-rutile-tio2',
    ]);
    expect(body.stages[1].latest).toMatchObject({
      basis: 'ti-sponge',
      // The named rows add up to 324,300 t, above the printed 320,000 t: 220,000 / 324,300 = 67.84 %
      worldTonnes: 324_300,
      topProducer: { country: 'CHN', tonnes: 220_000, share: 67.84 },
    });
  });
});
