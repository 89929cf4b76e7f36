/**
 * Turning stored production rows into the supply picture of one (mineral, stage, year):
 * which basis speaks for it, the published world total, the "other countries" remainder and the named producers.
 */

export interface ProductionFigure {
  mineral: string;
  stage: string;
  country: string;
  year: number;
  basis: string;
  tonnes: number | null;
  estimated: boolean;
  withheld: boolean;
  lowerBound: boolean;
  /** The edition the figure belongs to (see domain/editions). */
  edition: string;
  sourceId: string;
}

/**
 * Why a mineral's stage has no figures: a by-product has no output of its own at that stage; no source held gives
 * country figures; or the stage is not one the mineral goes through.
 */
export const STAGE_GAP_KINDS = ['by-product', 'no-country-data', 'not-a-stage'] as const;
export type StageGapKind = (typeof STAGE_GAP_KINDS)[number];

export const WORLD = 'WLD';
export const OTHER = 'OTH';

export interface StageYearSupply {
  mineral: string;
  stage: string;
  /** The data year; null for a share table that covers a reference period (see `period`). */
  year: number | null;
  /**
   * 'tonnes': published production by country. 'shares': published country shares of world supply (percent), so
   * the producers' `tonnes` hold the share and the world total is 100: shares and HHIs are exact, tonnes are unknown.
   */
  measure: 'tonnes' | 'shares';
  /** The reference period of a share table, as its source states it; null for annual tonnes. */
  period: string | null;
  /** Countries the source lists below its reporting threshold ("<0.1%"): present, with no number. */
  belowThreshold: string[];
  /** The EU trade-related variable t per country, where the source publishes it. */
  tradeFactors: ReadonlyMap<string, number>;
  basis: string;
  /** One edition per supply: a view never mixes editions inside a year. */
  edition: string;
  worldTonnes: number | null;
  otherTonnes: number | null;
  producers: ProductionFigure[];
  sourceIds: string[];
}

const NO_TRADE_FACTORS: ReadonlyMap<string, number> = new Map();

/** Lower number = preferred basis when one stage has several in the same year (e.g. ilmenite before rutile). */
export type BasisPriority = ReadonlyMap<string, number>;

function stageYearKey(figure: { mineral: string; stage: string; year: number }): string {
  return `${figure.mineral}|${figure.stage}|${figure.year}`;
}

/** One supply picture per (mineral, stage, year), on the preferred basis only: bases are never mixed. */
export function supplyByStageYear(figures: readonly ProductionFigure[], priority: BasisPriority): StageYearSupply[] {
  const chosenBasis = new Map<string, string>();
  for (const figure of figures) {
    const key = stageYearKey(figure);
    const current = chosenBasis.get(key);
    if (current === undefined || rank(figure.basis, priority) < rank(current, priority)) {
      chosenBasis.set(key, figure.basis);
    }
  }
  const supplies = new Map<string, StageYearSupply>();
  for (const figure of figures) {
    const key = stageYearKey(figure);
    if (chosenBasis.get(key) !== figure.basis) continue;
    let supply = supplies.get(key);
    if (!supply) {
      supply = {
        mineral: figure.mineral,
        stage: figure.stage,
        year: figure.year,
        measure: 'tonnes',
        period: null,
        belowThreshold: [],
        tradeFactors: NO_TRADE_FACTORS,
        basis: figure.basis,
        edition: figure.edition,
        worldTonnes: null,
        otherTonnes: null,
        producers: [],
        sourceIds: [],
      };
      supplies.set(key, supply);
    }
    if (!supply.sourceIds.includes(figure.sourceId)) supply.sourceIds.push(figure.sourceId);
    if (figure.country === WORLD) supply.worldTonnes = figure.tonnes;
    else if (figure.country === OTHER) supply.otherTonnes = figure.tonnes;
    else supply.producers.push(figure);
  }
  for (const supply of supplies.values()) supply.sourceIds.sort();
  return [...supplies.values()];
}

function rank(basis: string, priority: BasisPriority): number {
  return priority.get(basis) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Orders supplies for "latest": any dated year beats a share table's undated reference period, so annual tonnes
 * answer by default wherever they exist, and a share table answers only for a stage that has nothing newer.
 */
export function yearRank(supply: Pick<StageYearSupply, 'year'>): number {
  return supply.year ?? Number.NEGATIVE_INFINITY;
}

/** One row of a share table (see the stage_shares table). */
export interface StageShareFigure {
  mineralId: string;
  stageId: string;
  basisId: string;
  country: string;
  sharePct: number | null;
  belowThreshold: boolean;
  tradeFactor: number | null;
  period: string;
  edition: string;
  sourceId: string;
  estimated?: boolean;
}

/**
 * One supply per share table (mineral, stage, basis): the shares stand in for tonnes against a world of 100, so the
 * concentration arithmetic is the same as for tonnes. Below-threshold countries are kept apart, with no number.
 */
export function shareSupplies(rows: readonly StageShareFigure[]): StageYearSupply[] {
  const supplies = new Map<string, StageYearSupply & { tradeFactors: Map<string, number> }>();
  for (const row of rows) {
    const key = `${row.mineralId}|${row.stageId}|${row.basisId}`;
    let supply = supplies.get(key);
    if (!supply) {
      supply = {
        mineral: row.mineralId,
        stage: row.stageId,
        year: null,
        measure: 'shares',
        period: row.period,
        belowThreshold: [],
        tradeFactors: new Map(),
        basis: row.basisId,
        edition: row.edition,
        worldTonnes: 100,
        otherTonnes: null,
        producers: [],
        sourceIds: [],
      };
      supplies.set(key, supply);
    }
    if (!supply.sourceIds.includes(row.sourceId)) supply.sourceIds.push(row.sourceId);
    if (row.tradeFactor !== null) supply.tradeFactors.set(row.country, row.tradeFactor);
    if (row.belowThreshold || row.sharePct === null) {
      supply.belowThreshold.push(row.country);
      continue;
    }
    supply.producers.push({
      mineral: row.mineralId,
      stage: row.stageId,
      country: row.country,
      year: 0,
      basis: row.basisId,
      tonnes: row.sharePct,
      estimated: false,
      withheld: false,
      lowerBound: false,
      edition: row.edition,
      sourceId: row.sourceId,
    });
  }
  for (const supply of supplies.values()) {
    supply.sourceIds.sort();
    supply.belowThreshold.sort();
  }
  return [...supplies.values()];
}
