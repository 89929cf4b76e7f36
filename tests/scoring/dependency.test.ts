import { describe, it, expect } from 'vitest';
import { dependencyIndex, exposureToSupplier, importSourceConcentration } from '../../src/scoring/index.js';
import { expectOk } from './helpers.js';

describe('importSourceConcentration', () => {
  it('computes HHI over listed shares and reports the unlisted remainder', () => {
    const result = expectOk(
      importSourceConcentration([
        { country: 'BEL', sharePct: 10, rank: 3 },
        { country: 'CHN', sharePct: 63, rank: 1 },
        { country: 'IND', sharePct: 12, rank: 2 },
      ]),
    );
    expect(result.hhi).toBeCloseTo(63 ** 2 + 12 ** 2 + 10 ** 2, 9); // 4,213
    expect(result.unlistedShare).toBeCloseTo(15, 9);
    expect(result.hhiUpperBound).toBeCloseTo(4213 + 225, 9);
    expect(result.topSupplier).toEqual({ country: 'CHN', share: 63 });
    expect(result.method.id).toBe('import-dependency');
  });

  it('computes over the quantified sources and lists rank-only ones', () => {
    const result = expectOk(
      importSourceConcentration([
        { country: 'CHN', sharePct: 50, rank: 1 },
        { country: 'MEX', sharePct: null, rank: 3 },
        { country: 'IND', sharePct: null, rank: 2 },
      ]),
    );
    expect(result.hhi).toBe(2500);
    expect(result.unlistedShare).toBe(50);
    expect(result.rankOnly).toEqual(['IND', 'MEX']);
  });

  it('is insufficient when sources come in rank order only', () => {
    expect(importSourceConcentration([{ country: 'CHN', sharePct: null, rank: 1 }])).toMatchObject({
      status: 'insufficient_data',
      reason: 'import sources given as rank order only',
    });
  });

  it('is insufficient with no sources at all', () => {
    expect(importSourceConcentration([]).status).toBe('insufficient_data');
  });
});

describe('dependencyIndex', () => {
  it('multiplies trade exposure by governance-weighted concentration scaled to 0–1', () => {
    const result = expectOk(
      dependencyIndex({
        netImportReliance: 0.85,
        worldShares: [
          { country: 'CHN', share: 60 },
          { country: 'TJK', share: 20 },
          { country: 'XKX', share: 5 },
        ],
        wgiScaled: { CHN: 5.67, TJK: 7.34 },
      }),
    );
    // DP = 0.36 × 0.567 + 0.04 × 0.734 = 0.20412 + 0.02936 = 0.23348
    expect(result.disruptionPotential).toBeCloseTo(0.23348, 10);
    expect(result.tradeExposure).toBe(0.85);
    expect(result.index).toBeCloseTo(0.85 * 0.23348, 10);
    expect(result.contributions[0]).toMatchObject({ country: 'CHN' });
    expect(result.contributions[0]!.contribution).toBeCloseTo(0.20412, 10);
    expect(result.missingGovernance).toEqual({ countries: ['XKX'], combinedShare: 5 });
    expect(result.caveats.join(' ')).toMatch(/WGI/);
  });

  it('reaches 1 at full reliance on a monopoly in the worst-governed country', () => {
    const result = expectOk(dependencyIndex({ netImportReliance: 1, worldShares: [{ country: 'A', share: 100 }], wgiScaled: { A: 10 } }));
    expect(result.index).toBe(1);
  });

  it('counts a net exporter as zero exposure and says so', () => {
    const result = expectOk(dependencyIndex({ netImportReliance: -0.2, worldShares: [{ country: 'A', share: 100 }], wgiScaled: { A: 5 } }));
    expect(result.tradeExposure).toBe(0);
    expect(result.index).toBe(0);
    expect(result.caveats.some((c) => c.includes('Net exporter'))).toBe(true);
  });

  it('is insufficient when net import reliance is unknown', () => {
    const result = dependencyIndex({ netImportReliance: null, worldShares: [{ country: 'A', share: 100 }], wgiScaled: { A: 5 } });
    expect(result).toMatchObject({ status: 'insufficient_data', reason: 'net import reliance is unknown' });
  });

  it('is insufficient when no producer has a WGI score', () => {
    const result = dependencyIndex({ netImportReliance: 0.5, worldShares: [{ country: 'A', share: 100 }], wgiScaled: {} });
    expect(result).toMatchObject({ status: 'insufficient_data', method: { id: 'import-dependency' } });
  });
});

describe('exposureToSupplier', () => {
  it('antimony and China: direct 0.85 × 63 % = 0.5355, upstream 60 % of mining wins', () => {
    const result = expectOk(
      exposureToSupplier({
        supplier: 'CHN',
        netImportReliance: 0.85,
        supplierImportShare: 63,
        stageShares: [{ stage: 'mining', share: 60 }],
      }),
    );
    expect(result.direct).toBeCloseTo(0.5355, 12);
    expect(result.upstream).toEqual({ stage: 'mining', exposure: 0.6 });
    expect(result.effectiveExposure).toBeCloseTo(0.6, 12);
    expect(result.drivenBy).toBe('upstream');
    expect(result.method.id).toBe('supplier-exposure');
  });

  it('takes the most exposed stage, the earlier one on ties', () => {
    const result = expectOk(
      exposureToSupplier({
        supplier: 'CHN',
        netImportReliance: null,
        supplierImportShare: null,
        stageShares: [
          { stage: 'metal', share: 80 },
          { stage: 'refining', share: 80 },
          { stage: 'mining', share: 40 },
          { stage: 'component', share: null },
        ],
      }),
    );
    expect(result.upstream).toEqual({ stage: 'refining', exposure: 0.8 });
    expect(result.direct).toBeNull();
    expect(result.drivenBy).toBe('upstream');
  });

  it('lets the direct view win ties and stand alone when no stage shares are known', () => {
    const tie = expectOk(
      exposureToSupplier({ supplier: 'CHN', netImportReliance: 1, supplierImportShare: 50, stageShares: [{ stage: 'mining', share: 50 }] }),
    );
    expect(tie.drivenBy).toBe('direct');
    const directOnly = expectOk(exposureToSupplier({ supplier: 'CHN', netImportReliance: 0.5, supplierImportShare: 40, stageShares: [] }));
    expect(directOnly).toMatchObject({ direct: 0.2, upstream: null, effectiveExposure: 0.2, drivenBy: 'direct' });
  });

  it('is insufficient when both views are missing', () => {
    const result = exposureToSupplier({
      supplier: 'CHN',
      netImportReliance: 0.85,
      supplierImportShare: null,
      stageShares: [{ stage: 'mining', share: null }],
    });
    expect(result.status).toBe('insufficient_data');
  });
});
