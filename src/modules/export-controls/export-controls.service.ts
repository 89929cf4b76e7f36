import { memoize } from '../../dataset/memo.js';
import { measureLifecycle, type DatasetSnapshot } from '../../dataset/snapshot.js';
import type { ExportControlRecord } from '../../dataset/dataset.repository.js';
import { TARGET_ALL, TARGET_NON_OECD, type MeasureType } from '../../domain/export-controls.js';
import { importerFigures, importerName, importSourcesOf, sourcingOf } from '../../dataset/importer-figures.js';
import { OTHER, WORLD, yearRank } from '../../domain/supply.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { yearOf } from '../../lib/dates.js';
import { round } from '../../lib/round.js';
import {
  controlledShareOf,
  importerExposureOf,
  measureStatus,
  methodRef,
  suspensionsOf,
  type Measure,
  type MeasureOnDate,
  type MeasureStatusId,
} from '../../scoring/index.js';
import { compareCodes, stageRank } from '../../scoring/order.js';
import { concentrationCore, methodLink, missingStage, rankLikeWithLike, supplyFor } from '../concentration/concentration.service.js';
import { checkFilters, countryName, requireImporter, requireMineral, sourceRef } from '../shared/lookups.js';
import { stageCatalogue, stagesWithData } from '../shared/stage-catalogue.js';

/** The union whose measures govern its member states' output, and the group that lists them. */
const UNION_GROUPS: Record<string, string> = { EUU: 'eu' };

const METHOD = () => methodLink(methodRef('export-controls'));

/** Countries whose output a measure governs: the imposing country, or every member of an imposing union. */
function governedCountries(view: DatasetSnapshot, imposing: string): string[] {
  const group = UNION_GROUPS[imposing];
  if (group === undefined) return [imposing];
  return (view.membersByGroup.get(group) ?? []).map((member) => member.country).sort(compareCodes);
}

/** Every measure with its status on `asOf`, in id order; computed once per dataset version and date. */
export function measuresOnDate(view: DatasetSnapshot, asOf: string): MeasureOnDate[] {
  return memoize(view, `export-controls|${asOf}`, () =>
    view.measures.map((measure) => ({
      measure,
      status: measureStatus(measure, view.measures, asOf),
      countries: governedCountries(view, measure.imposingCountry),
    })),
  );
}

function statusView(entry: MeasureOnDate) {
  return { ...entry.status };
}

function measureView(view: DatasetSnapshot, record: ExportControlRecord, entry: MeasureOnDate) {
  return {
    id: record.id,
    imposingCountry: record.imposingCountry,
    imposingCountryName: countryName(view, record.imposingCountry),
    instrument: record.instrument,
    title: record.title,
    measure: record.measure,
    target: record.target,
    endUsers: record.endUsers,
    minerals: [...entry.measure.minerals],
    stages: [...entry.measure.stages],
    covers: record.covers,
    ...measureLifecycle(record),
    note: record.note,
    confidence: record.confidence,
    source: sourceRef(view, record.sourceId),
    status: statusView(entry),
  };
}

/** A target filter or parameter: 'all', 'non-oecd' or an ISO3 code in the data. */
function checkTarget(view: DatasetSnapshot, target: string | undefined, field: string): string | undefined {
  if (target === undefined) return undefined;
  if (target === TARGET_ALL || target === TARGET_NON_OECD) return target;
  const code = target.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new ValidationError('The target is not valid.', [
      { field, message: `must be '${TARGET_ALL}', '${TARGET_NON_OECD}' or an ISO 3166-1 alpha-3 code` },
    ]);
  }
  if (!view.countryByIso3.has(code))
    throw new ValidationError('The querystring names something that does not exist.', [{ field, message: `unknown country '${code}'` }]);
  return code;
}

export interface ListFilters {
  mineral?: string | undefined;
  country?: string | undefined;
  target?: string | undefined;
  measure?: MeasureType | undefined;
  status?: MeasureStatusId | undefined;
}

/** GET /v1/export-controls: measures with their status on `asOf`, in id order (the paging key). */
export function listExportControls(view: DatasetSnapshot, asOf: string, filters: ListFilters) {
  checkFilters(view, { mineral: filters.mineral, country: filters.country });
  const target = checkTarget(view, filters.target, 'querystring.target');
  const entries = measuresOnDate(view, asOf);
  const rows = view.exportControls
    .map((record, index) => ({ record, entry: entries[index]! }))
    .filter(
      ({ record, entry }) =>
        (filters.mineral === undefined || entry.measure.minerals.includes(filters.mineral)) &&
        (filters.country === undefined || record.imposingCountry === filters.country) &&
        (target === undefined || record.target === target) &&
        (filters.measure === undefined || record.measure === filters.measure) &&
        (filters.status === undefined || entry.status.status === filters.status),
    );
  return {
    data: rows.map(({ record, entry }) => measureView(view, record, entry)),
    keys: rows.map(({ record }) => record.id),
  };
}

/** GET /v1/export-controls/{id}: one measure, its status on `asOf`, and the measures that point at it. */
export function getExportControl(view: DatasetSnapshot, id: string, asOf: string) {
  const index = view.exportControls.findIndex((record) => record.id === id);
  if (index === -1) throw new NotFoundError(`Unknown export-control measure '${id}'. See GET /v1/export-controls for the list.`);
  const entry = measuresOnDate(view, asOf)[index]!;
  return {
    ...measureView(view, view.exportControls[index]!, entry),
    asOf,
    suspendedBy: view.measures.filter((m) => m.suspends === id).map((m) => m.id),
    replaces: view.measures.filter((m) => m.replacedBy === id).map((m) => m.id),
    events: eventsOf(
      view.measures.find((m) => m.id === id)!,
      view.measures,
    ),
    method: METHOD(),
  };
}

// ---- Timeline ----------------------------------------------------------------------------------

type EventKind = 'announced' | 'effective' | 'scheduled-end' | 'lifted' | 'suspended' | 'suspension-scheduled-end' | 'replaced';

interface TimelineEvent {
  date: string;
  event: EventKind;
  measure: string;
  /** The other measure involved: the suspension, or the replacement. */
  by: string | null;
}

const EVENT_ORDER: readonly EventKind[] = [
  'announced',
  'effective',
  'suspended',
  'suspension-scheduled-end',
  'replaced',
  'lifted',
  'scheduled-end',
];

function eventsOf(measure: Measure, all: readonly Measure[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const add = (date: string | null, event: EventKind, by: string | null = null) => {
    if (date !== null) events.push({ date, event, measure: measure.id, by });
  };
  add(measure.announced, 'announced');
  add(measure.effective, 'effective');
  add(measure.ends, 'scheduled-end');
  add(measure.lifted, 'lifted');
  for (const suspension of suspensionsOf(all, measure.id)) {
    add(suspension.effective, 'suspended', suspension.id);
    add(suspension.ends, 'suspension-scheduled-end', suspension.id);
  }
  if (measure.replacedBy !== null) add(all.find((m) => m.id === measure.replacedBy)?.effective ?? null, 'replaced', measure.replacedBy);
  return events.sort(compareEvents);
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return compareCodes(a.date, b.date) || EVENT_ORDER.indexOf(a.event) - EVENT_ORDER.indexOf(b.event) || compareCodes(a.measure, b.measure);
}

/** GET /v1/minerals/{mineral}/export-controls: every dated event of the measures on a mineral, oldest first. */
export function mineralTimeline(view: DatasetSnapshot, mineral: string) {
  requireMineral(view, mineral);
  return memoize(view, `export-controls-timeline|${mineral}`, () => {
    const measures = view.measures.filter((m) => m.minerals.includes(mineral) && m.measure !== 'suspension');
    const byId = new Map(view.exportControls.map((record) => [record.id, record]));
    const events = measures.flatMap((m) => eventsOf(m, view.measures)).sort(compareEvents);
    const data = events.map((event) => {
      const record = byId.get(event.measure)!;
      return {
        date: event.date,
        event: event.event,
        measure: event.measure,
        by: event.by,
        imposingCountry: record.imposingCountry,
        measureType: record.measure,
        target: record.target,
        title: record.title,
      };
    });
    const undated = measures.filter((m) => m.announced === null && m.effective === null).map((m) => m.id);
    return { mineral, data, keys: data.map((_, index) => index), undated };
  });
}

// ---- Supply under control ----------------------------------------------------------------------

/** The data year read for a date: the requested year, else the latest year with data up to the date's year. */
function supplyYear(view: DatasetSnapshot, mineral: string, stage: string, asOf: string, year: number | undefined) {
  if (year !== undefined) return supplyFor(view, mineral, stage, year);
  const limit = yearOf(asOf);
  const candidates = (view.suppliesByMineralStage.get(`${mineral}|${stage}`) ?? []).filter((supply) => yearRank(supply) <= limit);
  return candidates.reduce<(typeof candidates)[number] | undefined>(
    (latest, s) => (!latest || yearRank(s) > yearRank(latest) ? s : latest),
    undefined,
  );
}

/**
 * THE place supply under control is computed: the production figures come from `view` (a dataset snapshot, or an
 * edition view with the same shape) through the same supplyFor / concentrationCore as the concentration scores.
 */
export function supplyUnderControl(view: DatasetSnapshot, mineral: string, stage: string, asOf: string, year?: number) {
  const supply = supplyYear(view, mineral, stage, asOf, year);
  const reasonYear = year === undefined ? `up to ${yearOf(asOf)}` : `in ${year}`;
  if (!supply) {
    return {
      stage,
      status: 'insufficient_data' as const,
      year: year ?? null,
      reason: `no ${stage} production data for ${mineral} ${reasonYear}`,
      method: METHOD(),
    };
  }
  const core = concentrationCore(view, supply);
  if (core.status !== 'ok') {
    return { stage, status: 'insufficient_data' as const, year: supply.year, reason: core.reason, method: METHOD() };
  }
  const measures = measuresOnDate(view, asOf);
  const result = controlledShareOf({
    producers: core.producers.map((producer) => ({ country: producer.country, share: producer.share })),
    mineral,
    stage,
    measures,
  });
  const byId = new Map(measures.map((entry) => [entry.measure.id, entry]));
  const ref = (id: string) => {
    const entry = byId.get(id)!;
    return { id, measure: entry.measure.measure, target: entry.measure.target, status: entry.status.status };
  };
  const inForce = [...new Set(result.countries.flatMap((country) => country.inForce))].sort(compareCodes);
  const unknown = [...new Set(result.countries.flatMap((country) => country.unknown))].sort(compareCodes);
  return {
    stage,
    status: 'ok' as const,
    year: supply.year,
    period: supply.period,
    edition: supply.edition,
    basis: supply.basis,
    basisLabel: view.basisById.get(supply.basis)?.label ?? supply.basis,
    // A share table's world is 100 %: no tonnes.
    worldTonnes: supply.measure === 'shares' ? null : core.worldTonnes,
    hhi: round(core.hhi, 1),
    cr1: round(core.cr1, 2),
    controlledShare: round(result.controlledShare, 2),
    unknownShare: round(result.unknownShare, 2),
    byType: result.byType.map((entry) => ({ measure: entry.measure, share: round(entry.share, 2) })),
    byTarget: result.byTarget.map((entry) => ({
      target: entry.target,
      share: round(entry.share, 2),
      unknownShare: round(entry.unknownShare, 2),
    })),
    countries: result.countries.map((country) => ({
      country: country.country,
      name: countryName(view, country.country),
      share: round(country.share, 2),
      inForce: country.inForce.map(ref),
      unknown: country.unknown.map(ref),
    })),
    measures: inForce.map(ref),
    unknownMeasures: unknown.map(ref),
    sourceIds: [
      ...new Set([...supply.sourceIds, ...[...inForce, ...unknown].map((id) => view.exportControls.find((r) => r.id === id)!.sourceId)]),
    ].sort(compareCodes),
    method: METHOD(),
  };
}

/** GET /v1/minerals/{mineral}/export-controls/supply. */
export function mineralControlledSupply(
  view: DatasetSnapshot,
  mineral: string,
  asOf: string,
  filters: { stage?: string | undefined; year?: number | undefined },
) {
  requireMineral(view, mineral);
  const stages = filters.stage === undefined ? stagesWithData(view, mineral).map((entry) => entry.stage) : [filters.stage];
  return { mineral, asOf, stages: stages.map((stage) => supplyUnderControl(view, mineral, stage, asOf, filters.year)) };
}

/** GET /v1/export-controls/supply: every mineral × stage with data, largest controlled share first. */
export function controlledSupplyRanking(
  view: DatasetSnapshot,
  asOf: string,
  filters: { stage?: string | undefined; year?: number | undefined },
) {
  return memoize(view, `export-controls-ranking|${asOf}|${filters.stage}|${filters.year}`, () => {
    const rows = [];
    const insufficientData = [];
    for (const entry of stageCatalogue(view)) {
      if (filters.stage !== undefined && entry.stage !== filters.stage) continue;
      if (entry.gap) {
        insufficientData.push({
          mineral: entry.mineral,
          stage: entry.stage,
          status: 'insufficient_data' as const,
          ...missingStage(view, entry.mineral, entry.stage),
        });
        continue;
      }
      const block = supplyUnderControl(view, entry.mineral, entry.stage, asOf, filters.year);
      if (block.status !== 'ok') {
        insufficientData.push({
          mineral: entry.mineral,
          stage: entry.stage,
          status: block.status,
          kind: 'not-in-year' as const,
          reason: block.reason,
        });
        continue;
      }
      rows.push({
        mineral: entry.mineral,
        stage: entry.stage,
        year: block.year,
        period: block.period,
        edition: block.edition,
        controlledShare: block.controlledShare,
        unknownShare: block.unknownShare,
        hhi: block.hhi,
        topCountry: block.countries[0]?.country ?? null,
        measures: block.measures.map((measure) => measure.id),
      });
    }
    type Row = { mineral: string; stage: string; controlledShare: number; unknownShare: number };
    const byShare = (a: Row, b: Row) =>
      b.controlledShare - a.controlledShare ||
      b.unknownShare - a.unknownShare ||
      compareCodes(a.mineral, b.mineral) ||
      stageRank(a.stage) - stageRank(b.stage);
    const { rankingYear, data, comparableTotal } = rankLikeWithLike(rows, filters.year, byShare);
    return { asOf, rankingYear, comparableTotal, data, total: data.length, insufficientData, method: METHOD() };
  });
}

// ---- One importer ------------------------------------------------------------------------------

/** GET /v1/dependency/{importer}/export-controls: per mineral, the import shares behind measures that apply to the importer. */
export function importerExportControls(view: DatasetSnapshot, code: string, asOf: string, filters: { mineral?: string | undefined }) {
  const importer = requireImporter(view, code, 'params.importer');
  checkFilters(view, { mineral: filters.mineral });
  const measures = measuresOnDate(view, asOf);
  const minerals = filters.mineral === undefined ? view.minerals.map((m) => m.id) : [filters.mineral];
  const data = [];
  const withoutShares = [];
  for (const mineral of minerals) {
    // Where the importer's source gives sourcing per stage (EU CRM study), its sourcing shares at the assessed stage.
    const assessed = importerFigures(view, importer, mineral).stage;
    if (assessed) {
      const sourcing = sourcingOf(view, importer, mineral, assessed.stage);
      if (!sourcing) {
        withoutShares.push({
          mineral,
          period: assessed.period,
          reason: `no sourcing shares at ${assessed.stage}, the stage ${assessed.edition} assessed`,
        });
        continue;
      }
      const result = importerExposureOf({
        importer,
        mineral,
        imports: sourcing.sources.map((entry) => ({ country: entry.country, sharePct: entry.sharePct })),
        measures,
      });
      data.push({
        mineral,
        form: null,
        period: sourcing.period,
        targetedShare: round(result.targetedShare, 2),
        restrictedShare: round(result.restrictedShare, 2),
        unknownShare: round(result.unknownShare, 2),
        otherSharePct: null,
        byType: result.byType.map((entry) => ({ measure: entry.measure, share: round(entry.share, 2) })),
        suppliers: result.suppliers.map((supplier) => ({
          country: supplier.country,
          name: countryName(view, supplier.country),
          sharePct: round(supplier.sharePct, 2),
          inForce: supplier.inForce,
          targeting: supplier.targeting,
          unknown: supplier.unknown,
        })),
        sourceIds: sourcing.sourceIds,
      });
      continue;
    }
    const figure = importSourcesOf(view, importer, mineral);
    if (!figure) continue;
    // Every form of the chosen period that publishes shares (e.g. antimony oxide, ores, metal).
    const rows = view.importSources.filter(
      (row) =>
        row.importer === importer &&
        row.mineralId === mineral &&
        row.period === figure.period &&
        row.sharePct !== null &&
        row.country !== WORLD,
    );
    if (figure.rankOnly || rows.length === 0) {
      withoutShares.push({ mineral, period: figure.period, reason: 'import sources are published in rank order only, without shares' });
      continue;
    }
    const forms = [...new Set(rows.map((row) => row.form))].sort(compareCodes);
    for (const form of forms) {
      const formRows = rows.filter((row) => row.form === form).sort((a, b) => a.rank - b.rank);
      const named = formRows.filter((row) => row.country !== OTHER);
      const result = importerExposureOf({
        importer,
        mineral,
        imports: named.map((row) => ({ country: row.country, sharePct: row.sharePct! })),
        measures,
      });
      data.push({
        mineral,
        form: form === '' ? null : form,
        period: figure.period,
        targetedShare: round(result.targetedShare, 2),
        restrictedShare: round(result.restrictedShare, 2),
        unknownShare: round(result.unknownShare, 2),
        otherSharePct: formRows.find((row) => row.country === OTHER)?.sharePct ?? null,
        byType: result.byType.map((entry) => ({ measure: entry.measure, share: round(entry.share, 2) })),
        suppliers: result.suppliers.map((supplier) => ({
          country: supplier.country,
          name: countryName(view, supplier.country),
          sharePct: supplier.sharePct,
          inForce: supplier.inForce,
          targeting: supplier.targeting,
          unknown: supplier.unknown,
        })),
        sourceIds: [...new Set(formRows.map((row) => row.sourceId))].sort(compareCodes),
      });
    }
  }
  return { importer, name: importerName(view, importer), asOf, data, withoutShares, method: METHOD() };
}

/**
 * Adds, next to each scored stage of GET /v1/minerals/{mineral}/concentration, the share of that stage-year's
 * supply under export controls on `asOf` (same year, same figures). Returns new objects: memoized blocks are shared.
 */
export function withControlledShare<
  Stage extends { stage: string; status: string; year?: number | null },
  Result extends { mineral: string; stages: readonly Stage[] },
>(view: DatasetSnapshot, result: Result, asOf: string): Result {
  return {
    ...result,
    stages: result.stages.map((block) => {
      if (block.status !== 'ok' || typeof block.year !== 'number') return block;
      const controlled = supplyUnderControl(view, result.mineral, block.stage, asOf, block.year);
      if (controlled.status !== 'ok') return block;
      return {
        ...block,
        exportControls: {
          asOf,
          controlledShare: controlled.controlledShare,
          unknownShare: controlled.unknownShare,
          measures: controlled.measures.map((measure) => measure.id),
          href: `/v1/minerals/${result.mineral}/export-controls/supply?asOf=${asOf}&stage=${block.stage}&year=${block.year}`,
        },
      };
    }),
  } as Result;
}
