import type { DatasetSnapshot } from '../../dataset/snapshot.js';

export function listStages(snapshot: DatasetSnapshot) {
  const data = snapshot.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    order: stage.sortOrder,
    description: stage.description,
    mineralsWithData: [...new Set(snapshot.supplies.filter((s) => s.stage === stage.id).map((s) => s.mineral))].sort(),
  }));
  return { data, keys: snapshot.stages.map((stage) => stage.sortOrder) };
}
