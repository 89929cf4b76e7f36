import { describe, it, expect } from 'vitest';
import { concentrationOf, herfindahl } from '../../src/scoring/index.js';
import { expectOk, producersWithTonnes } from './helpers.js';

const ofShares = (shares: number[]) =>
  expectOk(concentrationOf({ producers: producersWithTonnes(shares), otherTonnes: null, worldTonnes: 100 }));

describe('concentrationOf: published worked examples', () => {
  it('DOJ example 30/30/20/20 gives 2,600', () => {
    expect(ofShares([30, 30, 20, 20]).hhi).toBeCloseTo(2600, 9);
  });

  it('40/30/20/10 gives 3,000 with CR1 40 and CR3 90', () => {
    const result = ofShares([10, 40, 20, 30]);
    expect(result.hhi).toBeCloseTo(3000, 9);
    expect(result.cr1).toBeCloseTo(40, 9);
    expect(result.cr3).toBeCloseTo(90, 9);
    expect(result.top.country).toBe('C1');
  });

  it('a monopoly gives 10,000 and one equivalent supplier', () => {
    const result = ofShares([100]);
    expect(result.hhi).toBeCloseTo(10_000, 9);
    expect(result.equivalentSuppliers).toBeCloseTo(1, 12);
  });

  it('equivalent suppliers: four equal producers count as four, 30/30/20/20 as 10,000/2,600', () => {
    expect(ofShares([25, 25, 25, 25]).equivalentSuppliers).toBeCloseTo(4, 12);
    expect(ofShares([30, 30, 20, 20]).equivalentSuppliers).toBeCloseTo(3.846153846, 8);
  });

  it('herfindahl squares and sums percentage shares', () => {
    expect(herfindahl([50, 50])).toBe(5000);
    expect(herfindahl([])).toBe(0);
  });
});

describe('concentrationOf: remainder, withheld figures and world totals', () => {
  it('keeps the "Other countries" row out of the HHI but reports it as unallocated with an upper bound', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'CHN', tonnes: 60 },
          { country: 'RUS', tonnes: 20 },
        ],
        otherTonnes: 20,
        worldTonnes: 100,
      }),
    );
    expect(result.hhi).toBeCloseTo(4000, 9); // 60² + 20²
    expect(result.unallocatedShare).toBeCloseTo(20, 9);
    expect(result.hhiUpperBound).toBeCloseTo(4400, 9); // + 20²
    expect(result.namedShareTotal).toBeCloseTo(80, 9);
  });

  it('lists withheld producers and counts their output as unallocated', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'CHN', tonnes: 50 },
          { country: 'USA', tonnes: null, withheld: true },
          { country: 'AUS', tonnes: 30 },
        ],
        otherTonnes: null,
        worldTonnes: 100,
      }),
    );
    expect(result.withheld).toEqual(['USA']);
    expect(result.unreported).toEqual([]);
    expect(result.producers.map((p) => p.country)).toEqual(['CHN', 'AUS']);
    expect(result.hhi).toBeCloseTo(3400, 9);
    expect(result.unallocatedShare).toBeCloseTo(20, 9);
  });

  it('separates countries listed without a figure from withheld ones', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'CHN', tonnes: 10 },
          { country: 'MMR', tonnes: null },
        ],
        otherTonnes: null,
        worldTonnes: 20,
      }),
    );
    expect(result.unreported).toEqual(['MMR']);
    expect(result.withheld).toEqual([]);
  });

  it('sums the rows when no world total is published', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'CHN', tonnes: 30 },
          { country: 'TJK', tonnes: 10 },
        ],
        otherTonnes: 10,
        worldTonnes: null,
      }),
    );
    expect(result.worldTotal).toEqual({ rule: 'sum_of_rows', used: 50, published: null, accounted: 50 });
    expect(result.worldTonnes).toBe(50);
    expect(result.otherShare).toBeCloseTo(20, 9);
    expect(result.producers.map((p) => p.share)).toEqual([60, 20]);
    expect(result.unallocatedShare).toBeCloseTo(20, 9);
  });

  it('uses the published world total when there is one', () => {
    const result = expectOk(concentrationOf({ producers: [{ country: 'CHN', tonnes: 30 }], otherTonnes: 10, worldTonnes: 60 }));
    expect(result.worldTotal).toEqual({ rule: 'published', used: 60, published: 60, accounted: 40 });
    expect(result.cr1).toBeCloseTo(50, 9);
    // The gap between the rows and the total (withheld producers, rounding) is unallocated beside "Other countries".
    expect(result.otherShare).toBeCloseTo(16.667, 3);
    expect(result.unallocatedShare).toBeCloseTo(50, 9);
  });

  it("takes shares of the rows' sum when a rounded world total is below it (gallium 2025: 909 t named vs 900 t)", () => {
    // MCS 2026 gallium primary production 2025: China 900, Russia 6, Japan 3, "Other countries" 0; world 900.
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'CHN', tonnes: 900 },
          { country: 'RUS', tonnes: 6 },
          { country: 'JPN', tonnes: 3 },
        ],
        otherTonnes: 0,
        worldTonnes: 900,
      }),
    );
    expect(result.worldTotal).toEqual({ rule: 'reconciled', used: 909, published: 900, accounted: 909 });
    // (900/909)² + (6/909)² + (3/909)², in percent: 9,802.96 + 0.436 + 0.109 = 9,803.51
    expect(result.hhi).toBeCloseTo(((900 ** 2 + 6 ** 2 + 3 ** 2) / 909 ** 2) * 10_000, 9);
    expect(result.hhi).toBeCloseTo(9803.51, 2);
    expect(result.cr1).toBeCloseTo(99.0099, 4);
    expect(result.cr3).toBeCloseTo(100, 9);
    expect(result.namedShareTotal).toBeCloseTo(100, 9);
    expect(result.unallocatedShare).toBe(0);
    expect(result.otherShare).toBe(0);
    expect(result.hhiUpperBound).toBe(result.hhi);
  });

  it('counts the published "Other countries" in the reconciled total (cobalt mining 2025: 305,500 + 9,100 t vs 310,000 t)', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'COD', tonnes: 200_000 },
          { country: 'IDN', tonnes: 105_500 },
        ],
        otherTonnes: 9_100,
        worldTonnes: 310_000,
      }),
    );
    expect(result.worldTotal.rule).toBe('reconciled');
    expect(result.worldTonnes).toBe(314_600);
    // "Other" is 9,100 of 314,600 = 2.8926 %: the unallocated share, not 100 − 98.55 = 1.45 %.
    expect(result.otherShare).toBeCloseTo(2.8926, 4);
    expect(result.unallocatedShare).toBeCloseTo(2.8926, 4);
    expect(result.namedShareTotal + result.unallocatedShare).toBeCloseTo(100, 9);
  });

  it('keeps the published total when a sum passes it only by floating-point noise (shares printed to 0.1 adding up to 100.00000000000001)', () => {
    const shares = [10.5, 20.2, 30.1, 39.2];
    const result = expectOk(
      concentrationOf({ producers: shares.map((tonnes, i) => ({ country: `C${i}`, tonnes })), otherTonnes: null, worldTonnes: 100 }),
    );
    expect(result.worldTotal.rule).toBe('published');
    expect(result.worldTonnes).toBe(100);
  });

  it('sorts by share, breaks ties by country code and passes the data flags through', () => {
    const result = expectOk(
      concentrationOf({
        producers: [
          { country: 'USA', tonnes: 30, estimated: true },
          { country: 'AUS', tonnes: 30, lowerBound: true },
          { country: 'ZAF', tonnes: 40 },
        ],
        otherTonnes: null,
        worldTonnes: 100,
      }),
    );
    expect(result.producers).toEqual([
      { country: 'ZAF', tonnes: 40, share: 40, estimated: false, lowerBound: false },
      { country: 'AUS', tonnes: 30, share: 30, estimated: false, lowerBound: true },
      { country: 'USA', tonnes: 30, share: 30, estimated: true, lowerBound: false },
    ]);
  });

  it('stamps the result with the hhi method and both guideline bands', () => {
    const result = ofShares([30, 30, 20, 20]);
    expect(result.method).toEqual({ id: 'hhi', version: '1.1.0' });
    expect(result.bands.doj2023.band).toBe('highly_concentrated');
    expect(result.bands.hmg2010.band).toBe('highly_concentrated');
  });
});

describe('concentrationOf: insufficient data', () => {
  it('refuses when no producer is named', () => {
    const result = concentrationOf({ producers: [], otherTonnes: 50, worldTonnes: 100 });
    expect(result).toMatchObject({ status: 'insufficient_data', method: { id: 'hhi' } });
  });

  it('refuses when every named figure is withheld rather than reading them as zero', () => {
    const result = concentrationOf({
      producers: [{ country: 'USA', tonnes: null, withheld: true }],
      otherTonnes: null,
      worldTonnes: 100,
    });
    expect(result.status).toBe('insufficient_data');
  });

  it('never divides by a published world total of zero: the rows that exceed it are the total', () => {
    const result = expectOk(concentrationOf({ producers: [{ country: 'CHN', tonnes: 5 }], otherTonnes: null, worldTonnes: 0 }));
    expect(result.worldTotal).toEqual({ rule: 'reconciled', used: 5, published: 0, accounted: 5 });
    expect(result.cr1).toBe(100);
  });

  it('refuses negative or non-finite tonnes', () => {
    expect(concentrationOf({ producers: [{ country: 'CHN', tonnes: -1 }], otherTonnes: null, worldTonnes: 10 }).status).toBe(
      'insufficient_data',
    );
    expect(concentrationOf({ producers: [{ country: 'CHN', tonnes: 5 }], otherTonnes: Number.NaN, worldTonnes: null }).status).toBe(
      'insufficient_data',
    );
  });
});
