import { memoize } from '../../dataset/memo.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { importSourcesOf, relianceOf } from '../../domain/importer.js';
import { yearRank, type StageYearSupply } from '../../domain/supply.js';
import { round } from '../../lib/round.js';
import { euSupplyRisk, governanceWeightedHhi, methodRef, type EuSupplyRiskInput, type EuSupplyRiskResult } from '../../scoring/index.js';
import { concentrationBlock, isOk, methodLink } from '../concentration/concentration.service.js';
import { wgiUsed } from '../shared/governance.js';
import { checkFilters, requireMineral } from '../shared/lookups.js';

/** Shapes a core result for the API: rounded, with the method link. */
export function presentSupplyRisk(result: EuSupplyRiskResult) {
  if (result.status !== 'ok') return { status: result.status, reason: result.reason, method: methodLink(result.method) };
  const b = result.breakdown;
  return {
    status: 'ok' as const,
    supplyRisk: round(result.supplyRisk, 3),
    supplyRiskRounded: round(result.supplyRisk, 1),
    criticalThreshold: result.criticalThreshold,
    aboveThreshold: result.aboveThreshold,
    breakdown: {
      scope: b.scope,
      importRelianceUsed: round(b.importRelianceUsed, 4),
      weightGlobal: round(b.weightGlobal, 4),
      weightEu: round(b.weightEu, 4),
      globalComponent: round(b.globalComponent, 4),
      euComponent: round(b.euComponent, 4),
      recyclingFactor: round(b.recyclingFactor, 4),
      substitutionFactor: round(b.substitutionFactor, 4),
    },
    method: methodLink(result.method),
  };
}

export function evaluateSupplyRisk(input: EuSupplyRiskInput) {
  return { inputs: input, ...presentSupplyRisk(euSupplyRisk(input)) };
}

export interface SupplyRiskQuery {
  importer: string;
  year?: number | undefined;
  endOfLifeRecyclingInputRate: number;
  substitutionIndex: number;
}

/**
 * As for import reliance, `year` means the latest data up to that year, not that exact year only. A share table
 * (reference period, no year) answers for a stage without annual tonnes, but only when some stage of the mineral has
 * annual data up to that year: the year anchors the score, as in scenarios.
 */
function latestSupplyUpTo(snapshot: DatasetSnapshot, mineral: string, stage: string, year: number | undefined) {
  const anchored =
    year === undefined || snapshot.supplies.some((s) => s.mineral === mineral && s.year !== null && s.year <= year);
  return snapshot.supplies
    .filter((s) => s.mineral === mineral && s.stage === stage && (year === undefined || yearRank(s) <= year))
    .filter((s) => anchored || s.measure !== 'shares')
    .reduce<StageYearSupply | undefined>((latest, s) => (!latest || yearRank(s) > yearRank(latest) ? s : latest), undefined);
}

/**
 * The EU supply-risk structure computed from our data for one importer: global supply is the world
 * production mix at each stage, "EU sourcing" becomes the importer's own import mix, IR its net import reliance.
 * Following the EU bottleneck rule, every stage with data is scored and the higher one is selected.
 */
export function mineralSupplyRisk(snapshot: DatasetSnapshot, mineral: string, query: SupplyRiskQuery) {
  requireMineral(snapshot, mineral);
  checkFilters(snapshot, { importer: query.importer });
  const key = `supply-risk|${mineral}|${query.importer}|${query.year}|${query.endOfLifeRecyclingInputRate}|${query.substitutionIndex}`;
  return memoize(snapshot, key, () => {
    const reliance = relianceOf(snapshot, query.importer, mineral, query.year);
    const sourcing = importSourcesOf(snapshot, query.importer, mineral);
    const sourcingShares = sourcing && !sourcing.rankOnly
      ? sourcing.sources.filter((s) => s.sharePct !== null).map((s) => ({ country: s.country, share: s.sharePct as number }))
      : null;
    const sourcingWeighted = sourcingShares ? governanceWeightedHhi({ shares: sourcingShares, wgiScaled: snapshot.wgiScaled }) : null;
    const importerSourcingHhiWgi = sourcingWeighted?.status === 'ok' ? sourcingWeighted.hhiWgi : null;
    const sourcingWgi = sourcingWeighted?.status === 'ok'
      ? wgiUsed(snapshot, sourcingWeighted.contributions.map((entry) => entry.country))
      : { edition: null, years: [] };

    const stages = snapshot.stages.map((stage) => {
      const supply = latestSupplyUpTo(snapshot, mineral, stage.id, query.year);
      const block = supply ? concentrationBlock(snapshot, supply) : null;
      if (!block || !isOk(block) || block.governanceWeighted.status !== 'ok') {
        return { stage: stage.id, status: 'insufficient_data' as const, reason: `no ${stage.id} supply data to weight by governance`, method: methodLink(methodRef('eu-supply-risk')) };
      }
      if (!reliance || reliance.fraction === null) {
        return { stage: stage.id, status: 'insufficient_data' as const, reason: `no net import reliance for ${query.importer} and ${mineral}`, method: methodLink(methodRef('eu-supply-risk')) };
      }
      const inputs: EuSupplyRiskInput = {
        globalHhiWgi: block.governanceWeighted.hhiWgi,
        euSourcingHhiWgi: importerSourcingHhiWgi,
        importReliance: reliance.fraction,
        endOfLifeRecyclingInputRate: query.endOfLifeRecyclingInputRate,
        substitutionIndex: query.substitutionIndex,
      };
      return { stage: stage.id, year: block.year, inputs, ...presentSupplyRisk(euSupplyRisk(inputs)) };
    });
    const scored = stages.filter((s): s is Extract<(typeof stages)[number], { supplyRisk: number }> => 'supplyRisk' in s);
    const bottleneck = scored.reduce<(typeof scored)[number] | undefined>((max, s) => (!max || s.supplyRisk > max.supplyRisk ? s : max), undefined);
    return {
      mineral,
      importer: query.importer,
      bottleneckStage: bottleneck?.stage ?? null,
      supplyRisk: bottleneck?.supplyRisk ?? null,
      stages,
      importReliance: reliance
        ? { year: reliance.year, form: reliance.form, valueText: reliance.valueText, fraction: reliance.fraction, censored: reliance.censored, sourceId: reliance.sourceId }
        : null,
      importerSourcing: sourcing
        ? {
            period: sourcing.period,
            form: sourcing.form,
            rankOnly: sourcing.rankOnly,
            hhiWgi: importerSourcingHhiWgi === null ? null : round(importerSourcingHhiWgi, 3),
            wgiYears: sourcingWgi.years,
            wgi: sourcingWgi,
            sourceIds: sourcing.sourceIds,
          }
        : null,
      assumptions: [
        `End-of-life recycling input rate ${query.endOfLifeRecyclingInputRate} and substitution index ${query.substitutionIndex} (pass endOfLifeRecyclingInputRate and substitutionIndex to change them; defaults 0 and 1 mean no credit for either).`,
        `"EU sourcing" is replaced by ${query.importer}'s import-source mix, governance-weighted; where only the order of suppliers is published, global supply alone is used (EU "GS only" rule).`,
        'Import reliance is the USGS net import reliance; a published range such as ">50" is used at its bound.',
        'The trade factor t is 1 for every country: the EU formula for t is not published.',
        'Following the EU bottleneck rule, each stage with data is scored and the stage with the higher supply risk is selected.',
      ],
      method: methodLink(methodRef('eu-supply-risk')),
    };
  });
}
