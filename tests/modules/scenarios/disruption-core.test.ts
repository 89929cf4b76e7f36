import { describe, expect, it } from 'vitest';
import { runDisruption, type DisruptionInput, type StageImpact } from '../../../src/scoring/index.js';

/** Published world totals are rounded: named rows can add up to more than the total (antimony 2024: 103,960 vs 100,000 t in MCS 2025). */
const overshooting: DisruptionInput = {
  mineral: 'antimony',
  year: 2024,
  stages: [
    {
      stage: 'mining',
      basis: 'sb-contained',
      worldTonnes: 100,
      producers: [
        { country: 'CHN', tonnes: 70 },
        { country: 'TJK', tonnes: 34 },
        { country: 'AUS', tonnes: 2 },
      ],
      otherTonnes: null,
      sourceIds: ['test'],
    },
  ],
  shocks: [{ countries: ['CHN', 'TJK'], stages: null, reduction: 1 }],
  importer: { code: 'USA', netImportReliance: 1, importShares: null, apparentConsumptionTonnes: null },
};

describe('runDisruption when the named rows exceed the rounded world total', () => {
  // CHN 70 + TJK 34 + AUS 2 = 106 against a published 100: shares and losses are taken of 106 (the one world-total rule).
  it("takes the loss of the rows' sum, so it can never pass 1, and shares out what the remaining producers still make", () => {
    const result = runDisruption(overshooting);
    if (result.status !== 'ok') throw new Error('expected ok');
    const stage = result.stages[0] as StageImpact;
    expect(stage.worldTotal).toEqual({ rule: 'reconciled', used: 106, published: 100, accounted: 106 });
    expect(stage.baselineTonnes).toBe(106);
    expect(stage.lostTonnes).toBe(104);
    expect(stage.grossLossShare).toBeCloseTo(104 / 106, 12);
    expect(stage.lossShare).toBeCloseTo(104 / 106, 12);
    expect(result.bindingLoss).toBeCloseTo(0.981132, 6);
    expect(result.importerImpact.consumptionAtRisk).toBeCloseTo(104 / 106, 12);
    expect(stage.topProducerAfter).toEqual({ country: 'AUS', share: 100 });
    expect(stage.hhiAfter).toBe(10_000);
  });

  it('never gives a remaining producer more than 100 %: TJK keeps 34 of the 36 t left', () => {
    const result = runDisruption({ ...overshooting, shocks: [{ countries: ['CHN'], stages: null, reduction: 1 }] });
    if (result.status !== 'ok') throw new Error('expected ok');
    const stage = result.stages[0] as StageImpact;
    expect(stage.lossShare).toBeCloseTo(70 / 106, 12);
    // Before the rule, 30 t were left "of the published 100" and TJK had 34 / 30 = 113.3 %.
    expect(stage.topProducerAfter?.country).toBe('TJK');
    expect(stage.topProducerAfter?.share).toBeCloseTo((100 * 34) / 36, 9);
    expect(stage.hhiAfter).toBeCloseTo(((34 ** 2 + 2 ** 2) / 36 ** 2) * 10_000, 9);
  });
});
