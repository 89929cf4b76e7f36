import { describe, it, expect } from 'vitest';
import { euSupplyRisk } from '../../src/scoring/index.js';
import { expectOk } from './helpers.js';

describe('euSupplyRisk: EU 2017 reproductions (Table 18 inputs)', () => {
  it('cobalt 2017: [3.6 × 0.16 + 1.3 × 0.84] × 1 × 1 = 1.668 (published 1.6)', () => {
    const result = expectOk(
      euSupplyRisk({
        globalHhiWgi: 3.6,
        euSourcingHhiWgi: 1.3,
        importReliance: 0.32,
        endOfLifeRecyclingInputRate: 0,
        substitutionIndex: 1.0,
      }),
    );
    expect(result.supplyRisk).toBeCloseTo(1.668, 10);
    expect(result.supplyRisk).toBeCloseTo(1.67, 2);
    expect(result.breakdown).toMatchObject({ scope: 'GS+EU', recyclingFactor: 1, substitutionFactor: 1 });
    expect(result.breakdown.weightGlobal).toBeCloseTo(0.16, 12);
    expect(result.breakdown.weightEu).toBeCloseTo(0.84, 12);
    expect(result.breakdown.globalComponent).toBeCloseTo(0.576, 12);
    expect(result.breakdown.euComponent).toBeCloseTo(1.092, 12);
    expect(result.aboveThreshold).toBe(true);
  });

  it('tungsten 2017: [7.5 × 0.22 + 1.9 × 0.78] × 0.58 ≈ 1.82 (published 1.8)', () => {
    const result = expectOk(
      euSupplyRisk({
        globalHhiWgi: 7.5,
        euSourcingHhiWgi: 1.9,
        importReliance: 0.44,
        endOfLifeRecyclingInputRate: 0.42,
        substitutionIndex: 1.0,
      }),
    );
    expect(result.supplyRisk).toBeCloseTo(1.81656, 10);
    expect(result.breakdown.recyclingFactor).toBeCloseTo(0.58, 12);
  });

  it('tungsten on global supply only: 7.5 × 0.58 = 4.35', () => {
    const result = expectOk(
      euSupplyRisk({
        globalHhiWgi: 7.5,
        euSourcingHhiWgi: null,
        importReliance: 0.44,
        endOfLifeRecyclingInputRate: 0.42,
        substitutionIndex: 1.0,
      }),
    );
    expect(result.supplyRisk).toBeCloseTo(4.35, 10);
    expect(result.breakdown).toMatchObject({ scope: 'GS only', weightGlobal: 1, weightEu: 0, euComponent: 0 });
  });
});

describe('euSupplyRisk: weighting rules and threshold', () => {
  const base = { globalHhiWgi: 4, euSourcingHhiWgi: 2, endOfLifeRecyclingInputRate: 0, substitutionIndex: 1 };

  it('treats negative import reliance as 0, so only EU sourcing counts', () => {
    const result = expectOk(euSupplyRisk({ ...base, importReliance: -0.3 }));
    expect(result.breakdown.importRelianceUsed).toBe(0);
    expect(result.supplyRisk).toBe(2);
  });

  it('weighs global supply and EU sourcing half each at full import reliance', () => {
    expect(expectOk(euSupplyRisk({ ...base, importReliance: 1 })).supplyRisk).toBe(3);
  });

  it('counts a score of exactly 1.0 as at the critical threshold, and just below as not', () => {
    const atOne = expectOk(euSupplyRisk({ ...base, globalHhiWgi: 1, euSourcingHhiWgi: null, importReliance: 0.5 }));
    expect(atOne.supplyRisk).toBe(1);
    expect(atOne.aboveThreshold).toBe(true);
    const below = expectOk(euSupplyRisk({ ...base, globalHhiWgi: 0.99, euSourcingHhiWgi: null, importReliance: 0.5 }));
    expect(below.aboveThreshold).toBe(false);
    expect(below.criticalThreshold).toBe(1);
  });

  it('is insufficient when an input is not a number', () => {
    const result = euSupplyRisk({ ...base, importReliance: Number.NaN });
    expect(result).toMatchObject({ status: 'insufficient_data', method: { id: 'eu-supply-risk' } });
  });
});
