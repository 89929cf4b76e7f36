import { describe, it, expect } from 'vitest';
import { governanceWeightedHhi, meanOfSix, scaleWgi } from '../../src/scoring/index.js';
import { expectOk } from './helpers.js';

describe('scaleWgi', () => {
  it.each([
    ['China', -0.333, 5.67],
    ['DR Congo', -1.6, 8.2],
    ['Australia', 1.492, 2.02],
  ])('%s: mean %d rescales to about %d (methodology §5)', (_country, mean, scaled) => {
    expect(scaleWgi(mean)).toBeCloseTo(scaled, 2);
  });

  it('maps the ends of the WGI range to 10 (worst) and 0 (best)', () => {
    expect(scaleWgi(-2.5)).toBe(10);
    expect(scaleWgi(2.5)).toBe(0);
  });
});

describe('meanOfSix', () => {
  // China 2022, World Bank WGI release with data through 2022.
  const china2022 = { VA: -1.6096, PV: -0.4411, GE: 0.495, RQ: -0.4184, RL: -0.0414, CC: 0.016 };

  it('averages the six estimates (China 2022 → −0.333, scaled 5.67)', () => {
    const mean = meanOfSix(china2022);
    expect(mean).toBeCloseTo(-0.33325, 5);
    expect(scaleWgi(mean!)).toBeCloseTo(5.6665, 4);
  });

  it('returns null when any indicator is missing', () => {
    const { CC: _dropped, ...fiveIndicators } = china2022;
    expect(meanOfSix(fiveIndicators)).toBeNull();
    expect(meanOfSix({ ...china2022, RL: null })).toBeNull();
  });
});

describe('governanceWeightedHhi', () => {
  it('weights squared fractional shares by WGI and trade factor, leaving out countries without WGI', () => {
    const result = expectOk(
      governanceWeightedHhi({
        shares: [
          { country: 'CHN', share: 60 },
          { country: 'AUS', share: 30 },
          { country: 'XKX', share: 10 },
        ],
        wgiScaled: { CHN: 5.67, AUS: 2.02 },
        tradeFactor: { CHN: 1.1 },
      }),
    );
    // 0.6² × 5.67 × 1.1 = 2.24532 ; 0.3² × 2.02 × 1 = 0.1818
    expect(result.hhiWgi).toBeCloseTo(2.42712, 10);
    expect(result.contributions.map((c) => [c.country, c.tradeFactor])).toEqual([
      ['CHN', 1.1],
      ['AUS', 1],
    ]);
    expect(result.contributions[0]!.contribution).toBeCloseTo(2.24532, 10);
    expect(result.missingGovernance).toEqual({ countries: ['XKX'], combinedShare: 10 });
    expect(result.method.id).toBe('hhi-wgi');
  });

  it('reproduces DR Congo’s contribution to cobalt 2023 global supply (0.628² × 8.11 × 1.1 ≈ 3.52)', () => {
    const result = expectOk(
      governanceWeightedHhi({ shares: [{ country: 'COD', share: 62.8 }], wgiScaled: { COD: 8.11 }, tradeFactor: { COD: 1.1 } }),
    );
    expect(result.hhiWgi).toBeCloseTo(3.52, 2);
  });

  it('reaches 10 for a monopoly in the worst-governed country', () => {
    expect(expectOk(governanceWeightedHhi({ shares: [{ country: 'A', share: 100 }], wgiScaled: { A: 10 } })).hhiWgi).toBe(10);
  });

  it('is insufficient when no supplier has a WGI score', () => {
    const result = governanceWeightedHhi({ shares: [{ country: 'XKX', share: 100 }], wgiScaled: {} });
    expect(result).toMatchObject({ status: 'insufficient_data', method: { id: 'hhi-wgi' } });
  });

  it('does not mistake prototype keys for WGI scores', () => {
    const result = governanceWeightedHhi({ shares: [{ country: 'constructor', share: 100 }], wgiScaled: {} });
    expect(result.status).toBe('insufficient_data');
  });
});
