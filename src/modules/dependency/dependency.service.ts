import { memoize } from '../../dataset/memo.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import {
  importerFigures,
  importerName,
  shareSuppliesAt,
  sourcingOf,
  stageRelianceOf,
  type ImportSourcesFigure,
  type RelianceFigure,
  type StageRelianceFigure,
} from '../../dataset/importer-figures.js';
import { round, roundOrNull } from '../../lib/round.js';
import { dependencyIndex, exposureToSupplier, importSourceConcentration, methodRef } from '../../scoring/index.js';
import { concentrationCore, methodLink, mineralConcentration, supplyFor } from '../concentration/concentration.service.js';
import { missingGovernanceBlock, wgiUsed } from '../shared/governance.js';
import { checkFilters, countryName, requireImporter, requireTradingCountry } from '../shared/lookups.js';
import type { TradeRepository } from '../trade/trade.repository.js';
import { withObservedTrade } from '../trade/trade.service.js';

function presentReliance(reliance: RelianceFigure | null) {
  if (!reliance) return null;
  return {
    year: reliance.year,
    stage: reliance.stage ?? null,
    period: reliance.period ?? null,
    form: reliance.form,
    percent: reliance.percent,
    valueText: reliance.valueText,
    qualifier: reliance.qualifier,
    fraction: reliance.fraction,
    censored: reliance.censored,
    sourceId: reliance.sourceId,
  };
}

function presentImportSources(snapshot: DatasetSnapshot, figure: ImportSourcesFigure | null) {
  if (!figure) return null;
  return {
    period: figure.period,
    form: figure.form,
    rankOnly: figure.rankOnly,
    otherSharePct: roundOrNull(figure.otherSharePct, 2),
    sources: figure.sources.map((source) => ({
      ...source,
      sharePct: roundOrNull(source.sharePct, 2),
      name: countryName(snapshot, source.country),
    })),
    sourceIds: figure.sourceIds,
  };
}

/** Per mineral: reliance, where imports come from and how concentrated, and the USGS-structure dependency index. */
function mineralDependency(snapshot: DatasetSnapshot, importer: string, mineral: string) {
  const { reliance, sources } = importerFigures(snapshot, importer, mineral);
  const concentration = sources ? importSourceConcentration(sources.sources) : null;
  // Disruption potential is read at the chokepoint: the stage whose world supply is most concentrated.
  const chokepoint = mineralConcentration(snapshot, mineral, {}).chokepoint;
  const supply = chokepoint.status === 'ok' ? supplyFor(snapshot, mineral, chokepoint.stage, chokepoint.year ?? undefined) : undefined;
  const core = supply ? concentrationCore(snapshot, supply) : null;
  const index =
    core && core.status === 'ok'
      ? dependencyIndex({
          netImportReliance: reliance?.fraction ?? null,
          // Unrounded shares, as in the concentration block's own governance-weighted HHI.
          worldShares: core.producers.map((p) => ({ country: p.country, share: p.share })),
          wgiScaled: snapshot.wgiScaled,
        })
      : null;
  return {
    mineral,
    netImportReliance: presentReliance(reliance),
    importSources: presentImportSources(snapshot, sources),
    importSourceConcentration:
      concentration === null
        ? null
        : concentration.status === 'ok'
          ? {
              status: concentration.status,
              hhi: round(concentration.hhi, 1),
              hhiUpperBound: round(concentration.hhiUpperBound, 1),
              unlistedShare: round(concentration.unlistedShare, 2),
              topSupplier: { ...concentration.topSupplier, name: countryName(snapshot, concentration.topSupplier.country) },
              method: methodLink(concentration.method),
            }
          : { status: concentration.status, reason: concentration.reason, method: methodLink(concentration.method) },
    topSupplier: sources?.sources[0]
      ? {
          country: sources.sources[0].country,
          name: countryName(snapshot, sources.sources[0].country),
          sharePct: roundOrNull(sources.sources[0].sharePct, 2),
        }
      : null,
    dependencyIndex:
      index === null
        ? {
            status: 'insufficient_data' as const,
            reason: `no concentration data for ${mineral}`,
            method: methodLink(methodRef('import-dependency')),
          }
        : index.status === 'ok'
          ? {
              status: index.status,
              index: round(index.index, 4),
              tradeExposure: round(index.tradeExposure, 4),
              disruptionPotential: round(index.disruptionPotential, 4),
              assessedStage: supply?.stage ?? null,
              assessedYear: supply?.year ?? null,
              censoredReliance: reliance?.censored ?? false,
              wgi: wgiUsed(
                snapshot,
                index.contributions.map((entry) => entry.country),
              ),
              missingGovernance: missingGovernanceBlock(snapshot, index.missingGovernance),
              caveats: index.caveats,
              method: methodLink(index.method),
            }
          : { status: index.status, reason: index.reason, method: methodLink(index.method) },
    byStage: stageRelianceOf(snapshot, importer, mineral).map((stage) => {
      const sourcing = sourcingOf(snapshot, importer, mineral, stage.stage);
      return {
        stage: stage.stage,
        assessed: stage.assessed,
        importReliance: presentStageReliance(stage),
        sourcing: sourcing
          ? {
              period: sourcing.period,
              edition: sourcing.edition,
              listedSharePct: round(sourcing.listedSharePct, 2),
              sources: sourcing.sources.map((entry) => ({ ...entry, name: countryName(snapshot, entry.country) })),
              sourceIds: sourcing.sourceIds,
            }
          : null,
        reason: sourcing ? null : noSourcingReason(snapshot, importer, mineral, stage),
      };
    }),
  };
}

function presentStageReliance(stage: StageRelianceFigure) {
  return {
    percent: stage.percent,
    fraction: round(stage.fraction, 4),
    material: stage.material,
    period: stage.period,
    edition: stage.edition,
    sourceId: stage.sourceId,
  };
}

function noSourcingReason(snapshot: DatasetSnapshot, importer: string, mineral: string, stage: StageRelianceFigure): string {
  return `${stage.edition} gives no ${importerName(snapshot, importer)} sourcing shares for ${mineral} at ${stage.stage}${
    stage.assessed ? ' (the study assessed this stage on global supply only)' : ''
  }`;
}

const pct = (value: number) => `${round(value, 2)} %`;

export function importerDependency(snapshot: DatasetSnapshot, code: string, filters: { mineral?: string | undefined }) {
  const importer = requireImporter(snapshot, code, 'params.importer');
  checkFilters(snapshot, { mineral: filters.mineral });
  return memoize(snapshot, `dependency|${importer}|${filters.mineral}`, () => {
    const minerals = snapshot.minerals.filter((m) => filters.mineral === undefined || m.id === filters.mineral);
    const data = minerals
      .map((mineral) => mineralDependency(snapshot, importer, mineral.id))
      .sort((a, b) => indexValue(b) - indexValue(a) || a.mineral.localeCompare(b.mineral));
    return {
      importer,
      importerName: importerName(snapshot, importer),
      data,
      total: data.length,
      method: methodLink(methodRef('import-dependency')),
    };
  });
}

function indexValue(row: ReturnType<typeof mineralDependency>): number {
  return row.dependencyIndex.status === 'ok' ? row.dependencyIndex.index : -1;
}

/** exposureOn with the observed trade (USITC) beside each mineral: what the route and the MCP tool answer. */
export function supplierExposure(snapshot: DatasetSnapshot, trade: TradeRepository, importer: string, supplier: string) {
  return withObservedTrade(snapshot, trade, exposureOn(snapshot, importer, supplier));
}

/** "How exposed is the importer to this supplier?", mineral by mineral: direct trade vs upstream production. */
export function exposureOn(snapshot: DatasetSnapshot, code: string, supplier: string) {
  const importer = requireImporter(snapshot, code, 'params.importer');
  requireTradingCountry(snapshot, supplier, 'params.supplier');
  return memoize(snapshot, `exposure|${importer}|${supplier}`, () => {
    const rows = snapshot.minerals.map((mineral) => {
      const { reliance, sources, stage: assessed } = importerFigures(snapshot, importer, mineral.id);
      const supplierImport = sources?.sources.find((s) => s.country === supplier) ?? null;
      const stageShares = snapshot.stages.map((stage) => {
        const supply = supplyFor(snapshot, mineral.id, stage.id);
        const core = supply ? concentrationCore(snapshot, supply) : null;
        if (!supply || !core || core.status !== 'ok') {
          return { stage: stage.id, year: null, share: null, exactShare: null, reason: 'no data at this stage' };
        }
        const entry = core.producers.find((p) => p.country === supplier);
        return {
          stage: stage.id,
          year: supply.year,
          share: entry ? round(entry.share, 2) : null,
          exactShare: entry ? entry.share : null,
          reason: entry ? null : `${supplier} is not a named producer (it may sit in "other countries")`,
          sourceIds: supply.sourceIds,
        };
      });
      const result = exposureToSupplier({
        supplier,
        netImportReliance: reliance?.fraction ?? null,
        supplierImportShare: supplierImport?.sharePct ?? null,
        // Unrounded shares; the rounded ones are for display.
        stageShares: stageShares.map((s) => ({ stage: s.stage, share: s.exactShare })),
      });
      const common = {
        mineral: mineral.id,
        netImportReliance: presentReliance(reliance),
        supplierImportShare: supplierImport
          ? {
              sharePct: roundOrNull(supplierImport.sharePct, 2),
              rank: supplierImport.rank,
              period: sources!.period,
              form: sources!.form,
              sourceIds: sources!.sourceIds,
            }
          : null,
        stageShares: stageShares.map(({ exactShare: _exact, ...shown }) => shown),
        directReason: directReasonOf(
          snapshot,
          importer,
          supplier,
          mineral.id,
          reliance,
          sources,
          supplierImport?.sharePct ?? null,
          assessed,
        ),
        byStage: exposureByStage(snapshot, importer, supplier, mineral.id),
      };
      const explanation = explainExposure(
        snapshot,
        importer,
        supplier,
        reliance,
        sources,
        supplierImport?.sharePct ?? null,
        result,
        common.directReason,
      );
      if (result.status !== 'ok') {
        return {
          ...common,
          status: result.status,
          reason: result.reason,
          effectiveExposure: null,
          explanation,
          method: methodLink(result.method),
        };
      }
      return {
        ...common,
        status: result.status,
        direct: roundOrNull(result.direct, 4),
        upstream: result.upstream ? { stage: result.upstream.stage, exposure: round(result.upstream.exposure, 4) } : null,
        effectiveExposure: round(result.effectiveExposure, 4),
        drivenBy: result.drivenBy,
        explanation,
        method: methodLink(result.method),
      };
    });
    const data = rows.sort((a, b) => (b.effectiveExposure ?? -1) - (a.effectiveExposure ?? -1) || a.mineral.localeCompare(b.mineral));
    return {
      importer,
      importerName: importerName(snapshot, importer),
      supplier,
      supplierName: countryName(snapshot, supplier),
      data,
      total: data.length,
      method: methodLink(methodRef('supplier-exposure')),
    };
  });
}

/** Why the headline direct exposure is null (null when it is not). */
function directReasonOf(
  snapshot: DatasetSnapshot,
  importer: string,
  supplier: string,
  mineral: string,
  reliance: RelianceFigure | null,
  sources: ImportSourcesFigure | null,
  supplierSharePct: number | null,
  assessed: StageRelianceFigure | null,
): string | null {
  const who = importerName(snapshot, importer);
  const where = assessed ? ` at ${assessed.stage} (the assessed stage)` : '';
  if (!reliance || reliance.fraction === null) return `no import reliance for ${who} and ${mineral}${where}`;
  if (!sources) {
    return assessed ? noSourcingReason(snapshot, importer, mineral, assessed) : `no import sources for ${who} and ${mineral}`;
  }
  if (sources.rankOnly) return `${who} import sources of ${mineral} (${sources.period}) are published in rank order only, without shares`;
  if (supplierSharePct === null) {
    return assessed
      ? `${countryName(snapshot, supplier)} is not among the listed sources of ${who} ${mineral} sourcing${where} (the source lists shares of at least 1 % only)`
      : `${countryName(snapshot, supplier)} is not a listed import source of ${mineral} for ${who} (it may sit in "other countries")`;
  }
  return null;
}

function explainExposure(
  snapshot: DatasetSnapshot,
  importer: string,
  supplier: string,
  reliance: RelianceFigure | null,
  sources: ImportSourcesFigure | null,
  supplierSharePct: number | null,
  result: ReturnType<typeof exposureToSupplier>,
  directReason: string | null,
): string {
  const name = countryName(snapshot, supplier);
  const parts: string[] = [];
  if (result.status === 'ok' && result.direct !== null && reliance && sources && supplierSharePct !== null) {
    const basis = reliance.stage
      ? `import reliance at ${reliance.stage} ${reliance.percent} % (${reliance.period})`
      : reliance.qualifier === 'net_exporter'
        ? `net exporter, reliance counted as 0 (${reliance.year})`
        : `net import reliance ${reliance.valueText} % (${reliance.year})${reliance.censored ? `, the published bound` : ''}`;
    const share = reliance.stage
      ? `${name}'s ${supplierSharePct} % of ${importerName(snapshot, importer)} sourcing at ${reliance.stage}`
      : `${name}'s ${supplierSharePct} % of imports (${sources.period})`;
    parts.push(`direct ${round(result.direct, 4)} = ${basis} × ${share}`);
  } else {
    parts.push(`direct not computed: ${directReason ?? 'a figure is missing'}`);
  }
  if (result.status === 'ok' && result.upstream) {
    parts.push(
      `upstream ${round(result.upstream.exposure, 4)} = ${name}'s ${pct(result.upstream.exposure * 100)} of world ${result.upstream.stage}`,
    );
    parts.push(`effective exposure ${round(result.effectiveExposure, 4)}, driven by ${result.drivenBy}`);
  } else if (result.status === 'ok') {
    parts.push(`effective exposure ${round(result.effectiveExposure, 4)}, driven by ${result.drivenBy}`);
  }
  return `${parts.join('; ')}.`;
}

/** Per stage where the importer's source gives stage reliance: direct at that stage and the supplier's world share. */
function exposureByStage(snapshot: DatasetSnapshot, importer: string, supplier: string, mineral: string) {
  const who = importerName(snapshot, importer);
  const name = countryName(snapshot, supplier);
  return stageRelianceOf(snapshot, importer, mineral).map((stage) => {
    const sourcing = sourcingOf(snapshot, importer, mineral, stage.stage);
    const entry = sourcing?.sources.find((s) => s.country === supplier) ?? null;
    const direct = entry ? (stage.fraction * entry.sharePct) / 100 : null;
    const directReason = !sourcing
      ? noSourcingReason(snapshot, importer, mineral, stage)
      : entry
        ? null
        : `${name} is not among the listed sources of ${who} ${mineral} sourcing at ${stage.stage} (shares of at least 1 % only)`;
    const upstream = shareSuppliesAt(snapshot, mineral, stage.stage).map((supply) => {
      // Shares of the same world total as every other answer (a table whose rounded shares add up to more than 100 is
      // taken of their sum).
      const core = concentrationCore(snapshot, supply);
      const share = (core.status === 'ok' ? core.producers.find((p) => p.country === supplier)?.share : undefined) ?? null;
      return {
        basis: supply.basis,
        sharePct: share === null ? null : round(share, 2),
        exposure: share === null ? null : round(share / 100, 4),
        tradeFactor: supply.tradeFactors.get(supplier) ?? null,
        belowThreshold: supply.belowThreshold.includes(supplier),
        period: supply.period,
        edition: supply.edition,
        sourceIds: supply.sourceIds,
      };
    });
    const upstreamReason = upstream.length === 0 ? `no country shares of world ${mineral} ${stage.stage} in the share tables` : null;
    const parts = [
      direct === null
        ? `direct not computed: ${directReason}`
        : `direct ${round(direct, 4)} = ${who} import reliance at ${stage.stage} ${stage.percent} % × ${name}'s ${round(entry!.sharePct, 2)} % of ${who} sourcing (t ${entry!.tradeFactor ?? 'not given'})`,
      ...upstream.map((u) =>
        u.sharePct === null
          ? `${name} ${u.belowThreshold ? 'below the reporting threshold (<0.1 %)' : 'not listed'} in world ${stage.stage} (${u.basis})`
          : `upstream ${u.exposure} = ${name}'s ${u.sharePct} % of world ${stage.stage} (${u.basis}, t ${u.tradeFactor ?? 'not given'})`,
      ),
    ];
    if (upstreamReason) parts.push(upstreamReason);
    return {
      stage: stage.stage,
      assessed: stage.assessed,
      importReliance: presentStageReliance(stage),
      supplierSourcingShare:
        entry && sourcing
          ? {
              sharePct: round(entry.sharePct, 2),
              shareText: entry.shareText,
              tradeFactor: entry.tradeFactor,
              rank: entry.rank,
              period: sourcing.period,
              edition: sourcing.edition,
              sourceIds: sourcing.sourceIds,
            }
          : null,
      direct: roundOrNull(direct, 4),
      directReason,
      upstream,
      upstreamReason,
      explanation: `${stage.assessed ? 'Assessed stage. ' : ''}${parts.join('; ')}. Source: ${stage.edition} (${stage.period}).`,
    };
  });
}

/** GET /v1/importers: every importer of the dataset, with the minerals it has per-stage reliance for. */
export function listImporters(snapshot: DatasetSnapshot) {
  const data = snapshot.importers.map((importer) => ({
    id: importer.id,
    name: importer.name,
    kind: importer.kind,
    group: importer.groupId ?? null,
    note: importer.note ?? null,
    stageReliance: [...new Set(snapshot.stageReliance.filter((row) => row.importer === importer.id).map((row) => row.mineralId))].sort(),
  }));
  return { data, keys: snapshot.importers.map((importer) => importer.id) };
}
