/** Observed trade (USITC DataWeb): periods, and the pure arithmetic the trade views share. */
import { herfindahl } from '../scoring/hhi.js';
import { round } from '../lib/round.js';

/** A full calendar year, or January–April of a year (the year-to-date months of the 2026-07 edition). */
export const TRADE_PERIODS = ['year', 'jan-apr'] as const;
export type TradePeriod = (typeof TRADE_PERIODS)[number];

/** One unit of quantity of a flow, as stored. */
export interface QuantityFigure {
  measure: 'first' | 'second';
  unit: string;
  quantity: number | null;
  suppressed: boolean;
  valueUsd: number | null;
}

/**
 * Kilograms of a flow: its first-unit quantity counted in kg, and whether that is all of it (`partial`: some of the
 * heading's value is counted in other units, or some kilograms were withheld). Null when no line is counted in kg.
 */
export function kilogramsOf(quantities: readonly QuantityFigure[]): { kg: number | null; partial: boolean } | null {
  const first = quantities.filter((q) => q.measure === 'first');
  const kg = first.find((q) => q.unit === 'kg');
  if (!kg) return null;
  const otherValue = first.some((q) => q.unit !== 'kg' && (q.valueUsd ?? 0) > 0);
  return { kg: kg.quantity, partial: otherValue || kg.suppressed };
}

/** Percentage change from `before` to `after`, one decimal; null when either is missing or `before` is 0. */
export function changePct(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before === null || before === undefined || after === null || after === undefined || before === 0) return null;
  return round(((after - before) / before) * 100, 1);
}

/**
 * Each partner's share of the value of the covered partners (those the file breaks out, with a value), and the
 * HHI of those shares. Partners without a value are left out and named. Shares and HHI are of the covered partners
 * only: the file has no World row, so they overstate concentration when uncovered partners trade too.
 */
export function sharesOfCoveredPartners<T extends { partner: string; valueUsd: number | null }>(rows: readonly T[]) {
  const valued = rows.filter((row) => row.valueUsd !== null);
  const total = valued.reduce((sum, row) => sum + (row.valueUsd as number), 0);
  const shares = valued.map((row) => ({ row, sharePct: total > 0 ? ((row.valueUsd as number) / total) * 100 : null }));
  const hhi = total > 0 ? herfindahl(shares.map((entry) => entry.sharePct as number)) : null;
  return {
    totalUsd: total,
    shares: shares.map((entry) => ({ ...entry.row, shareOfCoveredPartnersPct: entry.sharePct === null ? null : round(entry.sharePct, 2) })),
    hhi: hhi === null ? null : round(hhi, 1),
    withoutValue: rows.filter((row) => row.valueUsd === null).map((row) => row.partner),
  };
}

/** The year of an ISO date. */
export const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * The full years around a date: the last full year before it and the first full year after it (a date on 1 January
 * starts its own year).
 */
export function yearsAround(date: string): { before: number; after: number } {
  const year = yearOf(date);
  return { before: year - 1, after: date.endsWith('-01-01') ? year : year + 1 };
}
