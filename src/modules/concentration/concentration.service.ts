import { memoize } from '../../dataset/memo.js';
import { mineralStageKey, type DatasetSnapshot, type ProjectionSupply } from '../../dataset/snapshot.js';
import { yearRank, type StageYearSupply } from '../../domain/supply.js';
import { formatNumber } from '../../lib/format.js';
import { round } from '../../lib/round.js';
import {
  concentrationOf,
  governanceWeightedHhi,
  hhiRangeOf,
  methodRef,
  type ConcentrationOk,
  type MethodRef,
  type WorldTotal,
} from '../../scoring/index.js';
import { missingGovernanceBlock, wgiUsed } from '../shared/governance.js';
import { countryName, requireMineral, requireTradingCountry } from '../shared/lookups.js';
import { publicationOf, seriesBreak } from './breaks.js';
import { stageCatalogue, stageEntry, stagesOf } from '../shared/stage-catalogue.js';

export function methodLink(ref: MethodRef) {
  return { id: ref.id, version: ref.version, href: `/v1/methods/${ref.id}` };
}

export function concentrationResultOf(supply: StageYearSupply) {
  return concentrationOf({
    producers: supply.producers.map((producer) => ({
      country: producer.country,
      tonnes: producer.tonnes,
      withheld: producer.withheld,
      estimated: producer.estimated,
      lowerBound: producer.lowerBound,
    })),
    otherTonnes: supply.otherTonnes,
    worldTonnes: supply.worldTonnes,
  });
}

/**
 * The world total behind a stage's shares, said in words: the published total, the one used and why they differ.
 * Every answer that shows a share of world supply shows this block beside it.
 */
export function worldTotalBlock(snapshot: DatasetSnapshot, supply: StageYearSupply, total: WorldTotal) {
  const shares = supply.measure === 'shares';
  const unit = shares ? ('%' as const) : ('t' as const);
  const amount = (value: number) => `${formatNumber(value)}${shares ? ' %' : ' t'}`;
  const counted = supply.otherTonnes === null ? 'The named countries' : 'The named countries and "Other countries"';
  let reason: string | null = null;
  if (total.rule === 'reconciled') {
    const rounds = shares
      ? 'the source rounds each share'
      : `${snapshot.editionById.get(supply.edition)?.publisher ?? 'the source'} rounds world totals`;
    reason = `${counted} add up to ${amount(total.accounted)}, more than the published world total of ${amount(total.published ?? 0)} (${rounds}): shares are taken of ${amount(total.used)}, so none exceeds 100 % and together they never exceed 100 %.`;
  } else if (total.rule === 'sum_of_rows') {
    reason = `No world total is published: ${counted.charAt(0).toLowerCase()}${counted.slice(1)} make up the total, which leaves out any withheld producer.`;
  }
  return { rule: total.rule, unit, published: total.published, used: total.used, accounted: total.accounted, reason };
}

/** The scenario of a projected supply; null for observed figures. */
function scenarioOf(supply: StageYearSupply | ProjectionSupply): string | null {
  return 'scenario' in supply ? supply.scenario : null;
}

/** Memo key of one supply picture: a projected year never shares a key with an observed one. */
function supplyKey(supply: StageYearSupply | ProjectionSupply): string {
  const scenario = scenarioOf(supply);
  return `${supply.mineral}|${supply.stage}|${supply.year}|${supply.basis}${scenario === null ? '' : `|projection|${scenario}`}`;
}

/**
 * The unrounded core result for one stage-year. Scores built on top of a stage (bloc HHI, dependency index,
 * exposure, dominance) compute from this, never from the rounded presentation block.
 */
export function concentrationCore(snapshot: DatasetSnapshot, supply: StageYearSupply | ProjectionSupply) {
  return memoize(snapshot, `core|${supplyKey(supply)}`, () => concentrationResultOf(supply));
}

function governanceBlock(snapshot: DatasetSnapshot, result: ConcentrationOk) {
  const weighted = governanceWeightedHhi({
    shares: result.producers.map((producer) => ({ country: producer.country, share: producer.share })),
    wgiScaled: snapshot.wgiScaled,
  });
  if (weighted.status !== 'ok') return { status: weighted.status, reason: weighted.reason, method: methodLink(weighted.method) };
  const wgi = wgiUsed(
    snapshot,
    weighted.contributions.map((entry) => entry.country),
  );
  return {
    status: 'ok' as const,
    hhiWgi: round(weighted.hhiWgi, 3),
    scale: '0 (well governed, dispersed) … 10 (one poorly governed producer)',
    wgiYears: wgi.years,
    wgi,
    tradeFactor: 1,
    missingGovernance: missingGovernanceBlock(snapshot, weighted.missingGovernance),
    method: methodLink(weighted.method),
  };
}

/**
 * One stage-year's concentration, explained: the shares, world total and sources it used. A projected supply
 * (see projectionFor) answers the same way, flagged `projection: true` with its scenario.
 */
export function concentrationBlock(snapshot: DatasetSnapshot, supply: StageYearSupply | ProjectionSupply) {
  return memoize(snapshot, `block|${supplyKey(supply)}`, () => {
    const scenario = scenarioOf(supply);
    const base = {
      stage: supply.stage,
      year: supply.year,
      period: supply.period,
      measure: supply.measure,
      basis: supply.basis,
      basisLabel: snapshot.basisById.get(supply.basis)?.label ?? supply.basis,
      edition: supply.edition,
      projection: scenario !== null,
      scenario,
    };
    const result = concentrationCore(snapshot, supply);
    if (result.status !== 'ok') {
      return { ...base, status: result.status, reason: result.reason, method: methodLink(result.method) };
    }
    // On a share-based stage the "tonnes" are the shares themselves: tonnes are unknown and shown as null.
    const tonnesOrNull = (tonnes: number) => (supply.measure === 'shares' ? null : tonnes);
    const range = hhiRangeOf(result);
    return {
      ...base,
      status: 'ok' as const,
      hhi: round(result.hhi, 1),
      hhiUpperBound: round(result.hhiUpperBound, 1),
      unallocatedShare: round(result.unallocatedShare, 2),
      otherShare: result.otherShare === null ? null : round(result.otherShare, 2),
      namedShareTotal: round(result.namedShareTotal, 2),
      cr1: round(result.cr1, 2),
      cr3: round(result.cr3, 2),
      hhiRange: { lower: round(range.lower, 1), upper: round(range.upper, 1), exact: range.exact },
      equivalentSuppliers: round(result.equivalentSuppliers, 2),
      bands: { doj2023: result.bands.doj2023.band, hmg2010: result.bands.hmg2010.band },
      top: {
        country: result.top.country,
        name: countryName(snapshot, result.top.country),
        tonnes: tonnesOrNull(result.top.tonnes),
        share: round(result.top.share, 2),
      },
      belowThreshold:
        supply.belowThreshold.length === 0
          ? null
          : {
              countries: supply.belowThreshold,
              threshold: '<0.1%',
              note: 'Listed by the source below its reporting threshold: counted in the unallocated share, never as zero.',
            },
      withheld: result.withheld,
      governanceWeighted: governanceBlock(snapshot, result),
      method: methodLink(result.method),
      inputs: {
        worldTonnes: tonnesOrNull(result.worldTonnes),
        worldTotalBasis: supply.measure === 'shares' ? ('shares' as const) : result.worldTotal.rule,
        worldTotal: worldTotalBlock(snapshot, supply, result.worldTotal),
        otherTonnes: supply.otherTonnes,
        producers: result.producers.map((producer) => ({
          country: producer.country,
          name: countryName(snapshot, producer.country),
          tonnes: tonnesOrNull(producer.tonnes),
          share: round(producer.share, 2),
          estimated: producer.estimated,
          lowerBound: producer.lowerBound,
        })),
        unreported: result.unreported,
        sourceIds: supply.sourceIds,
      },
    };
  });
}

export type ConcentrationBlock = ReturnType<typeof concentrationBlock>;
export type OkBlock = Extract<ConcentrationBlock, { status: 'ok' }>;

export function isOk(block: ConcentrationBlock): block is OkBlock {
  return block.status === 'ok';
}

export function supplyFor(snapshot: DatasetSnapshot, mineral: string, stage: string, year?: number): StageYearSupply | undefined {
  const candidates = snapshot.suppliesByMineralStage.get(mineralStageKey(mineral, stage)) ?? [];
  if (year !== undefined) return candidates.find((s) => s.year === year);
  return candidates.reduce<StageYearSupply | undefined>((latest, s) => (!latest || yearRank(s) > yearRank(latest) ? s : latest), undefined);
}

/**
 * The projected supply of one (mineral, stage, year), if any: only ever asked for with an explicit year, and only
 * where no observed figures exist for it. Several scenarios: the first by name (today there is one).
 */
export function projectionFor(snapshot: DatasetSnapshot, mineral: string, stage: string, year: number): ProjectionSupply | undefined {
  const candidates = (snapshot.projectionSupplies.get(mineralStageKey(mineral, stage)) ?? []).filter((supply) => supply.year === year);
  return candidates.sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0))[0];
}

function insufficient(stage: string, reason: string) {
  return { stage, status: 'insufficient_data' as const, reason, method: methodLink(methodRef('hhi')) };
}

/**
 * Why a stage has no figures to score: the catalogue's curated reason when it has none at all (a by-product, no
 * country data, not a stage of the mineral); otherwise the year asked for is one it lacks.
 */
export function missingStage(snapshot: DatasetSnapshot, mineral: string, stage: string, year?: number) {
  const entry = stageEntry(snapshot, mineral, stage);
  if (entry?.gap) return { kind: entry.gap.kind, reason: entry.gap.reason };
  if (entry?.measure === 'shares') {
    return {
      kind: 'shares-only' as const,
      reason: `no ${stage} data for ${mineral} in ${year}: the stage is known only as country shares over ${entry.period}`,
    };
  }
  return { kind: 'not-in-year' as const, reason: `no ${stage} production data for ${mineral} in ${year}` };
}

/**
 * Every stage of one mineral (or one stage), latest year with data unless a year is given. A given year with no
 * observed figures answers from projections where there are some (flagged); "latest" never does.
 */
function stageBlocks(snapshot: DatasetSnapshot, mineral: string, filters: { year?: number | undefined; stage?: string | undefined }) {
  return snapshot.stages
    .filter((stage) => filters.stage === undefined || stage.id === filters.stage)
    .map((stage) => {
      const supply =
        supplyFor(snapshot, mineral, stage.id, filters.year) ??
        (filters.year === undefined ? undefined : projectionFor(snapshot, mineral, stage.id, filters.year));
      if (supply) return concentrationBlock(snapshot, supply);
      return insufficient(stage.id, missingStage(snapshot, mineral, stage.id, filters.year).reason);
    });
}

/**
 * Whether the stages a chokepoint compares measure the same thing at the same time: one data year for all and one
 * publisher's accounting (edition family). Otherwise the comparison is still made, on HHI (unit-free), but flagged:
 * 91 % of magnet-element refining and 69 % of REO mining are not shares of the same thing.
 */
export function comparabilityOf(snapshot: DatasetSnapshot, blocks: readonly OkBlock[]) {
  const when = (block: OkBlock) => (block.year !== null ? String(block.year) : (block.period ?? 'undated'));
  const family = (block: OkBlock) => snapshot.editionById.get(block.edition)?.family ?? block.edition;
  const times = [...new Set(blocks.map(when))];
  const families = [...new Set(blocks.map(family))];
  const reasons = [];
  if (times.length > 1) reasons.push(`the stages cover different times (${blocks.map((b) => `${b.stage}: ${when(b)}`).join('; ')})`);
  if (families.length > 1 || (blocks.some((b) => b.measure === 'shares') && blocks.some((b) => b.measure === 'tonnes'))) {
    reasons.push(`the stages are measured on different bases (${blocks.map((b) => `${b.stage}: ${b.basisLabel}`).join('; ')})`);
  }
  return reasons.length === 0 || blocks.length < 2
    ? { comparable: true, reason: null }
    : { comparable: false, reason: `Compared on HHI, but ${reasons.join(', and ')}: the shares are not shares of the same thing.` };
}

/**
 * The chokepoint: the stage whose supply is most concentrated (on the HHI's lower bound, the named producers).
 * Observed figures only: a projected stage is shown but never ranked against the others.
 */
function chokepointOf(snapshot: DatasetSnapshot, blocks: readonly (ConcentrationBlock | ReturnType<typeof insufficient>)[]) {
  const ok = blocks.filter((block): block is OkBlock => block.status === 'ok');
  const scored = ok.filter((block) => !block.projection);
  const worst = scored.reduce<OkBlock | undefined>((max, block) => (!max || block.hhi > max.hhi ? block : max), undefined);
  const method = methodLink(methodRef('chokepoint'));
  if (!worst) {
    const reason =
      ok.length > 0
        ? 'no stage has observed figures to score: projections are shown per stage but not ranked'
        : 'no stage has enough data to score';
    return { status: 'insufficient_data' as const, stage: null, reason, method };
  }
  return {
    status: 'ok' as const,
    stage: worst.stage,
    year: worst.year,
    period: worst.period,
    edition: worst.edition,
    hhi: worst.hhi,
    topCountry: worst.top.country,
    topCountryName: worst.top.name,
    topShare: worst.top.share,
    comparedStages: scored.map((block) => ({
      stage: block.stage,
      year: block.year,
      period: block.period,
      measure: block.measure,
      basis: block.basis,
      basisLabel: block.basisLabel,
      edition: block.edition,
      hhi: block.hhi,
    })),
    ...comparabilityOf(snapshot, scored),
    method,
  };
}

export function mineralConcentration(
  snapshot: DatasetSnapshot,
  mineral: string,
  filters: { year?: number | undefined; stage?: string | undefined },
) {
  requireMineral(snapshot, mineral);
  return memoize(snapshot, `mineral-concentration|${mineral}|${filters.year}|${filters.stage}`, () => {
    const stages = stageBlocks(snapshot, mineral, filters);
    return { mineral, year: filters.year ?? null, stages, chokepoint: chokepointOf(snapshot, stages) };
  });
}

/** What one point of a concentration history says, observed or projected, after its year (and projection flags). */
function historyPointFields(snapshot: DatasetSnapshot, block: OkBlock) {
  return {
    status: block.status,
    basis: block.basis,
    edition: block.edition,
    publication: publicationOf(snapshot, block.edition),
    hhi: block.hhi,
    cr1: block.cr1,
    topCountry: block.top.country,
    topShare: block.top.share,
    worldTonnes: block.inputs.worldTonnes,
    sourceIds: block.inputs.sourceIds,
  };
}

/** One projected point of a history: kept in its own list, never inside an observed series. */
function projectionPoint(snapshot: DatasetSnapshot, supply: ProjectionSupply) {
  const block = concentrationBlock(snapshot, supply);
  const base = { stage: supply.stage, year: supply.year as number, projection: true as const, scenario: supply.scenario };
  if (!isOk(block)) return { ...base, status: block.status, reason: block.reason };
  return { ...base, ...historyPointFields(snapshot, block) };
}

export function concentrationHistory(
  snapshot: DatasetSnapshot,
  mineral: string,
  filters: { stage?: string | undefined; projections?: boolean | undefined },
) {
  requireMineral(snapshot, mineral);
  const wanted = snapshot.stages.filter((stage) => filters.stage === undefined || stage.id === filters.stage);
  const stages = wanted.map((stage) => {
    // A share table covers a reference period, not a year: it is no point of an annual series.
    const supplies = snapshot.supplies
      .filter((s): s is StageYearSupply & { year: number } => s.mineral === mineral && s.stage === stage.id && s.year !== null)
      .sort((a, b) => a.year - b.year);
    if (supplies.length === 0) return insufficient(stage.id, `no ${stage.id} production data for ${mineral}`);
    const series = supplies.map((supply, index) => {
      const block = concentrationBlock(snapshot, supply);
      const seam = seriesBreak(snapshot, supplies[index - 1], supply);
      if (!isOk(block)) return { year: supply.year, status: block.status, reason: block.reason, break: seam };
      return { year: supply.year, ...historyPointFields(snapshot, block), break: seam };
    });
    return { stage: stage.id, status: 'ok' as const, series, method: methodLink(methodRef('hhi')) };
  });
  if (!filters.projections) return { mineral, stages };
  const projections = wanted.flatMap((stage) =>
    [...(snapshot.projectionSupplies.get(mineralStageKey(mineral, stage.id)) ?? [])]
      .filter((supply): supply is ProjectionSupply & { year: number } => supply.year !== null)
      .sort((a, b) => a.year - b.year || (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0))
      .map((supply) => projectionPoint(snapshot, supply)),
  );
  return { mineral, stages, projections };
}

/**
 * Whether a ranked stage's figure describes the ranking's time: the same data year, never a study period or another
 * year ranked beside it as an equal (germanium 2022, or the EU study's multi-year shares, against 2025 tonnes).
 */
function timeComparability(row: RankedStage, rankingYear: number | null) {
  if (row.year !== null && row.year === rankingYear) return { comparable: true, reason: null };
  const what =
    row.year === null
      ? `country shares over ${row.period ?? 'a reference period'} (${row.edition}), not one year's output`
      : `${row.year} figures (the newest for ${row.mineral} ${row.stage})`;
  return {
    comparable: false,
    reason: `${what}: another time than the ranking's ${rankingYear ?? 'year'}, so listed after the ranked rows and not ranked with them`,
  };
}

type RankedStage = { mineral: string; stage: string; year: number | null; period: string | null; edition: string };

/**
 * A ranking that compares like with like: the rows of the ranking's year (the year asked for, else the newest data
 * year among the rows) are ranked 1 … n in `order`; rows of another year or of a study period follow, in the same
 * order but unranked, each saying why.
 */
export function rankLikeWithLike<Row extends RankedStage>(
  rows: readonly Row[],
  year: number | undefined,
  order: (a: Row, b: Row) => number,
) {
  const newest = rows.reduce<number | null>((max, row) => (row.year !== null && (max === null || row.year > max) ? row.year : max), null);
  const rankingYear = year ?? newest;
  const judged = rows.map((row) => ({ row, ...timeComparability(row, rankingYear) }));
  const comparable = judged.filter((entry) => entry.comparable).sort((x, y) => order(x.row, y.row));
  const apart = judged.filter((entry) => !entry.comparable).sort((x, y) => order(x.row, y.row));
  const data = [
    ...comparable.map((entry, index) => ({ rank: (index + 1) as number | null, ...entry.row, comparable: true, reason: entry.reason })),
    ...apart.map((entry) => ({ rank: null as number | null, ...entry.row, comparable: false, reason: entry.reason })),
  ];
  return { rankingYear, comparableTotal: comparable.length, data };
}

/**
 * Every mineral × stage, most concentrated first: the table an analyst opens first. Like is ranked with like: the
 * rows of the ranking's year (the year asked for, else the newest data year) are ranked 1 … n; rows of another year
 * or of a study period follow, unranked, each saying why. Every cell without figures is listed with its reason.
 */
export function concentrationOverview(snapshot: DatasetSnapshot, filters: { year?: number | undefined; stage?: string | undefined }) {
  return memoize(snapshot, `overview|${filters.year}|${filters.stage}`, () => {
    const scored = [];
    const insufficientData = [];
    for (const entry of stageCatalogue(snapshot)) {
      if (filters.stage !== undefined && entry.stage !== filters.stage) continue;
      const supply = entry.gap ? undefined : supplyFor(snapshot, entry.mineral, entry.stage, filters.year);
      const block = supply ? concentrationBlock(snapshot, supply) : null;
      if (!block || !isOk(block)) {
        const missing =
          block && !isOk(block)
            ? { kind: 'no-country-data' as const, reason: block.reason }
            : missingStage(snapshot, entry.mineral, entry.stage, filters.year);
        insufficientData.push({ mineral: entry.mineral, stage: entry.stage, status: 'insufficient_data' as const, ...missing });
        continue;
      }
      scored.push({
        mineral: entry.mineral,
        stage: block.stage,
        year: block.year,
        measure: block.measure,
        period: block.period,
        edition: block.edition,
        hhi: block.hhi,
        hhiUpperBound: block.hhiUpperBound,
        cr1: block.cr1,
        cr3: block.cr3,
        band2023: block.bands.doj2023,
        topCountry: block.top.country,
        topShare: block.top.share,
        sourceIds: block.inputs.sourceIds,
      });
    }
    const byHhi = (x: RankedStage & { hhi: number }, y: RankedStage & { hhi: number }) =>
      y.hhi - x.hhi || x.mineral.localeCompare(y.mineral) || x.stage.localeCompare(y.stage);
    const { rankingYear, comparableTotal, data } = rankLikeWithLike(scored, filters.year, byHhi);
    return {
      year: filters.year ?? null,
      rankingYear,
      comparableTotal,
      data,
      total: data.length,
      insufficientData,
      method: methodLink(methodRef('hhi')),
    };
  });
}

/** Where one country holds at least `minShare` percent of world supply, stage by stage. */
export function countryDominance(snapshot: DatasetSnapshot, iso3: string, filters: { minShare: number; year?: number | undefined }) {
  // An aggregate (WLD, OTH, EUU) holds no share of its own: asking for its dominance is a 400, not an empty list.
  const country = requireTradingCountry(snapshot, iso3, 'params.iso3');
  const data = snapshot.minerals
    .flatMap((mineral) =>
      snapshot.stages.map((stage) => {
        const supply = supplyFor(snapshot, mineral.id, stage.id, filters.year);
        if (!supply) return null;
        const core = concentrationCore(snapshot, supply);
        const block = concentrationBlock(snapshot, supply);
        if (core.status !== 'ok' || !isOk(block)) return null;
        // The threshold is tested on the unrounded share: 24.996 % is not "at least 25 %".
        const entry = core.producers.find((producer) => producer.country === country.iso3);
        if (!entry || entry.share < filters.minShare) return null;
        const rank = core.producers.indexOf(entry) + 1;
        return {
          mineral: mineral.id,
          stage: stage.id,
          year: block.year,
          measure: supply.measure,
          period: supply.period,
          edition: block.edition,
          share: round(entry.share, 2),
          // On a share table the figure is the share itself: there are no tonnes.
          tonnes: supply.measure === 'shares' ? null : entry.tonnes,
          rank,
          hhi: block.hhi,
          worldTonnes: block.inputs.worldTonnes,
          estimated: entry.estimated,
          sourceIds: block.inputs.sourceIds,
        };
      }),
    )
    .filter((row): row is NonNullable<typeof row> => row !== null)
    .sort((a, b) => b.share - a.share || a.mineral.localeCompare(b.mineral) || a.stage.localeCompare(b.stage));
  return {
    country: country.iso3,
    name: country.name,
    minShare: filters.minShare,
    year: filters.year ?? null,
    data,
    total: data.length,
    method: methodLink(methodRef('hhi')),
  };
}

/** China's place in one stage's figures: its share, or why there is none. */
function chinaShareOf(block: OkBlock) {
  const china = block.inputs.producers.find((producer) => producer.country === 'CHN');
  if (china) return { share: china.share, note: null };
  if (block.belowThreshold?.countries.includes('CHN'))
    return { share: null, note: `listed below the reporting threshold (${block.belowThreshold.threshold})` };
  return { share: null, note: 'not a named producer at this stage' };
}

/** One series of a chain stage, compact: what it measures, when, from where, and how concentrated. */
function chainSeries(snapshot: DatasetSnapshot, supply: StageYearSupply) {
  const block = concentrationBlock(snapshot, supply);
  const common = {
    basis: supply.basis,
    basisLabel: snapshot.basisById.get(supply.basis)?.label ?? supply.basis,
    measure: supply.measure,
    year: supply.year,
    period: supply.period,
    edition: supply.edition,
    sourceIds: supply.sourceIds,
  };
  if (!isOk(block)) return { ...common, status: block.status, reason: block.reason };
  return {
    ...common,
    status: 'ok' as const,
    hhi: block.hhi,
    hhiRange: block.hhiRange,
    cr1: block.cr1,
    cr3: block.cr3,
    band2023: block.bands.doj2023,
    topProducers: block.inputs.producers.slice(0, 3).map((p) => ({ country: p.country, name: p.name, share: p.share })),
    china: chinaShareOf(block),
    belowThreshold: block.belowThreshold,
  };
}

/**
 * The whole chain of one mineral in one answer: every stage the mineral has (with its own name: smelting, APT,
 * separation …), the series that answers by default plus any other basis known for that stage (e.g. the EU study's
 * shares next to USGS tonnes, light and heavy rare-earth separation), and the binding stage with its comparability.
 */
export function mineralChain(snapshot: DatasetSnapshot, mineral: string) {
  requireMineral(snapshot, mineral);
  return memoize(snapshot, `chain|${mineral}`, () => {
    // The chain: every stage with figures, and the named stages without (rare-earth magnets), from the one catalogue.
    const stages = stagesOf(snapshot, mineral).filter((entry) => entry.inChain || entry.measure !== null);
    const headlines: (ConcentrationBlock | ReturnType<typeof insufficient>)[] = [];
    const entries = stages.map((entry) => {
      const base = { stage: entry.stage, name: entry.name };
      const key = mineralStageKey(mineral, entry.stage);
      const headline = supplyFor(snapshot, mineral, entry.stage);
      if (!headline) {
        const reason = missingStage(snapshot, mineral, entry.stage).reason;
        headlines.push(insufficient(entry.stage, reason));
        return { ...base, status: 'insufficient_data' as const, reason, series: [] };
      }
      headlines.push(concentrationBlock(snapshot, headline));
      // The newest supply of every other basis at this stage, after the headline.
      const others = new Map<string, StageYearSupply>();
      for (const supply of snapshot.suppliesByMineralStage.get(key) ?? []) {
        if (supply.basis === headline.basis) continue;
        const current = others.get(supply.basis);
        if (!current || yearRank(supply) > yearRank(current)) others.set(supply.basis, supply);
      }
      const series = [headline, ...[...others.values()].sort((a, b) => yearRank(b) - yearRank(a) || a.basis.localeCompare(b.basis))];
      return { ...base, status: 'ok' as const, series: series.map((supply) => chainSeries(snapshot, supply)) };
    });
    return {
      mineral,
      name: snapshot.mineralById.get(mineral)?.name ?? mineral,
      stages: entries,
      binding: chokepointOf(snapshot, headlines),
      notes: [
        'Each stage answers with its newest figures (annual tonnes where published, else country shares over a reference period); other bases known for the stage follow in `series`.',
        "The binding stage is the one with the highest HHI among the stages' default series; `comparable` says whether those stages measure the same thing at the same time.",
      ],
    };
  });
}
