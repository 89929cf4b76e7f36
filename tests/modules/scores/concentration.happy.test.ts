import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import {
  dataRows,
  defaultStageReference,
  governanceWeighted,
  shareOf,
  stageReference,
  stagesWithData,
  wgiReference,
  yearsWithData,
} from './reference.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const stageOf = (body: any, stage: string) => body.stages.find((s: any) => s.stage === stage);

describe('GET /v1/minerals/tungsten/concentration (mining 2024 from data/production.csv)', () => {
  // Seeded tungsten mining 2024 rows (t W content), world total WLD = 81,000:
  //   CHN 67,000  VNM 3,400  RUS 2,000  PRK 1,700  BOL 1,600  RWA 1,200  AUS 1,000  AUT 800  ESP 700  PRT 500  (OTH 1,500)
  // The named rows (79,900) plus OTH (1,500) add up to 81,400, more than the rounded WLD 81,000: shares are taken of
  // 81,400 (the one world-total rule), so they can never add up to more than 100 %.
  // shares: CHN 67,000/81,400 = 82.310 %, VNM 4.177, RUS 2.457, PRK 2.088, BOL 1.966, RWA 1.474, AUS 1.229,
  //         AUT 0.983, ESP 0.860, PRT 0.614
  // HHI = Σ t² / 81,400² × 10,000 = 4,513,830,000 / 6,625,960,000 × 10,000 = 6,812.3
  // named total = 79,900 / 81,400 = 98.157 % → unallocated 1.843 % = OTH 1,500 / 81,400; upper bound 6,812.3 + 1.843² = 6,815.7
  // CR3 = (67,000 + 3,400 + 2,000) / 81,400 = 88.943 %; equivalent suppliers 10,000 / 6,812.3 = 1.468
  const ref = stageReference('tungsten', 'mining', 2024);
  let body: any;

  beforeAll(async () => {
    const response = await getJson(app, '/v1/minerals/tungsten/concentration?edition=usgs-mcs-2025');
    expect(response.status).toBe(200);
    body = response.body;
  });

  it('the reference arithmetic agrees with the hand-worked figures', () => {
    expect(ref.worldTonnes).toBe(81_400);
    expect(ref.otherTonnes).toBe(1_500);
    expect(ref.producers).toHaveLength(10);
    expect(shareOf(ref, 'CHN')).toBeCloseTo((100 * 67_000) / 81_400, 10);
    expect(ref.hhi).toBeCloseTo(6_812.3, 1);
    expect(ref.unallocatedShare).toBeCloseTo(1.843, 3);
  });

  it('mining 2024 HHI is Σ share² of the seeded rows against their sum 81,400 (WLD 81,000 is rounded), China 82.31 %', () => {
    const mining = stageOf(body, 'mining');
    expect(mining).toMatchObject({ stage: 'mining', status: 'ok', year: 2024, basis: 'w-contained', edition: 'usgs-mcs-2025' });
    expect(mining.edition).toBe(ref.edition);
    expect(mining.hhi).toBe(round(ref.hhi, 1));
    expect(mining.hhi).toBe(6812.3);
    expect(mining.top).toEqual({ country: 'CHN', name: 'China', tonnes: 67_000, share: 82.31 });
    expect(mining.cr1).toBe(82.31);
    expect(mining.cr1).toBe(round(ref.cr1, 2));
    expect(mining.cr3).toBe(round(ref.cr3, 2));
    expect(mining.cr3).toBe(88.94);
  });

  it('equivalent suppliers = 10,000 / HHI; unallocated = 100 − Σ named shares; upper bound = HHI + unallocated²', () => {
    const mining = stageOf(body, 'mining');
    expect(mining.equivalentSuppliers).toBe(round(10_000 / ref.hhi, 2));
    expect(mining.equivalentSuppliers).toBe(1.47);
    expect(mining.namedShareTotal).toBe(round(ref.namedShareTotal, 2));
    expect(mining.unallocatedShare).toBe(round(100 - ref.namedShareTotal, 2));
    expect(mining.unallocatedShare).toBe(1.84);
    // The published "Other countries" is the whole unallocated share here: nothing is withheld.
    expect(mining.otherShare).toBe(1.84);
    expect(mining.hhiUpperBound).toBe(round(ref.hhi + ref.unallocatedShare ** 2, 1));
    expect(mining.hhiUpperBound).toBe(6815.7);
    expect(mining.hhiUpperBound).toBeGreaterThanOrEqual(mining.hhi);
  });

  it('bands: above 1,800 (2023) and above 2,500 (2010) → highly concentrated under both', () => {
    expect(stageOf(body, 'mining').bands).toEqual({ doj2023: 'highly_concentrated', hmg2010: 'highly_concentrated' });
  });

  it('carries its inputs: world total, other-countries row, every named producer and the source ids', () => {
    const { inputs } = stageOf(body, 'mining');
    expect(inputs.worldTonnes).toBe(81_400);
    expect(inputs.worldTotalBasis).toBe('reconciled');
    expect(inputs.worldTotal).toEqual({
      rule: 'reconciled',
      unit: 't',
      published: 81_000,
      used: 81_400,
      accounted: 81_400,
      reason:
        'The named countries and "Other countries" add up to 81,400 t, more than the published world total of 81,000 t (U.S. Geological Survey rounds world totals): shares are taken of 81,400 t, so none exceeds 100 % and together they never exceed 100 %.',
    });
    expect(inputs.otherTonnes).toBe(1_500);
    expect(inputs.sourceIds).toEqual(ref.sourceIds);
    expect(inputs.sourceIds).toEqual(['usgs-mcs-2025-tungsten']);
    expect(inputs.producers.map((p: any) => [p.country, p.tonnes, p.share])).toEqual(
      ref.producers.map((p) => [p.country, p.tonnes, round(p.share, 2)]),
    );
    expect(inputs.unreported).toEqual([]);
    expect(stageOf(body, 'mining').withheld).toEqual([]);
  });

  it("method is { id: 'hhi', version, href: '/v1/methods/hhi' } with the catalogue's version", async () => {
    const { body: method } = await getJson(app, '/v1/methods/hhi');
    expect(stageOf(body, 'mining').method).toEqual({ id: 'hhi', version: method.version, href: '/v1/methods/hhi' });
  });

  it('a stage without data (metal, component) is insufficient_data with a reason, never a zero score', () => {
    for (const stage of ['metal', 'component']) {
      const block = stageOf(body, stage);
      expect(block.status).toBe('insufficient_data');
      // The reason the dataset gives for the empty cell (data/stage_gaps.csv).
      expect(block.reason).toBe(dataRows('stage_gaps.csv').find((gap) => gap.mineral === 'tungsten' && gap.stage === stage)?.reason);
      expect(block).not.toHaveProperty('hhi');
      expect(block.method.href).toBe('/v1/methods/hhi');
    }
    expect(body.stages.map((s: any) => s.stage)).toEqual(['mining', 'refining', 'metal', 'component']);
  });

  it('refining (APT and intermediates) has no annual tonnes: it answers from the EU CRM 2023 country shares', () => {
    // data/stage_shares.csv, w-eu-processing: CHN 85.6, then 4.4, 2.8, 2.8, 2.3, 2.2 (sum 100.1, the study's rounding)
    // Σ printed² = 7327.36 + 19.36 + 7.84 + 7.84 + 5.29 + 4.84 = 7372.53; taken of their sum 100.1:
    // HHI = 7372.53 / 1.001² = 7357.8, China 85.6 / 1.001 = 85.51 %
    const refining = stageOf(body, 'refining');
    expect(refining).toMatchObject({
      status: 'ok',
      year: null,
      measure: 'shares',
      period: 'EU CRM 2023 assessment period (five-year average)',
      basis: 'w-eu-processing',
      edition: 'eu-crm-2023',
      hhi: 7357.8,
      cr1: 85.51,
      namedShareTotal: 100,
      unallocatedShare: 0,
      hhiRange: { lower: 7357.8, upper: 7357.8, exact: true },
    });
    expect(refining.inputs.worldTotal).toMatchObject({ rule: 'reconciled', unit: '%', published: 100, used: 100.1 });
    // A share is not a tonnage: the top producer has no tonnes, never a made-up one.
    expect(refining.top).toEqual({ country: 'CHN', name: 'China', tonnes: null, share: 85.51 });
  });

  it('chokepoint: refining (HHI 7,357.8) over mining (6,812.3), flagged as not comparable (other period and basis)', () => {
    expect(body.chokepoint).toMatchObject({
      status: 'ok',
      stage: 'refining',
      year: null,
      edition: 'eu-crm-2023',
      hhi: 7357.8,
      topCountry: 'CHN',
      topShare: 85.51,
      comparedStages: [
        { stage: 'mining', year: 2024, measure: 'tonnes', basis: 'w-contained', edition: 'usgs-mcs-2025', hhi: 6812.3 },
        { stage: 'refining', year: null, measure: 'shares', basis: 'w-eu-processing', edition: 'eu-crm-2023', hhi: 7357.8 },
      ],
      comparable: false,
      method: { id: 'chokepoint', href: '/v1/methods/chokepoint' },
    });
    expect(body.chokepoint.reason).toMatch(/different times.*different bases/);
  });
});

describe('governance-weighted HHI (tungsten mining 2024)', () => {
  it('hhiWgi = Σ (share/100)² × EU-scaled WGI, WGI = (2.5 − mean of six, latest complete year) × 2, from the WGI 2024 update', async () => {
    const ref = stageReference('tungsten', 'mining', 2024);
    const wgi = wgiReference();
    // China, WGI 2024 update, 2023 (data/governance.csv, edition wb-wgi-2024):
    //   VA −1.50455 + PV −0.51310 + GE 0.67901 + RQ −0.35651 + RL −0.04013 + CC −0.00537 = −1.74065 → mean −0.29011
    //   → (2.5 + 0.29011) × 2 = 5.5802 (methodology §5)
    expect(wgi.get('CHN')?.year).toBe(2023);
    expect(wgi.get('CHN')?.mean).toBeCloseTo(-0.29011, 5);
    expect(wgi.get('CHN')?.euScaled).toBeCloseTo(5.5802, 4);
    const expected = governanceWeighted(ref.producers);
    expect(expected.missing).toEqual([]);
    // China alone contributes 0.82310² × 5.5802 ≈ 3.781 of the ≈ 3.803 total (shares of the rows' sum 81,400)
    expect(expected.hhiWgi).toBeCloseTo(3.8028, 4);

    const { body } = await getJson(app, '/v1/minerals/tungsten/concentration?stage=mining&edition=usgs-mcs-2025');
    const weighted = stageOf(body, 'mining').governanceWeighted;
    expect(weighted.status).toBe('ok');
    expect(weighted.hhiWgi).toBe(round(expected.hhiWgi, 3));
    // Pinning a USGS edition leaves the WGI family at its newest release.
    expect(weighted.wgi).toEqual({ edition: 'wb-wgi-2024', years: [2023] });
    expect(weighted.wgiYears).toEqual([2023]);
    expect(weighted.tradeFactor).toBe(1);
    expect(weighted.missingGovernance).toEqual({ countries: [], combinedShare: 0, reasons: [] });
    expect(weighted.method).toMatchObject({ id: 'hhi-wgi', href: '/v1/methods/hhi-wgi' });
  });

  it('?edition=wb-wgi-2023 answers with the 2023 release: 2022 values, and GTM, PAK missing as that release was held', async () => {
    // Pinning the WGI family leaves production at its newest edition (MCS 2026 revised antimony 2024).
    const ref = stageReference('antimony', 'mining', 2024, 'wb-wgi-2023');
    expect(ref.edition).toBe('usgs-mcs-2026');
    const old = wgiReference('wb-wgi-2023');
    // China, 2023 release, 2022: mean of the six −0.33325 → (2.5 + 0.33325) × 2 = 5.6665
    expect(old.get('CHN')).toEqual({ year: 2022, mean: expect.closeTo(-0.33325, 5), euScaled: expect.closeTo(5.6665, 4) });
    const expected = governanceWeighted(ref.producers, 'wb-wgi-2023');
    expect(expected.missing).toEqual(['GTM', 'PAK']);

    const { body } = await getJson(app, '/v1/minerals/antimony/concentration?stage=mining&year=2024&edition=wb-wgi-2023');
    const block = stageOf(body, 'mining');
    expect(block.edition).toBe('usgs-mcs-2026');
    const weighted = block.governanceWeighted;
    expect(weighted.hhiWgi).toBe(round(expected.hhiWgi, 3));
    expect(weighted.wgi).toEqual({ edition: 'wb-wgi-2023', years: [2022] });
    const share = (country: string) => ref.producers.find((p) => p.country === country)!.share;
    expect(weighted.missingGovernance).toEqual({
      countries: ['GTM', 'PAK'],
      combinedShare: round(share('GTM') + share('PAK'), 2),
      reasons: [
        { country: 'GTM', reason: 'no WGI estimates held for this country in wb-wgi-2023' },
        { country: 'PAK', reason: 'no WGI estimates held for this country in wb-wgi-2023' },
      ],
    });
  });

  it('antimony: GTM and PAK, without governance before, are weighted with their 2023 WGI now', async () => {
    const ref = stageReference('antimony', 'mining', 2024);
    const expected = governanceWeighted(ref.producers);
    expect(expected.missing).toEqual([]);
    // Shares of the rows' sum 103,960 (the published 100,000 is rounded): CHN 0.5771² × 5.5802 = 1.859,
    // TJK 0.1635² × 7.2380 = 0.194, RUS 0.1250² × 7.1822 = 0.112, … ≈ 2.191
    expect(expected.hhiWgi).toBeCloseTo(2.1912, 4);
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration?stage=mining&edition=usgs-mcs-2025');
    const weighted = stageOf(body, 'mining').governanceWeighted;
    expect(weighted.hhiWgi).toBe(round(expected.hhiWgi, 3));
    expect(weighted.wgi).toEqual({ edition: 'wb-wgi-2024', years: [2023] });
    expect(weighted.missingGovernance).toEqual({ countries: [], combinedShare: 0, reasons: [] });
  });

  it('New Caledonia (nickel mining) is reported as not covered by the WGI, with its share', async () => {
    const { body } = await getJson(app, '/v1/minerals/nickel/concentration?stage=mining&edition=usgs-mcs-2025');
    const block = stageOf(body, 'mining');
    const ref = stageReference('nickel', 'mining', block.year);
    const expected = governanceWeighted(ref.producers);
    expect(expected.missing).toEqual(['NCL']);
    const weighted = block.governanceWeighted;
    expect(weighted.hhiWgi).toBe(round(expected.hhiWgi, 3));
    expect(weighted.missingGovernance).toEqual({
      countries: ['NCL'],
      combinedShare: round(ref.producers.find((p) => p.country === 'NCL')!.share, 2),
      reasons: [{ country: 'NCL', reason: 'not covered by the WGI' }],
    });
  });
});

describe('chokepoints of the card minerals', () => {
  // Chokepoint = stage with the highest HHI, each stage at its latest figures under MCS 2025 (IEA refining is another
  // family, so it answers 2025 from the IEA GCMO 2026; EU CRM 2023 share tables where no annual tonnes exist):
  //   antimony    mining   3,793.2  (CHN 60,000 of the rows' 103,960 t = 57.71 %, 2024: the published 100,000 is
  //                                 rounded below the rows); smelting (EU CRM 2023 shares, CHN 51.8 %, 2,894.8) is below
  //   rare-earths refining 7,008.6  (IEA magnet REEs 2025: (75² + 5² + 5² + 1² + 1²) / 90² = 5,677 / 8,100, the named 87 kt
  //                                 plus "rest of world" 3 kt exceeding the printed 89 kt; CHN 83.33 %) vs mining (REO, 2024)
  //   tungsten    refining 7,357.8  (APT, EU CRM 2023 shares of their sum 100.1, CHN 85.51 %) vs mining 6,812.3 (2024)
  //   cobalt      mining   5,867.3  (COD 75.86 %, 2024) now leads refining 2025: (180² + 20² + 6² + 6² + 6² + 3²) / 238²
  //                                 = 32,917 / 56,644 = 5,811.2 (CHN 75.63 %; the 2024 explorer gave 6,219.8)
  //   lithium     refining 5,722.3  (2025: (235² + 52² + 16² + 6² + 3² + 1²) / 319² = 58,231 / 101,761; CHN 73.67 %)
  //                                 vs mining 2,215.3 (AUS 36.67 %, 2024)
  const cases = [
    { mineral: 'antimony', stage: 'mining', year: 2024, other: 'refining', top: 'CHN', hhi: 3793.2 },
    { mineral: 'rare-earths', stage: 'refining', year: 2025, other: 'mining', top: 'CHN', hhi: 7008.6 },
    { mineral: 'tungsten', stage: 'refining', year: null, other: 'mining', top: 'CHN', hhi: 7357.8 },
    { mineral: 'cobalt', stage: 'mining', year: 2024, other: 'refining', top: 'COD', hhi: 5867.3 },
    { mineral: 'lithium', stage: 'refining', year: 2025, other: 'mining', top: 'CHN', hhi: 5722.3 },
  ] as const;

  for (const c of cases) {
    it(`${c.mineral}: chokepoint ${c.stage}, HHI ${c.hhi}`, async () => {
      const { year, ref } = defaultStageReference(c.mineral, c.stage);
      expect(year).toBe(c.year);
      expect(round(ref.hhi, 1)).toBe(c.hhi);
      const { status, body } = await getJson(app, `/v1/minerals/${c.mineral}/concentration?edition=usgs-mcs-2025`);
      expect(status).toBe(200);
      expect(body.chokepoint).toMatchObject({ status: 'ok', stage: c.stage, year: c.year, hhi: c.hhi, topCountry: c.top });
      expect(body.chokepoint.topShare).toBe(round(ref.cr1, 2));
      const other = defaultStageReference(c.mineral, c.other).ref;
      expect(other.hhi).toBeLessThan(ref.hhi);
      expect(stageOf(body, c.other).hhi).toBe(round(other.hhi, 1));
      expect(body.chokepoint.comparedStages).toHaveLength(2);
      // Annual tonnes against a study's reference-period shares: compared, but flagged.
      expect(body.chokepoint.comparable).toBe(false);
    });
  }

  it('cobalt and graphite: refining is more concentrated than mining, so refining is the chokepoint', async () => {
    for (const mineral of ['cobalt', 'graphite']) {
      const mining = stageReference(mineral, 'mining', 2024);
      const refining = stageReference(mineral, 'refining', 2024);
      expect(refining.hhi).toBeGreaterThan(mining.hhi);
      const { body } = await getJson(app, `/v1/minerals/${mineral}/concentration?edition=usgs-mcs-2025&year=2024`);
      expect(body.chokepoint.stage).toBe('refining');
      expect(body.chokepoint.hhi).toBe(round(refining.hhi, 1));
      expect(stageOf(body, 'mining').hhi).toBe(round(mining.hhi, 1));
    }
  });
});

describe('GET /v1/minerals/{mineral}/concentration/history', () => {
  it('antimony mining: 2021–2024, HHI per year from the rows, China on top every year', async () => {
    const { status, body } = await getJson(app, '/v1/minerals/antimony/concentration/history?stage=mining&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.stages).toHaveLength(1);
    const [mining] = body.stages;
    expect(mining).toMatchObject({ stage: 'mining', status: 'ok', method: { id: 'hhi', href: '/v1/methods/hhi' } });
    expect(mining.series.map((p: any) => p.year)).toEqual([2021, 2022, 2023, 2024]);
    expect(yearsWithData('antimony', 'mining')).toEqual([2021, 2022, 2023, 2024]);
    for (const point of mining.series) {
      const ref = stageReference('antimony', 'mining', point.year);
      expect(point).toMatchObject({ status: 'ok', topCountry: 'CHN', worldTonnes: ref.worldTonnes, edition: ref.edition });
      expect(point.hhi).toBe(round(ref.hhi, 1));
      expect(point.cr1).toBe(round(ref.cr1, 2));
      expect(point.topShare).toBe(round(shareOf(ref, 'CHN'), 2));
    }
    // e.g. 2022: CHN 40,000 of the rows' 83,105 t (WLD printed 83,100) = 48.13 %, the low point of the series
    expect(mining.series[1]).toMatchObject({ year: 2022, cr1: 48.13, hhi: 3083.3 });
    // 2024: CHN 60,000 of the rows' 103,960 t (WLD printed 100,000) = 57.71 %
    expect(mining.series[3]).toMatchObject({ year: 2024, cr1: 57.71, hhi: 3793.2 });
  });

  it('without ?stage every stage is listed; stages without data are insufficient_data', async () => {
    const { body } = await getJson(app, '/v1/minerals/antimony/concentration/history?edition=usgs-mcs-2025');
    expect(body.stages.map((s: any) => [s.stage, s.status])).toEqual([
      ['mining', 'ok'],
      ['refining', 'insufficient_data'],
      ['metal', 'insufficient_data'],
      ['component', 'insufficient_data'],
    ]);
    expect(stageOf(body, 'component').reason).toMatch(/component/);
  });
});

describe('GET /v1/concentration', () => {
  it('ranks like with like: the rows of the newest year 1..n by HHI, the others after them, unranked, each HHI from the rows', async () => {
    const { status, body } = await getJson(app, '/v1/concentration?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    const pairs = stagesWithData();
    expect(body.total).toBe(pairs.length);
    expect(body.data).toHaveLength(pairs.length);
    // Pinned to MCS 2025, the USGS stages end in 2024 and the IEA's refining answers 2025: 2025 is the ranking's year.
    expect(body.rankingYear).toBe(2025);
    const ranked = body.data.filter((r: any) => r.comparable);
    expect(ranked.length).toBe(body.comparableTotal);
    expect(ranked.every((r: any) => r.year === 2025 && r.reason === null)).toBe(true);
    expect(body.data.map((r: any) => r.rank)).toEqual(body.data.map((_: any, i: number) => (i < ranked.length ? i + 1 : null)));
    for (const group of [ranked, body.data.slice(ranked.length)]) {
      for (let i = 1; i < group.length; i += 1) expect(group[i - 1].hhi).toBeGreaterThanOrEqual(group[i].hhi);
    }
    // Each pair answers with its newest annual tonnes, else (antimony smelting, tungsten APT …) the EU study's shares.
    for (const row of body.data) {
      const { year, ref } = defaultStageReference(row.mineral, row.stage);
      expect(row.hhi).toBe(round(ref.hhi, 1));
      expect(row.edition).toBe(ref.edition);
      expect(row.year).toBe(year);
      if (!row.comparable) expect(row.reason).toMatch(row.year === null ? /^country shares over / : new RegExp(`^${row.year} figures`));
    }
    const antimonySmelting = body.data.find((r: any) => r.mineral === 'antimony' && r.stage === 'refining');
    expect(antimonySmelting).toMatchObject({
      rank: null,
      year: null,
      edition: 'eu-crm-2023',
      topCountry: 'CHN',
      topShare: 51.8,
      comparable: false,
    });
    // Every cell without figures is listed, with the curated reason and its kind.
    const gaps = dataRows('stage_gaps.csv');
    expect(body.insufficientData).toEqual(
      expect.arrayContaining(
        gaps.map((gap) => ({ mineral: gap.mineral, stage: gap.stage, status: 'insufficient_data', kind: gap.kind, reason: gap.reason })),
      ),
    );
    // And the three minerals MCS 2026 added (indium, molybdenum, tellurium) have no figures as MCS 2025 stood.
    expect(body.insufficientData.filter((r: any) => r.kind === 'not-in-edition').map((r: any) => `${r.mineral}|${r.stage}`)).toEqual([
      'indium|refining',
      'molybdenum|mining',
      'tellurium|refining',
    ]);
    expect(body.insufficientData).toHaveLength(39);
    expect(body.method).toMatchObject({ id: 'hhi', href: '/v1/methods/hhi' });
  });

  it('the default ranking: 2025 rows ranked; germanium 2022 and the EU study periods after them, saying why; 36 empty cells listed', async () => {
    const { body } = await getJson(app, '/v1/concentration');
    expect(body).toMatchObject({ year: null, rankingYear: 2025 });
    const apart = body.data.filter((r: any) => !r.comparable).map((r: any) => [r.mineral, r.stage, r.year, r.rank]);
    expect(apart).toEqual([
      ['germanium', 'refining', 2022, null],
      ['tungsten', 'refining', null, null],
      ['manganese', 'refining', null, null],
      ['antimony', 'refining', null, null],
    ]);
    const germanium = body.data.find((r: any) => r.mineral === 'germanium');
    expect(germanium.reason).toBe(
      "2022 figures (the newest for germanium refining): another time than the ranking's 2025, so listed after the ranked rows and not ranked with them",
    );
    const tungstenApt = body.data.find((r: any) => r.mineral === 'tungsten' && r.stage === 'refining');
    expect(tungstenApt.reason).toMatch(
      /^country shares over EU CRM 2023 assessment period \(five-year average\) \(eu-crm-2023\), not one year's output/,
    );
    // Gallium refining 2025 leads: China 900 of the rows' 909 t (the printed 900 t is rounded) = 99.01 %, HHI 9,803.5.
    expect(body.data[0]).toMatchObject({ rank: 1, mineral: 'gallium', stage: 'refining', year: 2025, topShare: 99.01, hhi: 9803.5 });
    expect(body.insufficientData).toHaveLength(36);
    expect(body.insufficientData.find((r: any) => r.mineral === 'gallium' && r.stage === 'mining')).toMatchObject({ kind: 'by-product' });
  });

  it("gallium refining 2024 as MCS 2025 had it: China 750 of the rows' 762 t = 98.43 %, listed after the 2025 rows", async () => {
    const { body } = await getJson(app, '/v1/concentration?edition=usgs-mcs-2025');
    const gallium = body.data.find((r: any) => r.mineral === 'gallium' && r.stage === 'refining');
    expect(gallium).toMatchObject({ rank: null, year: 2024, topCountry: 'CHN', topShare: 98.43, comparable: false });
    // CHN 750, RUS 6, JPN 3, KOR 3 of 762: (750² + 6² + 3² + 3²) / 762² × 10,000 = 562,554 / 580,644 × 10,000 = 9,688.4
    expect(gallium.hhi).toBe(9688.4);
    expect(gallium.band2023).toBe('highly_concentrated');
    // The most concentrated stage overall, but not of the ranking's year: first among the rows listed apart.
    expect(body.data.slice(body.comparableTotal)[0]).toMatchObject({ mineral: 'gallium', stage: 'refining' });
  });

  it('?year=2022 scores 2022 only, all ranked, and lists the pairs without 2022 data (and every empty cell) as insufficient_data', async () => {
    const { status, body } = await getJson(app, '/v1/concentration?year=2022&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: 2022, rankingYear: 2022 });
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((r: any) => r.year === 2022 && r.comparable && r.rank !== null)).toBe(true);
    const pairs = stagesWithData();
    const with2022 = pairs.filter((p) => yearsWithData(p.mineral, p.stage).includes(2022));
    expect(body.data.map((r: any) => `${r.mineral}|${r.stage}`).sort()).toEqual(with2022.map((p) => `${p.mineral}|${p.stage}`).sort());
    const gaps = new Set(dataRows('stage_gaps.csv').map((gap) => `${gap.mineral}|${gap.stage}`));
    const newInMcs2026 = ['indium|refining', 'molybdenum|mining', 'tellurium|refining'];
    expect(body.insufficientData.map((r: any) => `${r.mineral}|${r.stage}`).sort()).toEqual(
      [...pairs.filter((p) => !with2022.includes(p)).map((p) => `${p.mineral}|${p.stage}`), ...gaps, ...newInMcs2026].sort(),
    );
    for (const row of body.insufficientData) {
      expect(row.status).toBe('insufficient_data');
      if (!gaps.has(`${row.mineral}|${row.stage}`) && row.kind !== 'not-in-edition') expect(row.reason).toMatch(/2022/);
    }
    // A stage known only as shares over a reference period says so, instead of "no data".
    const antimonySmelting = body.insufficientData.find((r: any) => r.mineral === 'antimony' && r.stage === 'refining');
    expect(antimonySmelting).toMatchObject({ kind: 'shares-only' });
    expect(antimonySmelting.reason).toMatch(/country shares over EU CRM 2023 assessment period/);
    const tungsten = body.data.find((r: any) => r.mineral === 'tungsten');
    // 2022: CHN 66,000 / WLD 79,800 = 82.71 %
    expect(tungsten.hhi).toBe(round(stageReference('tungsten', 'mining', 2022).hhi, 1));
    expect(tungsten.topShare).toBe(82.71);
  });

  it('?stage=mining keeps mining rows only', async () => {
    const { body } = await getJson(app, '/v1/concentration?stage=mining&edition=usgs-mcs-2025');
    const mining = stagesWithData().filter((p) => p.stage === 'mining');
    expect(body.total).toBe(mining.length);
    expect(body.data.every((r: any) => r.stage === 'mining')).toBe(true);
    expect(body.data.map((r: any) => r.mineral).sort()).toEqual(mining.map((p) => p.mineral).sort());
    expect(body.data[0]).toMatchObject({ rank: 1, mineral: 'tungsten', hhi: 6812.3 });
  });
});

describe('GET /v1/countries/{iso3}/dominance', () => {
  it('CHN, default minShare 25: every (mineral, stage) where China has ≥ 25 %, largest share first', async () => {
    const { status, body } = await getJson(app, '/v1/countries/CHN/dominance?edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ country: 'CHN', name: 'China', minShare: 25 });
    const shares = body.data.map((r: any) => r.share);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => b - a));
    expect(shares.every((s: number) => s >= 25)).toBe(true);

    const expected = stagesWithData()
      .map((p) => {
        const { ref } = defaultStageReference(p.mineral, p.stage);
        const china = ref.producers.find((x) => x.country === 'CHN');
        return china && china.share >= 25 ? `${p.mineral}|${p.stage}` : null;
      })
      .filter((key): key is string => key !== null)
      .sort();
    expect(body.data.map((r: any) => `${r.mineral}|${r.stage}`).sort()).toEqual(expected);
    expect(body.total).toBe(expected.length);

    const tungsten = body.data.find((r: any) => r.mineral === 'tungsten' && r.stage === 'mining');
    expect(tungsten).toMatchObject({ year: 2024, share: 82.31, tonnes: 67_000, rank: 1, hhi: 6812.3, worldTonnes: 81_400 });
    // APT from the EU CRM 2023 shares: a share, never tonnes.
    const apt = body.data.find((r: any) => r.mineral === 'tungsten' && r.stage === 'refining');
    expect(apt).toMatchObject({ year: null, measure: 'shares', share: 85.51, tonnes: null, worldTonnes: null, rank: 1, hhi: 7357.8 });
    expect(apt.period).toBe('EU CRM 2023 assessment period (five-year average)');
  });

  it('?minShare=90 keeps only shares of at least 90 %', async () => {
    const { body } = await getJson(app, '/v1/countries/CHN/dominance?minShare=90&edition=usgs-mcs-2025');
    expect(body.minShare).toBe(90);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((r: any) => r.share >= 90)).toBe(true);
    // gallium refining 2024 (MCS 2025) 750 / 762 = 98.43; graphite refining 2025 (IEA GCMO 2026) 2,139 / 2,266 kt = 94.40.
    // Rare-earth refining 2025 is 75 / 90 kt = 83.33, below 90 (it was 91.28 in the 2024 data explorer).
    expect(body.data.map((r: any) => [r.mineral, r.stage, r.year, r.share])).toEqual([
      ['gallium', 'refining', 2024, 98.43],
      ['graphite', 'refining', 2025, 94.4],
    ]);
  });

  it('?minShare= (empty) takes the default 25, not 0', async () => {
    const { status, body } = await getJson(app, '/v1/countries/CHN/dominance?minShare=&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.minShare).toBe(25);
    expect(body.data.every((r: any) => r.share >= 25)).toBe(true);
  });

  it('ranks China second where it is not the largest producer (nickel refining: Indonesia first)', async () => {
    const { body } = await getJson(app, '/v1/countries/CHN/dominance?edition=usgs-mcs-2025');
    const nickel = body.data.find((r: any) => r.mineral === 'nickel' && r.stage === 'refining');
    const ref = stageReference('nickel', 'refining', 2025);
    expect(ref.producers[0]!.country).toBe('IDN');
    // 2025 (IEA GCMO 2026): Indonesia 1,681 kt, China 1,160 of 3,729 kt = 31.11 %
    expect(nickel).toMatchObject({ year: 2025, rank: 2, share: round(shareOf(ref, 'CHN'), 2) });
    expect(nickel.share).toBe(31.11);
  });
});
