import { doj2023Band, hmg2010Band } from './bands.js';
import type { BandResult } from './bands.js';
import { insufficientData, methodRef } from './methods.js';
import { byShareDesc, compareCodes, sum } from './order.js';
import type { InsufficientData, MethodRef } from './types.js';
import { worldTotalOf, type WorldTotal } from './world-total.js';

export interface ProducerFigure {
  country: string;
  tonnes: number | null;
  withheld?: boolean;
  estimated?: boolean;
  lowerBound?: boolean;
}

export interface ConcentrationInput {
  /** Named countries only; aggregate rows (world, other countries) go in the fields below. */
  producers: ProducerFigure[];
  /** The published "Other countries" row, if any. */
  otherTonnes: number | null;
  /** The published world total, if any. */
  worldTonnes: number | null;
}

export interface RankedProducer {
  country: string;
  tonnes: number;
  share: number;
  estimated: boolean;
  lowerBound: boolean;
}

export interface ConcentrationOk {
  status: 'ok';
  /** The denominator of every share (see world-total.ts): never less than what the rows account for. */
  worldTonnes: number;
  worldTotal: WorldTotal;
  hhi: number;
  /** Reached if the whole unallocated remainder were a single producer. */
  hhiUpperBound: number;
  /** Share not attributed to a named country: the published "Other countries", withheld figures and any gap. */
  unallocatedShare: number;
  /** The published "Other countries" row as a share of the total; null when the source prints none. */
  otherShare: number | null;
  /** Sum of named shares: at most 100. */
  namedShareTotal: number;
  cr1: number;
  cr3: number;
  /** Number of equal-sized producers that would give the same HHI. */
  equivalentSuppliers: number;
  producers: RankedProducer[];
  top: RankedProducer;
  /** Countries whose figure is withheld to avoid disclosing company data. */
  withheld: string[];
  /** Countries listed without a figure that are not flagged as withheld. */
  unreported: string[];
  bands: { doj2023: BandResult; hmg2010: BandResult };
  method: MethodRef;
}

export type ConcentrationResult = ConcentrationOk | InsufficientData;

/** Sum of squared percentage shares: 10,000 for a monopoly, 10,000/n for n equal producers. */
export function herfindahl(sharesPct: readonly number[]): number {
  return sum(sharesPct.map((share) => share * share));
}

/** Combined share of the n largest producers (CR_n). */
export function concentrationRatio(sharesPct: readonly number[], n: number): number {
  return sum([...sharesPct].sort((a, b) => b - a).slice(0, n));
}

function isValidTonnes(tonnes: number | null): boolean {
  return tonnes === null || (Number.isFinite(tonnes) && tonnes >= 0);
}

export function concentrationOf(input: ConcentrationInput): ConcentrationResult {
  const invalid = input.producers.find((p) => !isValidTonnes(p.tonnes));
  if (invalid) return insufficientData('hhi', `production figure for ${invalid.country} is not a non-negative number`);
  if (!isValidTonnes(input.otherTonnes) || !isValidTonnes(input.worldTonnes)) {
    return insufficientData('hhi', 'world or other-countries total is not a non-negative number');
  }

  const reported = input.producers.filter((p): p is ProducerFigure & { tonnes: number } => p.tonnes !== null);
  if (!reported.some((p) => p.tonnes > 0)) {
    return insufficientData('hhi', 'no named producer has a production figure above zero');
  }

  // A published world total is preferred (summing rows would silently drop withheld producers), unless the rows
  // add up to more than it: then it was rounded down, and their sum is the total.
  const worldTotal = worldTotalOf({
    namedTonnes: reported.map((p) => p.tonnes),
    otherTonnes: input.otherTonnes,
    publishedTonnes: input.worldTonnes,
  });
  if (worldTotal === null) return insufficientData('hhi', 'world total is zero');
  const worldTonnes = worldTotal.used;

  const producers: RankedProducer[] = reported
    .map((p) => ({
      country: p.country,
      tonnes: p.tonnes,
      share: (100 * p.tonnes) / worldTonnes,
      estimated: p.estimated ?? false,
      lowerBound: p.lowerBound ?? false,
    }))
    .sort(byShareDesc);
  const shares = producers.map((p) => p.share);

  const hhi = herfindahl(shares);
  const namedShareTotal = sum(shares);
  const unallocatedShare = Math.max(0, 100 - namedShareTotal);
  const otherShare = input.otherTonnes === null ? null : (100 * input.otherTonnes) / worldTonnes;
  const nullTonnes = input.producers.filter((p) => p.tonnes === null);

  return {
    status: 'ok',
    worldTonnes,
    worldTotal,
    hhi,
    hhiUpperBound: hhi + unallocatedShare ** 2,
    unallocatedShare,
    otherShare,
    namedShareTotal,
    cr1: concentrationRatio(shares, 1),
    cr3: concentrationRatio(shares, 3),
    equivalentSuppliers: 10_000 / hhi,
    producers,
    top: producers[0]!, // non-empty: at least one producer has positive tonnes
    withheld: nullTonnes
      .filter((p) => p.withheld)
      .map((p) => p.country)
      .sort(compareCodes),
    unreported: nullTonnes
      .filter((p) => !p.withheld)
      .map((p) => p.country)
      .sort(compareCodes),
    bands: { doj2023: doj2023Band(hhi), hmg2010: hmg2010Band(hhi) },
    method: methodRef('hhi'),
  };
}

export interface HhiRange {
  lower: number;
  upper: number;
  /** True when the named shares leave at most `EXACT_WITHIN` points unattributed. */
  exact: boolean;
}

/** Unattributed share (points) below which the lower and upper bounds are treated as one number. */
export const EXACT_WITHIN = 0.5;

/**
 * What the published figures allow the HHI to be. Lower bound: the named producers only (the remainder spread over
 * infinitely many small producers). Upper bound: the remainder as a single producer, but never larger than the
 * smallest named one when the source lists its producers in full down to a threshold.
 */
export function hhiRange(namedSharesPct: readonly number[], options: { remainderCap?: number } = {}): HhiRange {
  const lower = herfindahl(namedSharesPct);
  const remainder = Math.max(0, 100 - sum(namedSharesPct));
  const cap = options.remainderCap;
  // With a cap, the remainder is split into as many producers of at most `cap` as it takes.
  const upperRemainder =
    cap === undefined || remainder <= cap ? remainder ** 2 : Math.floor(remainder / cap) * cap ** 2 + (remainder % cap) ** 2;
  return { lower, upper: lower + upperRemainder, exact: remainder <= EXACT_WITHIN };
}

/** The HHI range of a concentration result. */
export function hhiRangeOf(result: Pick<ConcentrationOk, 'hhi' | 'hhiUpperBound' | 'unallocatedShare'>): HhiRange {
  return { lower: result.hhi, upper: result.hhiUpperBound, exact: result.unallocatedShare <= EXACT_WITHIN };
}
