import { describe, expect, it } from 'vitest';
import { runDisruption, type DisruptionInput, type StageImpact } from '../../../src/scoring/index.js';

/** Published world totals are rounded: named rows can add up to more than the total (antimony 2024: 103,960 vs 100,000 t). */
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

describe('runDisruption when shocked rows exceed the rounded world total', () => {
  it('caps the loss share at 1 and shares out what the remaining producers still make', () => {
    const result = runDisruption(overshooting);
    if (result.status !== 'ok') throw new Error('expected ok');
    const stage = result.stages[0] as StageImpact;
    expect(stage.lostTonnes).toBe(104);
    expect(stage.grossLossShare).toBe(1);
    expect(stage.lossShare).toBe(1);
    expect(result.bindingLoss).toBe(1);
    expect(result.importerImpact.consumptionAtRisk).toBe(1);
    expect(stage.topProducerAfter).toEqual({ country: 'AUS', share: 100 });
    expect(stage.hhiAfter).toBe(10_000);
  });

  it('keeps the world-total denominator when the remainder is positive', () => {
    const result = runDisruption({ ...overshooting, shocks: [{ countries: ['CHN'], stages: null, reduction: 1 }] });
    if (result.status !== 'ok') throw new Error('expected ok');
    const stage = result.stages[0] as StageImpact;
    expect(stage.lossShare).toBeCloseTo(0.7, 12);
    // 30 t left of the published 100: TJK 34 / 30 → 113.3 % (rows overshoot the rounded total, as the assumptions say).
    expect(stage.topProducerAfter?.country).toBe('TJK');
    expect(stage.topProducerAfter?.share).toBeCloseTo((100 * 34) / 30, 9);
  });
});
