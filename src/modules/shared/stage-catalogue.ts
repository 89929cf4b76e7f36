import { memoize } from '../../dataset/memo.js';
import { mineralStageKey, type DatasetSnapshot } from '../../dataset/snapshot.js';
import type { StageGapKind } from '../../domain/supply.js';

/**
 * The one catalogue of a mineral's stages: which have figures (annual tonnes, or a share table over a study period),
 * what the mineral calls each, and why the others have none. The mineral list and detail, the chain, the overview
 * grid, the rankings and the scores all read it, so a stage is never "with data" in one answer and absent in another.
 */
export interface StageEntry {
  mineral: string;
  stage: string;
  /** The mineral's own name for the stage (antimony smelting, tungsten APT), else the stage's. */
  name: string;
  /** Named in the mineral's chain (data/curated/stage_names.csv): every stage with figures, and a few without. */
  inChain: boolean;
  /** 'tonnes': some year has annual tonnes (they answer first); 'shares': only a share table; null: no figures. */
  measure: 'tonnes' | 'shares' | null;
  /** Years with annual tonnes on the preferred basis, ascending. */
  years: number[];
  /** The study period of the share table, where the stage has no annual tonnes. */
  period: string | null;
  /**
   * Why there are no figures; null when there are. `not-in-edition`: the figures came with a later edition than the
   * one the view is pinned to (indium, molybdenum and tellurium are new in MCS 2026).
   */
  gap: { kind: StageGapKind | 'not-in-edition'; reason: string; sourceId: string | null } | null;
}

/** A cell the dataset has figures for, but not as the pinned edition stood (no curated reason: it is not empty). */
function notInEdition(mineral: string, stage: string, snapshot: DatasetSnapshot) {
  const edition = snapshot.pinnedEdition?.id ?? 'this view';
  return {
    kind: 'not-in-edition' as const,
    reason: `no ${stage} figures for ${mineral} as ${edition} stood: they came with a later edition`,
    sourceId: null,
  };
}

function entryOf(snapshot: DatasetSnapshot, mineral: string, stage: { id: string; name: string }): StageEntry {
  const key = mineralStageKey(mineral, stage.id);
  const supplies = snapshot.suppliesByMineralStage.get(key) ?? [];
  const years = [...new Set(supplies.flatMap((supply) => (supply.year === null ? [] : [supply.year])))].sort((a, b) => a - b);
  const shareTable = supplies.find((supply) => supply.measure === 'shares');
  const measure = years.length > 0 ? 'tonnes' : shareTable ? 'shares' : null;
  const naming = snapshot.stageNameByMineralStage.get(key);
  const curated = snapshot.stageGapByMineralStage.get(key);
  const gap =
    measure !== null
      ? null
      : curated
        ? { kind: curated.kind, reason: curated.reason, sourceId: curated.sourceId }
        : notInEdition(mineral, stage.id, snapshot);
  return {
    mineral,
    stage: stage.id,
    name: naming?.name ?? stage.name,
    inChain: naming !== undefined,
    measure,
    years,
    period: measure === 'shares' ? (shareTable?.period ?? null) : null,
    gap,
  };
}

/** Every mineral × stage of the view, minerals and stages in catalogue order. */
export function stageCatalogue(snapshot: DatasetSnapshot): readonly StageEntry[] {
  return memoize(snapshot, 'stage-catalogue', () =>
    snapshot.minerals.flatMap((mineral) => snapshot.stages.map((stage) => entryOf(snapshot, mineral.id, stage))),
  );
}

/** One mineral's stages, in stage order. */
export function stagesOf(snapshot: DatasetSnapshot, mineral: string): readonly StageEntry[] {
  return memoize(snapshot, `stage-catalogue|${mineral}`, () => stageCatalogue(snapshot).filter((entry) => entry.mineral === mineral));
}

/** One cell of the grid. */
export function stageEntry(snapshot: DatasetSnapshot, mineral: string, stage: string): StageEntry | undefined {
  return stagesOf(snapshot, mineral).find((entry) => entry.stage === stage);
}

export type StageWithData = StageEntry & { measure: 'tonnes' | 'shares'; gap: null };

/** The stages of a mineral that have figures, in stage order. */
export function stagesWithData(snapshot: DatasetSnapshot, mineral: string): StageWithData[] {
  return stagesOf(snapshot, mineral).filter((entry): entry is StageWithData => entry.measure !== null);
}
