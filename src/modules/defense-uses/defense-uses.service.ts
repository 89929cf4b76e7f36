import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { checkFilters, sourceRef } from '../shared/lookups.js';

export function listDefenseUses(snapshot: DatasetSnapshot, filters: { mineral?: string | undefined; category?: string | undefined }) {
  checkFilters(snapshot, filters);
  const rows = snapshot.defenseUses.filter(
    (row) =>
      (filters.mineral === undefined || row.mineralId === filters.mineral) &&
      (filters.category === undefined || row.category === filters.category),
  );
  const data = rows.map((row) => ({
    id: row.id,
    mineral: row.mineralId,
    category: row.category,
    application: row.application,
    description: row.description,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}
