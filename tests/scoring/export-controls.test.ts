import { describe, expect, it } from 'vitest';
import {
  controlledShareOf,
  importerExposureOf,
  measureStatus,
  type Measure,
  type MeasureOnDate,
} from '../../src/scoring/export-controls.js';

function measure(overrides: Partial<Measure> & { id: string }): Measure {
  return {
    imposingCountry: 'AAA',
    measure: 'licence-requirement',
    target: 'all',
    endUsers: null,
    minerals: ['antimony'],
    stages: ['mining'],
    announced: '2024-01-10',
    effective: '2024-02-01',
    ends: null,
    lifted: null,
    suspends: null,
    replacedBy: null,
    ...overrides,
  };
}

const base = measure({ id: 'base' });
const suspension = measure({
  id: 'pause',
  measure: 'suspension',
  suspends: 'base',
  stages: [],
  announced: '2025-01-01',
  effective: '2025-01-05',
  ends: '2025-06-30',
});

describe('measureStatus', () => {
  const all = [base, suspension];
  const at = (asOf: string, measures: Measure[] = all, subject: Measure = base) => measureStatus(subject, measures, asOf);

  it('follows a measure from before its announcement to after its suspension ends', () => {
    expect(at('2024-01-09')).toMatchObject({ status: 'not-announced', bites: 'no', until: '2024-01-10' });
    expect(at('2024-01-10')).toMatchObject({ status: 'announced', bites: 'no', since: '2024-01-10', until: '2024-02-01' });
    expect(at('2024-02-01')).toMatchObject({ status: 'in-force', bites: 'yes', since: '2024-02-01' });
    expect(at('2025-01-05')).toMatchObject({ status: 'suspended', bites: 'no', by: 'pause', since: '2025-01-05', until: '2025-06-30' });
    // The scheduled end is the last day of the suspension.
    expect(at('2025-06-30')).toMatchObject({ status: 'suspended' });
    expect(at('2025-07-01')).toEqual({
      status: 'suspension-ended',
      bites: 'unknown',
      since: '2025-06-30',
      until: null,
      by: 'pause',
      detail: 'suspension ended 2025-06-30; no later measure recorded',
    });
  });

  it('a later suspension (an extension) keeps the measure suspended', () => {
    const extension = measure({
      id: 'pause-2',
      measure: 'suspension',
      suspends: 'base',
      stages: [],
      announced: '2025-06-20',
      effective: '2025-07-01',
      ends: '2025-12-31',
    });
    expect(at('2025-08-01', [base, suspension, extension])).toMatchObject({ status: 'suspended', by: 'pause-2', until: '2025-12-31' });
  });

  it('a suspension lifted before its end puts the measure back in force', () => {
    const lifted = { ...suspension, lifted: '2025-03-01' };
    expect(at('2025-04-01', [base, lifted])).toMatchObject({ status: 'in-force', bites: 'yes' });
  });

  it('reports lifted, expired and superseded measures', () => {
    expect(at('2024-06-01', [{ ...base, lifted: '2024-05-01' }], { ...base, lifted: '2024-05-01' })).toMatchObject({
      status: 'lifted',
      since: '2024-05-01',
    });
    const timed = { ...base, ends: '2024-03-31' };
    expect(at('2024-03-31', [timed], timed)).toMatchObject({ status: 'in-force', until: '2024-03-31' });
    expect(at('2024-04-01', [timed], timed)).toMatchObject({ status: 'expired', bites: 'no' });
    const successor = measure({ id: 'list', announced: '2024-05-01', effective: '2024-06-01' });
    const old = { ...base, replacedBy: 'list' };
    expect(at('2024-05-31', [old, successor], old)).toMatchObject({ status: 'in-force' });
    expect(at('2024-06-01', [old, successor], old)).toMatchObject({ status: 'superseded', by: 'list', since: '2024-06-01' });
    const undatedSuccessor = measure({ id: 'list', announced: null, effective: null });
    expect(at('2024-06-01', [old, undatedSuccessor], old)).toMatchObject({ status: 'superseded-date-unknown', bites: 'unknown' });
  });

  it('never guesses a missing date', () => {
    const undated = measure({ id: 'u', announced: null, effective: null });
    expect(at('2030-01-01', [undated], undated)).toMatchObject({ status: 'undated', bites: 'unknown' });
    const noEffect = measure({ id: 'n', effective: null });
    expect(at('2030-01-01', [noEffect], noEffect)).toMatchObject({
      status: 'announced-date-unknown',
      bites: 'unknown',
      since: '2024-01-10',
    });
  });

  it('a suspension that starts before the measure takes effect suspends it from its own first day', () => {
    const late = measure({ id: 'late', announced: '2025-10-09', effective: '2025-11-08' });
    const early = measure({
      id: 'early',
      measure: 'suspension',
      suspends: 'late',
      stages: [],
      announced: '2025-11-07',
      effective: '2025-11-07',
      ends: '2026-11-10',
    });
    expect(at('2025-11-07', [late, early], late)).toMatchObject({ status: 'suspended', by: 'early' });
    expect(at('2026-12-02', [late, early], late)).toMatchObject({
      status: 'suspension-ended',
      detail: 'suspension ended 2026-11-10; no later measure recorded',
    });
  });
});

function onDate(m: Measure, bites: 'yes' | 'no' | 'unknown', countries = [m.imposingCountry]): MeasureOnDate {
  return {
    measure: m,
    status: {
      status: bites === 'yes' ? 'in-force' : bites === 'no' ? 'expired' : 'suspension-ended',
      bites,
      since: null,
      until: null,
      by: null,
      detail: '',
    },
    countries,
  };
}

describe('controlledShareOf', () => {
  const producers = [
    { country: 'AAA', share: 60 },
    { country: 'BBB', share: 25 },
    { country: 'CCC', share: 10 },
  ];

  it('sums the shares of producers under an every-destination measure in force; targeted measures go to byTarget', () => {
    const licence = measure({ id: 'licence' });
    const usBan = measure({ id: 'us-ban', measure: 'destination-ban', target: 'USA' });
    const bBan = measure({ id: 'b-ban', imposingCountry: 'BBB', measure: 'export-ban' });
    const cUnknown = measure({ id: 'c', imposingCountry: 'CCC' });
    const techOnly = measure({ id: 'tech', imposingCountry: 'CCC', measure: 'technology-control' });
    const result = controlledShareOf({
      producers,
      mineral: 'antimony',
      stage: 'mining',
      measures: [onDate(licence, 'yes'), onDate(usBan, 'yes'), onDate(bBan, 'yes'), onDate(cUnknown, 'unknown'), onDate(techOnly, 'yes')],
    });
    // AAA 60 (licence) + BBB 25 (export ban) = 85; CCC's only measure has unknown status: 10 apart.
    expect(result.controlledShare).toBe(85);
    expect(result.unknownShare).toBe(10);
    expect(result.byTarget).toEqual([
      { target: 'all', share: 85, unknownShare: 10 },
      { target: 'USA', share: 60, unknownShare: 0 },
    ]);
    expect(result.byType).toEqual([
      { measure: 'destination-ban', share: 60 },
      { measure: 'export-ban', share: 25 },
      { measure: 'licence-requirement', share: 60 },
    ]);
    expect(result.countries.map((c) => [c.country, c.inForce, c.unknown])).toEqual([
      ['AAA', ['licence', 'us-ban'], []],
      ['BBB', ['b-ban'], []],
      ['CCC', [], ['c']],
    ]);
  });

  it('ignores measures on other minerals or stages, and measures not in force', () => {
    const other = measure({ id: 'other', minerals: ['gallium'] });
    const refining = measure({ id: 'refining', stages: ['refining'] });
    const expired = measure({ id: 'expired' });
    const result = controlledShareOf({
      producers,
      mineral: 'antimony',
      stage: 'mining',
      measures: [onDate(other, 'yes'), onDate(refining, 'yes'), onDate(expired, 'no')],
    });
    expect(result).toMatchObject({ controlledShare: 0, unknownShare: 0, countries: [] });
  });

  it('a union’s measure governs its members', () => {
    const union = measure({ id: 'eu', imposingCountry: 'EUU' });
    const result = controlledShareOf({ producers, mineral: 'antimony', stage: 'mining', measures: [onDate(union, 'yes', ['BBB', 'CCC'])] });
    expect(result.controlledShare).toBe(35);
  });
});

describe('importerExposureOf', () => {
  it('counts bans naming the importer as targeted, any applying measure as restricted', () => {
    const usBan = measure({ id: 'us-ban', measure: 'destination-ban', target: 'USA' });
    const licence = measure({ id: 'licence', imposingCountry: 'BBB' });
    const japan = measure({ id: 'jp', imposingCountry: 'CCC', measure: 'destination-ban', target: 'JPN' });
    const result = importerExposureOf({
      importer: 'USA',
      mineral: 'antimony',
      imports: [
        { country: 'AAA', sharePct: 76 },
        { country: 'BBB', sharePct: 11 },
        { country: 'CCC', sharePct: 6 },
      ],
      measures: [onDate(usBan, 'yes'), onDate(licence, 'yes'), onDate(japan, 'yes')],
    });
    expect(result.targetedShare).toBe(76);
    expect(result.restrictedShare).toBe(87);
    expect(result.suppliers[2]).toEqual({ country: 'CCC', sharePct: 6, inForce: [], targeting: [], unknown: [] });
  });
});
