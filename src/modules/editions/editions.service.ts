import { memoize } from '../../dataset/memo.js';
import { editionView, type DatasetSnapshot } from '../../dataset/snapshot.js';
import { compareEditions } from '../../domain/editions.js';
import { NotFoundError } from '../../errors.js';
import { round } from '../../lib/round.js';
import { seriesBreakAcrossEditions } from '../concentration/breaks.js';
import { concentrationBlock, supplyFor } from '../concentration/concentration.service.js';
import { checkFilters, countryName, publishedValue, requireMineral, sourceRef } from '../shared/lookups.js';

/** How many figures of each kind an edition holds. */
function figureCounts(snapshot: DatasetSnapshot, edition: string) {
  const count = (rows: readonly { edition: string }[]) => rows.filter((row) => row.edition === edition).length;
  const { all } = snapshot;
  return {
    production: count(all.production),
    capacity: count(all.capacity),
    reserves: count(all.reserves),
    importReliance: count(all.importReliance),
    importSources: count(all.importSources),
    apparentConsumption: count(all.apparentConsumption),
    prices: count(all.prices),
    salient: count(all.salient),
    governance: count(all.governance),
    projections: count(all.projections),
  };
}

function editionEntry(snapshot: DatasetSnapshot, id: string) {
  const edition = snapshot.editionById.get(id);
  if (!edition) throw new NotFoundError(`Unknown edition '${id}'. See GET /v1/editions for the list.`);
  const family = snapshot.editions.filter((candidate) => candidate.family === edition.family);
  const newestInFamily = family.reduce((newest, candidate) => (compareEditions(candidate, newest) > 0 ? candidate : newest));
  return {
    id: edition.id,
    family: edition.family,
    publisher: edition.publisher,
    title: edition.title,
    doi: edition.doi,
    url: edition.url,
    published: edition.published,
    dataYears: edition.dataYears,
    newest: newestInFamily.id === edition.id,
    supersededBy: newestInFamily.id === edition.id ? null : newestInFamily.id,
    notes: edition.notes,
    figures: figureCounts(snapshot, edition.id),
  };
}

/** GET /v1/editions: newest published first. */
export function listEditions(snapshot: DatasetSnapshot) {
  return memoize(snapshot, 'editions', () => {
    const ordered = [...snapshot.editions].reverse();
    return { data: ordered.map((edition) => editionEntry(snapshot, edition.id)), keys: ordered.map((_, index) => index) };
  });
}

export function getEdition(snapshot: DatasetSnapshot, id: string) {
  return editionEntry(snapshot, id);
}

export type RevisionKind = 'production' | 'reserves' | 'import_reliance';

interface FigureOfEdition {
  kind: RevisionKind;
  mineral: string;
  stage: string | null;
  country: string;
  year: number;
  basis: string;
  form: string | null;
  unit: string;
  value: number | null;
  valueText: string;
  edition: string;
  sourceId: string;
}

/** Every edition's figures of the kinds revisions compare, in one shape. */
function figuresOfEveryEdition(snapshot: DatasetSnapshot): FigureOfEdition[] {
  const { all } = snapshot;
  return [
    ...all.production.map((row) => ({
      kind: 'production' as const,
      mineral: row.mineralId,
      stage: row.stageId,
      country: row.country,
      year: row.year,
      basis: row.basisId,
      form: null,
      unit: 't',
      value: row.tonnes,
      valueText: row.withheld ? 'W' : `${row.lowerBound ? '>' : ''}${row.tonnes}`,
      edition: row.edition,
      sourceId: row.sourceId,
    })),
    ...all.reserves.map((row) => ({
      kind: 'reserves' as const,
      mineral: row.mineralId,
      stage: null,
      country: row.country,
      year: row.year,
      basis: row.basis,
      form: null,
      unit: 't',
      value: row.tonnes,
      valueText: `${row.lowerBound ? '>' : ''}${row.tonnes}`,
      edition: row.edition,
      sourceId: row.sourceId,
    })),
    ...all.importReliance.map((row) => ({
      kind: 'import_reliance' as const,
      mineral: row.mineralId,
      stage: null,
      country: row.importer,
      year: row.year,
      basis: 'net import reliance',
      form: row.form === '' ? null : row.form,
      unit: '%',
      value: row.percent,
      valueText: row.valueText,
      edition: row.edition,
      sourceId: row.sourceId,
    })),
  ];
}

/**
 * Every figure whose value changed from one edition to the next edition of the same family that reports it:
 * old and new edition and value, absolute and relative change. Newest revision first.
 */
function allRevisions(snapshot: DatasetSnapshot) {
  return memoize(snapshot, 'revisions', () => {
    const byFigure = new Map<string, FigureOfEdition[]>();
    for (const figure of figuresOfEveryEdition(snapshot)) {
      const family = snapshot.editionById.get(figure.edition)?.family ?? figure.edition;
      const key = [figure.kind, family, figure.mineral, figure.stage, figure.country, figure.year, figure.basis, figure.form].join('|');
      const list = byFigure.get(key);
      if (list) list.push(figure);
      else byFigure.set(key, [figure]);
    }
    const order = new Map(snapshot.editions.map((edition, index) => [edition.id, index]));
    const revisions = [];
    for (const versions of byFigure.values()) {
      if (versions.length < 2) continue;
      versions.sort((a, b) => (order.get(a.edition) ?? 0) - (order.get(b.edition) ?? 0));
      for (let index = 1; index < versions.length; index += 1) {
        const before = versions[index - 1]!;
        const after = versions[index]!;
        if (before.valueText === after.valueText) continue;
        const change = before.value !== null && after.value !== null ? after.value - before.value : null;
        revisions.push({
          kind: after.kind,
          mineral: after.mineral,
          stage: after.stage,
          country: after.country,
          countryName: countryName(snapshot, after.country),
          year: after.year,
          basis: after.basis,
          form: after.form,
          unit: after.unit,
          oldEdition: before.edition,
          oldValue: before.value,
          oldValueText: before.valueText,
          newEdition: after.edition,
          newValue: after.value,
          newValueText: after.valueText,
          change: change === null ? null : round(change, 4),
          relativeChange: change === null || !before.value ? null : round(change / before.value, 4),
          oldSource: sourceRef(snapshot, before.sourceId),
          newSource: sourceRef(snapshot, after.sourceId),
        });
      }
    }
    revisions.sort(
      (a, b) =>
        (order.get(b.newEdition) ?? 0) - (order.get(a.newEdition) ?? 0) ||
        a.kind.localeCompare(b.kind) ||
        a.mineral.localeCompare(b.mineral) ||
        (a.stage ?? '').localeCompare(b.stage ?? '') ||
        b.year - a.year ||
        a.country.localeCompare(b.country) ||
        a.basis.localeCompare(b.basis),
    );
    return revisions;
  });
}

export interface RevisionFilters {
  mineral?: string | undefined;
  country?: string | undefined;
  stage?: string | undefined;
  year?: number | undefined;
  kind?: RevisionKind | undefined;
}

export function listRevisions(snapshot: DatasetSnapshot, filters: RevisionFilters) {
  checkFilters(snapshot, filters);
  const data = allRevisions(snapshot).filter(
    (revision) =>
      (filters.mineral === undefined || revision.mineral === filters.mineral) &&
      (filters.country === undefined || revision.country === filters.country) &&
      (filters.stage === undefined || revision.stage === filters.stage) &&
      (filters.year === undefined || revision.year === filters.year) &&
      (filters.kind === undefined || revision.kind === filters.kind),
  );
  return { data, keys: data.map((_, index) => index) };
}

/**
 * The concentration of one (mineral, stage, year) as each edition that reported it gave it, oldest first: an
 * analyst sees whether a change in HHI is a revision of the data or a change in the world.
 */
export function concentrationByEdition(snapshot: DatasetSnapshot, mineral: string, stage: string, year: number) {
  requireMineral(snapshot, mineral);
  const reporting = new Set(
    snapshot.all.production
      .filter((row) => row.mineralId === mineral && row.stageId === stage && row.year === year)
      .map((row) => row.edition),
  );
  const answers = snapshot.editions
    .filter((edition) => reporting.has(edition.id))
    .flatMap((edition) => {
      const view = editionView(snapshot, edition.id);
      const supply = supplyFor(view, mineral, stage, year);
      // The preferred basis may come from another edition in that view: then this edition did not answer.
      if (!supply || supply.edition !== edition.id) return [];
      return [{ edition, view, supply }];
    });
  // Each entry against the one before: another publisher's accounting or another basis is said, as in a history.
  const data = answers.map(({ edition, view, supply }, index) => ({
    edition: edition.id,
    published: edition.published,
    break: seriesBreakAcrossEditions(snapshot, answers[index - 1]?.supply, supply),
    concentration: concentrationBlock(view, supply),
  }));
  return { mineral, stage, year, data, total: data.length };
}

/** GET /v1/minerals/{mineral}/prices: the price series as published, in the view's editions. */
export function listPrices(snapshot: DatasetSnapshot, mineral: string) {
  requireMineral(snapshot, mineral);
  const data = snapshot.prices
    .filter((row) => row.mineralId === mineral)
    .sort((a, b) => a.series.localeCompare(b.series) || a.year - b.year)
    .map((row) => ({
      mineral: row.mineralId,
      series: row.series,
      description: row.description,
      ...publishedValue(snapshot, row),
    }));
  return { mineral, data, total: data.length };
}
