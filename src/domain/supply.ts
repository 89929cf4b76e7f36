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

export const WORLD = 'WLD';
export const OTHER = 'OTH';

export interface StageYearSupply {
  mineral: string;
  stage: string;
  year: number;
  basis: string;
  /** One edition per supply: a view never mixes editions inside a year. */
  edition: string;
  worldTonnes: number | null;
  otherTonnes: number | null;
  producers: ProductionFigure[];
  sourceIds: string[];
}

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

/** The world total a share is measured against: the published one, else the sum of the rows. */
export function worldTotalOf(supply: StageYearSupply): number | null {
  if (supply.worldTonnes !== null) return supply.worldTonnes;
  const named = supply.producers.reduce((sum, producer) => sum + (producer.tonnes ?? 0), 0);
  const total = named + (supply.otherTonnes ?? 0);
  return total > 0 ? total : null;
}

/** The latest year per (mineral, stage) among the given supplies. */
export function latestPerStage(supplies: readonly StageYearSupply[]): StageYearSupply[] {
  const latest = new Map<string, StageYearSupply>();
  for (const supply of supplies) {
    const key = `${supply.mineral}|${supply.stage}`;
    const current = latest.get(key);
    if (!current || supply.year > current.year) latest.set(key, supply);
  }
  return [...latest.values()];
}
