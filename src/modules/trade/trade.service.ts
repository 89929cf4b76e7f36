import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { checkFilters, sourceRef } from '../shared/lookups.js';

interface TradeFilters {
  importer?: string | undefined;
  mineral?: string | undefined;
}

export function listImportReliance(snapshot: DatasetSnapshot, filters: TradeFilters & { year?: number | undefined }) {
  checkFilters(snapshot, filters);
  const rows = snapshot.importReliance.filter(
    (row) =>
      (filters.importer === undefined || row.importer === filters.importer) &&
      (filters.mineral === undefined || row.mineralId === filters.mineral) &&
      (filters.year === undefined || row.year === filters.year),
  );
  const data = rows.map((row) => ({
    importer: row.importer,
    mineral: row.mineralId,
    form: row.form === '' ? null : row.form,
    year: row.year,
    percent: row.percent,
    qualifier: row.qualifier,
    valueText: row.valueText,
    estimated: row.estimated,
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}

export function listImportSources(snapshot: DatasetSnapshot, filters: TradeFilters & { period?: string | undefined }) {
  checkFilters(snapshot, filters);
  const rows = snapshot.importSources.filter(
    (row) =>
      (filters.importer === undefined || row.importer === filters.importer) &&
      (filters.mineral === undefined || row.mineralId === filters.mineral) &&
      (filters.period === undefined || row.period === filters.period),
  );
  const data = rows.map((row) => ({
    importer: row.importer,
    mineral: row.mineralId,
    form: row.form === '' ? null : row.form,
    period: row.period,
    country: row.country,
    sharePct: row.sharePct,
    rank: row.rank,
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}
