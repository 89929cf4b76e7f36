import { describe, it, expect } from 'vitest';
import { METHODS, getMethod } from '../../src/scoring/index.js';

const EXPECTED_IDS = [
  'hhi',
  'hhi-wgi',
  'eu-supply-risk',
  'import-dependency',
  'supplier-exposure',
  'bloc-alignment',
  'chokepoint',
  'disruption',
  'export-controls',
];

describe('method catalogue', () => {
  it('holds each method exactly once at version 1.1.0 (the world-total rule changed every share)', () => {
    expect(METHODS.map((m) => m.id).sort()).toEqual([...EXPECTED_IDS].sort());
    expect(new Set(METHODS.map((m) => m.version))).toEqual(new Set(['1.1.0']));
  });

  it('documents every method with a formula, variables, references and caveats', () => {
    for (const method of METHODS) {
      expect(method.formula.length, method.id).toBeGreaterThan(10);
      expect(method.variables.length, method.id).toBeGreaterThan(0);
      expect(method.references.length, method.id).toBeGreaterThan(0);
      expect(method.caveats.length, method.id).toBeGreaterThan(0);
    }
  });

  it('states the thresholds the scoring code uses', () => {
    expect(getMethod('hhi')?.thresholds.map((t) => t.value)).toEqual([1000, 1800, 1500, 2500]);
    expect(getMethod('eu-supply-risk')?.thresholds.map((t) => t.value)).toEqual([1]);
    expect(getMethod('bloc-alignment')?.thresholds.map((t) => t.value)).toEqual([65]);
  });

  it('cites the CRMA regulation and the WGI caveat on the governance proxy', () => {
    expect(getMethod('bloc-alignment')?.references.some((r) => r.citation.includes('2024/1252'))).toBe(true);
    expect(getMethod('import-dependency')?.caveats.some((c) => c.includes('WGI'))).toBe(true);
    expect(getMethod('hhi-wgi')?.caveats.some((c) => c.includes('not published'))).toBe(true);
  });

  it('returns undefined for an unknown id', () => {
    expect(getMethod('nope')).toBeUndefined();
  });
});
