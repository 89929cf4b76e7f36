import type { DatasetSnapshot } from '../dataset/snapshot.js';
import { OTHER } from './supply.js';

/**
 * Which product form speaks for a mineral when the source splits it: the total where there is one,
 * else the refined/metal form that defense and industry buy (rare-earth compounds and metals, titanium sponge).
 */
const FORM_PREFERENCE = ['', 'total metal and oxide', 'compounds and metals', 'sponge metal', 'natural'];

function formRank(form: string): number {
  const index = FORM_PREFERENCE.indexOf(form);
  return index === -1 ? FORM_PREFERENCE.length : index;
}

export interface RelianceFigure {
  year: number;
  form: string | null;
  percent: number | null;
  qualifier: 'eq' | 'gt' | 'lt' | 'net_exporter' | 'not_applicable';
  valueText: string;
  /** Reliance as a fraction, 0–1: the published bound for ">50" (0.5), 0 for a net exporter, null when not applicable. */
  fraction: number | null;
  /** True when the published value is a range (">50", "<25"), so `fraction` is a bound, not a point. */
  censored: boolean;
  estimated: boolean;
  sourceId: string;
}

/** Net import reliance for one importer and mineral: the given year, else the latest, on the preferred form. */
export function relianceOf(snapshot: DatasetSnapshot, importer: string, mineral: string, year?: number): RelianceFigure | null {
  const rows = snapshot.importReliance.filter(
    (row) => row.importer === importer && row.mineralId === mineral && (year === undefined || row.year <= year),
  );
  if (rows.length === 0) return null;
  const bestForm = rows.map((row) => row.form).sort((a, b) => formRank(a) - formRank(b))[0];
  const row = rows.filter((r) => r.form === bestForm).sort((a, b) => b.year - a.year)[0];
  if (!row) return null;
  const fraction =
    row.qualifier === 'net_exporter' ? 0 : row.qualifier === 'not_applicable' || row.percent === null ? null : row.percent / 100;
  return {
    year: row.year,
    form: row.form === '' ? null : row.form,
    percent: row.percent,
    qualifier: row.qualifier,
    valueText: row.valueText,
    fraction,
    censored: row.qualifier === 'gt' || row.qualifier === 'lt',
    estimated: row.estimated,
    sourceId: row.sourceId,
  };
}

export interface ImportSourcesFigure {
  form: string | null;
  period: string;
  /** Named supplying countries; the published "other" remainder is kept apart in `otherSharePct`. */
  sources: { country: string; sharePct: number | null; rank: number }[];
  otherSharePct: number | null;
  /** True when the source gives only the order of suppliers, no shares. */
  rankOnly: boolean;
  sourceIds: string[];
}

/** The latest period's import sources on the preferred form, favouring a form that publishes shares. */
export function importSourcesOf(snapshot: DatasetSnapshot, importer: string, mineral: string): ImportSourcesFigure | null {
  const rows = snapshot.importSources.filter((row) => row.importer === importer && row.mineralId === mineral);
  if (rows.length === 0) return null;
  const candidates = [...new Set(rows.map((row) => `${row.period}|${row.form}`))].map((key) => {
    const [period = '', form = ''] = key.split('|');
    const group = rows.filter((row) => row.period === period && row.form === form);
    return { period, form, group, hasShares: group.some((row) => row.sharePct !== null) };
  });
  candidates.sort(
    (a, b) =>
      Number(b.hasShares) - Number(a.hasShares) || b.period.localeCompare(a.period) || formRank(a.form) - formRank(b.form),
  );
  const chosen = candidates[0];
  if (!chosen) return null;
  const ordered = chosen.group.sort((a, b) => a.rank - b.rank);
  return {
    form: chosen.form === '' ? null : chosen.form,
    period: chosen.period,
    sources: ordered
      .filter((row) => row.country !== OTHER)
      .map((row) => ({ country: row.country, sharePct: row.sharePct, rank: row.rank })),
    otherSharePct: ordered.find((row) => row.country === OTHER)?.sharePct ?? null,
    rankOnly: !chosen.hasShares,
    sourceIds: [...new Set(chosen.group.map((row) => row.sourceId))].sort(),
  };
}

export interface ConsumptionFigure {
  year: number;
  tonnes: number;
  form: string | null;
  note: string | null;
  sourceId: string;
}

export function apparentConsumptionOf(snapshot: DatasetSnapshot, importer: string, mineral: string): ConsumptionFigure | null {
  const row = snapshot.apparentConsumption
    .filter((r) => r.importer === importer && r.mineralId === mineral)
    .sort((a, b) => b.year - a.year || formRank(a.form) - formRank(b.form))[0];
  if (!row) return null;
  return { year: row.year, tonnes: row.tonnes, form: row.form === '' ? null : row.form, note: row.note, sourceId: row.sourceId };
}
