import { describe, it, expect } from 'vitest';
import { runDisruption, summarizeScenario } from '../../src/scoring/index.js';
import type { DisruptionInput, DisruptionStageInput, Shock, StageImpact, StageOutcome } from '../../src/scoring/index.js';
import { expectOk } from './helpers.js';

const mining: DisruptionStageInput = {
  stage: 'mining',
  basis: 'contained metal',
  worldTonnes: 100_000,
  producers: [
    { country: 'CHN', tonnes: 60_000 },
    { country: 'TJK', tonnes: 20_000 },
    { country: 'RUS', tonnes: 10_000 },
  ],
  otherTonnes: 10_000,
  sourceIds: ['usgs-mcs-2025'],
};

const refining: DisruptionStageInput = {
  stage: 'refining',
  basis: 'refined metal',
  worldTonnes: 100_000,
  producers: [
    { country: 'CHN', tonnes: 80_000 },
    { country: 'BEL', tonnes: 10_000 },
  ],
  otherTonnes: 10_000,
  sourceIds: ['iea-2024'],
};

function scenario(shocks: Shock[], overrides: Partial<DisruptionInput> = {}): DisruptionInput {
  return {
    mineral: 'antimony',
    year: 2024,
    stages: [mining, refining],
    shocks,
    importer: { code: 'USA', netImportReliance: 0.85, importShares: null, apparentConsumptionTonnes: null },
    ...overrides,
  };
}

const stageNamed = (stages: StageOutcome[], name: string): StageImpact => expectOk(stages.find((s) => s.stage === name)!);

describe('runDisruption: per-stage accounting', () => {
  it('changes nothing when the reduction is 0', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: null, reduction: 0 }])));
    const stage = stageNamed(result.stages, 'mining');
    expect(stage.lostTonnes).toBe(0);
    expect(stage.lossShare).toBe(0);
    expect(stage.hhiAfter).toBeCloseTo(stage.hhiBefore, 9);
    expect(stage.topProducerAfter).toEqual(stage.topProducerBefore);
  });

  it('loses exactly half of the shocked tonnes at reduction 0.5', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: ['mining'], reduction: 0.5 }])));
    const stage = stageNamed(result.stages, 'mining');
    expect(stage.lostTonnes).toBe(30_000);
    expect(stage.lossShare).toBeCloseTo(0.3, 12);
    expect(stage.shocked).toEqual([{ country: 'CHN', reduction: 0.5, lostTonnes: 30_000 }]);
  });

  it('removing China (60,000 of 100,000 t) loses 0.6 and the next largest producer leads', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: ['mining'], reduction: 1 }])));
    const stage = stageNamed(result.stages, 'mining');
    expect(stage.lossShare).toBeCloseTo(0.6, 12);
    expect(stage.hhiBefore).toBeCloseTo(60 ** 2 + 20 ** 2 + 10 ** 2, 9); // 4,100
    expect(stage.topProducerBefore).toEqual({ country: 'CHN', share: 60 });
    // 40,000 t remain: TJK 50 %, RUS 25 %, China 0.
    expect(stage.topProducerAfter).toEqual({ country: 'TJK', share: 50 });
    expect(stage.hhiAfter).toBeCloseTo(50 ** 2 + 25 ** 2, 9); // 3,125
  });

  it('applies substitution to the loss and keeps substituted volume out of every named share', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: ['mining'], reduction: 1 }], { substitution: 0.5 })));
    const stage = stageNamed(result.stages, 'mining');
    expect(stage.grossLossShare).toBeCloseTo(0.6, 12);
    expect(stage.lossShare).toBeCloseTo(0.3, 12);
    expect(stage.substitutedTonnes).toBe(30_000);
    // 70,000 t of supply left, of which TJK 20,000 (200/7 %) and RUS 10,000 (100/7 %): 50,000/49 ≈ 1,020.4.
    expect(stage.hhiAfter).toBeCloseTo((200 / 7) ** 2 + (100 / 7) ** 2, 9);
    expect(result.assumptions[0]).toContain('50 %');
  });

  it('has no HHI after when a monopoly is cut off entirely', () => {
    const monopoly: DisruptionStageInput = { ...mining, worldTonnes: 100, producers: [{ country: 'CHN', tonnes: 100 }], otherTonnes: null };
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: null, reduction: 1 }], { stages: [monopoly] })));
    const stage = stageNamed(result.stages, 'mining');
    expect(stage.lossShare).toBe(1);
    expect(stage.hhiAfter).toBeNull();
    expect(stage.topProducerAfter).toBeNull();
    expect(result.chokepointAfter).toBeNull();
  });
});

describe('runDisruption: binding stage, chokepoint and alternatives', () => {
  it('binds at the stage where the shock hits the larger share', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: null, reduction: 1 }])));
    expect(result.bindingStage).toBe('refining');
    expect(result.bindingLoss).toBeCloseTo(0.8, 12);
    expect(result.chokepointBefore).toEqual({ stage: 'refining', hhi: 6500 });
  });

  it('breaks a tie in favour of the earlier stage whatever the input order', () => {
    const evenRefining: DisruptionStageInput = {
      ...refining,
      producers: [
        { country: 'CHN', tonnes: 60_000 },
        { country: 'BEL', tonnes: 40_000 },
      ],
    };
    const result = expectOk(
      runDisruption(scenario([{ countries: ['CHN'], stages: null, reduction: 1 }], { stages: [evenRefining, mining] })),
    );
    expect(result.bindingLoss).toBeCloseTo(0.6, 12);
    expect(result.bindingStage).toBe('mining');
  });

  it('lists unshocked producers at the binding stage as alternatives, largest first', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN', 'RUS'], stages: ['mining'], reduction: 1 }])));
    expect(result.bindingStage).toBe('mining');
    expect(result.alternatives).toEqual([{ country: 'TJK', share: 20, tonnes: 20_000 }]);
  });

  it('reports the stage with the highest HHI after the shock', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: ['refining'], reduction: 1 }])));
    // Refining after: BEL 10,000 of 20,000 t left → 50² = 2,500; mining unchanged at 4,100.
    expect(result.chokepointAfter?.stage).toBe('mining');
    expect(result.chokepointAfter?.hhi).toBeCloseTo(4100, 9);
  });
});

describe('runDisruption: importer impact', () => {
  it('uses import sources when given, with the largest reduction the country faces at any stage', () => {
    const result = expectOk(
      runDisruption(
        scenario(
          [
            { countries: ['CHN'], stages: ['mining'], reduction: 0.5 },
            { countries: ['CHN'], stages: ['refining'], reduction: 0.8 },
          ],
          {
            importer: {
              code: 'USA',
              netImportReliance: 0.85,
              importShares: [
                { country: 'CHN', share: 63 },
                { country: 'BEL', share: 10 },
              ],
              apparentConsumptionTonnes: null,
            },
          },
        ),
      ),
    );
    expect(result.importerImpact.consumptionAtRisk).toBeCloseTo(0.85 * 0.63 * 0.8, 12);
    expect(result.importerImpact).toMatchObject({ basis: 'import_sources', proxy: false, netImportRelianceAssumed: false });
  });

  it('falls back to the binding-stage world loss as a proxy', () => {
    const result = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: ['mining'], reduction: 1 }])));
    expect(result.importerImpact.consumptionAtRisk).toBeCloseTo(0.85 * 0.6, 12);
    expect(result.importerImpact).toMatchObject({ basis: 'world_supply_at_binding_stage', proxy: true });
    expect(result.assumptions.some((a) => a.includes('proxy'))).toBe(true);
  });

  it('takes unknown reliance as 1 in the proxy and notes it', () => {
    const result = expectOk(
      runDisruption(
        scenario([{ countries: ['CHN'], stages: ['mining'], reduction: 1 }], {
          importer: { code: 'USA', netImportReliance: null, importShares: null, apparentConsumptionTonnes: null },
        }),
      ),
    );
    expect(result.importerImpact.consumptionAtRisk).toBeCloseTo(0.6, 12);
    expect(result.importerImpact.netImportRelianceAssumed).toBe(true);
    expect(result.assumptions.some((a) => a.includes('unknown'))).toBe(true);
  });

  it('months of cover: 1,200 t against 24,000 t/yr with half at risk is 1.2 months', () => {
    const result = expectOk(
      runDisruption(
        scenario([{ countries: ['CHN'], stages: null, reduction: 1 }], {
          importer: { code: 'USA', netImportReliance: 1, importShares: [{ country: 'CHN', share: 50 }], apparentConsumptionTonnes: 24_000 },
          stockpileTonnes: 1_200,
        }),
      ),
    );
    expect(result.importerImpact.consumptionAtRisk).toBe(0.5);
    expect(result.importerImpact.monthsOfCover).toBeCloseTo(1.2, 12);
    expect(result.importerImpact.monthsOfCoverReason).toBeNull();
  });

  it('gives no months of cover, with a reason, when the stockpile is unknown or nothing is at risk', () => {
    const noStockpile = expectOk(runDisruption(scenario([{ countries: ['CHN'], stages: null, reduction: 1 }])));
    expect(noStockpile.importerImpact.monthsOfCover).toBeNull();
    expect(noStockpile.importerImpact.monthsOfCoverReason).toBe('no stockpile figure given');

    const nothingAtRisk = expectOk(
      runDisruption(
        scenario([{ countries: ['CHN'], stages: null, reduction: 0 }], {
          importer: { code: 'USA', netImportReliance: 0.85, importShares: null, apparentConsumptionTonnes: 24_000 },
          stockpileTonnes: 1_200,
        }),
      ),
    );
    expect(nothingAtRisk.importerImpact.monthsOfCover).toBeNull();
    expect(nothingAtRisk.importerImpact.monthsOfCoverReason).toBe('no consumption is at risk in this scenario');
  });
});

describe('runDisruption: missing data', () => {
  it('carries stages without data through and notes them', () => {
    const result = expectOk(
      runDisruption(
        scenario([{ countries: ['CHN'], stages: null, reduction: 1 }], {
          stages: [mining, { stage: 'metal', status: 'insufficient_data', reason: 'no metal production table' }],
        }),
      ),
    );
    expect(result.stages[1]).toEqual({ stage: 'metal', status: 'insufficient_data', reason: 'no metal production table' });
    expect(result.assumptions.some((a) => a.includes('metal'))).toBe(true);
    expect(result.bindingStage).toBe('mining');
  });

  it('is insufficient when no stage has data', () => {
    const result = runDisruption(
      scenario([{ countries: ['CHN'], stages: null, reduction: 1 }], {
        stages: [{ stage: 'mining', status: 'insufficient_data', reason: 'not tracked' }],
      }),
    );
    expect(result).toMatchObject({ status: 'insufficient_data', mineral: 'antimony', method: { id: 'disruption' } });
  });
});

describe('summarizeScenario', () => {
  it('ranks minerals by binding loss and puts those without data last', () => {
    const shock: Shock[] = [{ countries: ['CHN'], stages: null, reduction: 1 }];
    const antimony = runDisruption(scenario(shock));
    const gallium = runDisruption(
      scenario(shock, { mineral: 'gallium', stages: [{ ...mining, producers: [{ country: 'CHN', tonnes: 99_000 }], otherTonnes: 1_000 }] }),
    );
    const tungsten = runDisruption(
      scenario(shock, { mineral: 'tungsten', stages: [{ stage: 'mining', status: 'insufficient_data', reason: 'none' }] }),
    );
    const rows = summarizeScenario([tungsten, antimony, gallium]);
    expect(rows.map((r) => [r.rank, r.mineral, r.status])).toEqual([
      [1, 'gallium', 'ok'],
      [2, 'antimony', 'ok'],
      [3, 'tungsten', 'insufficient_data'],
    ]);
    expect(rows[0]!.bindingLoss).toBeCloseTo(0.99, 12);
    expect(rows[2]).toMatchObject({ bindingLoss: null, reason: 'no stage has production data' });
  });
});
