/**
 * IEA Global Critical Minerals Outlook 2026 (edition iea-gcmo-2026): 2025 refining answers by default for cobalt,
 * lithium, nickel, graphite and magnet rare earths; 2030 and 2040 are projections, flagged, and never part of
 * "latest", histories or rankings.
 *
 * Expected shares, by hand from ../shared/reference/data/iea_gcmo2026_supply.csv (kt, same ratio in t):
 *   2025 refining  cobalt      China 180 / 238   = 75.630 %
 *                  rare earths China  75 / 90    = 83.333 %   (magnet elements Nd, Pr, Dy, Tb; the named 87 kt and
 *                                                              "rest of world" 3 kt add up to more than the printed 89 kt)
 *                  lithium     China 235 / 319   = 73.668 %   (chemicals, Li content)
 *                  graphite    China 2,139 / 2,266 = 94.395 % (battery-grade, synthetic included)
 *                  nickel      Indonesia 1,681 / 3,729 = 45.079 %  (China 1,160 / 3,729 = 31.108 %)
 *   cobalt refining, base case: 2030 China 217 / 296 = 73.311 %; 2040 China 260 / 336 = 77.381 % (named + rest of world
 *   add up to 1 kt more than the printed totals, 295 and 335)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const SCENARIO = 'IEA GCMO 2026 base case';
const refiningOf = (body: any) => body.stages.find((stage: any) => stage.stage === 'refining');

describe('2025 refining is the default for the five IEA minerals', () => {
  const cases = [
    { mineral: 'cobalt', basis: 'co-refined-iea', world: 238_000, top: 'CHN', tonnes: 180_000, share: 75.63 },
    { mineral: 'rare-earths', basis: 'ree-magnet-iea', world: 90_000, top: 'CHN', tonnes: 75_000, share: 83.33 },
    { mineral: 'lithium', basis: 'li-refined-iea', world: 319_000, top: 'CHN', tonnes: 235_000, share: 73.67 },
    { mineral: 'graphite', basis: 'graphite-refined-iea', world: 2_266_000, top: 'CHN', tonnes: 2_139_000, share: 94.4 },
    { mineral: 'nickel', basis: 'ni-refined-iea', world: 3_729_000, top: 'IDN', tonnes: 1_681_000, share: 45.08 },
  ];

  it.each(cases)('$mineral: 2025, iea-gcmo-2026, $top $share %', async ({ mineral, basis, world, top, tonnes, share }) => {
    expect(Math.round((10_000 * tonnes) / world) / 100).toBe(share);
    const { status, body } = await getJson(app, `/v1/minerals/${mineral}/concentration?stage=refining`);
    expect(status).toBe(200);
    const refining = refiningOf(body);
    expect(refining).toMatchObject({ status: 'ok', year: 2025, basis, edition: 'iea-gcmo-2026', projection: false, scenario: null });
    expect(refining.top).toMatchObject({ country: top, tonnes, share });
    expect(refining.inputs.worldTonnes).toBe(world);
    expect(refining.inputs.sourceIds).toEqual(['iea-gcmo-2026-annex']);
  });

  it('nickel 2025: China second with 31.11 %', async () => {
    const { body } = await getJson(app, '/v1/minerals/nickel/concentration?stage=refining');
    expect(refiningOf(body).inputs.producers.find((p: any) => p.country === 'CHN')).toMatchObject({ tonnes: 1_160_000, share: 31.11 });
  });

  it('graphite refining is labelled battery-grade; mining stays USGS natural graphite', async () => {
    const { body } = await getJson(app, '/v1/minerals/graphite/concentration');
    expect(refiningOf(body).basisLabel).toBe('battery-grade graphite (IEA)');
    const mining = body.stages.find((stage: any) => stage.stage === 'mining');
    expect(mining).toMatchObject({ basis: 'graphite-natural', projection: false });
    expect(mining.edition).toMatch(/^usgs-mcs-/);
  });

  it('2021 answers from the same edition; 2024 still from the data explorer (iea-cmde-2025)', async () => {
    // cobalt 2021: China 132 / 178 = 74.157 % (named 159 kt + rest of world 19 kt = 178 kt, above the printed 177 kt)
    const y2021 = refiningOf((await getJson(app, '/v1/minerals/cobalt/concentration?stage=refining&year=2021')).body);
    expect(y2021).toMatchObject({ year: 2021, edition: 'iea-gcmo-2026', projection: false, top: { country: 'CHN', share: 74.16 } });
    // cobalt 2024: China 196,143 / 250,150 = 78.410 %
    const y2024 = refiningOf((await getJson(app, '/v1/minerals/cobalt/concentration?stage=refining&year=2024')).body);
    expect(y2024).toMatchObject({ year: 2024, edition: 'iea-cmde-2025', projection: false, top: { country: 'CHN', share: 78.41 } });
  });

  it('?edition=iea-cmde-2025 answers as the data explorer did: 2024 latest, no 2025, no projections', async () => {
    const latest = refiningOf((await getJson(app, '/v1/minerals/cobalt/concentration?stage=refining&edition=iea-cmde-2025')).body);
    expect(latest).toMatchObject({ year: 2024, edition: 'iea-cmde-2025' });
    for (const year of [2025, 2030]) {
      const block = refiningOf(
        (await getJson(app, `/v1/minerals/cobalt/concentration?stage=refining&year=${year}&edition=iea-cmde-2025`)).body,
      );
      expect(block).toMatchObject({ status: 'insufficient_data' });
    }
  });

  it('GET /v1/editions lists iea-gcmo-2026 in the iea-supply family with data years "2021, 2025"', async () => {
    const { body } = await getJson(app, '/v1/editions/iea-gcmo-2026');
    expect(body).toMatchObject({ id: 'iea-gcmo-2026', family: 'iea-supply', published: '2026-07-16', dataYears: '2021, 2025' });
  });
});

describe('?year=2030 / 2040 answer from projections, flagged', () => {
  it('cobalt refining 2030: China 73.31 %, projection true with the scenario; not ranked in the chokepoint', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/cobalt/concentration?year=2030');
    expect(status).toBe(200);
    const refining = refiningOf(body);
    expect(refining).toMatchObject({
      status: 'ok',
      year: 2030,
      projection: true,
      scenario: SCENARIO,
      edition: 'iea-gcmo-2026',
      basis: 'co-refined-iea',
    });
    expect(refining.top).toEqual({ country: 'CHN', name: 'China', tonnes: 217_000, share: 73.31 });
    expect(refining.inputs.worldTonnes).toBe(296_000);
    // mining has no 2030 (USGS observes, the IEA mining projections are not held)
    expect(body.stages.find((stage: any) => stage.stage === 'mining')).toMatchObject({
      status: 'insufficient_data',
      reason: expect.stringMatching(/2030/),
    });
    expect(body.chokepoint).toMatchObject({ status: 'insufficient_data', stage: null, reason: expect.stringMatching(/projections/) });
  });

  it('cobalt refining 2040 (stage-scoped): China 77.38 %', async () => {
    const { body } = await getJson(app, '/v1/minerals/cobalt/concentration?year=2040&stage=refining');
    expect(body.stages).toHaveLength(1);
    expect(refiningOf(body)).toMatchObject({
      year: 2040,
      projection: true,
      scenario: SCENARIO,
      top: { country: 'CHN', tonnes: 260_000, share: 77.38 },
    });
  });

  it('?year=2035 (neither observed nor projected) → 200, refining insufficient_data naming the year', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/cobalt/concentration?year=2035&stage=refining');
    expect(status).toBe(200);
    expect(body.stages).toEqual([
      expect.objectContaining({ stage: 'refining', status: 'insufficient_data', reason: 'no refining production data for cobalt in 2035' }),
    ]);
    expect(body.stages[0]).not.toHaveProperty('projection', true);
    expect(body.chokepoint).toMatchObject({ status: 'insufficient_data', reason: 'no stage has enough data to score' });
  });

  it('projections never enter rankings, dominance or production', async () => {
    const overview = (await getJson(app, '/v1/concentration?year=2030&stage=refining')).body;
    expect(overview.data).toEqual([]);
    expect(overview.insufficientData.map((row: any) => row.mineral)).toEqual(
      expect.arrayContaining(['cobalt', 'lithium', 'nickel', 'graphite', 'rare-earths']),
    );
    const dominance = (await getJson(app, '/v1/countries/CHN/dominance?year=2030&minShare=0')).body;
    expect(dominance.data).toEqual([]);
    const production = (await getJson(app, '/v1/production?mineral=cobalt&stage=refining&year=2030')).body;
    expect(production.total).toBe(0);
    // and the default overview's refining rows are the observed 2025 ones
    const latest = (await getJson(app, '/v1/concentration?stage=refining')).body;
    expect(latest.data.find((row: any) => row.mineral === 'cobalt')).toMatchObject({
      year: 2025,
      edition: 'iea-gcmo-2026',
      topShare: 75.63,
    });
  });
});

describe('GET /v1/minerals/{mineral}/concentration/history keeps projections apart', () => {
  it('without the flag: observed years only (2021, 2024, 2025 for cobalt refining), no projections field', async () => {
    const { body } = await getJson(app, '/v1/minerals/cobalt/concentration/history?stage=refining');
    expect(body).not.toHaveProperty('projections');
    expect(body.stages[0].series.map((point: any) => [point.year, point.edition])).toEqual([
      [2021, 'iea-gcmo-2026'],
      [2024, 'iea-cmde-2025'],
      [2025, 'iea-gcmo-2026'],
    ]);
  });

  it('?projections=true: the same observed series, and 2030 / 2040 in a separate list with the scenario', async () => {
    const plain = (await getJson(app, '/v1/minerals/cobalt/concentration/history?stage=refining')).body;
    const { status, body } = await getJson(app, '/v1/minerals/cobalt/concentration/history?stage=refining&projections=true');
    expect(status).toBe(200);
    expect(body.stages).toEqual(plain.stages);
    expect(body.projections).toEqual([
      expect.objectContaining({
        stage: 'refining',
        year: 2030,
        projection: true,
        scenario: SCENARIO,
        status: 'ok',
        topCountry: 'CHN',
        topShare: 73.31,
        worldTonnes: 296_000,
      }),
      expect.objectContaining({
        stage: 'refining',
        year: 2040,
        projection: true,
        scenario: SCENARIO,
        status: 'ok',
        topCountry: 'CHN',
        topShare: 77.38,
        worldTonnes: 336_000,
      }),
    ]);
  });

  it('?projections=true for a mineral without projections → an empty list', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration/history?projections=true');
    expect(body.projections).toEqual([]);
  });

  it('?projections=yes → 400 naming querystring.projections', async () => {
    const response = await app.inject({ url: '/v1/minerals/cobalt/concentration/history?projections=yes' });
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['querystring.projections']);
  });
});

describe('nickel refining 2024 (iea-cmde-2025) adds up to 100 % of world', () => {
  it('other = world − named = 518,320 t: named 85.12 % + other 14.88 %', async () => {
    const { body } = await getJson(app, '/v1/minerals/nickel/concentration?stage=refining&year=2024');
    const refining = refiningOf(body);
    expect(refining.edition).toBe('iea-cmde-2025');
    expect(refining.inputs.otherTonnes).toBe(518_320);
    expect(refining.inputs.worldTonnes).toBe(3_483_697);
    const named = refining.inputs.producers.reduce((sum: number, p: any) => sum + p.tonnes, 0);
    expect(named).toBe(2_965_377);
    expect(named + refining.inputs.otherTonnes).toBe(refining.inputs.worldTonnes);
    // 2,965,377 / 3,483,697 = 85.122 %
    expect(refining.namedShareTotal).toBe(85.12);
  });
});
