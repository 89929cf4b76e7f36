import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { ValidationError } from '../../errors.js';
import { checkFilters, publishedValue, sourceRef } from '../shared/lookups.js';

export interface ProductionFilters {
  mineral?: string | undefined;
  stage?: string | undefined;
  country?: string | undefined;
  year?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** The filters production and capacity rows share (same columns). */
function matchesFigure(row: { mineralId: string; stageId: string; country: string; year: number }, filters: ProductionFilters): boolean {
  return (
    (filters.mineral === undefined || row.mineralId === filters.mineral) &&
    (filters.stage === undefined || row.stageId === filters.stage) &&
    (filters.country === undefined || row.country === filters.country) &&
    (filters.year === undefined || row.year === filters.year) &&
    (filters.from === undefined || row.year >= filters.from) &&
    (filters.to === undefined || row.year <= filters.to)
  );
}

/** The fields a production and a capacity figure share, in the order both answers give them. */
function stageFigureFields<Tonnes extends number | null>(
  snapshot: DatasetSnapshot,
  row: { mineralId: string; stageId: string; country: string; year: number; tonnes: Tonnes; basisId: string },
) {
  return {
    mineral: row.mineralId,
    stage: row.stageId,
    country: row.country,
    year: row.year,
    tonnes: row.tonnes,
    basis: row.basisId,
    basisLabel: snapshot.basisById.get(row.basisId)?.label ?? row.basisId,
  };
}

export function listProduction(snapshot: DatasetSnapshot, filters: ProductionFilters) {
  checkFilters(snapshot, filters);
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    throw new ValidationError('`from` is after `to`.', [{ field: 'querystring.from', message: `must not be after to (${filters.to})` }]);
  }
  const rows = snapshot.production.filter((row) => matchesFigure(row, filters));
  const data = rows.map((row) => ({
    ...stageFigureFields(snapshot, row),
    edition: row.edition,
    estimated: row.estimated,
    withheld: row.withheld,
    lowerBound: row.lowerBound,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}

export function listReserves(
  snapshot: DatasetSnapshot,
  filters: { mineral?: string | undefined; country?: string | undefined; year?: number | undefined },
) {
  checkFilters(snapshot, filters);
  const rows = snapshot.reserves.filter(
    (row) =>
      (filters.mineral === undefined || row.mineralId === filters.mineral) &&
      (filters.country === undefined || row.country === filters.country) &&
      (filters.year === undefined || row.year === filters.year),
  );
  const data = rows.map((row) => ({
    mineral: row.mineralId,
    country: row.country,
    year: row.year,
    tonnes: row.tonnes,
    basis: row.basis,
    lowerBound: row.lowerBound,
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}

export function listCapacity(snapshot: DatasetSnapshot, filters: Omit<ProductionFilters, 'from' | 'to'>) {
  checkFilters(snapshot, filters);
  const rows = snapshot.capacity.filter((row) => matchesFigure(row, filters));
  const data = rows.map((row) => ({
    ...stageFigureFields(snapshot, row),
    estimated: row.estimated,
    lowerBound: row.lowerBound,
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  }));
  return { data, keys: rows.map((row) => row.id) };
}

export function listSalient(
  snapshot: DatasetSnapshot,
  filters: { mineral?: string | undefined; country?: string | undefined; statistic?: string | undefined; year?: number | undefined },
) {
  checkFilters(snapshot, filters);
  const rows = snapshot.salient.filter(
    (row) =>
      (filters.mineral === undefined || row.mineralId === filters.mineral) &&
      (filters.country === undefined || row.country === filters.country) &&
      (filters.statistic === undefined || row.statistic === filters.statistic) &&
      (filters.year === undefined || row.year === filters.year),
  );
  const data = rows.map((row) => ({
    country: row.country,
    mineral: row.mineralId,
    statistic: row.statistic,
    detail: row.detail,
    ...publishedValue(snapshot, row),
  }));
  return { data, keys: rows.map((row) => row.id) };
}
