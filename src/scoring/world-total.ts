import { sum } from './order.js';

/**
 * Which total a share is taken of:
 * - `published`: the source's world total;
 * - `reconciled`: the named countries (plus the source's "Other countries" row) add up to more than the published
 *   total, which happens because totals are rounded (gallium 2025: 909 t named against a world of 900 t). Their sum
 *   is used, so no share exceeds 100 % and the shares never add up to more than 100 %;
 * - `sum_of_rows`: no world total is published; the named countries plus "Other countries".
 */
export const WORLD_TOTAL_RULES = ['published', 'reconciled', 'sum_of_rows'] as const;
export type WorldTotalRule = (typeof WORLD_TOTAL_RULES)[number];

export interface WorldTotal {
  /** The denominator of every share. */
  used: number;
  /** The source's own world total; null when none is published. */
  published: number | null;
  /** Named countries plus "Other countries": what the rows account for. */
  accounted: number;
  rule: WorldTotalRule;
}

export interface WorldTotalInput {
  /** Figures of the named countries (withheld ones left out). */
  namedTonnes: readonly number[];
  /** The published "Other countries" row, if any. */
  otherTonnes: number | null;
  /** The published world total, if any. */
  publishedTonnes: number | null;
}

/**
 * Sums are floating-point: a table of shares printed to one decimal adds up to 100.00000000000001. Only an excess
 * beyond this relative margin is a rounded total; below it the published total stands.
 */
const FLOAT_NOISE = 1e-9;

/** The one rule every share, HHI, concentration ratio, bound and scenario divides by. Null when nothing is known. */
export function worldTotalOf(input: WorldTotalInput): WorldTotal | null {
  const accounted = sum(input.namedTonnes) + (input.otherTonnes ?? 0);
  const published = input.publishedTonnes;
  if (published === null) return accounted > 0 ? { used: accounted, published: null, accounted, rule: 'sum_of_rows' } : null;
  if (accounted > published * (1 + FLOAT_NOISE)) return { used: accounted, published, accounted, rule: 'reconciled' };
  return published > 0 ? { used: published, published, accounted, rule: 'published' } : null;
}
