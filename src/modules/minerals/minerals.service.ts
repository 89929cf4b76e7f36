import { mineralStageKey, type DatasetSnapshot } from '../../dataset/snapshot.js';
import type { StageYearSupply } from '../../domain/supply.js';
import { round } from '../../lib/round.js';
import { concentrationCore, worldTotalBlock } from '../concentration/concentration.service.js';
import { countryName, requireMineral, sourceRef } from '../shared/lookups.js';
import { stageGapOf } from '../shared/stage-gaps.js';
import { stagesOf, stagesWithData, type StageEntry } from '../shared/stage-catalogue.js';

/** The supplies of one stage that answer it: annual tonnes by year, else (no annual tonnes) its share table. */
function suppliesOf(snapshot: DatasetSnapshot, entry: StageEntry): StageYearSupply[] {
  const supplies = snapshot.suppliesByMineralStage.get(mineralStageKey(entry.mineral, entry.stage)) ?? [];
  return entry.measure === 'tonnes'
    ? supplies.filter((supply) => supply.year !== null).sort((a, b) => (a.year ?? 0) - (b.year ?? 0))
    : supplies.filter((supply) => supply.measure === 'shares');
}

export function listMinerals(snapshot: DatasetSnapshot) {
  const data = snapshot.minerals.map((mineral) => ({
    id: mineral.id,
    name: mineral.name,
    symbol: mineral.symbol,
    description: mineral.description,
    stagesWithData: stagesWithData(snapshot, mineral.id).map((entry) => entry.stage),
  }));
  return { data, keys: snapshot.minerals.map((mineral) => mineral.id) };
}

function latestSummary(snapshot: DatasetSnapshot, supply: StageYearSupply) {
  const core = concentrationCore(snapshot, supply);
  const shares = supply.measure === 'shares';
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
    period: supply.period,
    measure: supply.measure,
    basis: supply.basis,
    edition: supply.edition,
    // A share table's world is 100 %: there are no tonnes to show.
    worldTonnes: core.status === 'ok' && !shares ? core.worldTonnes : null,
    worldTotalBasis: shares ? ('shares' as const) : core.status === 'ok' ? core.worldTotal.rule : ('published' as const),
    worldTotal: core.status === 'ok' ? worldTotalBlock(snapshot, supply, core.worldTotal) : null,
    worldSource: worldRow ? sourceRef(snapshot, worldRow.sourceId) : null,
    topProducer:
      top && topFigure
        ? {
            country: top.country,
            name: countryName(snapshot, top.country),
            tonnes: shares ? null : top.tonnes,
            share: round(top.share, 2),
            source: sourceRef(snapshot, topFigure.sourceId),
          }
        : null,
  };
}

export function getMineral(snapshot: DatasetSnapshot, id: string) {
  const mineral = requireMineral(snapshot, id);
  const stages = stagesWithData(snapshot, id).map((entry) => {
    const supplies = suppliesOf(snapshot, entry);
    // Every basis the stage's figures use in any year (a stage may change basis: ilmenite, rutile, both), or its share table's.
    const basisIds = new Set(
      entry.measure === 'tonnes'
        ? snapshot.production.filter((row) => row.mineralId === entry.mineral && row.stageId === entry.stage).map((row) => row.basisId)
        : supplies.map((supply) => supply.basis),
    );
    return {
      stage: entry.stage,
      name: entry.name,
      measure: entry.measure,
      bases: snapshot.bases
        .filter((basis) => basisIds.has(basis.id))
        .map((basis) => ({ id: basis.id, label: basis.label, description: basis.description, priority: basis.priority })),
      years: entry.years,
      period: entry.period,
      latest: latestSummary(snapshot, supplies.at(-1)!),
    };
  });
  const gaps = stagesOf(snapshot, id).flatMap((entry) => (entry.gap ? [stageGapOf(snapshot, entry, entry.gap)] : []));
  const uses = snapshot.defenseUses.filter((use) => use.mineralId === id);
  const byCategory: Record<string, number> = {};
  for (const use of uses) byCategory[use.category] = (byCategory[use.category] ?? 0) + 1;
  return {
    id: mineral.id,
    name: mineral.name,
    symbol: mineral.symbol,
    description: mineral.description,
    stages,
    gaps,
    defenseUses: { total: uses.length, byCategory },
    criticalLists: snapshot.criticalMinerals
      .filter((row) => row.mineralId === id)
      .map((row) => ({ list: row.list, critical: row.critical, edition: row.edition, source: sourceRef(snapshot, row.sourceId) })),
  };
}
