import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { sourceRef } from './lookups.js';
import type { StageEntry } from './stage-catalogue.js';

/** A stage without figures as every answer shows it: which stage, what the mineral calls it, why, and who says so. */
export function stageGapOf(snapshot: DatasetSnapshot, entry: StageEntry, gap: NonNullable<StageEntry['gap']>) {
  return {
    stage: entry.stage,
    name: entry.name,
    kind: gap.kind,
    reason: gap.reason,
    source: gap.sourceId === null ? null : sourceRef(snapshot, gap.sourceId),
  };
}
