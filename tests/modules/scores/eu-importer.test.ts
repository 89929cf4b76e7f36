import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config.js';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { appendCopy, copyDataDir, editRow, removeDir } from '../../helpers/dataset.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';

/*
 * The EU as a second importer, from the EU CRM 2023 study (edition eu-crm-2023). Every expected value below was
 * read by hand from data/stage_reliance.csv, data/sourcing_shares.csv, data/stage_shares.csv and
 * data/criticality_inputs.csv (which match ../shared/reference/data/eu_crm2023_*.csv).
 */

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const rowOf = (body: { data: { mineral: string }[] }, mineral: string) => body.data.find((row) => row.mineral === mineral) as any;
const stageOf = (row: any, stage: string) => row.byStage.find((entry: { stage: string }) => entry.stage === stage);

describe('GET /v1/dependency/EU/on/CHN', () => {
  let body: any;
  beforeAll(async () => {
    const response = await getJson(app, '/v1/dependency/eu/on/CHN');
    expect(response.status).toBe(200);
    body = response.body;
  });

  it('answers for the importer as stored (eu → EU), named', () => {
    expect(body).toMatchObject({ importer: 'EU', importerName: 'European Union', supplier: 'CHN', supplierName: 'China' });
  });

  it('tungsten: EU reliance 80 % at refining (assessed) × China 31 % of EU sourcing = 0.248; upstream China 85.51 % of world processing', () => {
    const tungsten = rowOf(body, 'tungsten');
    expect(tungsten.status).toBe('ok');
    expect(tungsten.direct).toBe(0.248);
    expect(tungsten.directReason).toBeNull();
    expect(tungsten.netImportReliance).toMatchObject({
      year: null,
      stage: 'refining',
      percent: 80,
      fraction: 0.8,
      sourceId: 'eu-crm-2023-critmat-inputs',
    });
    expect(tungsten.supplierImportShare).toMatchObject({ sharePct: 31, rank: 1, sourceIds: ['eu-crm-2023-appendix-7'] });
    expect(tungsten.explanation).toContain('direct 0.248 = import reliance at refining 80 %');
    const refining = stageOf(tungsten, 'refining');
    expect(refining).toMatchObject({
      assessed: true,
      importReliance: { percent: 80, fraction: 0.8, material: 'Tungsten', edition: 'eu-crm-2023' },
      supplierSourcingShare: { sharePct: 31, shareText: '31%', tradeFactor: 1, rank: 1, edition: 'eu-crm-2023' },
      direct: 0.248,
      directReason: null,
      upstream: [
        // The study prints 85.6 % in a table adding up to 100.1 %: taken of 100.1, as every share is.
        { basis: 'w-eu-processing', sharePct: 85.51, exposure: 0.8551, tradeFactor: 1, belowThreshold: false, edition: 'eu-crm-2023' },
      ],
      upstreamReason: null,
    });
    expect(refining.explanation).toContain("China's 31 % of European Union sourcing (t 1)");
    // Mining: reliance 21 %, but China is not among the EU's listed mining sources (Austria, Portugal, Spain): null, not 0.
    const mining = stageOf(tungsten, 'mining');
    expect(mining).toMatchObject({ assessed: false, direct: null, supplierSourcingShare: null });
    expect(mining.directReason).toMatch(/China is not among the listed sources/);
    expect(mining.upstream).toEqual([expect.objectContaining({ basis: 'w-eu-extraction', sharePct: 82.6, tradeFactor: 1.1 })]);
  });

  it('gallium: 98 % × 69 % = 0.6762 at refining; upstream China 93.8 of 100.1 % = 93.71 % of world gallium processing', () => {
    const gallium = rowOf(body, 'gallium');
    expect(gallium.direct).toBe(0.6762);
    expect(stageOf(gallium, 'refining')).toMatchObject({
      assessed: true,
      direct: 0.6762,
      supplierSourcingShare: { sharePct: 69, tradeFactor: 1 },
      upstream: [expect.objectContaining({ basis: 'ga-eu-processing', sharePct: 93.71, exposure: 0.9371 })],
    });
  });

  it('antimony: assessed at mining, 100 % × China 6 % = 0.06; refining 47 % × 30 % (t 1.1) = 0.141', () => {
    const antimony = rowOf(body, 'antimony');
    expect(antimony.direct).toBe(0.06);
    expect(stageOf(antimony, 'mining')).toMatchObject({
      assessed: true,
      direct: 0.06,
      supplierSourcingShare: { sharePct: 6, tradeFactor: 1.1 },
    });
    expect(stageOf(antimony, 'refining')).toMatchObject({
      assessed: false,
      direct: 0.141,
      supplierSourcingShare: { sharePct: 30, tradeFactor: 1.1 },
      upstream: [expect.objectContaining({ basis: 'sb-eu-processing', sharePct: 51.8, tradeFactor: 1.1 })],
    });
  });

  it('lithium: assessed at refining, 100 % × China 1 % = 0.01', () => {
    const lithium = rowOf(body, 'lithium');
    expect(lithium.direct).toBe(0.01);
    expect(stageOf(lithium, 'refining')).toMatchObject({
      assessed: true,
      direct: 0.01,
      upstream: [expect.objectContaining({ sharePct: 56.2 })],
    });
  });

  it('cobalt: assessed at mining on global supply only → direct null with the reason, never 0; refining 1 % × 2 % = 0.0002', () => {
    const cobalt = rowOf(body, 'cobalt');
    expect(cobalt.direct).toBeNull();
    expect(cobalt.directReason).toBe(
      'eu-crm-2023 gives no European Union sourcing shares for cobalt at mining (the study assessed this stage on global supply only)',
    );
    expect(cobalt.explanation).toMatch(/^direct not computed: /);
    expect(stageOf(cobalt, 'mining')).toMatchObject({ assessed: true, direct: null, supplierSourcingShare: null });
    expect(stageOf(cobalt, 'refining')).toMatchObject({
      assessed: false,
      direct: 0.0002,
      upstream: [expect.objectContaining({ sharePct: 59.6 })],
    });
  });

  it('rare earths: mining (assessed, Neodymium) has no EU sourcing → null; separation 100 % × 85 of 101.1 % = 0.8408, light and heavy bases shown apart', () => {
    const rareEarths = rowOf(body, 'rare-earths');
    expect(rareEarths.direct).toBeNull();
    expect(stageOf(rareEarths, 'mining')).toMatchObject({
      assessed: true,
      direct: null,
      upstream: [],
      upstreamReason: expect.stringContaining('no country shares'),
    });
    const refining = stageOf(rareEarths, 'refining');
    // EU sourcing of separation: CHN 85, MYS 11, IND 2, RUS 2, VNM 1, NOR 0.1 — 101.1 % as printed, so each share is taken
    // of 101.1: China 84.08 % (shareText keeps the printed "85%").
    expect(refining).toMatchObject({ assessed: false, direct: 0.8408, supplierSourcingShare: { sharePct: 84.08, shareText: '85%' } });
    expect(refining.upstream.map((u: any) => [u.basis, u.sharePct])).toEqual([
      ['ree-heavy-dytb-eu', 100],
      ['ree-light-ndpr-eu', 84.82],
    ]);
  });

  it('a mineral the EU study does not cover: no reliance, byStage empty, the reason given', () => {
    const titanium = rowOf(body, 'titanium');
    expect(titanium.byStage).toEqual([]);
    expect(titanium.direct).toBeNull();
    expect(titanium.directReason).toBe('no import reliance for European Union and titanium');
  });
});

describe('GET /v1/dependency/EU', () => {
  it('reliance and sourcing at the assessed stage fill the same fields as for USA, with byStage', async () => {
    const { status, body } = await getJson(app, '/v1/dependency/EU?mineral=gallium');
    expect(status).toBe(200);
    expect(body).toMatchObject({ importer: 'EU', importerName: 'European Union', total: 1 });
    const gallium = body.data[0];
    expect(gallium.netImportReliance).toMatchObject({ year: null, stage: 'refining', percent: 98, fraction: 0.98 });
    expect(gallium.topSupplier).toEqual({ country: 'CHN', name: 'China', sharePct: 69 });
    // Listed EU gallium sourcing: 69 + 10 + 9 + 2 + 2 + 2 + 1 + 1 = 96 %; HHI = 4761 + 100 + 81 + 4 + 4 + 4 + 1 + 1 = 4956.
    expect(gallium.importSourceConcentration).toMatchObject({ status: 'ok', hhi: 4956, unlistedShare: 4 });
    expect(gallium.byStage).toEqual([
      expect.objectContaining({
        stage: 'refining',
        assessed: true,
        reason: null,
        sourcing: expect.objectContaining({ listedSharePct: 96, edition: 'eu-crm-2023' }),
      }),
    ]);
  });

  it('USA answers as before, with an empty byStage', async () => {
    const { body } = await getJson(app, '/v1/dependency/usa?mineral=antimony&edition=usgs-mcs-2025');
    expect(body.importer).toBe('USA');
    expect(body.data[0].byStage).toEqual([]);
    expect(body.data[0].netImportReliance).toMatchObject({ year: 2024, stage: null, period: null });
  });
});

describe('GET /v1/dependency/EU/export-controls', () => {
  it("gallium: China's 69 % of EU sourcing at refining is under China's dual-use licence list on 2026-12-02; none aimed at the EU", async () => {
    const { status, body } = await getJson(app, '/v1/dependency/eu/export-controls?asOf=2026-12-02&mineral=gallium');
    expect(status).toBe(200);
    expect(body).toMatchObject({ importer: 'EU', name: 'European Union' });
    expect(body.data).toEqual([
      expect.objectContaining({
        mineral: 'gallium',
        form: null,
        targetedShare: 0,
        restrictedShare: 69,
        byType: [{ measure: 'licence-requirement', share: 69 }],
        sourceIds: ['eu-crm-2023-appendix-7'],
      }),
    ]);
    expect(body.data[0].suppliers[0]).toMatchObject({ country: 'CHN', sharePct: 69, inForce: ['cn-mofcom-2024-51-dual-use-list'] });
    const cobalt = await getJson(app, '/v1/dependency/EU/export-controls?asOf=2026-12-02&mineral=cobalt');
    expect(cobalt.body.data).toEqual([]);
    expect(cobalt.body.withoutShares).toEqual([
      expect.objectContaining({ mineral: 'cobalt', reason: 'no sourcing shares at mining, the stage eu-crm-2023 assessed' }),
    ]);
  });
});

describe('GET /v1/importers', () => {
  it("lists the dataset's importers with the minerals they have per-stage reliance for", async () => {
    const { status, body } = await getJson(app, '/v1/importers');
    expect(status).toBe(200);
    expect(body.data.map((importer: { id: string }) => importer.id)).toEqual(['EU', 'USA']);
    expect(body.data[0]).toMatchObject({ id: 'EU', name: 'European Union', kind: 'union', group: 'eu' });
    // data/stage_reliance.csv: 10 minerals for the EU, none for the USA.
    expect(body.data[0].stageReliance).toEqual([
      'antimony',
      'bismuth',
      'cobalt',
      'gallium',
      'germanium',
      'graphite',
      'lithium',
      'nickel',
      'rare-earths',
      'tungsten',
    ]);
    expect(body.data[1]).toMatchObject({ id: 'USA', kind: 'country', group: null, stageReliance: [] });
  });
});

describe('importers are data: unknown importers → 400 naming the field', () => {
  it('dependency routes: DEU, WLD and XYZ are not importers (params.importer); a malformed id too', async () => {
    for (const url of [
      '/v1/dependency/DEU',
      '/v1/dependency/WLD/on/CHN',
      '/v1/dependency/XYZ/on/CHN',
      '/v1/dependency/E1',
      '/v1/dependency/EUROPE/on/CHN',
    ]) {
      const problem = expectProblem(await app.inject({ url }), 400, 'validation_failed');
      expect(fieldsOf(problem)).toEqual(['params.importer']);
    }
    const problem = expectProblem(await app.inject({ url: '/v1/dependency/DEU' }), 400, 'validation_failed');
    expect(problem.errors?.[0]?.message).toBe("unknown importer 'DEU'; one of EU, USA");
  });

  it('supply-risk query: importer=DEU → 400 naming querystring.importer', async () => {
    const problem = expectProblem(await app.inject({ url: '/v1/minerals/tungsten/supply-risk?importer=DEU' }), 400, 'validation_failed');
    expect(fieldsOf(problem)).toEqual(['querystring.importer']);
  });

  it('scenario bodies and preset overrides: importer DEU → 400 naming body.importer', async () => {
    const body = { importer: 'DEU', minerals: ['tungsten'], shocks: [{ countries: ['CHN'], reduction: 1 }] };
    const disruption = expectProblem(
      await app.inject({ method: 'POST', url: '/v1/scenarios/disruption', payload: body }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(disruption)).toEqual(['body.importer']);
    const preset = expectProblem(
      await app.inject({ method: 'POST', url: '/v1/scenarios/presets/china-antimony-ban', payload: { importer: 'WLD' } }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(preset)).toEqual(['body.importer']);
  });

  it('export-control scenario bodies: importer DEU → 400 naming body.importer; eu is the EU', async () => {
    const refused = expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/scenarios/export-controls',
        payload: { preset: 'in-force', importer: 'DEU', minerals: ['gallium'] },
      }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(refused)).toEqual(['body.importer']);
    const eu = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/export-controls',
      payload: { preset: 'in-force', importer: 'eu', minerals: ['gallium'], asOf: '2026-12-02' },
    });
    expect(eu.statusCode).toBe(200);
    expect(eu.json().importer).toBe('EU');
  });

  it('no code path names an importer: the importer modules hold no EU or USA comparison', () => {
    const files = [
      'src/dataset/importer-figures.ts',
      'src/modules/dependency/dependency.service.ts',
      'src/modules/supply-risk/supply-risk.service.ts',
      'src/modules/scenarios/scenarios.service.ts',
      'src/modules/export-controls/export-controls.scenario.ts',
      'src/modules/export-controls/export-controls.service.ts',
    ];
    for (const file of files) {
      const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/['"`]EU['"`]/);
      expect(text, file).not.toMatch(/[=!]==?\s*['"`]USA['"`]|['"`]USA['"`]\s*[=!]==?/);
    }
  });
});

describe('POST /v1/scenarios/disruption with importer EU', () => {
  it('consumption at risk = EU reliance at the assessed stage × shocked suppliers’ share of EU sourcing; no tonnes → months of cover null with the reason', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: {
        importer: 'eu',
        minerals: ['gallium', 'tungsten'],
        shocks: [{ countries: ['CHN'], reduction: 1 }],
        stockpile: { tungsten: 100 },
      },
    });
    expect(response.statusCode).toBe(200);
    const results = response.json().results as any[];
    const gallium = results.find((r) => r.mineral === 'gallium');
    // 0.98 × 69 % = 0.6762
    expect(gallium.importerImpact).toMatchObject({
      importer: 'EU',
      consumptionAtRisk: 0.6762,
      basis: 'import_sources',
      proxy: false,
      netImportReliance: { used: 0.98, stage: 'refining', year: null, sourceId: 'eu-crm-2023-critmat-inputs' },
    });
    const tungsten = results.find((r) => r.mineral === 'tungsten');
    // 0.80 × 31 % = 0.248; the EU figures are shares, so there are no tonnes to measure a stockpile against.
    expect(tungsten.importerImpact).toMatchObject({
      consumptionAtRisk: 0.248,
      monthsOfCover: { months: null, stockpileTonnes: 100, apparentConsumption: null },
    });
    expect(tungsten.importerImpact.monthsOfCover.reason).toBe(
      'no apparent consumption (tonnes) of tungsten for European Union in the reference data: months of cover need tonnes',
    );
    expect(tungsten.assumptions.join(' ')).toContain('import reliance 80 % at refining');
  });
});

describe('GET /v1/minerals/{mineral}/supply-risk?importer=EU (EU formula with the study’s t)', () => {
  const srOf = async (mineral: string) => {
    const { status, body } = await getJson(app, `/v1/minerals/${mineral}/supply-risk?importer=EU`);
    expect(status).toBe(200);
    return body;
  };

  // Global processing shares as printed add up to 100.1 %: each is taken of 100.1 (China 85.51 %), so the global term is
  // 4.107 / 1.001² = 4.099.
  it('tungsten, refining: SR = [4.099 × 0.40 + 0.818 × 0.60] × (1 − 0.42) × 0.96 = 1.186, published 1.2', async () => {
    const body = await srOf('tungsten');
    expect(body).toMatchObject({ bottleneckStage: 'refining', supplyRisk: 1.186 });
    expect(body.publishedSupplyRisk).toMatchObject({
      supplyRisk: 1.2,
      stage: 'refining',
      endOfLifeRecyclingInputRate: 0.42,
      substitutionIndex: 0.96,
      edition: 'eu-crm-2023',
    });
    const refining = body.stages.find((s: any) => s.stage === 'refining');
    expect(refining).toMatchObject({
      publishedSupplyRisk: 1.2,
      supplyRiskRounded: 1.2,
      breakdown: { scope: 'GS+EU', weightGlobal: 0.4, weightEu: 0.6, recyclingFactor: 0.58, substitutionFactor: 0.96 },
    });
    expect(refining.inputs).toMatchObject({ importReliance: 0.8, endOfLifeRecyclingInputRate: 0.42, substitutionIndex: 0.96 });
    // China's term in global processing: 0.8551² × WGI 5.58 × t 1.0 = 4.0807.
    expect(refining.tradeFactors.global[0]).toMatchObject({
      country: 'CHN',
      share: 85.51,
      wgiScaled: 5.58,
      tradeFactor: 1,
      tradeFactorPublished: true,
      contribution: 4.0807,
    });
    // EU sourcing with the study's t: Vietnam 0.14² × 5.679 × 1.1 = 0.1224, Austria 0.19² × 2.431 × 0.8 = 0.0702.
    const sourcing = Object.fromEntries(refining.tradeFactors.sourcing.map((term: any) => [term.country, term]));
    expect(sourcing.VNM).toMatchObject({ share: 14, tradeFactor: 1.1, contribution: 0.1224 });
    expect(sourcing.AUT).toMatchObject({ share: 19, tradeFactor: 0.8, contribution: 0.0702 });
    expect(sourcing.CHN).toMatchObject({ share: 31, tradeFactor: 1, contribution: 0.5363 });
    expect(round(refining.inputs.globalHhiWgi, 3)).toBe(4.099);
    expect(round(refining.inputs.euSourcingHhiWgi, 3)).toBe(0.818);
    expect(refining.explanation).toContain('China 85.5 % × WGI 5.58 × t 1');
  });

  it('cobalt, mining, global supply only: 3.611 × (1 − 0.22) × 0.98 = 2.760, published 2.8 (DR Congo 0.628² × 8.169 × t 1.1 = 3.5439)', async () => {
    const body = await srOf('cobalt');
    expect(body).toMatchObject({
      bottleneckStage: 'mining',
      supplyRisk: 2.76,
      publishedSupplyRisk: { supplyRisk: 2.8, stage: 'mining', scope: 'GSonly' },
    });
    const mining = body.stages.find((s: any) => s.stage === 'mining');
    expect(mining.breakdown.scope).toBe('GS only');
    expect(mining.tradeFactors.global[0]).toMatchObject({ country: 'COD', share: 62.8, tradeFactor: 1.1, contribution: 3.5439 });
    expect(mining.tradeFactors.sourcing).toEqual([]);
  });

  // Antimony extraction (100.2 %) and gallium processing (100.1 %) shares are taken of their printed sums.
  it('antimony 1.791 (published 1.8) and gallium 3.712 (published 3.9)', async () => {
    const antimony = await srOf('antimony');
    expect(antimony).toMatchObject({ bottleneckStage: 'mining', supplyRisk: 1.791, publishedSupplyRisk: { supplyRisk: 1.8 } });
    const gallium = await srOf('gallium');
    // [4.916 / 1.001² × 0.49 + 2.713 × 0.51] × 1 × 0.98 = (2.4040 + 1.3836) × 0.98 = 3.712
    expect(gallium).toMatchObject({ bottleneckStage: 'refining', supplyRisk: 3.712, publishedSupplyRisk: { supplyRisk: 3.9 } });
  });

  it('the other recomputed values the method notes quote, each next to the published SR', async () => {
    const expected: [string, string, number, number][] = [
      ['lithium', 'refining', 2.085, 1.9],
      ['graphite', 'mining', 1.763, 1.8],
      ['bismuth', 'refining', 1.861, 1.9],
      ['nickel', 'refining', 0.562, 0.5],
      ['germanium', 'refining', 3.568, 1.8],
    ];
    for (const [mineral, stage, computed, published] of expected) {
      const body = await srOf(mineral);
      expect({ mineral, stage: body.bottleneckStage, sr: body.supplyRisk, published: body.publishedSupplyRisk.supplyRisk }).toEqual({
        mineral,
        stage,
        sr: computed,
        published,
      });
    }
  });

  it('a given parameter wins over the published input; a stage without a share table is insufficient_data, not mixed with USGS tonnes', async () => {
    const { body } = await getJson(app, '/v1/minerals/tungsten/supply-risk?importer=EU&endOfLifeRecyclingInputRate=0&substitutionIndex=1');
    // [4.099 × 0.4 + 0.818 × 0.6] = 2.130
    expect(body.supplyRisk).toBe(2.13);
    const rareEarths = await srOf('rare-earths');
    expect(rareEarths.stages.find((s: any) => s.stage === 'mining')).toMatchObject({
      status: 'insufficient_data',
      reason: expect.stringContaining('no eu-crm-2023 share table'),
    });
  });
});

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

describe('a third importer is a data row only', () => {
  let dir: string;
  let third: FastifyInstance;

  beforeAll(async () => {
    dir = copyDataDir();
    appendCopy(dir, 'importers.csv', { id: 'EU' }, { id: 'JPN', name: 'Japan', kind: 'country', group: '', note: 'test importer' });
    appendCopy(dir, 'stage_reliance.csv', { importer: 'EU', mineral: 'tungsten', stage: 'refining' }, { importer: 'JPN', percent: '50' });
    appendCopy(
      dir,
      'sourcing_shares.csv',
      { importer: 'EU', mineral: 'tungsten', stage: 'refining', country: 'CHN' },
      { importer: 'JPN', share_pct: '60', share_text: '60%' },
    );
    appendCopy(
      dir,
      'sourcing_shares.csv',
      { importer: 'EU', mineral: 'tungsten', stage: 'refining', country: 'VNM' },
      { importer: 'JPN', share_pct: '40', share_text: '40%' },
    );
    appendCopy(dir, 'criticality_inputs.csv', { assessor: 'EU', mineral: 'tungsten' }, { assessor: 'JPN' });
    editRow(dir, 'criticality_inputs.csv', { assessor: 'JPN', mineral: 'tungsten' }, { supply_risk: '' });
    third = await buildTestApp({ dataDir: dir });
  });
  afterAll(async () => {
    await third?.close();
    removeDir(dir);
  });

  it('answers dependency, supply risk and scenarios for JPN with no code change', async () => {
    const importers = await getJson(third, '/v1/importers');
    expect(importers.body.data.map((importer: { id: string }) => importer.id)).toEqual(['EU', 'JPN', 'USA']);
    const exposure = await getJson(third, '/v1/dependency/jpn/on/CHN');
    expect(exposure.status).toBe(200);
    const tungsten = rowOf(exposure.body, 'tungsten');
    // 50 % × 60 % = 0.3
    expect(tungsten).toMatchObject({ direct: 0.3, netImportReliance: { stage: 'refining', percent: 50 } });
    expect(stageOf(tungsten, 'refining')).toMatchObject({ direct: 0.3, supplierSourcingShare: { sharePct: 60, tradeFactor: 1 } });

    const risk = await getJson(third, '/v1/minerals/tungsten/supply-risk?importer=JPN');
    expect(risk.status).toBe(200);
    // EU-sourcing-like term: 0.6² × 5.58 × 1 + 0.4² × 5.679 × 1.1 = 2.0088 + 0.9995 = 3.0083
    const refining = risk.body.stages.find((s: any) => s.stage === 'refining');
    expect(round(refining.inputs.euSourcingHhiWgi, 3)).toBe(3.008);
    expect(risk.body.publishedSupplyRisk).toMatchObject({ supplyRisk: null });

    const scenario = await third.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: { importer: 'JPN', minerals: ['tungsten'], shocks: [{ countries: ['CHN'], reduction: 1 }] },
    });
    expect(scenario.statusCode).toBe(200);
    expect(scenario.json().results[0].importerImpact).toMatchObject({ importer: 'JPN', consumptionAtRisk: 0.3 });
  });
});
