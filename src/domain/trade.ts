/** Observed trade (USITC DataWeb): periods, units, and the plain arithmetic the trade views share. */
import { yearOf } from '../lib/dates.js';
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
 * The full years around a date: the last full year before it and the first full year after it (a date on 1 January
 * starts its own year).
 */
export function yearsAround(date: string): { before: number; after: number } {
  const year = yearOf(date);
  return { before: year - 1, after: date.endsWith('-01-01') ? year : year + 1 };
}
