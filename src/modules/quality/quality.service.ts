import { memoize } from '../../dataset/memo.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import type { StageYearSupply } from '../../domain/supply.js';
import { compareCodes, stageRank } from '../../scoring/order.js';
import { concentrationBlock, concentrationHistory, isOk, supplyFor } from '../concentration/concentration.service.js';
import { checkFilters } from '../shared/lookups.js';
import { stageCatalogue } from '../shared/stage-catalogue.js';

/** What a careful analyst should know about a figure before quoting it. */
export const QUALITY_KINDS = ['reconciled-total', 'series-break', 'period-based', 'empty-stage', 'censored'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export interface QualityItem {
  kind: QualityKind;
  mineral: string;
  stage: string | null;
  year: number | null;
  period: string | null;
  basis: string | null;
  edition: string | null;
  reason: string;
  /** Where the figure is answered. */
  href: string;
}

const concentrationHref = (mineral: string, stage: string, year: number | null) =>
  `/v1/minerals/${mineral}/concentration?stage=${stage}${year === null ? '' : `&year=${year}`}`;

/** A caveat about one stage-year's (or share table's) figures, pointing at where they are answered. */
function supplyItem(kind: QualityKind, supply: StageYearSupply, reason: string): QualityItem {
  return {
    kind,
    mineral: supply.mineral,
    stage: supply.stage,
    year: supply.year,
    period: supply.period,
    basis: supply.basis,
    edition: supply.edition,
    reason,
    href: concentrationHref(supply.mineral, supply.stage, supply.year),
  };
}

/** Every stage-year whose shares are taken of the rows' sum because the published world total was rounded below it. */
function reconciledTotals(snapshot: DatasetSnapshot): QualityItem[] {
  const supplies = [...snapshot.supplies, ...[...snapshot.projectionSupplies.values()].flat()];
  return supplies.flatMap((supply) => {
    const block = concentrationBlock(snapshot, supply);
    if (!isOk(block) || block.inputs.worldTotal.rule !== 'reconciled') return [];
    return [supplyItem('reconciled-total', supply, block.inputs.worldTotal.reason ?? '')];
  });
}

/** Every point of a history whose figures come from another publication or basis than the point before. */
function seriesBreaks(snapshot: DatasetSnapshot): QualityItem[] {
  return snapshot.minerals.flatMap((mineral) =>
    concentrationHistory(snapshot, mineral.id, {}).stages.flatMap((stage) =>
      'series' in stage
        ? stage.series.flatMap((point) =>
            point.break === null
              ? []
              : [
                  {
                    kind: 'series-break' as const,
                    mineral: mineral.id,
                    stage: stage.stage,
                    year: point.year,
                    period: null,
                    basis: 'basis' in point ? point.basis : null,
                    edition: 'edition' in point ? point.edition : null,
                    reason: point.break.reason,
                    href: `/v1/minerals/${mineral.id}/concentration/history?stage=${stage.stage}`,
                  },
                ],
          )
        : [],
    ),
  );
}

/** Every stage answered by a share table over a study period: ranked apart from the annual figures. */
function periodBased(snapshot: DatasetSnapshot): QualityItem[] {
  return stageCatalogue(snapshot).flatMap((entry) => {
    if (entry.measure !== 'shares') return [];
    const supply = supplyFor(snapshot, entry.mineral, entry.stage);
    if (!supply) return [];
    return [
      supplyItem(
        'period-based',
        supply,
        `${entry.name}: no annual tonnes by country, so the stage is scored on country shares over ${supply.period}; compared with annual stages, it is flagged comparable: false and ranked apart`,
      ),
    ];
  });
}

/** Every cell of the mineral × stage grid without figures, and why. */
function emptyStages(snapshot: DatasetSnapshot): QualityItem[] {
  return stageCatalogue(snapshot).flatMap((entry) =>
    entry.gap === null
      ? []
      : [
          {
            kind: 'empty-stage' as const,
            mineral: entry.mineral,
            stage: entry.stage,
            year: null,
            period: null,
            basis: null,
            edition: null,
            reason: `${entry.name} (${entry.gap.kind}): ${entry.gap.reason}`,
            href: `/v1/minerals/${entry.mineral}`,
          },
        ],
  );
}

/** Every value published as a bound (">50", ">4,600,000") or below a threshold ("<0.1%") and how it is used. */
function censoredValues(snapshot: DatasetSnapshot): QualityItem[] {
  const reliance = snapshot.importReliance
    .filter((row) => row.qualifier === 'gt' || row.qualifier === 'lt')
    .map((row) => ({
      kind: 'censored' as const,
      mineral: row.mineralId,
      stage: null,
      year: row.year,
      period: null,
      basis: null,
      edition: row.edition,
      reason: `${row.importer} net import reliance published as "${row.valueText}"${row.form === '' ? '' : ` (${row.form})`}: used at its bound, ${row.percent} %, so a dependency or consumption at risk built on it is a ${row.qualifier === 'gt' ? 'lower' : 'upper'} bound`,
      href: `/v1/import-reliance?mineral=${row.mineralId}&year=${row.year}`,
    }));
  const production = snapshot.figures
    .filter((figure) => figure.lowerBound)
    .map((figure) => ({
      kind: 'censored' as const,
      mineral: figure.mineral,
      stage: figure.stage,
      year: figure.year,
      period: null,
      basis: figure.basis,
      edition: figure.edition,
      reason: `${figure.country} ${figure.stage} output published as at least ${figure.tonnes} t: used at that bound, so its share is a lower bound`,
      href: concentrationHref(figure.mineral, figure.stage, figure.year),
    }));
  const belowThreshold = snapshot.supplies
    .filter((supply) => supply.belowThreshold.length > 0)
    .map((supply) =>
      supplyItem(
        'censored',
        supply,
        `${supply.belowThreshold.length} countries printed "<0.1%" (${supply.belowThreshold.join(', ')}): present, with no number; counted in the unallocated share, never as zero, and they leave the HHI a range`,
      ),
    );
  return [...reliance, ...production, ...belowThreshold];
}

const KIND_ORDER = new Map(QUALITY_KINDS.map((kind, index) => [kind, index]));

/** The whole report for a view, in a stable order: kind, mineral, stage, year. */
function qualityReport(snapshot: DatasetSnapshot): QualityItem[] {
  return memoize(snapshot, 'quality', () =>
    [
      ...reconciledTotals(snapshot),
      ...seriesBreaks(snapshot),
      ...periodBased(snapshot),
      ...emptyStages(snapshot),
      ...censoredValues(snapshot),
    ].sort(
      (a, b) =>
        (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
        compareCodes(a.mineral, b.mineral) ||
        stageRank(a.stage ?? '') - stageRank(b.stage ?? '') ||
        (a.year ?? 0) - (b.year ?? 0) ||
        compareCodes(a.basis ?? '', b.basis ?? '') ||
        compareCodes(a.reason, b.reason),
    ),
  );
}

/** GET /v1/quality: the report, filtered by kind and mineral, keyed by position for paging. */
export function listQuality(snapshot: DatasetSnapshot, filters: { kind?: QualityKind | undefined; mineral?: string | undefined }) {
  checkFilters(snapshot, filters);
  const data = qualityReport(snapshot).filter(
    (item) =>
      (filters.kind === undefined || item.kind === filters.kind) && (filters.mineral === undefined || item.mineral === filters.mineral),
  );
  return { data, keys: data.map((_, index) => index) };
}
