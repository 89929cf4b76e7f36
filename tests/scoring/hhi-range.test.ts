import { describe, expect, it } from 'vitest';
import { hhiRange } from '../../src/scoring/index.js';

describe('hhiRange: the HHI the published shares allow', () => {
  it('only the leading producer known (60 %): lower = 60², upper = 60² + 40², never one made-up number', () => {
    expect(hhiRange([60])).toEqual({ lower: 3600, upper: 3600 + 1600, exact: false });
  });

  it('shares that cover the world are exact (30/30/20/20 = 2,600, DOJ 2023)', () => {
    expect(hhiRange([30, 30, 20, 20])).toEqual({ lower: 2600, upper: 2600, exact: true });
  });

  it('a remainder capped at the reporting threshold splits into producers no larger than the cap', () => {
    // 99.7 named; 0.3 left among "<0.1%" producers: at most three of 0.1 each.
    const range = hhiRange([51.8, 47.9], { remainderCap: 0.1 });
    expect(range.lower).toBeCloseTo(51.8 ** 2 + 47.9 ** 2, 6);
    expect(range.upper).toBeCloseTo(range.lower + 3 * 0.01, 6);
    expect(range.exact).toBe(true);
  });
});
