import { WGI_INDICATORS, type WgiEstimates } from '../domain/governance.js';
import { insufficientData, methodRef } from './methods.js';
import { compareCodes, lookup, sum } from './order.js';
import type { CountryShare, InsufficientData, MethodRef } from './types.js';

/** Mean of the six estimates, or null when any is missing: a partial mean would not be comparable. */
export function meanOfSix(values: WgiEstimates): number | null {
  const estimates: number[] = [];
  for (const indicator of WGI_INDICATORS) {
    const value = values[indicator];
    if (value === null || value === undefined || !Number.isFinite(value)) return null;
    estimates.push(value);
  }
  return sum(estimates) / WGI_INDICATORS.length;
}

/**
 * Turns a WGI mean (about −2.5 worst … 2.5 best) into the EU's 0 (best) … 10 (worst) scale.
 * Not clamped: estimates can fall slightly outside ±2.5 and the EU scale passes that through.
 */
export function scaleWgi(meanOfSixEstimates: number): number {
  return (2.5 - meanOfSixEstimates) * 2;
}

export interface GovernanceWeightedHhiInput {
  shares: readonly CountryShare[];
  /** Country → WGI on the 0–10 scale (see scaleWgi). */
  wgiScaled: Readonly<Record<string, number>>;
  /** Country → trade factor t; 1 when absent. */
  tradeFactor?: Readonly<Record<string, number>>;
}

export interface GovernanceContribution {
  country: string;
  share: number;
  wgiScaled: number;
  tradeFactor: number;
  contribution: number;
}

export interface GovernanceWeightedHhiOk {
  status: 'ok';
  /** Σ (share/100)² × WGI × t, 0–10 for t = 1. */
  hhiWgi: number;
  contributions: GovernanceContribution[];
  /** Left out of the sum, so the index is a lower bound while this is non-empty. */
  missingGovernance: { countries: string[]; combinedShare: number };
  method: MethodRef;
}

export type GovernanceWeightedHhiResult = GovernanceWeightedHhiOk | InsufficientData;

export function governanceWeightedHhi(input: GovernanceWeightedHhiInput): GovernanceWeightedHhiResult {
  const contributions: GovernanceContribution[] = [];
  const missing: CountryShare[] = [];

  for (const { country, share } of input.shares) {
    const wgiScaled = lookup(input.wgiScaled, country);
    if (wgiScaled === undefined) {
      missing.push({ country, share });
      continue;
    }
    const tradeFactor = lookup(input.tradeFactor ?? {}, country) ?? 1;
    const contribution = (share / 100) ** 2 * wgiScaled * tradeFactor;
    contributions.push({ country, share, wgiScaled, tradeFactor, contribution });
  }

  if (contributions.length === 0) {
    return insufficientData('hhi-wgi', 'no supplying country has a governance (WGI) score');
  }

  contributions.sort((a, b) => b.contribution - a.contribution || compareCodes(a.country, b.country));
  return {
    status: 'ok',
    hhiWgi: sum(contributions.map((c) => c.contribution)),
    contributions,
    missingGovernance: {
      countries: missing.map((m) => m.country).sort(compareCodes),
      combinedShare: sum(missing.map((m) => m.share)),
    },
    method: methodRef('hhi-wgi'),
  };
}
