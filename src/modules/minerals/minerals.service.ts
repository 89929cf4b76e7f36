import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import type { StageYearSupply } from '../../domain/supply.js';
import { round } from '../../lib/round.js';
import { concentrationCore, worldTotalBlock } from '../concentration/concentration.service.js';
import { countryName, requireMineral, sourceRef } from '../shared/lookups.js';

function suppliesOf(snapshot: DatasetSnapshot, mineral: string, stage?: string): (StageYearSupply & { year: number })[] {
  return (
    snapshot.supplies
      // Annual tonnes only: share-based stages cover a reference period and are shown by the chain.
      .filter(
        (supply): supply is StageYearSupply & { year: number } =>
          supply.mineral === mineral && (stage === undefined || supply.stage === stage) && supply.year !== null,
      )
      .sort((a, b) => a.year - b.year)
  );
}

function stagesWithData(snapshot: DatasetSnapshot, mineral: string): string[] {
  const present = new Set(suppliesOf(snapshot, mineral).map((supply) => supply.stage));
  return snapshot.stages.filter((stage) => present.has(stage.id)).map((stage) => stage.id);
}

export function listMinerals(snapshot: DatasetSnapshot) {
  const data = snapshot.minerals.map((mineral) => ({
    id: mineral.id,
    name: mineral.name,
    symbol: mineral.symbol,
    description: mineral.description,
    stagesWithData: stagesWithData(snapshot, mineral.id),
  }));
  return { data, keys: snapshot.minerals.map((mineral) => mineral.id) };
}

function latestSummary(snapshot: DatasetSnapshot, supply: StageYearSupply & { year: number }) {
  const core = concentrationCore(snapshot, supply);
  const worldRow = snapshot.figures.find(
    (figure) =>
      figure.mineral === supply.mineral &&
      figure.stage === supply.stage &&
      figure.year === supply.year &&
      figure.basis === supply.basis &&
      figure.country === 'WLD',
  );
  const top = core.status === 'ok' ? core.top : null;
  const topFigure = top ? supply.producers.find((producer) => producer.country === top.country) : undefined;
  return {
    year: supply.year,
    basis: supply.basis,
    edition: supply.edition,
    worldTonnes: core.status === 'ok' ? core.worldTonnes : null,
    worldTotalBasis:
      core.status === 'ok' ? core.worldTotal.rule : supply.worldTonnes !== null ? ('published' as const) : ('sum_of_rows' as const),
    worldTotal: core.status === 'ok' ? worldTotalBlock(snapshot, supply, core.worldTotal) : null,
    worldSource: worldRow ? sourceRef(snapshot, worldRow.sourceId) : null,
    topProducer:
      top && topFigure
        ? {
            country: top.country,
            name: countryName(snapshot, top.country),
            tonnes: top.tonnes,
            share: round(top.share, 2),
            source: sourceRef(snapshot, topFigure.sourceId),
          }
        : null,
  };
}

export function getMineral(snapshot: DatasetSnapshot, id: string) {
  const mineral = requireMineral(snapshot, id);
  const stages = stagesWithData(snapshot, id).map((stage) => {
    const supplies = suppliesOf(snapshot, id, stage);
    const basisIds = new Set(snapshot.production.filter((row) => row.mineralId === id && row.stageId === stage).map((row) => row.basisId));
    const latest = supplies.at(-1) as StageYearSupply & { year: number };
    return {
      stage,
      bases: snapshot.bases
        .filter((basis) => basisIds.has(basis.id))
        .map((basis) => ({ id: basis.id, label: basis.label, description: basis.description, priority: basis.priority })),
      years: supplies.map((supply) => supply.year),
      latest: latestSummary(snapshot, latest),
    };
  });
  const uses = snapshot.defenseUses.filter((use) => use.mineralId === id);
  const byCategory: Record<string, number> = {};
  for (const use of uses) byCategory[use.category] = (byCategory[use.category] ?? 0) + 1;
  return {
    id: mineral.id,
    name: mineral.name,
    symbol: mineral.symbol,
    description: mineral.description,
    stages,
    defenseUses: { total: uses.length, byCategory },
    criticalLists: snapshot.criticalMinerals
      .filter((row) => row.mineralId === id)
      .map((row) => ({ list: row.list, critical: row.critical, edition: row.edition, source: sourceRef(snapshot, row.sourceId) })),
  };
}
