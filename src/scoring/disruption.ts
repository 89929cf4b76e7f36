import { concentrationOf, herfindahl } from './hhi.js';
import { methodRef } from './methods.js';
import { byShareDesc, compareCodes, stageRank, sum } from './order.js';
import type { CountryShare, MethodRef } from './types.js';
import type { WorldTotal } from './world-total.js';

// ---- Inputs ----------------------------------------------------------------------------------

export interface DisruptionStageInput {
  stage: string;
  basis: string;
  /** The published world total, if any: shares are taken of the one world-total rule's total (world-total.ts). */
  worldTonnes: number | null;
  producers: { country: string; tonnes: number }[];
  otherTonnes: number | null;
  sourceIds: string[];
}

export interface StageWithoutData {
  stage: string;
  status: 'insufficient_data';
  reason: string;
}

export interface Shock {
  countries: string[];
  /** Stages the shock applies to; null means every stage. */
  stages: string[] | null;
  /** Fraction of output withheld, 0–1. */
  reduction: number;
}

export interface DisruptionImporter {
  code: string;
  netImportReliance: number | null;
  /** Shares of the importer's imports, percent. */
  importShares: { country: string; share: number }[] | null;
  apparentConsumptionTonnes: number | null;
}

export interface DisruptionInput {
  mineral: string;
  year: number;
  stages: (DisruptionStageInput | StageWithoutData)[];
  /** Country groups already expanded; the caller rejects a country shocked twice at one stage. */
  shocks: Shock[];
  importer: DisruptionImporter;
  stockpileTonnes?: number | null;
  /** Fraction of lost volume made up by substitutes, 0–1 (default 0). */
  substitution?: number;
}

// ---- Outputs ---------------------------------------------------------------------------------

export interface StageImpact {
  stage: string;
  status: 'ok';
  basis: string;
  sourceIds: string[];
  /** The world total shares are taken of (world-total.ts). */
  baselineTonnes: number;
  worldTotal: WorldTotal;
  lostTonnes: number;
  /** Lost tonnes made up by substitution. */
  substitutedTonnes: number;
  /** Fraction of world supply lost before substitution, 0–1. */
  grossLossShare: number;
  /** Fraction of world supply lost after substitution, 0–1. */
  lossShare: number;
  hhiBefore: number;
  /** Null when nothing is left to share out. */
  hhiAfter: number | null;
  topProducerBefore: CountryShare;
  topProducerAfter: CountryShare | null;
  shocked: { country: string; reduction: number; lostTonnes: number }[];
}

export type StageOutcome = StageImpact | StageWithoutData;

export interface ImporterImpact {
  importer: string;
  /** Fraction of the importer's consumption at risk, 0–1. */
  consumptionAtRisk: number;
  basis: 'import_sources' | 'world_supply_at_binding_stage';
  /** True when world supply stands in for the importer's own sources. */
  proxy: boolean;
  netImportRelianceUsed: number;
  netImportRelianceAssumed: boolean;
  monthsOfCover: number | null;
  monthsOfCoverReason: string | null;
}

export interface DisruptionOk {
  status: 'ok';
  mineral: string;
  year: number;
  stages: StageOutcome[];
  chokepointBefore: { stage: string; hhi: number };
  chokepointAfter: { stage: string; hhi: number } | null;
  bindingStage: string;
  bindingLoss: number;
  importerImpact: ImporterImpact;
  /** Unshocked producers at the binding stage, largest first. */
  alternatives: { country: string; share: number; tonnes: number }[];
  assumptions: string[];
  method: MethodRef;
}

export interface DisruptionInsufficient {
  status: 'insufficient_data';
  mineral: string;
  year: number;
  reason: string;
  stages: StageOutcome[];
  method: MethodRef;
}

export type DisruptionResult = DisruptionOk | DisruptionInsufficient;

// ---- Shocks ----------------------------------------------------------------------------------

/** Reduction applying to a country at a stage, or null when no shock touches it there. */
function reductionAt(shocks: readonly Shock[], country: string, stage: string): number | null {
  const applying = shocks
    .filter((s) => s.countries.includes(country) && (s.stages === null || s.stages.includes(stage)))
    .map((s) => s.reduction);
  // Duplicates are rejected upstream; taking the largest still avoids double counting if one slips through.
  return applying.length === 0 ? null : Math.max(...applying);
}

/** Largest reduction applying to a country at any stage; imports are not split by stage. */
function largestReduction(shocks: readonly Shock[], country: string): number {
  return Math.max(0, ...shocks.filter((s) => s.countries.includes(country)).map((s) => s.reduction));
}

// ---- Per stage -------------------------------------------------------------------------------

function assessStage(input: DisruptionStageInput, shocks: readonly Shock[], substitution: number): StageOutcome {
  const before = concentrationOf({
    producers: input.producers,
    otherTonnes: input.otherTonnes,
    worldTonnes: input.worldTonnes,
  });
  if (before.status !== 'ok') return { stage: input.stage, status: 'insufficient_data', reason: before.reason };

  const shocked: StageImpact['shocked'] = [];
  const remaining = input.producers.map(({ country, tonnes }) => {
    const reduction = reductionAt(shocks, country, input.stage);
    if (reduction === null) return { country, tonnes };
    shocked.push({ country, reduction, lostTonnes: tonnes * reduction });
    return { country, tonnes: tonnes * (1 - reduction) };
  });

  const lostTonnes = sum(shocked.map((s) => s.lostTonnes));
  const substitutedTonnes = lostTonnes * substitution;
  // The total never falls below the named rows (world-total.ts), so what is left is never less than the producers
  // still standing. Substituted volume stays in it but belongs to no named producer.
  const baselineTonnes = before.worldTonnes;
  const remainingWorld = baselineTonnes - (lostTonnes - substitutedTonnes);
  const sharesAfter = remainingWorld > 0 ? remaining.map((p) => ({ country: p.country, share: (100 * p.tonnes) / remainingWorld })) : [];
  const topAfter = [...sharesAfter].sort(byShareDesc)[0];

  return {
    stage: input.stage,
    status: 'ok',
    basis: input.basis,
    sourceIds: input.sourceIds,
    baselineTonnes,
    worldTotal: before.worldTotal,
    lostTonnes,
    substitutedTonnes,
    grossLossShare: lostTonnes / baselineTonnes,
    lossShare: (lostTonnes - substitutedTonnes) / baselineTonnes,
    hhiBefore: before.hhi,
    hhiAfter: remainingWorld > 0 ? herfindahl(sharesAfter.map((p) => p.share)) : null,
    topProducerBefore: { country: before.top.country, share: before.top.share },
    topProducerAfter: topAfter && topAfter.share > 0 ? topAfter : null,
    shocked: shocked.sort((a, b) => compareCodes(a.country, b.country)),
  };
}

/** Stage with the highest value; ties go to the more upstream stage, then to input order. */
function highestStage<T extends { stage: string }>(stages: readonly T[], value: (s: T) => number): T | undefined {
  let best: T | undefined;
  for (const stage of stages) {
    if (
      best === undefined ||
      value(stage) > value(best) ||
      (value(stage) === value(best) && stageRank(stage.stage) < stageRank(best.stage))
    ) {
      best = stage;
    }
  }
  return best;
}

// ---- Importer --------------------------------------------------------------------------------

function importerImpactOf(input: DisruptionInput, bindingLoss: number, substitution: number): { impact: ImporterImpact; notes: string[] } {
  const { importer } = input;
  const notes: string[] = [];
  const netImportRelianceAssumed = importer.netImportReliance === null;
  // Unknown reliance is read as full reliance: the cautious reading, and flagged as such.
  const netImportRelianceUsed = importer.netImportReliance ?? 1;
  if (netImportRelianceAssumed) {
    notes.push(`Net import reliance of ${importer.code} is unknown and taken as 100 % (upper bound).`);
  }

  let consumptionAtRisk: number;
  let basis: ImporterImpact['basis'];
  if (importer.importShares !== null) {
    const shockedImportShare = sum(importer.importShares.map((s) => (s.share / 100) * largestReduction(input.shocks, s.country)));
    consumptionAtRisk = netImportRelianceUsed * shockedImportShare * (1 - substitution);
    basis = 'import_sources';
  } else {
    consumptionAtRisk = netImportRelianceUsed * bindingLoss;
    basis = 'world_supply_at_binding_stage';
    notes.push(
      `No import-source shares for ${importer.code}: the world loss at the binding stage stands in for the loss of its imports (proxy).`,
    );
  }

  const cover = monthsOfCover(input.stockpileTonnes ?? null, importer.apparentConsumptionTonnes, consumptionAtRisk);
  const impact: ImporterImpact = {
    importer: importer.code,
    consumptionAtRisk,
    basis,
    proxy: basis === 'world_supply_at_binding_stage',
    netImportRelianceUsed,
    netImportRelianceAssumed,
    monthsOfCover: cover.months,
    monthsOfCoverReason: cover.reason,
  };
  return { impact, notes };
}

/** How many months a stockpile replaces the consumption at risk. */
function monthsOfCover(
  stockpileTonnes: number | null,
  apparentConsumptionTonnes: number | null,
  consumptionAtRisk: number,
): { months: number | null; reason: string | null } {
  if (stockpileTonnes === null) return { months: null, reason: 'no stockpile figure given' };
  if (apparentConsumptionTonnes === null) return { months: null, reason: 'apparent consumption is unknown' };
  if (apparentConsumptionTonnes <= 0) return { months: null, reason: 'apparent consumption is zero' };
  if (consumptionAtRisk <= 0) return { months: null, reason: 'no consumption is at risk in this scenario' };
  const tonnesAtRiskPerMonth = (apparentConsumptionTonnes * consumptionAtRisk) / 12;
  return { months: stockpileTonnes / tonnesAtRiskPerMonth, reason: null };
}

// ---- Scenario --------------------------------------------------------------------------------

function isStageWithoutData(stage: DisruptionStageInput | StageWithoutData): stage is StageWithoutData {
  return 'status' in stage && stage.status === 'insufficient_data';
}

export function runDisruption(input: DisruptionInput): DisruptionResult {
  const substitution = input.substitution ?? 0;
  const method = methodRef('disruption');
  const stages = input.stages.map((stage) => (isStageWithoutData(stage) ? stage : assessStage(stage, input.shocks, substitution)));
  const assessed = stages.filter((s): s is StageImpact => s.status === 'ok');

  const binding = highestStage(assessed, (s) => s.lossShare);
  const chokepointBefore = highestStage(assessed, (s) => s.hhiBefore);
  if (binding === undefined || chokepointBefore === undefined) {
    const { mineral, year } = input;
    return { status: 'insufficient_data', mineral, year, reason: 'no stage has production data', stages, method };
  }
  const withSupplyLeft = assessed.filter((s): s is StageImpact & { hhiAfter: number } => s.hhiAfter !== null);
  const chokepointAfter = highestStage(withSupplyLeft, (s) => s.hhiAfter);

  const assumptions = [
    `Substitution makes up ${Number((substitution * 100).toFixed(1))} % of lost volume; substituted volume is not attributed to any named producer.`,
    'Shares are of the published world total; where the named countries add up to more (totals are rounded), of their sum, so no share exceeds 100 %.',
    'Shocks take effect in full for one year; no price response, spare capacity or rerouting is modelled.',
  ];
  for (const stage of stages) {
    if (stage.status !== 'ok') assumptions.push(`Stage ${stage.stage} left out: ${stage.reason}.`);
  }
  const { impact: importerImpact, notes } = importerImpactOf(input, binding.lossShare, substitution);
  assumptions.push(...notes);

  const bindingInput = input.stages.find((s): s is DisruptionStageInput => !isStageWithoutData(s) && s.stage === binding.stage);
  const alternatives = (bindingInput?.producers ?? [])
    .filter((p) => (reductionAt(input.shocks, p.country, binding.stage) ?? 0) === 0)
    .map((p) => ({ country: p.country, share: (100 * p.tonnes) / binding.baselineTonnes, tonnes: p.tonnes }))
    .sort(byShareDesc);

  return {
    status: 'ok',
    mineral: input.mineral,
    year: input.year,
    stages,
    chokepointBefore: { stage: chokepointBefore.stage, hhi: chokepointBefore.hhiBefore },
    chokepointAfter: chokepointAfter ? { stage: chokepointAfter.stage, hhi: chokepointAfter.hhiAfter } : null,
    bindingStage: binding.stage,
    bindingLoss: binding.lossShare,
    importerImpact,
    alternatives,
    assumptions,
    method,
  };
}

export interface ScenarioSummaryRow {
  rank: number;
  mineral: string;
  status: 'ok' | 'insufficient_data';
  bindingLoss: number | null;
  bindingStage: string | null;
  consumptionAtRisk: number | null;
  reason: string | null;
}

/** Minerals ranked by binding loss, largest first; those without data last, each group in name order on ties. */
export function summarizeScenario(results: readonly DisruptionResult[]): ScenarioSummaryRow[] {
  const byLoss = (a: DisruptionResult, b: DisruptionResult): number => {
    if (a.status !== b.status) return a.status === 'ok' ? -1 : 1;
    const lossOrder = a.status === 'ok' && b.status === 'ok' ? b.bindingLoss - a.bindingLoss : 0;
    return lossOrder || compareCodes(a.mineral, b.mineral);
  };
  return [...results].sort(byLoss).map((result, index) =>
    result.status === 'ok'
      ? {
          rank: index + 1,
          mineral: result.mineral,
          status: 'ok',
          bindingLoss: result.bindingLoss,
          bindingStage: result.bindingStage,
          consumptionAtRisk: result.importerImpact.consumptionAtRisk,
          reason: null,
        }
      : {
          rank: index + 1,
          mineral: result.mineral,
          status: 'insufficient_data',
          bindingLoss: null,
          bindingStage: null,
          consumptionAtRisk: null,
          reason: result.reason,
        },
  );
}
