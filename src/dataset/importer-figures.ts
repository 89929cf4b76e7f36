import { OTHER, type StageYearSupply } from '../domain/supply.js';
import { worldTotalOf, type WorldTotal } from '../scoring/world-total.js';
import { mineralStageKey, type DatasetSnapshot } from './snapshot.js';

/**
 * A table of published percentages taken of the one total rule every share obeys (scoring/world-total.ts): where the
 * rounded percentages add up to more than 100 (EU sourcing of rare-earth separation: 101.1 %), each is taken of their
 * sum, so none is larger than it should be and together they never pass 100.
 */
function sharesOfTotal(sharesPct: readonly (number | null)[], otherPct: number | null = null): { scale: number; total: WorldTotal | null } {
  const total = worldTotalOf({
    namedTonnes: sharesPct.filter((share): share is number => share !== null),
    otherTonnes: otherPct,
    publishedTonnes: 100,
  });
  return { scale: total === null ? 1 : 100 / total.used, total };
}

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
  /** The data year; null for a figure that covers a reference period (see `period`). */
  year: number | null;
  /** The stage the figure is for, where the source gives reliance per stage; null for a whole-mineral figure. */
  stage?: string | null;
  /** The source's reference period, where it gives one instead of a year. */
  period?: string | null;
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
  /** The total the shares are taken of: 100, or the sum of rounded shares that add up to more. */
  shareTotal: WorldTotal | null;
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
    (a, b) => Number(b.hasShares) - Number(a.hasShares) || b.period.localeCompare(a.period) || formRank(a.form) - formRank(b.form),
  );
  const chosen = candidates[0];
  if (!chosen) return null;
  const ordered = chosen.group.sort((a, b) => a.rank - b.rank);
  const named = ordered.filter((row) => row.country !== OTHER);
  const other = ordered.find((row) => row.country === OTHER)?.sharePct ?? null;
  const { scale, total } = sharesOfTotal(
    named.map((row) => row.sharePct),
    other,
  );
  return {
    form: chosen.form === '' ? null : chosen.form,
    period: chosen.period,
    sources: named.map((row) => ({ country: row.country, sharePct: row.sharePct === null ? null : row.sharePct * scale, rank: row.rank })),
    otherSharePct: other === null ? null : other * scale,
    shareTotal: chosen.hasShares ? total : null,
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

// ---- Importers as data: per-stage reliance and sourcing (EU CRM study) ----------------------------

/** The importer's name (data/importers.csv), else the country's, else the id. */
export function importerName(snapshot: DatasetSnapshot, importer: string): string {
  return snapshot.importerById.get(importer)?.name ?? snapshot.countryByIso3.get(importer)?.name ?? importer;
}

export interface StageRelianceFigure {
  stage: string;
  percent: number;
  /** Reliance as a fraction, 0–1 (negatives as 0, above 100 % as 1). */
  fraction: number;
  /** True for the stage the source assessed (its bottleneck stage). */
  assessed: boolean;
  material: string;
  period: string;
  edition: string;
  sourceId: string;
}

/** An importer's import reliance per stage, in stage order (empty when the source gives none). */
export function stageRelianceOf(snapshot: DatasetSnapshot, importer: string, mineral: string): StageRelianceFigure[] {
  const rank = (stage: string) => snapshot.stageOrder.get(stage) ?? Number.MAX_SAFE_INTEGER;
  return snapshot.stageReliance
    .filter((row) => row.importer === importer && row.mineralId === mineral)
    .map((row) => ({
      stage: row.stageId,
      percent: row.percent,
      fraction: Math.min(1, Math.max(0, row.percent / 100)),
      assessed: row.assessed,
      material: row.material,
      period: row.period,
      edition: row.edition,
      sourceId: row.sourceId,
    }))
    .sort((a, b) => rank(a.stage) - rank(b.stage));
}

export interface SourcingEntry {
  country: string;
  sharePct: number;
  shareText: string;
  /** The trade-related variable t the source publishes next to the share; null when not given. */
  tradeFactor: number | null;
  rank: number;
}

export interface SourcingFigure {
  stage: string;
  period: string;
  edition: string;
  /** Largest first; the source lists shares of at least 1 % only, so the list need not sum to 100. */
  sources: SourcingEntry[];
  /** Sum of the listed shares, at most 100. */
  listedSharePct: number;
  /** The total the shares are taken of: 100, or the sum of rounded shares that add up to more (`shareText` stays as printed). */
  shareTotal: WorldTotal | null;
  sourceIds: string[];
}

/** Where an importer's supply of a mineral comes from at one stage (domestic production + imports), or null. */
export function sourcingOf(snapshot: DatasetSnapshot, importer: string, mineral: string, stage: string): SourcingFigure | null {
  const rows = snapshot.sourcingShares.filter(
    (row) => row.importer === importer && row.mineralId === mineral && row.stageId === stage && row.sharePct !== null,
  );
  const first = rows[0];
  if (!first) return null;
  const sorted = [...rows].sort((a, b) => (b.sharePct ?? 0) - (a.sharePct ?? 0) || a.country.localeCompare(b.country));
  const { scale, total } = sharesOfTotal(sorted.map((row) => row.sharePct));
  const sources = sorted.map((row, index) => ({
    country: row.country,
    sharePct: (row.sharePct as number) * scale,
    shareText: row.shareText,
    tradeFactor: row.tradeFactor,
    rank: index + 1,
  }));
  return {
    stage,
    period: first.period,
    edition: first.edition,
    sources,
    listedSharePct: sources.reduce((sum, entry) => sum + entry.sharePct, 0),
    shareTotal: total,
    sourceIds: [...new Set(rows.map((row) => row.sourceId))].sort(),
  };
}

/**
 * The share-based world supplies of one mineral and stage (one per basis): a supply is recognised by its
 * `measure`, next to the annual tonnes of the same stage.
 */
export function shareSuppliesAt(snapshot: DatasetSnapshot, mineral: string, stage: string): StageYearSupply[] {
  const found = new Map<string, StageYearSupply>();
  for (const supply of snapshot.suppliesByMineralStage.get(mineralStageKey(mineral, stage)) ?? []) {
    if (supply.measure !== 'shares') continue;
    const key = `${supply.basis}|${supply.edition}`;
    if (!found.has(key)) found.set(key, supply);
  }
  return [...found.values()].sort((a, b) => a.basis.localeCompare(b.basis));
}

/**
 * The one share-based world supply that matches an importer's stage figure: same edition, and where the stage has
 * several bases (rare earths: light Nd/Pr and heavy Dy/Tb), the basis whose label or description names the
 * material the importer's source assessed. Null when none matches unambiguously.
 */
export function shareSupplyFor(
  snapshot: DatasetSnapshot,
  mineral: string,
  stage: string,
  match: { edition: string; material: string },
): StageYearSupply | null {
  const sameEdition = shareSuppliesAt(snapshot, mineral, stage).filter((s) => s.edition === match.edition);
  if (sameEdition.length <= 1) return sameEdition[0] ?? null;
  const material = match.material.toLowerCase();
  const named = sameEdition.filter((s) => {
    const basis = snapshot.basisById.get(s.basis);
    return basis ? `${basis.label} ${basis.description ?? ''}`.toLowerCase().includes(material) : false;
  });
  return named.length === 1 ? named[0]! : null;
}

/** Where an importer reports per-stage reliance: the assessed stage, else the first stage with a figure. */
export function assessedStageOf(stages: readonly StageRelianceFigure[]): StageRelianceFigure | null {
  return stages.find((s) => s.assessed) ?? stages[0] ?? null;
}

/**
 * The importer's headline reliance and sources for one mineral, whatever the source: per-stage figures at the
 * assessed stage where the importer has them (EU CRM study), else net import reliance and import sources
 * (USGS). Chosen by what the data hold, never by the importer's id.
 */
export function importerFigures(
  snapshot: DatasetSnapshot,
  importer: string,
  mineral: string,
  year?: number,
): { reliance: RelianceFigure | null; sources: ImportSourcesFigure | null; stage: StageRelianceFigure | null } {
  const stage = assessedStageOf(stageRelianceOf(snapshot, importer, mineral));
  if (!stage) {
    return { reliance: relianceOf(snapshot, importer, mineral, year), sources: importSourcesOf(snapshot, importer, mineral), stage: null };
  }
  const sourcing = sourcingOf(snapshot, importer, mineral, stage.stage);
  return {
    reliance: {
      year: null,
      stage: stage.stage,
      period: stage.period,
      form: null,
      percent: stage.percent,
      qualifier: 'eq',
      valueText: `${stage.percent}`,
      fraction: stage.fraction,
      censored: false,
      estimated: false,
      sourceId: stage.sourceId,
    },
    sources: sourcing
      ? {
          form: null,
          period: sourcing.period,
          sources: sourcing.sources.map((entry) => ({ country: entry.country, sharePct: entry.sharePct, rank: entry.rank })),
          otherSharePct: null,
          shareTotal: sourcing.shareTotal,
          rankOnly: false,
          sourceIds: sourcing.sourceIds,
        }
      : null,
    stage,
  };
}
