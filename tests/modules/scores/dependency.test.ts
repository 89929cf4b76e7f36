import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';
import { governanceWeighted, importSourceRows, latestReliance, shareOf, stageReference, stageReferenceAt } from './reference.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Row {
  mineral: string;
  [key: string]: any;
}

describe('GET /v1/dependency/USA', () => {
  let body: { importer: string; data: Row[]; total: number; method: { id: string; href: string } };

  beforeAll(async () => {
    const response = await getJson(app, '/v1/dependency/USA?edition=usgs-mcs-2025');
    expect(response.status).toBe(200);
    body = response.body;
  });

  it('lists every mineral, sorted by dependency index, largest first', async () => {
    const { body: minerals } = await getJson(app, '/v1/minerals');
    expect(body.importer).toBe('USA');
    expect(body.data.map((r) => r.mineral).sort()).toEqual(minerals.data.map((m: { id: string }) => m.id).sort());
    expect(body.total).toBe(body.data.length);
    const indexes = body.data.map((r) => (r.dependencyIndex.status === 'ok' ? r.dependencyIndex.index : -1));
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    expect(body.method).toMatchObject({ id: 'import-dependency', href: '/v1/methods/import-dependency' });
  });

  it('every index is TE × DP with TE = reliance and DP = Σ (share/100)² × WGI/10 at the assessed (chokepoint) stage', async () => {
    for (const row of body.data) {
      const index = row.dependencyIndex;
      if (index.status !== 'ok') continue;
      const ref = stageReferenceAt(row.mineral, index.assessedStage, index.assessedYear);
      const dp = governanceWeighted(ref.producers).hhiWgi / 10;
      expect(index.disruptionPotential).toBe(round(dp, 4));
      expect(index.tradeExposure).toBe(row.netImportReliance.fraction);
      expect(index.index).toBe(round(index.tradeExposure * dp, 4));
      expect(index.index).toBeGreaterThanOrEqual(0);
      expect(index.index).toBeLessThanOrEqual(1);
      const { body: concentration } = await getJson(app, `/v1/minerals/${row.mineral}/concentration?edition=usgs-mcs-2025`);
      expect(index.assessedStage).toBe(concentration.chokepoint.stage);
    }
  });
});

describe('GET /v1/dependency/USA?mineral=antimony', () => {
  let row: Row;

  beforeAll(async () => {
    const { status, body } = await getJson(app, '/v1/dependency/USA?mineral=antimony&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    row = body.data[0];
  });

  it('net import reliance 85 % (2024, MCS 2025)', () => {
    expect(latestReliance('USA', 'antimony')).toMatchObject({ year: 2024, percent: 85 });
    expect(row.netImportReliance).toMatchObject({
      year: 2024,
      percent: 85,
      valueText: '85',
      qualifier: 'eq',
      fraction: 0.85,
      censored: false,
    });
  });

  it("import sources: the 'total metal and oxide' 2020-23 form, China 63 %, OTH kept apart (18 %)", () => {
    const rows = importSourceRows('USA', 'antimony', 'total metal and oxide', '2020-23');
    expect(rows.map((r) => [r.country, r.sharePct])).toEqual([
      ['CHN', 63],
      ['BEL', 8],
      ['IND', 6],
      ['BOL', 5],
      ['OTH', 18],
    ]);
    expect(row.importSources).toMatchObject({ period: '2020-23', form: 'total metal and oxide', rankOnly: false, otherSharePct: 18 });
    expect(row.importSources.sources.map((s: { country: string; sharePct: number }) => [s.country, s.sharePct])).toEqual([
      ['CHN', 63],
      ['BEL', 8],
      ['IND', 6],
      ['BOL', 5],
    ]);
    expect(row.topSupplier).toEqual({ country: 'CHN', name: 'China', sharePct: 63 });
  });

  it('import-source HHI = 63² + 8² + 6² + 5² = 4,094 (OTH excluded, 18 % unlisted)', () => {
    expect(63 ** 2 + 8 ** 2 + 6 ** 2 + 5 ** 2).toBe(4094);
    expect(row.importSourceConcentration).toMatchObject({
      status: 'ok',
      hhi: 4094,
      unlistedShare: 18,
      // 4,094 + 18² = 4,418
      hhiUpperBound: 4418,
      topSupplier: { country: 'CHN', share: 63 },
      method: { id: 'import-dependency', href: '/v1/methods/import-dependency' },
    });
  });

  it('dependency index = 0.85 × DP, DP from antimony mining 2024 (the chokepoint) and the WGI', () => {
    const ref = stageReference('antimony', 'mining', 2024);
    const weighted = governanceWeighted(ref.producers);
    // Shares of the rows' 103,960 t (the printed 100,000 t is rounded below them); WGI 2024 update, 2023 values:
    // CHN 0.5771² × 5.5802 = 1.859, TJK 0.1635² × 7.2380 = 0.194, RUS 0.1250² × 7.1822 = 0.112, …
    // → HHI_WGI ≈ 2.191, DP ≈ 0.2191
    expect(weighted.hhiWgi).toBeCloseTo(2.191, 3);
    const dp = weighted.hhiWgi / 10;
    expect(row.dependencyIndex).toMatchObject({
      status: 'ok',
      assessedStage: 'mining',
      assessedYear: 2024,
      tradeExposure: 0.85,
      disruptionPotential: round(dp, 4),
      index: round(0.85 * dp, 4),
      censoredReliance: false,
      method: { id: 'import-dependency', href: '/v1/methods/import-dependency' },
    });
    // 0.85 × 0.21912 = 0.1863
    expect(row.dependencyIndex.index).toBeCloseTo(0.1863, 4);
    expect(row.dependencyIndex.wgi).toEqual({ edition: 'wb-wgi-2024', years: [2023] });
    // GTM and PAK, without a WGI score in the 2023 release, are covered by the 2024 update: nothing is left out
    expect(weighted.missing).toEqual([]);
    expect(row.dependencyIndex.missingGovernance).toEqual({ countries: [], combinedShare: 0, reasons: [] });
    expect(row.dependencyIndex.caveats.length).toBeGreaterThan(0);
  });
});

describe('GET /v1/dependency/USA: censored and rank-only inputs', () => {
  it('tungsten: ">50" is used at its bound and flagged; rank-only sources give no import HHI', async () => {
    const { body } = await getJson(app, '/v1/dependency/USA?mineral=tungsten&edition=usgs-mcs-2025');
    const [row] = body.data;
    expect(row.netImportReliance).toMatchObject({ valueText: '>50', qualifier: 'gt', fraction: 0.5, censored: true });
    expect(row.importSources).toMatchObject({ rankOnly: true });
    expect(row.importSourceConcentration).toMatchObject({ status: 'insufficient_data', reason: expect.stringMatching(/rank/) });
    expect(row.topSupplier).toEqual({ country: 'CHN', name: 'China', sharePct: null });
    // Assessed at the chokepoint: APT and intermediates (EU CRM 2023 shares, no data year).
    expect(row.dependencyIndex).toMatchObject({
      status: 'ok',
      tradeExposure: 0.5,
      censoredReliance: true,
      assessedStage: 'refining',
      assessedYear: null,
    });
  });
});

describe('GET /v1/dependency/{importer}: errors', () => {
  it('unknown importer → 400 naming params.importer; unknown mineral filter → 400 naming querystring.mineral', async () => {
    const importer = expectProblem(
      await app.inject({ url: '/v1/dependency/XYZ?edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
      '/v1/dependency/XYZ?edition=usgs-mcs-2025',
    );
    expect(fieldsOf(importer)).toEqual(['params.importer']);
    const body = expectProblem(
      await app.inject({ url: '/v1/dependency/USA?mineral=banana&edition=usgs-mcs-2025' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(body)).toEqual(['querystring.mineral']);
  });
});

describe('GET /v1/dependency/USA/on/CHN', () => {
  let body: { importer: string; supplier: string; supplierName: string; data: Row[]; total: number; method: { href: string } };

  beforeAll(async () => {
    const response = await getJson(app, '/v1/dependency/USA/on/CHN?edition=usgs-mcs-2025');
    expect(response.status).toBe(200);
    body = response.body;
  });

  it('antimony: direct 0.85 × 0.63 = 0.5355, upstream 0.5771 (mining 2024), effective 0.5771 driven by upstream', () => {
    const antimony = body.data.find((r) => r.mineral === 'antimony')!;
    expect(0.85 * 0.63).toBeCloseTo(0.5355, 10);
    const ref = stageReference('antimony', 'mining', 2024);
    // 60,000 of the rows' 103,960 t
    expect(shareOf(ref, 'CHN')).toBeCloseTo((100 * 60_000) / 103_960, 9);
    expect(antimony).toMatchObject({
      status: 'ok',
      direct: 0.5355,
      upstream: { stage: 'mining', exposure: 0.5771 },
      effectiveExposure: 0.5771,
      drivenBy: 'upstream',
      method: { id: 'supplier-exposure', href: '/v1/methods/supplier-exposure' },
    });
    expect(antimony.supplierImportShare).toMatchObject({ sharePct: 63, rank: 1, period: '2020-23', form: 'total metal and oxide' });
    expect(antimony.netImportReliance).toMatchObject({ percent: 85, fraction: 0.85 });
    expect(antimony.stageShares.find((s: { stage: string }) => s.stage === 'mining')).toMatchObject({ year: 2024, share: 57.71 });
  });

  it('upstream exposure is China’s largest share of world supply at any stage, from the rows', () => {
    for (const row of body.data) {
      if (row.status !== 'ok' || row.upstream === null) continue;
      const ref = stageReferenceAt(
        row.mineral,
        row.upstream.stage,
        row.stageShares.find((s: { stage: string }) => s.stage === row.upstream.stage).year,
      );
      expect(row.upstream.exposure).toBe(round(shareOf(ref, 'CHN') / 100, 4));
    }
    // tungsten: APT shares, China 85.6 of 100.1 % (above mining's 67,000 / 81,400 = 0.8231); cobalt: refining 2025 (IEA GCMO
    // 2026, another family than MCS 2025, so its newest year answers) 180,000 / 238,000 = 0.7563 (China is not a named
    // cobalt miner in MCS 2025)
    expect(body.data.find((r) => r.mineral === 'tungsten')).toMatchObject({
      upstream: { stage: 'refining', exposure: 0.8551 },
      drivenBy: 'upstream',
    });
    expect(body.data.find((r) => r.mineral === 'cobalt')).toMatchObject({ upstream: { stage: 'refining', exposure: 0.7563 } });
  });

  it('rows are sorted by effective exposure, largest first, and every fraction is within 0–1', () => {
    expect(body).toMatchObject({ importer: 'USA', supplier: 'CHN', supplierName: 'China' });
    expect(body.total).toBe(body.data.length);
    const exposures = body.data.map((r) => r.effectiveExposure ?? -1);
    expect(exposures).toEqual([...exposures].sort((a, b) => b - a));
    for (const row of body.data) {
      for (const value of [row.effectiveExposure, row.direct, row.upstream?.exposure]) {
        if (value === null || value === undefined) continue;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      if (row.status === 'ok') {
        expect(row.effectiveExposure).toBe(Math.max(row.direct ?? -1, row.upstream?.exposure ?? -1));
        expect(row.drivenBy).toBe(row.direct !== null && row.direct >= (row.upstream?.exposure ?? -1) ? 'direct' : 'upstream');
      }
    }
    // gallium refining: 750 / 762 (the rows; the printed world total is 760) = 0.9843 leads
    expect(body.data[0]).toMatchObject({ mineral: 'gallium', effectiveExposure: 0.9843 });
  });

  // Upstream: IEA magnet rare-earth refining 2025 (GCMO 2026), China 75 of 90 kt (named 87 + rest of world 3, above the
  // printed 89) = 0.8333 (2024 explorer: 0.9128).
  it('rare earths: direct 0.80 × 0.70 = 0.56 against upstream refining 0.8333', () => {
    const rows = importSourceRows('USA', 'rare-earths', 'compounds and metals', '2020-23');
    expect(rows[0]).toMatchObject({ country: 'CHN', sharePct: 70 });
    expect(body.data.find((r) => r.mineral === 'rare-earths')).toMatchObject({
      direct: 0.56,
      upstream: { stage: 'refining', exposure: 0.8333 },
      effectiveExposure: 0.8333,
      drivenBy: 'upstream',
    });
  });

  it('unknown supplier → 404; unknown importer → 400 naming params.importer', async () => {
    expectProblem(
      await app.inject({ url: '/v1/dependency/USA/on/XYZ?edition=usgs-mcs-2025' }),
      404,
      'not_found',
      '/v1/dependency/USA/on/XYZ?edition=usgs-mcs-2025',
    );
    const importer = expectProblem(await app.inject({ url: '/v1/dependency/XYZ/on/CHN?edition=usgs-mcs-2025' }), 400, 'validation_failed');
    expect(fieldsOf(importer)).toEqual(['params.importer']);
  });

  it('an aggregate (WLD, OTH) as importer or supplier → 400 naming the parameter', async () => {
    const supplier = expectProblem(await app.inject({ url: '/v1/dependency/USA/on/OTH?edition=usgs-mcs-2025' }), 400, 'validation_failed');
    expect(fieldsOf(supplier)).toEqual(['params.supplier']);
    const importer = expectProblem(await app.inject({ url: '/v1/dependency/WLD?edition=usgs-mcs-2025' }), 400, 'validation_failed');
    expect(fieldsOf(importer)).toEqual(['params.importer']);
  });
});
