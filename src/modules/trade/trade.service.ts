import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { memoize } from '../../dataset/memo.js';
import { chooseEdition } from '../../domain/editions.js';
import { TARGET_NON_OECD } from '../../domain/export-controls.js';
import { changePct, kilogramsOf, yearsAround, type QuantityFigure, type TradePeriod } from '../../domain/trade.js';
import { sharesOfCoveredPartners } from '../../scoring/index.js';
import { NotFoundError, ValidationError, type FieldError } from '../../errors.js';
import { restrictsSupplyTo, SUPPLY_MEASURES, suspensionsOf } from '../../scoring/export-controls.js';
import { checkFilters, countryName, requireMineral, sourceRef } from '../shared/lookups.js';
import type { FlowFilter, HtsHeadingRecord, TradeFlowRecord, TradeQuantityRecord, TradeRepository } from './trade.repository.js';

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

// ---- Observed trade (USITC DataWeb), read from the trade store ---------------------------------------------------

/** Which flows a measure's observed effect and a dependency's observed block read: U.S. imports. */
const IMPORTS = 'imports' as const;
const FULL_YEAR = 'year';
const MONTHS = 'jan-apr';

/** What the trade store holds, for the snapshot's version: edition, partners, years, and the heading map. */
function tradeCoverage(snapshot: DatasetSnapshot, repository: TradeRepository) {
  return memoize(snapshot, 'trade-coverage', () => {
    const rows = repository.coverage();
    // The newest edition of the family.
    const editions = new Set(rows.map((row) => row.edition));
    const edition =
      chooseEdition(
        snapshot.editions.filter((candidate) => editions.has(candidate.id)),
        undefined,
      ) ?? null;
    const ofEdition = rows.filter((row) => row.edition === edition?.id);
    const fullYears = ofEdition.find((row) => row.period === FULL_YEAR);
    const months = ofEdition.find((row) => row.period === MONTHS);
    const partners = [...new Set(ofEdition.flatMap((row) => row.partners.split(',')))].sort();
    const headings = repository.headings();
    return {
      edition,
      reporters: [...new Set(ofEdition.map((row) => row.reporter))].sort(),
      partners,
      fullYears: fullYears ? { from: fullYears.firstYear, to: fullYears.lastYear } : null,
      months: months ? { from: months.firstYear, to: months.lastYear } : null,
      headings,
      headingCodes: new Set(headings.map((heading) => heading.hts)),
    };
  });
}

type Coverage = ReturnType<typeof tradeCoverage>;

function requireTradeData(coverage: Coverage): Coverage & { edition: NonNullable<Coverage['edition']> } {
  if (coverage.edition === null) throw new NotFoundError('No observed trade is loaded (data/trade_flows.csv is empty).');
  return coverage as Coverage & { edition: NonNullable<Coverage['edition']> };
}

/** The heading codes that stand for any of these minerals, their own and proxies, each once. */
function htsOf(coverage: Coverage, minerals: readonly string[]): string[] {
  const headings = coverage.headings.filter((heading) => heading.mineralId !== null && minerals.includes(heading.mineralId));
  return [...new Set(headings.map((heading) => heading.hts))];
}

/** A mineral's headings: its own flows, and the proxies (broad headings) apart. */
function headingsOf(coverage: Coverage, mineral: string) {
  const rows = coverage.headings.filter((heading) => heading.mineralId === mineral);
  return { own: rows.filter((heading) => !heading.proxy), proxies: rows.filter((heading) => heading.proxy) };
}

const keyOfFlow = (row: { flow: string; hts: string; partner: string; year: number; period: string }) =>
  `${row.flow}|${row.hts}|${row.partner}|${row.year}|${row.period}`;

/** Quantity rows grouped by their flow's key. */
function quantitiesByFlow(rows: readonly TradeQuantityRecord[]): Map<string, QuantityFigure[]> {
  const byFlow = new Map<string, QuantityFigure[]>();
  for (const row of rows) {
    const key = keyOfFlow(row);
    const list = byFlow.get(key) ?? [];
    list.push({ measure: row.measure, unit: row.unit, quantity: row.quantity, suppressed: row.suppressed, valueUsd: row.valueUsd });
    byFlow.set(key, list);
  }
  return byFlow;
}

interface FlowQuery {
  importer?: string | undefined;
  flow?: 'imports' | 'exports' | undefined;
  partner?: string | undefined;
  hts?: string | undefined;
  mineral?: string | undefined;
  year?: number | undefined;
  period?: TradePeriod | undefined;
}

/** The filters of GET /v1/trade/flows, checked against what the store holds: 400 naming the field, else the filter. */
function flowFilter(snapshot: DatasetSnapshot, coverage: Coverage & { edition: { id: string } }, query: FlowQuery): FlowFilter {
  const errors: FieldError[] = [];
  const importer = query.importer ?? 'USA';
  if (!coverage.reporters.includes(importer)) {
    errors.push({ field: 'querystring.importer', message: `observed trade covers ${coverage.reporters.join(', ')} only (USITC DataWeb)` });
  }
  if (query.partner !== undefined && !coverage.partners.includes(query.partner)) {
    errors.push({
      field: 'querystring.partner',
      message: `'${query.partner}' is not a partner the file breaks out; one of ${coverage.partners.join(', ')}`,
    });
  }
  if (query.hts !== undefined && !coverage.headingCodes.has(query.hts)) {
    errors.push({ field: 'querystring.hts', message: `'${query.hts}' is not a heading of the file; see GET /v1/trade/headings` });
  }
  const range = query.period === MONTHS ? coverage.months : query.period === FULL_YEAR ? coverage.fullYears : null;
  const from = range?.from ?? Math.min(coverage.fullYears?.from ?? Infinity, coverage.months?.from ?? Infinity);
  const to = range?.to ?? Math.max(coverage.fullYears?.to ?? -Infinity, coverage.months?.to ?? -Infinity);
  if (query.year !== undefined && (query.year < from || query.year > to)) {
    errors.push({
      field: 'querystring.year',
      message: `the data covers ${from}–${to}${query.period ? ` for period ${query.period}` : ''}`,
    });
  }
  if (errors.length > 0) throw new ValidationError('The trade filters name data the file does not hold.', errors);
  checkFilters(snapshot, { mineral: query.mineral });
  const mineralHeadings = query.mineral === undefined ? undefined : htsOf(coverage, [query.mineral]);
  const hts =
    query.hts === undefined ? mineralHeadings : mineralHeadings === undefined || mineralHeadings.includes(query.hts) ? [query.hts] : [];
  return {
    edition: coverage.edition.id,
    reporter: importer,
    flow: query.flow,
    hts,
    partner: query.partner === undefined ? undefined : [query.partner],
    year: query.year,
    period: query.period,
  };
}

function flowView(snapshot: DatasetSnapshot, coverage: Coverage, row: TradeFlowRecord, quantities: QuantityFigure[]) {
  const mapped = coverage.headings.filter((heading) => heading.hts === row.hts && heading.mineralId !== null);
  return {
    importer: row.reporter,
    flow: row.flow,
    hts: row.hts,
    partner: row.partner,
    partnerName: countryName(snapshot, row.partner),
    year: row.year,
    period: row.period as TradePeriod,
    valueUsd: row.valueUsd,
    valueBasis: row.flow === IMPORTS ? ('customs' as const) : ('fas' as const),
    quantities,
    suppressed: quantities.some((q) => q.suppressed),
    minerals: mapped.map((heading) => ({ mineral: heading.mineralId as string, stage: heading.stageId as string, proxy: heading.proxy })),
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  };
}

/** GET /v1/trade/flows: one page of flows in key order, each with its quantities. */
export function listTradeFlows(snapshot: DatasetSnapshot, repository: TradeRepository, query: FlowQuery) {
  const coverage = requireTradeData(tradeCoverage(snapshot, repository));
  const filter = flowFilter(snapshot, coverage, query);
  return {
    total: filter.hts?.length === 0 ? 0 : repository.countFlows(filter),
    fetch: (after: number | null, limit: number) => {
      if (filter.hts?.length === 0) return [];
      const rows = repository.flows(filter, after, limit);
      if (rows.length === 0) return [];
      const years = rows.map((row) => row.year);
      const quantities = quantitiesByFlow(
        repository.quantities({
          ...filter,
          hts: [...new Set(rows.map((row) => row.hts))],
          partner: [...new Set(rows.map((row) => row.partner))],
          year: undefined,
          years: { from: Math.min(...years), to: Math.max(...years) },
        }),
      );
      return rows.map((row) => ({ key: row.id, row: flowView(snapshot, coverage, row, quantities.get(keyOfFlow(row)) ?? []) }));
    },
  };
}

/** GET /v1/trade/headings: the heading map. */
export function listTradeHeadings(snapshot: DatasetSnapshot, repository: TradeRepository) {
  const coverage = tradeCoverage(snapshot, repository);
  const data = coverage.headings.map((heading) => ({
    hts: heading.hts,
    description: heading.description,
    mineral: heading.mineralId,
    stage: heading.stageId,
    proxy: heading.proxy,
    note: heading.note,
  }));
  return { data, keys: coverage.headings.map((heading) => `${heading.hts}|${heading.mineralId ?? ''}`) };
}

/** A flow's figures for one heading, partner and period-year: value, kilograms and every first unit. */
interface Figures {
  valueUsd: number | null;
  kg: number | null;
  kgPartial: boolean;
  quantities: QuantityFigure[];
}

/** Flows of some headings from some partners into one importer, indexed for look-ups. */
function tradeTable(repository: TradeRepository, filter: FlowFilter) {
  const flows = repository.flows(filter);
  const quantities = quantitiesByFlow(repository.quantities(filter));
  const byKey = new Map<string, Figures>();
  for (const row of flows) {
    const key = keyOfFlow(row);
    const q = quantities.get(key) ?? [];
    const kg = kilogramsOf(q);
    byKey.set(key, { valueUsd: row.valueUsd, kg: kg?.kg ?? null, kgPartial: kg?.partial ?? false, quantities: q });
  }
  return {
    flows,
    get: (hts: string, partner: string, year: number, period: string): Figures | null =>
      byKey.get(keyOfFlow({ flow: filter.flow ?? IMPORTS, hts, partner, year, period })) ?? null,
  };
}

type TradeTable = ReturnType<typeof tradeTable>;

/** The same months or year for one heading and partner, compared: value and kilograms, and their change. */
function compare(table: TradeTable, hts: string, partner: string, period: string, before: number, after: number, lastYear: number) {
  const then = table.get(hts, partner, before, period);
  const now = after <= lastYear ? table.get(hts, partner, after, period) : null;
  return {
    period: period as TradePeriod,
    before: { year: before, valueUsd: then?.valueUsd ?? null, kg: then?.kg ?? null },
    after: after <= lastYear ? { year: after, valueUsd: now?.valueUsd ?? null, kg: now?.kg ?? null } : null,
    valueChangePct: changePct(then?.valueUsd, now?.valueUsd),
    kgChangePct: changePct(then?.kg, now?.kg),
    kgPartial: (then?.kgPartial ?? false) || (now?.kgPartial ?? false),
    reason:
      after > lastYear
        ? `${after} is not in the data yet (the last ${period === FULL_YEAR ? 'full year' : 'January–April'} is ${lastYear})`
        : then === null && now === null
          ? `the file has no line for heading ${hts} from this partner in ${before} or ${after} (not a recorded zero)`
          : null,
  };
}

const headingRef = (heading: HtsHeadingRecord) => ({
  hts: heading.hts,
  description: heading.description,
  stage: heading.stageId,
  proxy: heading.proxy,
  ...(heading.proxy ? { alsoHolds: heading.note } : {}),
});

/** Before / after a date, for one partner and a mineral's headings (own first, proxies apart). */
function aroundDate(coverage: ReturnType<typeof requireTradeData>, table: TradeTable, mineral: string, partner: string, date: string) {
  const { own, proxies } = headingsOf(coverage, mineral);
  const { before, after } = yearsAround(date);
  const lastFull = coverage.fullYears?.to ?? 0;
  const lastMonths = coverage.months?.to ?? 0;
  // The latest January–April answers only when those months fall after the date.
  const monthsAfter = date < `${lastMonths}-01-01`;
  const one = (heading: HtsHeadingRecord) => ({
    ...headingRef(heading),
    fullYears: compare(table, heading.hts, partner, FULL_YEAR, before, after, lastFull),
    janApr: monthsAfter ? compare(table, heading.hts, partner, MONTHS, lastMonths - 1, lastMonths, lastMonths) : null,
    janAprReason: monthsAfter ? null : `the latest January–April in the data (${lastMonths}) does not fall after ${date}`,
  });
  return { own: own.map(one), proxies: proxies.map(one) };
}

/**
 * The observed effect of one export-control measure on the importer's imports from the imposing country: the last
 * full year before it took effect against the first full year after, the latest January–April against the year
 * before, per mineral and heading; and the same around its suspensions and its lifting when the data reaches them.
 */
export function observedEffect(snapshot: DatasetSnapshot, repository: TradeRepository, id: string) {
  return memoize(snapshot, `observed-effect|${id}`, () => computeObservedEffect(snapshot, repository, id));
}

function computeObservedEffect(snapshot: DatasetSnapshot, repository: TradeRepository, id: string) {
  const measure = snapshot.measures.find((candidate) => candidate.id === id);
  if (!measure) throw new NotFoundError(`Unknown export-control measure '${id}'. See GET /v1/export-controls for the list.`);
  const coverage = requireTradeData(tradeCoverage(snapshot, repository));
  const importer = 'USA';
  const base = {
    measure: id,
    importer,
    exporter: measure.imposingCountry,
    target: measure.target,
    effective: measure.effective,
    edition: coverage.edition.id,
    sources: [sourceRef(snapshot, `${coverage.edition.id}-imports`)],
  };
  const refusal = !SUPPLY_MEASURES.has(measure.measure)
    ? `a ${measure.measure} measure restricts no flow of material`
    : !restrictsSupplyTo(measure, importer)
      ? `the measure is aimed at ${measure.target === TARGET_NON_OECD ? 'non-OECD destinations' : measure.target}, not at ${importer} or every destination`
      : !coverage.partners.includes(measure.imposingCountry)
        ? `the file does not break out ${countryName(snapshot, measure.imposingCountry)} as a partner (it covers ${coverage.partners.join(', ')})`
        : measure.effective === null
          ? 'the date it took effect is not recorded'
          : null;
  if (refusal !== null)
    return { ...base, bitesOnImporter: restrictsSupplyTo(measure, importer), observed: null, reason: refusal, events: [] };
  const table = tradeTable(repository, {
    edition: coverage.edition.id,
    reporter: importer,
    flow: IMPORTS,
    hts: htsOf(coverage, measure.minerals),
    partner: [measure.imposingCountry],
  });
  const byMineral = (date: string) =>
    measure.minerals.map((mineral) => {
      const around = aroundDate(coverage, table, mineral, measure.imposingCountry, date);
      return {
        mineral,
        ...around,
        reason: around.own.length + around.proxies.length === 0 ? 'no heading of the file stands for this mineral' : null,
      };
    });
  const events = [
    ...suspensionsOf(snapshot.measures, id)
      .filter((other) => other.effective !== null)
      .map((other) => ({ kind: 'suspended' as const, date: other.effective as string, by: other.id })),
    ...(measure.lifted === null ? [] : [{ kind: 'lifted' as const, date: measure.lifted, by: null }]),
    // A scheduled end (the last day the instrument gives) is a lapse unless it was lifted first.
    ...(measure.ends === null || measure.lifted !== null ? [] : [{ kind: 'ended' as const, date: measure.ends, by: null }]),
  ].map((event) => ({ ...event, minerals: byMineral(event.date) }));
  return {
    ...base,
    bitesOnImporter: true,
    observed: { date: measure.effective as string, minerals: byMineral(measure.effective as string) },
    reason: null,
    events,
  };
}

/** Latest full year and January–April (against the year before) of one heading and partner. */
function latest(coverage: ReturnType<typeof requireTradeData>, table: TradeTable, hts: string, partner: string) {
  const lastFull = coverage.fullYears?.to ?? 0;
  const lastMonths = coverage.months?.to ?? 0;
  return {
    fullYear: compare(table, hts, partner, FULL_YEAR, lastFull - 1, lastFull, lastFull),
    janApr: compare(table, hts, partner, MONTHS, lastMonths - 1, lastMonths, lastMonths),
  };
}

/** The observed blocks of one importer and supplier, once per dataset version. */
function observedDependency(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  importer: string,
  supplier: string,
  minerals: readonly string[],
) {
  return memoize(snapshot, `observed-dependency|${importer}|${supplier}|${minerals.join(',')}`, () =>
    computeObservedDependency(snapshot, repository, importer, supplier, minerals),
  );
}

/**
 * The `observed` block of GET /v1/dependency/{importer}/on/{supplier} for one mineral: the supplier's value and
 * kilograms for the mineral's own headings (proxies apart), latest full year and January–April, and the change.
 * Null with a reason where the file cannot answer.
 */
function computeObservedDependency(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  importer: string,
  supplier: string,
  minerals: readonly string[],
) {
  const coverage = tradeCoverage(snapshot, repository);
  const reasonFor = (mineral: string): string | null =>
    coverage.edition === null
      ? 'no observed trade is loaded'
      : !coverage.reporters.includes(importer)
        ? `observed trade covers ${coverage.reporters.join(', ')} only (USITC DataWeb)`
        : !coverage.partners.includes(supplier)
          ? `the file does not break out ${countryName(snapshot, supplier)} as a partner`
          : htsOf(coverage, [mineral]).length === 0
            ? 'no heading of the file stands for this mineral'
            : null;
  const answerable = minerals.filter((mineral) => reasonFor(mineral) === null);
  const ready = coverage.edition === null ? null : requireTradeData(coverage);
  const table =
    ready === null || answerable.length === 0
      ? null
      : tradeTable(repository, {
          edition: ready.edition.id,
          reporter: importer,
          flow: IMPORTS,
          hts: htsOf(ready, answerable),
          partner: [supplier],
        });
  const entryFor = (mineral: string) => {
    const reason = reasonFor(mineral);
    if (reason !== null || ready === null || table === null) return { observed: null, observedReason: reason };
    const { own, proxies } = headingsOf(ready, mineral);
    const one = (heading: HtsHeadingRecord) => ({ ...headingRef(heading), ...latest(ready, table, heading.hts, supplier) });
    return {
      observed: {
        flow: IMPORTS,
        edition: ready.edition.id,
        source: sourceRef(snapshot, `${ready.edition.id}-imports`),
        own: own.map(one),
        proxies: proxies.map(one),
      },
      observedReason: null,
    };
  };
  return new Map(minerals.map((mineral) => [mineral, entryFor(mineral)]));
}

/**
 * Value at risk of a disruption scenario for one mineral: the observed customs value of the importer's imports of the
 * mineral's own headings (never proxies) from each shocked country in the latest full year, times the largest
 * reduction that country faces at any stage. Null with a reason where the file cannot answer.
 */
export function valueAtRisk(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  importer: string,
  mineral: string,
  reductions: ReadonlyMap<string, number>,
) {
  const coverage = tradeCoverage(snapshot, repository);
  const none = (reason: string) => ({ usd: null, year: null, headings: [], byCountry: [], uncovered: [], edition: null, reason });
  if (coverage.edition === null) return none('no observed trade is loaded');
  if (!coverage.reporters.includes(importer))
    return none(`observed trade covers ${coverage.reporters.join(', ')} only (USITC DataWeb); none for ${importer}`);
  const { own } = headingsOf(coverage, mineral);
  if (own.length === 0)
    return none(`no heading of the file is ${mineral}'s own flow (only proxies, or none), and a proxy is never a value at risk`);
  const year = coverage.fullYears?.to ?? 0;
  const shocked = [...reductions.keys()];
  const covered = shocked.filter((country) => coverage.partners.includes(country));
  const flows =
    covered.length === 0
      ? []
      : repository.flows({
          edition: coverage.edition.id,
          reporter: importer,
          flow: IMPORTS,
          hts: own.map((h) => h.hts),
          partner: covered,
          year,
          period: FULL_YEAR,
        });
  const byCountry = covered.map((country) => {
    const rows = flows.filter((row) => row.partner === country);
    const missing = rows.length === 0 || rows.some((row) => row.valueUsd === null);
    const observedUsd = missing ? null : rows.reduce((sum, row) => sum + (row.valueUsd as number), 0);
    const reduction = reductions.get(country) as number;
    return { country, observedUsd, reduction, atRiskUsd: observedUsd === null ? null : Math.round(observedUsd * reduction) };
  });
  const known = byCountry.filter((entry) => entry.atRiskUsd !== null);
  return {
    usd: known.length === 0 ? null : known.reduce((sum, entry) => sum + (entry.atRiskUsd as number), 0),
    year,
    headings: own.map((heading) => heading.hts),
    byCountry,
    uncovered: shocked.filter((country) => !coverage.partners.includes(country)),
    edition: coverage.edition.id,
    reason: known.length === 0 ? 'no shocked country is a partner the file breaks out, or their value is missing' : null,
  };
}

/**
 * GET /v1/minerals/{mineral}/trade: the importer's flows of the mineral's headings by partner over time (own headings
 * and proxies apart), the latest full year with each partner's share of the covered partners and their HHI, the
 * latest January–April against the same months a year before, and the U.S.-biting measures on the mineral with
 * their dates (for the time axis) and observed effect.
 */
export function mineralTrade(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  mineralId: string,
  query: { flow?: 'imports' | 'exports' | undefined; from?: number | undefined },
) {
  const mineral = requireMineral(snapshot, mineralId);
  const coverage = requireTradeData(tradeCoverage(snapshot, repository));
  const flow = query.flow ?? IMPORTS;
  const lastFull = coverage.fullYears?.to ?? 0;
  const firstFull = coverage.fullYears?.from ?? 0;
  const lastMonths = coverage.months?.to ?? 0;
  const from = query.from ?? lastFull - 10;
  if (from < firstFull || from > lastFull) {
    throw new ValidationError('The series cannot start there.', [
      { field: 'querystring.from', message: `the full years cover ${firstFull}–${lastFull}` },
    ]);
  }
  const { own, proxies } = headingsOf(coverage, mineral.id);
  const table = tradeTable(repository, { edition: coverage.edition.id, reporter: 'USA', flow, hts: htsOf(coverage, [mineral.id]) });
  const one = (heading: HtsHeadingRecord) => {
    const partners = coverage.partners.filter((partner) => table.flows.some((row) => row.hts === heading.hts && row.partner === partner));
    const series = partners.map((partner) => ({
      partner,
      name: countryName(snapshot, partner),
      points: table.flows
        .filter((row) => row.hts === heading.hts && row.partner === partner && row.period === FULL_YEAR && row.year >= from)
        .map((row) => {
          const figures = table.get(heading.hts, partner, row.year, FULL_YEAR);
          return { year: row.year, valueUsd: row.valueUsd, kg: figures?.kg ?? null };
        }),
    }));
    // The partners with a row for the last full year; sharesOfCoveredPartners names those whose row holds no value.
    const latestRows = partners.flatMap((partner) => {
      const figures = table.get(heading.hts, partner, lastFull, FULL_YEAR);
      return figures === null ? [] : [{ partner, name: countryName(snapshot, partner), valueUsd: figures.valueUsd, kg: figures.kg }];
    });
    const shares = sharesOfCoveredPartners(latestRows);
    const months = partners.map((partner) => ({
      partner,
      name: countryName(snapshot, partner),
      ...compare(table, heading.hts, partner, MONTHS, lastMonths - 1, lastMonths, lastMonths),
    }));
    const sumOf = (year: number, pick: (figures: Figures) => number | null) =>
      partners.reduce<number | null>((sum, partner) => {
        const figures = table.get(heading.hts, partner, year, MONTHS);
        const value = figures === null ? null : pick(figures);
        return value === null ? sum : (sum ?? 0) + value;
      }, null);
    const before = sumOf(lastMonths - 1, (figures) => figures.valueUsd);
    const after = sumOf(lastMonths, (figures) => figures.valueUsd);
    return {
      ...headingRef(heading),
      series,
      latestFullYear: {
        year: lastFull,
        totalOfCoveredPartnersUsd: shares.totalUsd,
        partners: shares.shares.sort((a, b) => (b.valueUsd ?? -1) - (a.valueUsd ?? -1)),
        hhiOfCoveredPartners: shares.hhi,
        hhiCoverage: 'covered-partners-only' as const,
      },
      janApr: {
        year: lastMonths,
        against: lastMonths - 1,
        totalOfCoveredPartnersUsd: { before, after, changePct: changePct(before, after) },
        partners: months,
      },
    };
  };
  const measures = snapshot.measures.filter((measure) => measure.minerals.includes(mineral.id) && restrictsSupplyTo(measure, 'USA'));
  const controls = measures.map((measure) => {
    const effect =
      coverage.partners.includes(measure.imposingCountry) && measure.effective !== null
        ? observedEffect(snapshot, repository, measure.id)
        : null;
    const mine = effect?.observed?.minerals.find((entry) => entry.mineral === mineral.id);
    return {
      id: measure.id,
      exporter: measure.imposingCountry,
      measure: measure.measure,
      target: measure.target,
      effective: measure.effective,
      lifted: measure.lifted,
      suspendedOn: suspensionsOf(snapshot.measures, measure.id).map((other) => other.effective),
      observed: mine ? { own: mine.own, proxies: mine.proxies } : null,
      reason: mine
        ? null
        : (effect?.reason ??
          (coverage.partners.includes(measure.imposingCountry)
            ? 'the date it took effect is not recorded'
            : `the file does not break out ${countryName(snapshot, measure.imposingCountry)} as a partner`)),
    };
  });
  return {
    mineral: mineral.id,
    importer: 'USA',
    flow,
    valueBasis: flow === IMPORTS ? ('customs' as const) : ('fas' as const),
    coveredPartners: coverage.partners,
    coverageNote: `The file breaks out ${coverage.partners.length} partners and has no World row: every share and HHI here is of those partners only, a lower-coverage figure.`,
    own: own.map(one),
    proxies: proxies.map(one),
    controls,
    edition: coverage.edition.id,
    source: sourceRef(snapshot, `${coverage.edition.id}-${flow}`),
  };
}

/** GET /v1/dependency/{importer}/on/{supplier} with the `observed` block per mineral beside the USGS shares. */
export function withObservedTrade<Row extends { mineral: string }, Exposure extends { importer: string; supplier: string; data: Row[] }>(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  exposure: Exposure,
): Omit<Exposure, 'data'> & { data: (Exposure['data'][number] & ObservedEntry)[] } {
  const observed = observedDependency(
    snapshot,
    repository,
    exposure.importer,
    exposure.supplier,
    exposure.data.map((row) => row.mineral),
  );
  return { ...exposure, data: exposure.data.map((row) => ({ ...row, ...(observed.get(row.mineral) as ObservedEntry) })) };
}

type ObservedEntry = NonNullable<ReturnType<ReturnType<typeof observedDependency>['get']>>;

interface ScenarioAnswer {
  scenario: { importer: string; shocks: readonly { countries: readonly string[]; reduction: number }[] };
  results: readonly ({ mineral: string; status: string } & Record<string, unknown>)[];
}

/**
 * A disruption scenario's answer with `valueAtRisk` in each mineral's importer impact (src/modules/scenarios answers
 * from the snapshot; the observed trade is read here, by query). The answer itself is not changed (it is memoized).
 */
export function withValueAtRisk<Answer extends ScenarioAnswer>(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  answer: Answer,
): WithValueAtRisk<Answer> {
  // The scenario's answer is memoized per dataset version: so is this one, per answer.
  const known = withValueAtRiskMemo.get(answer);
  if (known !== undefined) return known as WithValueAtRisk<Answer>;
  const result = addValueAtRisk(snapshot, repository, answer);
  withValueAtRiskMemo.set(answer, result);
  return result;
}

const withValueAtRiskMemo = new WeakMap<object, unknown>();

function addValueAtRisk<Answer extends ScenarioAnswer>(
  snapshot: DatasetSnapshot,
  repository: TradeRepository,
  answer: Answer,
): WithValueAtRisk<Answer> {
  const reductions = new Map<string, number>();
  for (const shock of answer.scenario.shocks) {
    for (const country of shock.countries) reductions.set(country, Math.max(reductions.get(country) ?? 0, shock.reduction));
  }
  const results = answer.results.map((result) => {
    const impact = result.importerImpact as Record<string, unknown> | undefined;
    if (result.status !== 'ok' || impact === undefined) return result;
    return {
      ...result,
      importerImpact: { ...impact, valueAtRisk: valueAtRisk(snapshot, repository, answer.scenario.importer, result.mineral, reductions) },
    };
  });
  return { ...answer, results } as unknown as WithValueAtRisk<Answer>;
}

type ValueAtRisk = ReturnType<typeof valueAtRisk>;
type WithImpact<Result> = Result extends { importerImpact: infer Impact }
  ? Omit<Result, 'importerImpact'> & { importerImpact: Impact & { valueAtRisk: ValueAtRisk } }
  : Result;
type WithValueAtRisk<Answer extends ScenarioAnswer> = Omit<Answer, 'results'> & { results: WithImpact<Answer['results'][number]>[] };
