import { describe, it, expect } from 'vitest';
import { alignmentOf } from '../../src/scoring/index.js';
import { expectOk } from './helpers.js';

const antimonyLike = [
  { country: 'CHN', share: 60 },
  { country: 'TJK', share: 15 },
  { country: 'AUS', share: 10 },
  { country: 'CAN', share: 5 },
];

describe('alignmentOf', () => {
  it('splits output into inside, outside and unallocated, and merges the bloc for its HHI', () => {
    const result = expectOk(alignmentOf({ producers: antimonyLike, unallocatedShare: 10, members: new Set(['AUS', 'CAN', 'USA']) }));
    expect(result.insideShare).toBe(15);
    expect(result.outsideShare).toBe(75);
    expect(result.unallocatedShare).toBe(10);
    expect(result.largestNonMember).toEqual({ country: 'CHN', share: 60 });
    expect(result.blocHhi).toBe(15 ** 2 + 60 ** 2 + 15 ** 2); // 4,050
    expect(result.memberProducers.map((p) => p.country)).toEqual(['AUS', 'CAN']);
    expect(result.crmaBenchmark).toEqual({ maxSingleCountryShare: 65, passes: true, worstCountry: { country: 'CHN', share: 60 } });
    expect(result.method.id).toBe('bloc-alignment');
  });

  it('fails the CRMA benchmark above 65 % and passes at exactly 65 %', () => {
    const over = expectOk(alignmentOf({ producers: [{ country: 'CHN', share: 65.1 }], unallocatedShare: 34.9, members: new Set() }));
    expect(over.crmaBenchmark.passes).toBe(false);
    const at = expectOk(alignmentOf({ producers: [{ country: 'CHN', share: 65 }], unallocatedShare: 35, members: new Set() }));
    expect(at.crmaBenchmark.passes).toBe(true);
  });

  it('passes with no non-member producer and gives the bloc HHI of a single supplier', () => {
    const result = expectOk(
      alignmentOf({
        producers: [
          { country: 'AUS', share: 70 },
          { country: 'CAN', share: 30 },
        ],
        unallocatedShare: 0,
        members: new Set(['AUS', 'CAN']),
      }),
    );
    expect(result.largestNonMember).toBeNull();
    expect(result.crmaBenchmark.passes).toBe(true);
    expect(result.blocHhi).toBe(10_000);
  });

  it('is insufficient with no producers', () => {
    expect(alignmentOf({ producers: [], unallocatedShare: 100, members: new Set(['USA']) }).status).toBe('insufficient_data');
  });
});
