import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { concentrationOf } from '../../src/scoring/index.js';
import { expectOk, producersWithTonnes } from './helpers.js';

const tonnesList = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 25 });
const hhiOf = (tonnes: number[], otherTonnes: number | null = null, worldTonnes: number | null = null) =>
  expectOk(concentrationOf({ producers: producersWithTonnes(tonnes), otherTonnes, worldTonnes })).hhi;

describe('concentrationOf: properties', () => {
  it('stays within [10,000/n, 10,000] when n named producers make up the whole total', () => {
    fc.assert(
      fc.property(tonnesList, (tonnes) => {
        const hhi = hhiOf(tonnes);
        expect(hhi).toBeGreaterThanOrEqual(10_000 / tonnes.length - 1e-6);
        expect(hhi).toBeLessThanOrEqual(10_000 + 1e-6);
      }),
    );
  });

  it('does not depend on the order of the producers', () => {
    const listAndShuffle = tonnesList.chain((tonnes) =>
      fc.tuple(
        fc.constant(tonnes),
        fc.shuffledSubarray(
          tonnes.map((t, i) => ({ country: `C${i}`, tonnes: t })),
          { minLength: tonnes.length },
        ),
      ),
    );
    fc.assert(
      fc.property(listAndShuffle, ([tonnes, shuffled]) => {
        const reordered = expectOk(concentrationOf({ producers: shuffled, otherTonnes: null, worldTonnes: null }));
        expect(reordered.hhi).toBeCloseTo(hhiOf(tonnes), 6);
      }),
    );
  });

  it('never falls when two producers merge', () => {
    const atLeastTwo = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 25 });
    fc.assert(
      fc.property(atLeastTwo, fc.option(fc.integer({ min: 0, max: 1_000_000 })), (tonnes, other) => {
        const [first, second, ...rest] = tonnes as [number, number, ...number[]];
        const merged = [first + second, ...rest];
        expect(hhiOf(merged, other)).toBeGreaterThanOrEqual(hhiOf(tonnes, other) - 1e-6);
      }),
    );
  });

  it('has an upper bound at least as large as the HHI', () => {
    fc.assert(
      fc.property(
        tonnesList,
        fc.option(fc.integer({ min: 0, max: 1_000_000 })),
        fc.option(fc.integer({ min: 1, max: 50_000_000 })),
        (tonnes, other, world) => {
          const result = expectOk(concentrationOf({ producers: producersWithTonnes(tonnes), otherTonnes: other, worldTonnes: world }));
          expect(result.hhiUpperBound).toBeGreaterThanOrEqual(result.hhi);
        },
      ),
    );
  });

  it('gives equivalent suppliers × HHI = 10,000', () => {
    fc.assert(
      fc.property(tonnesList, fc.option(fc.integer({ min: 0, max: 1_000_000 })), (tonnes, other) => {
        const result = expectOk(concentrationOf({ producers: producersWithTonnes(tonnes), otherTonnes: other, worldTonnes: null }));
        expect(result.equivalentSuppliers * result.hhi).toBeCloseTo(10_000, 6);
      }),
    );
  });
});
