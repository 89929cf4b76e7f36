import { describe, it, expect } from 'vitest';
import { sharesOfCoveredPartners } from '../../src/scoring/index.js';

describe('sharesOfCoveredPartners', () => {
  it('shares each valued partner of the covered total and gives the HHI of those shares', () => {
    const result = sharesOfCoveredPartners([
      { partner: 'CHN', valueUsd: 500 },
      { partner: 'BEL', valueUsd: 300 },
      { partner: 'MEX', valueUsd: 200 },
    ]);
    expect(result.totalUsd).toBe(1000);
    expect(result.shares.map((row) => [row.partner, row.shareOfCoveredPartnersPct])).toEqual([
      ['CHN', 50],
      ['BEL', 30],
      ['MEX', 20],
    ]);
    // 50² + 30² + 20² = 3,800
    expect(result.hhi).toBe(3800);
    expect(result.withoutValue).toEqual([]);
  });

  it('leaves a partner without a value out of the total and the HHI, and names it; no value at all is no HHI, not zero', () => {
    const result = sharesOfCoveredPartners([
      { partner: 'CHN', valueUsd: 900 },
      { partner: 'IND', valueUsd: null },
      { partner: 'VNM', valueUsd: 100 },
    ]);
    expect(result.totalUsd).toBe(1000);
    expect(result.shares.find((row) => row.partner === 'IND')).toBeUndefined();
    expect(result.hhi).toBe(8200);
    expect(result.withoutValue).toEqual(['IND']);

    const empty = sharesOfCoveredPartners([{ partner: 'IND', valueUsd: null }]);
    expect(empty.hhi).toBeNull();
    expect(empty.withoutValue).toEqual(['IND']);
  });
});
