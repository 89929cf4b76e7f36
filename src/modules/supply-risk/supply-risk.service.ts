import { memoize } from '../../dataset/memo.js';
import { mineralStageKey, type DatasetSnapshot } from '../../dataset/snapshot.js';
import {
  importSourcesOf,
  importerName,
  relianceOf,
  shareSupplyFor,
  sourcingOf,
  stageRelianceOf,
  type StageRelianceFigure,
} from '../../dataset/importer-figures.js';
import { yearRank, type StageYearSupply } from '../../domain/supply.js';
import { round } from '../../lib/round.js';
import { euSupplyRisk, governanceWeightedHhi, methodRef, type EuSupplyRiskInput, type EuSupplyRiskResult } from '../../scoring/index.js';
import { concentrationBlock, concentrationCore, isOk, methodLink } from '../concentration/concentration.service.js';
import { wgiUsed } from '../shared/governance.js';
import { countryName, requireImporter, requireMineral } from '../shared/lookups.js';

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
  /** Given: used as is; absent: the importer's published assessment input, else 0. */
  endOfLifeRecyclingInputRate?: number | undefined;
  /** Given: used as is; absent: the importer's published assessment input, else 1. */
  substitutionIndex?: number | undefined;
}

/**
 * As for import reliance, `year` means the latest data up to that year, not that exact year only. A share table
 * (reference period, no year) answers for a stage without annual tonnes, but only when some stage of the mineral has
 * annual data up to that year (`sharesAllowed`, see sharesAnchoredBy): the year anchors the score, as in scenarios.
 */
function latestSupplyUpTo(snapshot: DatasetSnapshot, mineral: string, stage: string, year: number | undefined, sharesAllowed: boolean) {
  const candidates = snapshot.suppliesByMineralStage.get(mineralStageKey(mineral, stage)) ?? [];
  return candidates
    .filter((s) => (year === undefined || yearRank(s) <= year) && (sharesAllowed || s.measure !== 'shares'))
    .reduce<StageYearSupply | undefined>((latest, s) => (!latest || yearRank(s) > yearRank(latest) ? s : latest), undefined);
}

/** Whether share tables may answer for `year`: always without a year, else when some stage has annual data up to it. */
function sharesAnchoredBy(snapshot: DatasetSnapshot, mineral: string, year: number | undefined): boolean {
  return year === undefined || snapshot.supplies.some((s) => s.mineral === mineral && s.year !== null && s.year <= year);
}

/**
 * The EU supply-risk structure computed from our data for one importer: global supply is the world
 * production mix at each stage, "EU sourcing" becomes the importer's own import mix, IR its net import reliance.
 * Following the EU bottleneck rule, every stage with data is scored and the higher one is selected.
 */
export function mineralSupplyRisk(snapshot: DatasetSnapshot, mineral: string, rawQuery: SupplyRiskQuery) {
  requireMineral(snapshot, mineral);
  const importer = requireImporter(snapshot, rawQuery.importer, 'querystring.importer');
  const key = `supply-risk|${mineral}|${importer}|${rawQuery.year}|${rawQuery.endOfLifeRecyclingInputRate}|${rawQuery.substitutionIndex}`;
  return memoize(snapshot, key, () => {
    const assessment = snapshot.criticalityInputs.find((row) => row.assessor === importer && row.mineralId === mineral) ?? null;
    const stageReliance = stageRelianceOf(snapshot, importer, mineral);
    // The importer's own assessment inputs stand in for absent parameters; a given parameter always wins.
    const eolFromAssessment = rawQuery.endOfLifeRecyclingInputRate === undefined && assessment?.endOfLifeRir != null;
    const siFromAssessment = rawQuery.substitutionIndex === undefined && assessment?.substitutionSr != null;
    const query = {
      importer,
      year: rawQuery.year,
      endOfLifeRecyclingInputRate: rawQuery.endOfLifeRecyclingInputRate ?? (eolFromAssessment ? assessment!.endOfLifeRir! / 100 : 0),
      substitutionIndex: rawQuery.substitutionIndex ?? (siFromAssessment ? assessment!.substitutionSr! : 1),
    };
    const published = assessment
      ? {
          supplyRisk: assessment.supplyRisk,
          stage: assessment.stageId,
          byStage: { mining: assessment.supplyRiskExtraction, refining: assessment.supplyRiskProcessing } as Record<string, number | null>,
          material: assessment.material,
          endOfLifeRecyclingInputRate: assessment.endOfLifeRir === null ? null : assessment.endOfLifeRir / 100,
          substitutionIndex: assessment.substitutionSr,
          scope: assessment.supplyScope,
          edition: assessment.edition,
          sourceId: assessment.sourceId,
        }
      : null;
    const origins = [
      eolFromAssessment ? `EoL-RIR ${assessment!.endOfLifeRir} % as published by ${assessment!.edition}` : null,
      siFromAssessment ? `SI_SR ${assessment!.substitutionSr} as published by ${assessment!.edition}` : null,
    ].filter((text): text is string => text !== null);
    const inputNotes = `End-of-life recycling input rate ${query.endOfLifeRecyclingInputRate} and substitution index ${query.substitutionIndex} (${
      origins.length > 0 ? `${origins.join('; ')}; ` : ''
    }pass endOfLifeRecyclingInputRate and substitutionIndex to change them; the defaults without a published assessment, 0 and 1, mean no credit for either).`;
    if (stageReliance.length > 0) {
      return stageBasedSupplyRisk(snapshot, mineral, importer, stageReliance, query, published, inputNotes);
    }
    const reliance = relianceOf(snapshot, query.importer, mineral, query.year);
    const sourcing = importSourcesOf(snapshot, query.importer, mineral);
    const sourcingShares =
      sourcing && !sourcing.rankOnly
        ? sourcing.sources.filter((s) => s.sharePct !== null).map((s) => ({ country: s.country, share: s.sharePct as number }))
        : null;
    const sourcingWeighted = sourcingShares ? governanceWeightedHhi({ shares: sourcingShares, wgiScaled: snapshot.wgiScaled }) : null;
    const importerSourcingHhiWgi = sourcingWeighted?.status === 'ok' ? sourcingWeighted.hhiWgi : null;
    const sourcingWgi =
      sourcingWeighted?.status === 'ok'
        ? wgiUsed(
            snapshot,
            sourcingWeighted.contributions.map((entry) => entry.country),
          )
        : { edition: null, years: [] };

    const sharesAllowed = sharesAnchoredBy(snapshot, mineral, query.year);
    const stages = snapshot.stages.map((stage) => {
      const supply = latestSupplyUpTo(snapshot, mineral, stage.id, query.year, sharesAllowed);
      const block = supply ? concentrationBlock(snapshot, supply) : null;
      if (!block || !isOk(block) || block.governanceWeighted.status !== 'ok') {
        return {
          stage: stage.id,
          status: 'insufficient_data' as const,
          reason: `no ${stage.id} supply data to weight by governance`,
          method: methodLink(methodRef('eu-supply-risk')),
        };
      }
      if (!reliance || reliance.fraction === null) {
        return {
          stage: stage.id,
          status: 'insufficient_data' as const,
          reason: `no net import reliance for ${importerName(snapshot, query.importer)} and ${mineral}`,
          method: methodLink(methodRef('eu-supply-risk')),
        };
      }
      const inputs: EuSupplyRiskInput = {
        globalHhiWgi: block.governanceWeighted.hhiWgi,
        euSourcingHhiWgi: importerSourcingHhiWgi,
        importReliance: reliance.fraction,
        endOfLifeRecyclingInputRate: query.endOfLifeRecyclingInputRate,
        substitutionIndex: query.substitutionIndex,
      };
      return {
        stage: stage.id,
        year: block.year,
        period: supply?.period ?? null,
        inputs,
        tradeFactors: { global: [], sourcing: [] },
        publishedSupplyRisk: null,
        explanation: `GS from world ${stage.id} ${supply?.measure === 'shares' ? `shares (${supply.period})` : `production ${block.year}`} with t = 1; ${importerSourcingHhiWgi === null ? 'no importer sourcing shares, so global supply only' : `importer sourcing from ${query.importer} import sources with t = 1`}.`,
        ...presentSupplyRisk(euSupplyRisk(inputs)),
      };
    });
    const scored = stages.filter((s): s is Extract<(typeof stages)[number], { supplyRisk: number }> => 'supplyRisk' in s);
    const bottleneck = scored.reduce<(typeof scored)[number] | undefined>(
      (max, s) => (!max || s.supplyRisk > max.supplyRisk ? s : max),
      undefined,
    );
    return {
      mineral,
      importer: query.importer,
      importerName: importerName(snapshot, query.importer),
      bottleneckStage: bottleneck?.stage ?? null,
      supplyRisk: bottleneck?.supplyRisk ?? null,
      publishedSupplyRisk: presentPublished(published),
      stages,
      importReliance: reliance
        ? {
            year: reliance.year,
            stage: null,
            period: null,
            form: reliance.form,
            valueText: reliance.valueText,
            fraction: reliance.fraction,
            censored: reliance.censored,
            sourceId: reliance.sourceId,
          }
        : null,
      importerSourcing: sourcing
        ? {
            period: sourcing.period,
            form: sourcing.form,
            rankOnly: sourcing.rankOnly,
            stage: null,
            hhiWgi: importerSourcingHhiWgi === null ? null : round(importerSourcingHhiWgi, 3),
            wgiYears: sourcingWgi.years,
            wgi: sourcingWgi,
            sourceIds: sourcing.sourceIds,
          }
        : null,
      assumptions: [
        inputNotes,
        `"EU sourcing" is replaced by ${query.importer}'s import-source mix, governance-weighted; where only the order of suppliers is published, global supply alone is used (EU "GS only" rule).`,
        'Import reliance is the USGS net import reliance; a published range such as ">50" is used at its bound.',
        `The trade factor t is 1 for every country: ${query.importer}'s figures come with no published t (the EU publishes t only next to its own study's shares, and its formula is not published).`,
        'Following the EU bottleneck rule, each stage with data is scored and the stage with the higher supply risk is selected.',
      ],
      method: methodLink(methodRef('eu-supply-risk')),
    };
  });
}

type Published = {
  supplyRisk: number | null;
  stage: string;
  byStage: Record<string, number | null>;
  material: string;
  endOfLifeRecyclingInputRate: number | null;
  substitutionIndex: number | null;
  scope: string | null;
  edition: string;
  sourceId: string;
} | null;

function presentPublished(published: Published) {
  if (!published) return null;
  return {
    supplyRisk: published.supplyRisk,
    stage: published.stage,
    material: published.material,
    endOfLifeRecyclingInputRate: published.endOfLifeRecyclingInputRate,
    substitutionIndex: published.substitutionIndex,
    scope: published.scope,
    edition: published.edition,
    sourceId: published.sourceId,
  };
}

const EU_LINK = () => methodLink(methodRef('eu-supply-risk'));

/**
 * The EU formula on an importer's own per-stage figures (EU CRM 2023): IR at each stage, global supply from the
 * same edition's share table with its published t, the importer's sourcing shares with theirs, EoL-RIR and SI_SR
 * from its assessment. Every stage with reliance is scored; the higher is the bottleneck.
 */
function stageBasedSupplyRisk(
  snapshot: DatasetSnapshot,
  mineral: string,
  importer: string,
  stageReliance: StageRelianceFigure[],
  query: { importer: string; year: number | undefined; endOfLifeRecyclingInputRate: number; substitutionIndex: number },
  published: Published,
  inputNotes: string,
) {
  const who = importerName(snapshot, importer);
  const wgiCountries = new Set<string>();
  const stages = stageReliance.map((stage) => {
    const supply = shareSupplyFor(snapshot, mineral, stage.stage, { edition: stage.edition, material: stage.material });
    if (!supply) {
      return {
        stage: stage.stage,
        status: 'insufficient_data' as const,
        reason: `no ${stage.edition} share table of world ${mineral} ${stage.stage} (${stage.material}) to weight by governance; figures of another source or basis are not mixed in`,
        method: EU_LINK(),
      };
    }
    // The shares every other answer gives for this table (a table whose rounded shares add up to more than 100 is
    // taken of their sum).
    const core = concentrationCore(snapshot, supply);
    const globalShares = core.status === 'ok' ? core.producers.map((p) => ({ country: p.country, share: p.share })) : [];
    const globalT = Object.fromEntries(supply.tradeFactors);
    const global = governanceWeightedHhi({ shares: globalShares, wgiScaled: snapshot.wgiScaled, tradeFactor: globalT });
    if (global.status !== 'ok') {
      return { stage: stage.stage, status: 'insufficient_data' as const, reason: global.reason, method: EU_LINK() };
    }
    const sourcing = sourcingOf(snapshot, importer, mineral, stage.stage);
    const sourcingT = Object.fromEntries(
      (sourcing?.sources ?? []).flatMap((e) => (e.tradeFactor === null ? [] : [[e.country, e.tradeFactor]])),
    );
    const sourcingHhi = sourcing
      ? governanceWeightedHhi({
          shares: sourcing.sources.map((e) => ({ country: e.country, share: e.sharePct })),
          wgiScaled: snapshot.wgiScaled,
          tradeFactor: sourcingT,
        })
      : null;
    const sourcingOk = sourcingHhi?.status === 'ok' ? sourcingHhi : null;
    for (const c of global.contributions) wgiCountries.add(c.country);
    for (const c of sourcingOk?.contributions ?? []) wgiCountries.add(c.country);
    const inputs: EuSupplyRiskInput = {
      globalHhiWgi: global.hhiWgi,
      euSourcingHhiWgi: sourcingOk ? sourcingOk.hhiWgi : null,
      importReliance: stage.fraction,
      endOfLifeRecyclingInputRate: query.endOfLifeRecyclingInputRate,
      substitutionIndex: query.substitutionIndex,
    };
    const present = (
      contributions: { country: string; share: number; wgiScaled: number; tradeFactor: number; contribution: number }[],
      published: Record<string, number>,
    ) =>
      contributions.map((c) => ({
        country: c.country,
        name: countryName(snapshot, c.country),
        share: round(c.share, 2),
        wgiScaled: round(c.wgiScaled, 3),
        tradeFactor: c.tradeFactor,
        tradeFactorPublished: Object.hasOwn(published, c.country),
        contribution: round(c.contribution, 4),
      }));
    const topT = global.contributions
      .slice(0, 3)
      .map((c) => `${countryName(snapshot, c.country)} ${round(c.share, 1)} % × WGI ${round(c.wgiScaled, 2)} × t ${c.tradeFactor}`);
    const explanation = [
      `IR ${stage.percent} % at ${stage.stage}${stage.assessed ? ' (the stage the study assessed)' : ''}`,
      `(HHI_WGI,t)_GS ${round(global.hhiWgi, 3)} from ${supply.basis} (${supply.period}), largest terms ${topT.join(', ')}`,
      sourcingOk
        ? `(HHI_WGI,t)_${importer} ${round(sourcingOk.hhiWgi, 3)} from ${who} sourcing shares (${sourcing!.period}; listed ${round(sourcing!.listedSharePct, 1)} %, shares below 1 % not published) with their t`
        : `no ${who} sourcing shares at ${stage.stage}, so global supply only (EU "GS only" rule)`,
      `× (1 − EoL-RIR ${query.endOfLifeRecyclingInputRate}) × SI_SR ${query.substitutionIndex}`,
    ].join('; ');
    return {
      stage: stage.stage,
      year: null,
      period: supply.period,
      inputs,
      tradeFactors: {
        global: present(global.contributions, globalT),
        sourcing: sourcingOk ? present(sourcingOk.contributions, sourcingT) : [],
      },
      publishedSupplyRisk: published?.byStage[stage.stage] ?? null,
      explanation: `${explanation}.`,
      ...presentSupplyRisk(euSupplyRisk(inputs)),
    };
  });
  const scored = stages.filter((s): s is Extract<(typeof stages)[number], { supplyRisk: number }> => 'supplyRisk' in s);
  const bottleneck = scored.reduce<(typeof scored)[number] | undefined>(
    (max, s) => (!max || s.supplyRisk > max.supplyRisk ? s : max),
    undefined,
  );
  const assessed = stageReliance.find((s) => s.assessed) ?? stageReliance[0]!;
  const sourcing = sourcingOf(snapshot, importer, mineral, bottleneck?.stage ?? assessed.stage);
  const wgi = wgiUsed(snapshot, [...wgiCountries]);
  return {
    mineral,
    importer,
    importerName: who,
    bottleneckStage: bottleneck?.stage ?? null,
    supplyRisk: bottleneck?.supplyRisk ?? null,
    publishedSupplyRisk: presentPublished(published),
    stages,
    importReliance: {
      year: null,
      stage: assessed.stage,
      period: assessed.period,
      form: null,
      valueText: `${assessed.percent}`,
      fraction: assessed.fraction,
      censored: false,
      sourceId: assessed.sourceId,
    },
    importerSourcing: sourcing
      ? {
          period: sourcing.period,
          form: null,
          stage: sourcing.stage,
          rankOnly: false,
          hhiWgi:
            bottleneck && 'inputs' in bottleneck && bottleneck.inputs.euSourcingHhiWgi !== null
              ? round(bottleneck.inputs.euSourcingHhiWgi, 3)
              : null,
          wgiYears: wgi.years,
          wgi,
          sourceIds: sourcing.sourceIds,
        }
      : null,
    assumptions: [
      inputNotes,
      `Import reliance, global supply and ${who} sourcing are the ${assessed.edition} figures per stage (${assessed.period}); each stage is scored on its own shares and the higher stage is the bottleneck (EU rule). publishedSupplyRisk is the study's own result, for comparison.`,
      `The trade factor t is the study's published value per country next to each share (tradeFactors lists it; 1 where the study gives none).`,
      `${who} sourcing lists shares of at least 1 % only, so its HHI_WGI,t is a slight lower bound.`,
      `Governance is our WGI edition (${wgi.edition ?? 'none'}, years ${wgi.years.join(', ') || 'none'}), rescaled as the EU does ((2.5 − mean of six) × 2); the study used an earlier WGI vintage, which explains most of the gap to the published value.`,
    ],
    method: EU_LINK(),
  };
}
