import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { round } from '../../lib/round.js';

/** The WGI release and years behind a governance-weighted score, so an analyst knows exactly which values were used. */
export function wgiUsed(snapshot: DatasetSnapshot, countries: readonly string[]): { edition: string | null; years: number[] } {
  const entries = countries.flatMap((country) => {
    const entry = snapshot.governanceByCountry.get(country);
    return entry ? [entry] : [];
  });
  return {
    edition: entries[0]?.edition ?? null,
    years: [...new Set(entries.map((entry) => entry.year))].sort((a, b) => a - b),
  };
}

/**
 * Why a country has no governance score: the curated note when the WGI does not cover it at all (data/governance_notes.csv),
 * otherwise what the view's release lacks.
 */
export function governanceGapReason(snapshot: DatasetSnapshot, country: string): string {
  const note = snapshot.governanceNotes.get(country);
  if (note) return note.note;
  const edition = snapshot.governanceEdition ?? 'any WGI release';
  return snapshot.governanceByCountry.has(country)
    ? `fewer than six WGI estimates in ${edition}`
    : `no WGI estimates held for this country in ${edition}`;
}

/** The missingGovernance block every governance-weighted output carries: who was left out, their share, and why. */
export function missingGovernanceBlock(snapshot: DatasetSnapshot, missing: { countries: readonly string[]; combinedShare: number }) {
  return {
    countries: [...missing.countries],
    combinedShare: round(missing.combinedShare, 2),
    reasons: missing.countries.map((country) => ({ country, reason: governanceGapReason(snapshot, country) })),
  };
}
