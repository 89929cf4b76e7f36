import { memoize } from '../../dataset/memo.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { importSourcesOf, relianceOf, type ImportSourcesFigure, type RelianceFigure } from '../../domain/importer.js';
import { round, roundOrNull } from '../../lib/round.js';
import { dependencyIndex, exposureToSupplier, importSourceConcentration, methodRef } from '../../scoring/index.js';
import { concentrationCore, methodLink, mineralConcentration, supplyFor } from '../concentration/concentration.service.js';
import { missingGovernanceBlock, wgiUsed } from '../shared/governance.js';
import { checkFilters, countryName, requireTradingCountry } from '../shared/lookups.js';

function presentReliance(reliance: RelianceFigure | null) {
  if (!reliance) return null;
  return {
    year: reliance.year,
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
    otherSharePct: figure.otherSharePct,
    sources: figure.sources.map((source) => ({ ...source, name: countryName(snapshot, source.country) })),
    sourceIds: figure.sourceIds,
  };
}

/** Per mineral: reliance, where imports come from and how concentrated, and the USGS-structure dependency index. */
function mineralDependency(snapshot: DatasetSnapshot, importer: string, mineral: string) {
  const reliance = relianceOf(snapshot, importer, mineral);
  const sources = importSourcesOf(snapshot, importer, mineral);
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
    topSupplier: sources?.sources[0] ? { country: sources.sources[0].country, name: countryName(snapshot, sources.sources[0].country), sharePct: sources.sources[0].sharePct } : null,
    dependencyIndex:
      index === null
        ? { status: 'insufficient_data' as const, reason: `no concentration data for ${mineral}`, method: methodLink(methodRef('import-dependency')) }
        : index.status === 'ok'
          ? {
              status: index.status,
              index: round(index.index, 4),
              tradeExposure: round(index.tradeExposure, 4),
              disruptionPotential: round(index.disruptionPotential, 4),
              assessedStage: supply?.stage ?? null,
              assessedYear: supply?.year ?? null,
              censoredReliance: reliance?.censored ?? false,
              wgi: wgiUsed(snapshot, index.contributions.map((entry) => entry.country)),
              missingGovernance: missingGovernanceBlock(snapshot, index.missingGovernance),
              caveats: index.caveats,
              method: methodLink(index.method),
            }
          : { status: index.status, reason: index.reason, method: methodLink(index.method) },
  };
}

export function importerDependency(snapshot: DatasetSnapshot, importer: string, filters: { mineral?: string | undefined }) {
  requireTradingCountry(snapshot, importer, 'params.importer');
  checkFilters(snapshot, { mineral: filters.mineral });
  return memoize(snapshot, `dependency|${importer}|${filters.mineral}`, () => {
    const minerals = snapshot.minerals.filter((m) => filters.mineral === undefined || m.id === filters.mineral);
    const data = minerals
      .map((mineral) => mineralDependency(snapshot, importer, mineral.id))
      .sort((a, b) => indexValue(b) - indexValue(a) || a.mineral.localeCompare(b.mineral));
    return { importer, data, total: data.length, method: methodLink(methodRef('import-dependency')) };
  });
}

function indexValue(row: ReturnType<typeof mineralDependency>): number {
  return row.dependencyIndex.status === 'ok' ? row.dependencyIndex.index : -1;
}

/** "How exposed is the importer to this supplier?", mineral by mineral: direct trade vs upstream production. */
export function exposureOn(snapshot: DatasetSnapshot, importer: string, supplier: string) {
  requireTradingCountry(snapshot, importer, 'params.importer');
  requireTradingCountry(snapshot, supplier, 'params.supplier');
  return memoize(snapshot, `exposure|${importer}|${supplier}`, () => {
    const rows = snapshot.minerals.map((mineral) => {
      const reliance = relianceOf(snapshot, importer, mineral.id);
      const sources = importSourcesOf(snapshot, importer, mineral.id);
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
          ? { sharePct: supplierImport.sharePct, rank: supplierImport.rank, period: sources!.period, form: sources!.form, sourceIds: sources!.sourceIds }
          : null,
        stageShares: stageShares.map(({ exactShare: _exact, ...shown }) => shown),
      };
      if (result.status !== 'ok') {
        return { ...common, status: result.status, reason: result.reason, effectiveExposure: null, method: methodLink(result.method) };
      }
      return {
        ...common,
        status: result.status,
        direct: roundOrNull(result.direct, 4),
        upstream: result.upstream ? { stage: result.upstream.stage, exposure: round(result.upstream.exposure, 4) } : null,
        effectiveExposure: round(result.effectiveExposure, 4),
        drivenBy: result.drivenBy,
        method: methodLink(result.method),
      };
    });
    const data = rows.sort(
      (a, b) => (b.effectiveExposure ?? -1) - (a.effectiveExposure ?? -1) || a.mineral.localeCompare(b.mineral),
    );
    return {
      importer,
      supplier,
      supplierName: countryName(snapshot, supplier),
      data,
      total: data.length,
      method: methodLink(methodRef('supplier-exposure')),
    };
  });
}
