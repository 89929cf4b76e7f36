/**
 * Scenarios on a stage known only as country shares (EU CRM 2023, data/stage_shares.csv): what is computed (loss
 * share, HHI after, top producer after, alternatives by share) and what is not (tonnes), with the reason.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';

let app: FastifyInstance;
let antimony: any;

beforeAll(async () => {
  app = await buildTestApp();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/scenarios/disruption',
    payload: { minerals: ['antimony'], shocks: [{ countries: ['CHN'], reduction: 1 }], stockpile: { antimony: 2000 } },
  });
  expect(response.statusCode).toBe(200);
  antimony = response.json().results[0];
});

afterAll(async () => {
  await app.close();
});

const stageOf = (stage: string) => antimony.stages.find((entry: any) => entry.stage === stage);

describe('China stops supplying antimony (default view: MCS 2026 mining, EU CRM 2023 smelting shares)', () => {
  it("mining 2025 is annual tonnes: 40,000 of the rows' 110,720 t lost = 0.3613 (the printed 110,000 t is rounded below them)", () => {
    expect(stageOf('mining')).toMatchObject({
      status: 'ok',
      year: 2025,
      measure: 'tonnes',
      period: null,
      baselineTonnes: 110_720,
      lostTonnes: 40_000,
      lossShare: 0.3613,
      tonnesReason: null,
    });
  });

  it('smelting is the share table: loss share, HHI and top producer on shares; tonnes null with the reason', () => {
    // Shares: CHN 51.8, BEL 8.6, VNM 6.4, FRA 5.9, … (31 named, 37 below the 0.1 % threshold); Σ share² = 2,894.8.
    // After: the other 48.2 points renormalised to 100 → (2,894.8 − 51.8²) × (100 / 48.2)² = 211.56 × 4.3043 = 910.6;
    // Belgium 8.6 / 48.2 = 17.84 %.
    const smelting = stageOf('refining');
    expect(smelting).toMatchObject({
      status: 'ok',
      year: null,
      measure: 'shares',
      period: 'EU CRM 2023 assessment period (five-year average)',
      basis: 'sb-eu-processing',
      edition: 'eu-crm-2023',
      baselineTonnes: null,
      lostTonnes: null,
      substitutedTonnes: null,
      grossLossShare: 0.518,
      lossShare: 0.518,
      hhiBefore: 2894.8,
      hhiAfter: 910.6,
      topProducerBefore: { country: 'CHN', share: 51.8 },
      topProducerAfter: { country: 'BEL', share: 17.84 },
      shocked: [{ country: 'CHN', reduction: 1, lostTonnes: null }],
    });
    expect(smelting.tonnesReason).toMatch(/^known only as country shares of world supply over EU CRM 2023 assessment period/);
  });

  it('smelting binds (0.518 > 0.3613); alternatives come by share, without tonnes', () => {
    expect(antimony).toMatchObject({ status: 'ok', year: 2025, bindingStage: 'refining', bindingLoss: 0.518 });
    expect(antimony.alternatives[0]).toMatchObject({ country: 'BEL', share: 8.6, tonnes: null });
    expect(antimony.alternatives.every((entry: any) => entry.tonnes === null && entry.country !== 'CHN')).toBe(true);
  });

  it('says in the assumptions that the share table stands in for 2025 and why no tonnes', () => {
    expect(
      antimony.assumptions.some((text: string) => /At refining, no annual tonnes for 2025/.test(text) && /EU CRM 2023/.test(text)),
    ).toBe(true);
  });

  it('months of cover still follow from the importer’s own consumption (tonnes of U.S. apparent consumption), not the stage', () => {
    expect(antimony.importerImpact.monthsOfCover.months).not.toBeNull();
    expect(antimony.importerImpact.monthsOfCover.stockpileTonnes).toBe(2000);
  });
});

describe('the year anchors a scenario', () => {
  it('year=2020 (no antimony tonnes at any stage): insufficient_data, the smelting shares alone do not answer', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: { year: 2020, minerals: ['antimony'], shocks: [{ countries: ['CHN'], reduction: 1 }] },
    });
    expect(response.json().results[0]).toMatchObject({ status: 'insufficient_data', year: 2020 });
  });

  it('cobalt refining 2023 has no IEA tonnes that year: insufficient_data, never the EU shares in its place', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: { year: 2023, minerals: ['cobalt'], shocks: [{ countries: ['CHN'], reduction: 1 }] },
    });
    const refining = response.json().results[0].stages.find((s: any) => s.stage === 'refining');
    expect(refining).toMatchObject({ status: 'insufficient_data', reason: 'no refining production data for cobalt in 2023' });
  });
});
