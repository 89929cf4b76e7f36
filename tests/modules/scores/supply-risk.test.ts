import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';
import { governanceWeighted, importSourceRows, latestReliance, shareStageReference, stageReference } from './reference.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const URL = '/v1/methods/eu-supply-risk/evaluate';

function evaluate(payload: unknown) {
  return app.inject({ method: 'POST', url: URL, payload: payload as object });
}

const TUNGSTEN_2017 = {
  globalHhiWgi: 7.5,
  euSourcingHhiWgi: 1.9,
  importReliance: 0.44,
  endOfLifeRecyclingInputRate: 0.42,
  substitutionIndex: 1.0,
};

describe('POST /v1/methods/eu-supply-risk/evaluate reproduces the EU 2017 values (methodology §2.9)', () => {
  it('cobalt 2017 (GS 3.6, EU 1.3, IR 0.32, EoL 0, SI 1.0) → 1.668 ≈ 1.67 (published 1.6)', async () => {
    const response = await evaluate({
      globalHhiWgi: 3.6,
      euSourcingHhiWgi: 1.3,
      importReliance: 0.32,
      endOfLifeRecyclingInputRate: 0,
      substitutionIndex: 1.0,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // [3.6 × 0.32/2 + 1.3 × (1 − 0.32/2)] × (1 − 0) × 1.0 = 0.576 + 1.092 = 1.668
    expect(body.supplyRisk).toBeCloseTo(1.668, 3);
    expect(round(body.supplyRisk, 2)).toBe(1.67);
    expect(Math.abs(body.supplyRisk - 1.6)).toBeLessThan(0.1);
    expect(body.breakdown).toEqual({
      scope: 'GS+EU',
      importRelianceUsed: 0.32,
      weightGlobal: 0.16,
      weightEu: 0.84,
      globalComponent: 0.576,
      euComponent: 1.092,
      recyclingFactor: 1,
      substitutionFactor: 1,
    });
    expect(body).toMatchObject({ status: 'ok', criticalThreshold: 1, aboveThreshold: true });
    expect(body.inputs).toEqual({
      globalHhiWgi: 3.6,
      euSourcingHhiWgi: 1.3,
      importReliance: 0.32,
      endOfLifeRecyclingInputRate: 0,
      substitutionIndex: 1,
    });
    expect(body.method).toMatchObject({ id: 'eu-supply-risk', href: '/v1/methods/eu-supply-risk' });
  });

  it('tungsten 2017 (GS 7.5, EU 1.9, IR 0.44, EoL 0.42, SI 1.0) → 1.817 ≈ 1.82 (published 1.8)', async () => {
    const response = await evaluate(TUNGSTEN_2017);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // [7.5 × 0.22 + 1.9 × 0.78] × 0.58 × 1.0 = (1.65 + 1.482) × 0.58 = 3.132 × 0.58 = 1.81656
    expect(body.supplyRisk).toBeCloseTo(1.8166, 3);
    expect(round(body.supplyRisk, 2)).toBe(1.82);
    expect(body.supplyRiskRounded).toBe(1.8);
    expect(body.breakdown).toMatchObject({
      weightGlobal: 0.22,
      weightEu: 0.78,
      globalComponent: 1.65,
      euComponent: 1.482,
      recyclingFactor: 0.58,
    });
  });

  it('global supply only (euSourcingHhiWgi null): tungsten 7.5 × (1 − 0.42) × 1.0 = 4.35', async () => {
    const body = (await evaluate({ ...TUNGSTEN_2017, euSourcingHhiWgi: null })).json();
    expect(body.supplyRisk).toBeCloseTo(4.35, 10);
    expect(body.breakdown).toMatchObject({ scope: 'GS only', weightGlobal: 1, weightEu: 0, euComponent: 0 });
  });

  it('euSourcingHhiWgi left out defaults to null (global supply only), and says so in inputs', async () => {
    const { euSourcingHhiWgi: _omitted, ...withoutEu } = TUNGSTEN_2017;
    const body = (await evaluate(withoutEu)).json();
    expect(body.inputs.euSourcingHhiWgi).toBeNull();
    expect(body.supplyRisk).toBeCloseTo(4.35, 10);
  });

  it('IR = 1 weighs global supply and EU sourcing half each', async () => {
    const body = (await evaluate({ ...TUNGSTEN_2017, importReliance: 1, endOfLifeRecyclingInputRate: 0 })).json();
    // 7.5 × 0.5 + 1.9 × 0.5 = 4.7
    expect(body.breakdown).toMatchObject({ weightGlobal: 0.5, weightEu: 0.5 });
    expect(body.supplyRisk).toBeCloseTo(4.7, 10);
  });
});

describe('POST /v1/methods/eu-supply-risk/evaluate: invalid bodies → 400 naming body.<field>', () => {
  const cases: [string, unknown, string][] = [
    ['importReliance 1.5 (must be 0–1)', { ...TUNGSTEN_2017, importReliance: 1.5 }, 'body.importReliance'],
    ['importReliance −0.1', { ...TUNGSTEN_2017, importReliance: -0.1 }, 'body.importReliance'],
    ['missing importReliance', (({ importReliance: _ir, ...rest }) => rest)(TUNGSTEN_2017), 'body.importReliance'],
    ['globalHhiWgi as a string', { ...TUNGSTEN_2017, globalHhiWgi: '7.5' }, 'body.globalHhiWgi'],
    ['endOfLifeRecyclingInputRate 1.2', { ...TUNGSTEN_2017, endOfLifeRecyclingInputRate: 1.2 }, 'body.endOfLifeRecyclingInputRate'],
    ['substitutionIndex 1.1', { ...TUNGSTEN_2017, substitutionIndex: 1.1 }, 'body.substitutionIndex'],
    ['negative euSourcingHhiWgi', { ...TUNGSTEN_2017, euSourcingHhiWgi: -1 }, 'body.euSourcingHhiWgi'],
  ];
  for (const [label, payload, field] of cases) {
    it(label, async () => {
      const body = expectProblem(await evaluate(payload), 400, 'validation_failed', URL);
      expect(fieldsOf(body)).toEqual([field]);
    });
  }

  it('a body that is not JSON → 400 problem', async () => {
    const response = await app.inject({ method: 'POST', url: URL, payload: 'not json', headers: { 'content-type': 'application/json' } });
    expectProblem(response, 400, 'validation_failed', URL);
  });
});

describe('GET /v1/minerals/{mineral}/supply-risk', () => {
  it('tungsten for USA: every input shown, defaults stated (EoL 0, SI 1), GS only because USA import sources are rank-only', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/tungsten/supply-risk?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    // The bottleneck is APT and intermediates (EU CRM 2023 shares, refining): 4.099 > mining's 3.803.
    expect(body).toMatchObject({ mineral: 'tungsten', importer: 'USA', bottleneckStage: 'refining' });

    const globalHhiWgi = round(governanceWeighted(stageReference('tungsten', 'mining', 2024).producers).hhiWgi, 3);
    // Shares of the rows' 81,400 t: CHN 0.82310² × 5.5802 (WGI 2024 update, 2023) + the other producers = 3.803
    expect(globalHhiWgi).toBe(3.803);
    const reliance = latestReliance('USA', 'tungsten');
    expect(reliance).toMatchObject({ year: 2024, valueText: '>50', qualifier: 'gt', percent: 50 });
    expect(importSourceRows('USA', 'tungsten', '', '2020-23').every((r) => r.sharePct === null)).toBe(true);

    const mining = body.stages.find((s: { stage: string }) => s.stage === 'mining');
    expect(mining).toMatchObject({ stage: 'mining', year: 2024, status: 'ok' });
    expect(mining.inputs).toEqual({
      globalHhiWgi,
      euSourcingHhiWgi: null,
      importReliance: 0.5,
      endOfLifeRecyclingInputRate: 0,
      substitutionIndex: 1,
    });
    // GS only: SR = 3.803 × (1 − 0) × 1
    expect(mining.supplyRisk).toBe(3.803);
    expect(mining.breakdown.scope).toBe('GS only');

    // APT shares (t = 1 for a U.S. view): 0.856² × 5.5802 (CHN) + 0.044² × 3.0103 (USA) + 0.028² × 7.1822 (RUS)
    //   + 0.028² × 5.6786 (VNM) + 0.023² × 2.4308 (AUT) + 0.022² × 2.3039 (JPN) = 4.089 + 0.0058 + 0.0056 + 0.0045
    //   + 0.0013 + 0.0011 = 4.107 on the printed shares, which add up to 100.1 %: taken of 100.1, 4.107 / 1.001² = 4.099
    const aptHhiWgi = round(governanceWeighted(shareStageReference('tungsten', 'refining').producers).hhiWgi, 3);
    expect(aptHhiWgi).toBe(4.099);
    const refining = body.stages.find((s: { stage: string }) => s.stage === 'refining');
    expect(refining).toMatchObject({ stage: 'refining', year: null, status: 'ok', supplyRisk: 4.099 });
    expect(refining.inputs.globalHhiWgi).toBe(aptHhiWgi);
    expect(body.supplyRisk).toBe(4.099);
    expect(body.importReliance).toMatchObject({ year: 2024, valueText: '>50', fraction: 0.5, censored: true });
    expect(body.importerSourcing).toMatchObject({ period: '2020-23', rankOnly: true, hhiWgi: null });
    expect(body.assumptions.join(' ')).toMatch(/recycling input rate 0 and substitution index 1/);
    expect(body.method).toMatchObject({ id: 'eu-supply-risk', href: '/v1/methods/eu-supply-risk' });
    for (const stage of ['metal', 'component']) {
      const block = body.stages.find((s: { stage: string }) => s.stage === stage);
      expect(block).toMatchObject({ status: 'insufficient_data', reason: expect.stringMatching(stage) });
    }
  });

  it('tungsten: overriding EoL and SI changes SR as the formula says', async () => {
    const recycled = (await getJson(app, '/v1/minerals/tungsten/supply-risk?endOfLifeRecyclingInputRate=0.42&edition=usgs-mcs-2025')).body;
    // The bottleneck (APT, 4.0991) × (1 − 0.42) = 2.3775
    expect(recycled.stages[0].inputs.endOfLifeRecyclingInputRate).toBe(0.42);
    expect(recycled.supplyRisk).toBeCloseTo(4.0991 * 0.58, 3);
    const substituted = (await getJson(app, '/v1/minerals/tungsten/supply-risk?substitutionIndex=0.5&edition=usgs-mcs-2025')).body;
    // 4.0991 × 0.5 = 2.0496
    expect(substituted.supplyRisk).toBeCloseTo(4.0991 * 0.5, 3);
    expect(substituted.assumptions.join(' ')).toMatch(/substitution index 0\.5/);
  });

  it('an empty override (?substitutionIndex=) takes the default, never 0 (which would zero the score)', async () => {
    const { status, body } = await getJson(
      app,
      '/v1/minerals/tungsten/supply-risk?substitutionIndex=&endOfLifeRecyclingInputRate=&edition=usgs-mcs-2025',
    );
    expect(status).toBe(200);
    expect(body.stages[0].inputs).toMatchObject({ substitutionIndex: 1, endOfLifeRecyclingInputRate: 0 });
    expect(body.supplyRisk).toBe(4.099);
  });

  it('antimony for USA: GS + importer sourcing, weighted by IR 0.85, then recycling and substitution', async () => {
    const globalHhiWgi = round(governanceWeighted(stageReference('antimony', 'mining', 2024).producers).hhiWgi, 3);
    // Import sources, total metal and oxide 2020-23: CHN 63, BEL 8, IND 6, BOL 5 (OTH 18 left out)
    const sourcing = importSourceRows('USA', 'antimony', 'total metal and oxide', '2020-23').filter((r) => r.country !== 'OTH');
    expect(sourcing.map((r) => [r.country, r.sharePct])).toEqual([
      ['CHN', 63],
      ['BEL', 8],
      ['IND', 6],
      ['BOL', 5],
    ]);
    const euSourcing = governanceWeighted(sourcing.map((r) => ({ country: r.country, share: r.sharePct! }))).hhiWgi;
    expect(latestReliance('USA', 'antimony')).toMatchObject({ year: 2024, percent: 85 });

    const { body } = await getJson(
      app,
      '/v1/minerals/antimony/supply-risk?endOfLifeRecyclingInputRate=0.28&substitutionIndex=0.9&edition=usgs-mcs-2025',
    );
    const mining = body.stages[0];
    expect(mining.inputs.globalHhiWgi).toBe(globalHhiWgi);
    expect(mining.inputs.euSourcingHhiWgi).toBeCloseTo(euSourcing, 6);
    expect(mining.inputs.importReliance).toBe(0.85);
    expect(mining.breakdown).toMatchObject({ scope: 'GS+EU', weightGlobal: 0.425, weightEu: 0.575 });
    // [GS × 0.85/2 + EU × (1 − 0.85/2)] × (1 − 0.28) × 0.9
    const expected = (globalHhiWgi * 0.425 + euSourcing * 0.575) * 0.72 * 0.9;
    expect(mining.supplyRisk).toBe(round(expected, 3));
    expect(body.importerSourcing).toMatchObject({
      form: 'total metal and oxide',
      rankOnly: false,
      hhiWgi: round(euSourcing, 3),
      wgiYears: [2023],
    });
    expect(body.importerSourcing.wgi).toEqual({ edition: 'wb-wgi-2024', years: [2023] });
  });

  it('the supply-risk inputs fed to the evaluate endpoint give the same SR', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/supply-risk?edition=usgs-mcs-2025');
    const evaluated = (await evaluate(body.stages[0].inputs)).json();
    expect(evaluated.supplyRisk).toBe(body.stages[0].supplyRisk);
  });

  it('?year=2025 uses the latest data up to 2025 (2024), as documented', async () => {
    const { body } = await getJson(app, '/v1/minerals/tungsten/supply-risk?year=2025&edition=usgs-mcs-2025');
    expect(body.stages[0]).toMatchObject({ stage: 'mining', year: 2024, status: 'ok' });
    expect(body.importReliance.year).toBe(2024);
  });

  it('?year=2019 (before any antimony production row) → insufficient_data, never a zero score', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/supply-risk?year=2019&edition=usgs-mcs-2025');
    expect(body.supplyRisk).toBeNull();
    expect(body.bottleneckStage).toBeNull();
    expect(body.stages.every((s: { status: string }) => s.status === 'insufficient_data')).toBe(true);
    expect(body.importReliance).toMatchObject({ year: 2019, valueText: '84' });
  });

  it('a country that is not an importer (DEU, WLD) → 400 naming querystring.importer', async () => {
    for (const code of ['DEU', 'WLD']) {
      const problem = expectProblem(
        await app.inject({ url: `/v1/minerals/antimony/supply-risk?importer=${code}&edition=usgs-mcs-2025` }),
        400,
        'validation_failed',
      );
      expect(fieldsOf(problem)).toEqual(['querystring.importer']);
    }
  });

  it('unknown importer → 400 naming querystring.importer; malformed importer → 400', async () => {
    const unknown = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/supply-risk?importer=XYZ&edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(unknown)).toEqual(['querystring.importer']);
    const malformed = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/supply-risk?importer=US&edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(malformed)).toEqual(['querystring.importer']);
  });

  it('overrides outside 0–1 → 400 naming the field; unknown mineral → 404', async () => {
    const eol = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/supply-risk?endOfLifeRecyclingInputRate=1.5&edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(eol)).toEqual(['querystring.endOfLifeRecyclingInputRate']);
    const si = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/supply-risk?substitutionIndex=abc&edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(si)).toEqual(['querystring.substitutionIndex']);
    expectProblem(await app.inject({ url: '/v1/minerals/unobtainium/supply-risk?edition=usgs-mcs-2025' }), 404, 'not_found');
  });
});
