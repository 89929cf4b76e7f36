import { memoize } from '../../dataset/memo.js';
import { mineralStageKey, viewForEdition, type DatasetSnapshot } from '../../dataset/snapshot.js';
import { apparentConsumptionOf, importerFigures, importerName } from '../../dataset/importer-figures.js';
import type { StageYearSupply } from '../../domain/supply.js';
import { NotFoundError, ValidationError, type FieldError } from '../../errors.js';
import { formatNumber } from '../../lib/format.js';
import { round, roundOrNull } from '../../lib/round.js';
import {
  methodRef,
  runDisruption,
  summarizeScenario,
  type DisruptionOk,
  type DisruptionResult,
  type DisruptionStageInput,
  type Shock,
  type StageOutcome,
  type StageWithoutData,
} from '../../scoring/index.js';
import { compareCodes } from '../../scoring/order.js';
import { methodLink, worldTotalBlock } from '../concentration/concentration.service.js';
import { countryName, isCountry, notACountry, sourceRef } from '../shared/lookups.js';
import { findPreset, SCENARIO_PRESETS, type PresetBody } from './scenarios.presets.js';
import type { DisruptionRequest, PresetOverrides } from './scenarios.schemas.js';
import type { TradeRepository } from '../trade/trade.repository.js';
import { withValueAtRisk } from '../trade/trade.service.js';

// ---- Normalising the request -------------------------------------------------------------------

interface NormalisedShock {
  index: number;
  group: string | null;
  countries: string[];
  /** null = every stage. */
  stages: string[] | null;
  reduction: number;
}

interface NormalisedScenario {
  year: number | null;
  /** The edition the figures were pinned to (`edition` in the request); null = the default view. */
  edition: string | null;
  minerals: string[];
  importer: string;
  shocks: NormalisedShock[];
  stockpile: Record<string, number>;
  substitution: Record<string, number>;
  /** What group expansion left out (an aggregate listed as a member), said in every mineral's assumptions. */
  expansionNotes: string[];
}

function sortedRecord(record: Readonly<Record<string, number>> | undefined): Record<string, number> {
  const entries = Object.entries(record ?? {}).sort(([a], [b]) => compareCodes(a, b));
  return Object.fromEntries(entries);
}

function stagesOverlap(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((stage) => b.includes(stage));
}

/** Minerals that have production data at some stage in some year, in id order. */
function mineralsWithData(snapshot: DatasetSnapshot): string[] {
  const withData = new Set(snapshot.supplies.map((supply) => supply.mineral));
  return snapshot.minerals.map((mineral) => mineral.id).filter((id) => withData.has(id));
}

/**
 * Checks every reference in the request (countries, groups, minerals, importer) and the one-shock-per-country-and-stage
 * rule, and returns the canonical form: groups expanded, lists sorted, defaults filled. Shape is zod's job.
 */
export function normaliseRequest(snapshot: DatasetSnapshot, request: DisruptionRequest): NormalisedScenario {
  const errors: FieldError[] = [];
  const stageRank = (stage: string) => snapshot.stageOrder.get(stage) ?? Number.MAX_SAFE_INTEGER;

  // One rule with every other route (the dataset's is_aggregate flag): WLD, OTH and EUU are not countries to shock.
  const checkCountry = (code: string, field: string): boolean => {
    const refusal = notACountry(snapshot, code, field);
    if (refusal) errors.push(refusal);
    return refusal === null;
  };
  const checkMineral = (id: string, field: string) => {
    if (!snapshot.mineralById.has(id)) errors.push({ field, message: `unknown mineral '${id}'; see GET /v1/minerals` });
  };

  // Any importer of the dataset (data/importers.csv) is valid; a country that is not one (DEU, WLD) is not.
  if (!snapshot.importerById.has(request.importer)) {
    const known = snapshot.importers.map((importer) => importer.id).sort(compareCodes);
    errors.push({ field: 'body.importer', message: `unknown importer '${request.importer}'; one of ${known.join(', ')}` });
  }

  let minerals = mineralsWithData(snapshot);
  if (request.minerals !== undefined) {
    request.minerals.forEach((id, index) => checkMineral(id, `body.minerals.${index}`));
    minerals = [...new Set(request.minerals)].sort(compareCodes);
  }
  for (const [field, record] of [
    ['stockpile', request.stockpile],
    ['substitution', request.substitution],
  ] as const) {
    for (const id of Object.keys(record ?? {})) checkMineral(id, `body.${field}.${id}`);
  }

  /** Where each shock's countries came from, to name the offending field of a duplicate. */
  const countryFields: Map<string, string>[] = [];
  const expansionNotes: string[] = [];
  const shocks: NormalisedShock[] = request.shocks.map((shock, index) => {
    const fields = new Map<string, string>();
    countryFields.push(fields);
    let countries: string[] = [];
    if (shock.group !== undefined) {
      const members = snapshot.membersByGroup.get(shock.group);
      if (!snapshot.groupById.has(shock.group) || members === undefined) {
        errors.push({ field: `body.shocks.${index}.group`, message: `unknown group '${shock.group}'; see GET /v1/groups` });
      } else {
        // A group may list an aggregate (the MSP lists EUU, the European Union): by the same rule it is not a country,
        // so it is left out of the shock, and the assumptions say so.
        countries = members.map((member) => member.country).filter((country) => isCountry(snapshot, country));
        for (const aggregate of members.filter((member) => !isCountry(snapshot, member.country))) {
          expansionNotes.push(
            `body.shocks.${index}: group '${shock.group}' lists ${aggregate.country} (${countryName(snapshot, aggregate.country)}), an aggregate and not a country: it is not shocked; only the countries the group lists are.`,
          );
        }
        for (const country of countries) fields.set(country, `body.shocks.${index}.group`);
      }
    } else {
      (shock.countries ?? []).forEach((code, position) => {
        const field = `body.shocks.${index}.countries.${position}`;
        if (!checkCountry(code, field)) return;
        if (fields.has(code)) {
          errors.push({ field, message: `${code} is listed twice in this shock (also at ${fields.get(code)})` });
          return;
        }
        fields.set(code, field);
        countries.push(code);
      });
    }
    const stages = shock.stages === undefined ? null : [...new Set<string>(shock.stages)].sort((a, b) => stageRank(a) - stageRank(b));
    return {
      index,
      group: shock.group ?? null,
      countries: [...new Set(countries)].sort(compareCodes),
      stages,
      reduction: shock.reduction,
    };
  });

  // One shock per country and stage, after group expansion.
  for (let later = 0; later < shocks.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const a = shocks[earlier]!;
      const b = shocks[later]!;
      const overlap = stagesOverlap(a.stages, b.stages);
      if (overlap !== null && overlap.length === 0) continue;
      const repeated = b.countries.filter((country) => a.countries.includes(country));
      if (repeated.length === 0) continue;
      const stageText = overlap === null ? 'every stage' : overlap.join(', ');
      errors.push({
        field: countryFields[later]!.get(repeated[0]!) ?? `body.shocks.${later}`,
        message: `body.shocks.${later} shocks ${repeated.join(', ')} at ${stageText}, already shocked by body.shocks.${earlier}; give each country and stage one shock`,
      });
    }
  }

  if (errors.length > 0) {
    throw new ValidationError(`The request body has ${errors.length} invalid reference(s) or repeated shock(s).`, errors);
  }
  return {
    year: request.year ?? null,
    edition: snapshot.pinnedEdition?.id ?? null,
    minerals,
    importer: request.importer,
    shocks,
    stockpile: sortedRecord(request.stockpile),
    substitution: sortedRecord(request.substitution),
    expansionNotes,
  };
}

// ---- Per-mineral inputs ------------------------------------------------------------------------

function reservesIndex(snapshot: DatasetSnapshot) {
  return memoize(snapshot, 'scenario-reserves-index', () => {
    const latest = new Map<string, DatasetSnapshot['reserves'][number]>();
    for (const row of snapshot.reserves) {
      const key = `${row.mineralId}|${row.country}`;
      const current = latest.get(key);
      if (!current || row.year > current.year || (row.year === current.year && compareCodes(row.basis, current.basis) < 0)) {
        latest.set(key, row);
      }
    }
    return latest;
  });
}

function latestReserves(snapshot: DatasetSnapshot, mineral: string, country: string) {
  const row = reservesIndex(snapshot).get(`${mineral}|${country}`);
  if (!row) return null;
  return { tonnes: row.tonnes, year: row.year, basis: row.basis, lowerBound: row.lowerBound, sourceId: row.sourceId };
}

function governanceOf(snapshot: DatasetSnapshot, country: string) {
  const entry = snapshot.governanceByCountry.get(country);
  if (!entry || entry.euScaled === null) return null;
  return { wgiScaled: round(entry.euScaled, 2), year: entry.year, edition: entry.edition, sourceId: entry.sourceId };
}

interface StageContext {
  supply: StageYearSupply;
  /** The data year of annual tonnes; null when the stage answers from a share table. */
  year: number | null;
  measure: StageYearSupply['measure'];
  period: string | null;
  basisLabel: string;
  edition: string;
  withheld: string[];
}

/**
 * The supply a scenario reads at one stage: that year's annual tonnes. A stage with no annual tonnes in any year
 * (antimony smelting, tungsten APT) is read from its share table (country shares over a reference period, against a
 * world of 100), so it is still shocked — on shares. A stage with tonnes in other years stays without data that year.
 */
function scenarioSupplyAt(snapshot: DatasetSnapshot, mineral: string, stage: string, year: number): StageYearSupply | undefined {
  const candidates = snapshot.suppliesByMineralStage.get(mineralStageKey(mineral, stage)) ?? [];
  const annual = candidates.find((s) => s.year === year);
  if (annual || candidates.some((s) => s.measure === 'tonnes')) return annual;
  return candidates.find((s) => s.measure === 'shares');
}

function stageInputsOf(snapshot: DatasetSnapshot, mineral: string, year: number, stageIds: readonly string[]) {
  const contexts = new Map<string, StageContext>();
  const inputs = stageIds.map((stage): DisruptionStageInput | StageWithoutData => {
    const supply = scenarioSupplyAt(snapshot, mineral, stage, year);
    if (!supply) {
      const reason = snapshot.suppliesByMineralStage.has(mineralStageKey(mineral, stage))
        ? `no ${stage} production data for ${mineral} in ${year}`
        : `no ${stage} production data for ${mineral} in any year`;
      return { stage, status: 'insufficient_data', reason };
    }
    contexts.set(stage, {
      supply,
      year: supply.year,
      measure: supply.measure,
      period: supply.period,
      basisLabel: snapshot.basisById.get(supply.basis)?.label ?? supply.basis,
      edition: supply.edition,
      withheld: supply.producers
        .filter((p) => p.tonnes === null)
        .map((p) => p.country)
        .sort(compareCodes),
    });
    return {
      stage,
      basis: supply.basis,
      worldTonnes: supply.worldTonnes,
      producers: supply.producers
        .filter((p): p is typeof p & { tonnes: number } => p.tonnes !== null)
        .map((p) => ({ country: p.country, tonnes: p.tonnes })),
      otherTonnes: supply.otherTonnes,
      sourceIds: supply.sourceIds,
    };
  });
  return { inputs, contexts };
}

/** Why a share-based stage has no tonnes: the figures are percentages of world supply, not quantities. */
function tonnesReasonOf(context: StageContext | undefined): string | null {
  return context?.measure === 'shares'
    ? `known only as country shares of world supply over ${context.period}: loss share, HHI and top producer are computed on the shares; tonnes (baseline, lost, substituted) cannot be`
    : null;
}

function appliesAt(shock: NormalisedShock, stage: string): boolean {
  return shock.stages === null || shock.stages.includes(stage);
}

// ---- Shaping -----------------------------------------------------------------------------------

const DISRUPTION_LINK = () => methodLink(methodRef('disruption'));

function namedShare(snapshot: DatasetSnapshot, entry: { country: string; share: number }) {
  return { country: entry.country, name: countryName(snapshot, entry.country), share: round(entry.share, 2) };
}

function shapeStage(
  snapshot: DatasetSnapshot,
  year: number,
  stage: StageOutcome,
  contexts: Map<string, StageContext>,
  shocks: readonly NormalisedShock[],
) {
  if (stage.status !== 'ok') {
    return { stage: stage.stage, status: 'insufficient_data' as const, year, reason: stage.reason, method: DISRUPTION_LINK() };
  }
  const context = contexts.get(stage.stage);
  const withheld = context?.withheld ?? [];
  // On a share table the core's "tonnes" are percentage points of world supply: never shown as tonnes.
  const tonnes = (value: number) => (context?.measure === 'shares' ? null : round(value, 2));
  return {
    stage: stage.stage,
    status: 'ok' as const,
    year: context ? context.year : year,
    measure: context?.measure ?? 'tonnes',
    period: context?.period ?? null,
    basis: stage.basis,
    basisLabel: context?.basisLabel ?? stage.basis,
    edition: context?.edition ?? null,
    baselineTonnes: tonnes(stage.baselineTonnes),
    worldTotal: context ? worldTotalBlock(snapshot, context.supply, stage.worldTotal) : null,
    lostTonnes: tonnes(stage.lostTonnes),
    substitutedTonnes: tonnes(stage.substitutedTonnes),
    tonnesReason: tonnesReasonOf(context),
    grossLossShare: round(stage.grossLossShare, 4),
    lossShare: round(stage.lossShare, 4),
    hhiBefore: round(stage.hhiBefore, 1),
    hhiAfter: roundOrNull(stage.hhiAfter, 1),
    topProducerBefore: namedShare(snapshot, stage.topProducerBefore),
    topProducerAfter: stage.topProducerAfter ? namedShare(snapshot, stage.topProducerAfter) : null,
    shocked: stage.shocked.map((entry) => ({
      country: entry.country,
      name: countryName(snapshot, entry.country),
      reduction: round(entry.reduction, 4),
      lostTonnes: tonnes(entry.lostTonnes),
    })),
    withheldShocked: withheld.filter((country) =>
      shocks.some((shock) => shock.reduction > 0 && appliesAt(shock, stage.stage) && shock.countries.includes(country)),
    ),
    sourceIds: stage.sourceIds,
  };
}

function largestReductionFor(shocks: readonly NormalisedShock[], country: string): number {
  return Math.max(0, ...shocks.filter((shock) => shock.countries.includes(country)).map((shock) => shock.reduction));
}

// ---- One mineral: inputs, the core call, assumptions, shaping ------------------------------------

/** The year a scenario reads for a mineral: the requested one, else the latest with data at any of its stages. */
function scenarioYear(supplies: readonly StageYearSupply[], scenario: NormalisedScenario): number | null {
  const latestYear = supplies.reduce<number | null>((max, s) => (s.year !== null && (max === null || s.year > max) ? s.year : max), null);
  return scenario.year ?? latestYear;
}

/** Step 1, inputs: what the scenario reads for one mineral and year from the snapshot (each stage, the importer). */
function scenarioInputs(
  snapshot: DatasetSnapshot,
  mineral: string,
  scenario: NormalisedScenario,
  supplies: readonly StageYearSupply[],
  year: number,
) {
  const stageRank = (stage: string) => snapshot.stageOrder.get(stage) ?? Number.MAX_SAFE_INTEGER;
  // Stages the mineral has data for in any year, plus any stage a shock names explicitly.
  const stageIds = [...new Set([...supplies.map((s) => s.stage), ...scenario.shocks.flatMap((shock) => shock.stages ?? [])])].sort(
    (a, b) => stageRank(a) - stageRank(b),
  );
  const { inputs, contexts } = stageInputsOf(snapshot, mineral, year, stageIds);

  // The importer's headline figures, whatever their source: per-stage reliance and sourcing shares at the assessed
  // stage where the importer has them (EU CRM study), else net import reliance and import sources (USGS).
  const { reliance, sources: importSources, stage: assessedStage } = importerFigures(snapshot, scenario.importer, mineral, year);
  const importShares =
    importSources && !importSources.rankOnly
      ? importSources.sources
          .filter((entry): entry is typeof entry & { sharePct: number } => entry.sharePct !== null)
          .map((entry) => ({ country: entry.country, share: entry.sharePct }))
      : null;
  const consumption = apparentConsumptionOf(snapshot, scenario.importer, mineral);
  const stockpileTonnes = Object.hasOwn(scenario.stockpile, mineral) ? scenario.stockpile[mineral]! : null;
  const substitution = Object.hasOwn(scenario.substitution, mineral) ? scenario.substitution[mineral]! : 0;
  return { year, inputs, contexts, reliance, importSources, assessedStage, importShares, consumption, stockpileTonnes, substitution };
}

type ScenarioInputs = ReturnType<typeof scenarioInputs>;

/** Step 2, the core call: the pure disruption model on those inputs. */
function runScenarioCore(mineral: string, scenario: NormalisedScenario, gathered: ScenarioInputs): DisruptionResult {
  const shocks: Shock[] = scenario.shocks.map((shock) => ({
    countries: shock.countries,
    stages: shock.stages,
    reduction: shock.reduction,
  }));
  return runDisruption({
    mineral,
    year: gathered.year,
    stages: gathered.inputs,
    shocks,
    importer: {
      code: scenario.importer,
      netImportReliance: gathered.reliance?.fraction ?? null,
      importShares: gathered.importShares,
      apparentConsumptionTonnes: gathered.consumption?.tonnes ?? null,
    },
    stockpileTonnes: gathered.stockpileTonnes,
    substitution: gathered.substitution,
  });
}

/** The first assumption of every mineral: which year is read, and that no stage carries an earlier year over. */
function yearAssumption(mineral: string, scenario: NormalisedScenario, year: number): string {
  return scenario.year === null
    ? `Year ${year}: the latest year with data at any stage of ${mineral}; every stage is read for that year only, and a stage without data that year is insufficient_data (never carried over from an earlier year).`
    : `Year ${year} as requested; every stage is read for that year only, and a stage without data that year is insufficient_data.`;
}

/** Step 3, assumptions: after the year rule, the core's, then what the inputs imply. */
function scenarioAssumptions(
  snapshot: DatasetSnapshot,
  mineral: string,
  scenario: NormalisedScenario,
  gathered: ScenarioInputs,
  result: DisruptionOk,
  stages: readonly ReturnType<typeof shapeStage>[],
): string[] {
  const { year, contexts, reliance, importSources, assessedStage, importShares, consumption, stockpileTonnes } = gathered;
  const assumptions = [...result.assumptions];
  if (assessedStage) {
    assumptions.push(
      `${importerName(snapshot, scenario.importer)}: import reliance ${assessedStage.percent} % at ${assessedStage.stage} (the stage ${assessedStage.edition} assessed, ${assessedStage.period})${
        importShares !== null
          ? ` × the shocked suppliers' shares of its sourcing at that stage (shares of at least 1 % are published; t is not applied to a physical loss)`
          : `; the study gives no sourcing shares at that stage, so the world loss at the binding stage stands in (proxy)`
      }. The study's period is used whatever the scenario year.`,
    );
  } else if (importShares !== null && importSources) {
    assumptions.push(
      `Import shares: ${scenario.importer} imports of ${mineral}${importSources.form ? ` (${importSources.form})` : ''} in ${importSources.period}, the latest period and preferred form that publishes shares; a country’s import share is cut by the largest reduction it faces at any stage.`,
    );
  } else if (importSources?.rankOnly) {
    assumptions.push(
      `Import sources of ${mineral} for ${scenario.importer} (${importSources.period}) are published in rank order only, without shares, so consumption at risk uses the world-supply proxy.`,
    );
  }
  if (reliance?.censored) {
    const direction =
      reliance.qualifier === 'gt' ? 'higher, so consumption at risk is a lower bound' : 'lower, so consumption at risk is an upper bound';
    assumptions.push(
      `Net import reliance is published as "${reliance.valueText}" (${reliance.year}); its bound ${reliance.percent} % is used and the true figure is ${direction}.`,
    );
  }
  if (!Object.hasOwn(scenario.substitution, mineral)) {
    assumptions.push(`No substitution given for ${mineral}: the default 0 applies (set \`substitution.${mineral}\` to change it).`);
  }
  for (const stage of result.stages) {
    const context = contexts.get(stage.stage);
    if (stage.status === 'ok' && context?.measure === 'shares') {
      assumptions.push(
        `At ${stage.stage}, no annual tonnes for ${year}: the ${context.basisLabel} (${context.edition}, ${context.period}) stand in. A loss there is a share of world supply in that period, compared with the annual losses at other stages; tonnes at that stage are not computed.`,
      );
    }
    if (stage.status === 'ok' && stage.worldTotal.rule === 'reconciled') {
      const unit = context?.measure === 'shares' ? ' %' : ' t';
      assumptions.push(
        `At ${stage.stage}, the named producers add up to more than the rounded published world total (${formatNumber(stage.worldTotal.published ?? 0)}${unit}): shares and losses are taken of their sum (${formatNumber(stage.worldTotal.used)}${unit}).`,
      );
    }
  }
  for (const stage of stages) {
    if (stage.status === 'ok' && stage.withheldShocked.length > 0) {
      assumptions.push(
        `At ${stage.stage}, the figure for ${stage.withheldShocked.join(', ')} is withheld by the source: its loss is not counted, so the loss is a lower bound.`,
      );
    }
  }
  if (stockpileTonnes !== null && consumption) {
    assumptions.push(
      `The stockpile is read in the same units as apparent consumption (${consumption.form ?? mineral}, ${consumption.year}) and released only to cover consumption at risk.`,
    );
  }

  return assumptions;
}

/** Step 4, shaping: the mineral's answer for clients (importer impact, alternatives, defense uses, sources). */
function shapeMineralScenario(
  snapshot: DatasetSnapshot,
  mineral: string,
  name: string,
  scenario: NormalisedScenario,
  gathered: ScenarioInputs,
  result: DisruptionOk,
  stages: ReturnType<typeof shapeStage>[],
  assumptions: string[],
) {
  const { year, contexts, reliance, importSources, importShares, consumption, stockpileTonnes } = gathered;
  const impact = result.importerImpact;
  let coverReason = impact.monthsOfCoverReason;
  if (impact.monthsOfCover === null && stockpileTonnes !== null && consumption === null) {
    coverReason = `no apparent consumption (tonnes) of ${mineral} for ${importerName(snapshot, scenario.importer)} in the reference data: months of cover need tonnes`;
  }
  const tonnesAtRiskPerMonth =
    consumption && impact.consumptionAtRisk > 0 ? round((consumption.tonnes * impact.consumptionAtRisk) / 12, 2) : null;

  const shockedAnywhere = new Set(scenario.shocks.filter((shock) => shock.reduction > 0).flatMap((shock) => shock.countries));
  const bindingOnShares = result.bindingStage !== null && contexts.get(result.bindingStage)?.measure === 'shares';
  const alternatives = result.alternatives.map((entry) => ({
    country: entry.country,
    name: countryName(snapshot, entry.country),
    share: round(entry.share, 2),
    tonnes: bindingOnShares ? null : round(entry.tonnes, 2),
    reserves: latestReserves(snapshot, mineral, entry.country),
    governance: governanceOf(snapshot, entry.country),
    groups: [...(snapshot.groupsByCountry.get(entry.country) ?? [])].sort(compareCodes),
    alsoShocked: shockedAnywhere.has(entry.country),
  }));

  const defenseUses = snapshot.defenseUses
    .filter((row) => row.mineralId === mineral)
    .sort((a, b) => compareCodes(a.id, b.id))
    .map((row) => ({ id: row.id, category: row.category, application: row.application, source: sourceRef(snapshot, row.sourceId) }));

  const sourceIds = new Set<string>();
  for (const stage of stages) if (stage.status === 'ok') stage.sourceIds.forEach((id) => sourceIds.add(id));
  if (reliance) sourceIds.add(reliance.sourceId);
  if (importSources) importSources.sourceIds.forEach((id) => sourceIds.add(id));
  if (consumption && stockpileTonnes !== null) sourceIds.add(consumption.sourceId);
  for (const use of defenseUses) sourceIds.add(use.source.id);
  for (const alternative of alternatives) {
    if (alternative.reserves) sourceIds.add(alternative.reserves.sourceId);
    if (alternative.governance) sourceIds.add(alternative.governance.sourceId);
  }

  return {
    mineral,
    name,
    status: 'ok' as const,
    year,
    stages,
    bindingStage: result.bindingStage,
    bindingLoss: round(result.bindingLoss, 4),
    chokepointBefore: { stage: result.chokepointBefore.stage, hhi: round(result.chokepointBefore.hhi, 1) },
    chokepointAfter: result.chokepointAfter ? { stage: result.chokepointAfter.stage, hhi: round(result.chokepointAfter.hhi, 1) } : null,
    importerImpact: {
      importer: impact.importer,
      consumptionAtRisk: round(impact.consumptionAtRisk, 4),
      basis: impact.basis,
      proxy: impact.proxy,
      netImportReliance: {
        used: round(impact.netImportRelianceUsed, 4),
        assumed: impact.netImportRelianceAssumed,
        year: reliance?.year ?? null,
        stage: reliance?.stage ?? null,
        period: reliance?.period ?? null,
        form: reliance?.form ?? null,
        valueText: reliance?.valueText ?? null,
        qualifier: reliance?.qualifier ?? null,
        censored: reliance?.censored ?? false,
        estimated: reliance?.estimated ?? null,
        sourceId: reliance?.sourceId ?? null,
      },
      importSources: importSources
        ? {
            period: importSources.period,
            form: importSources.form,
            rankOnly: importSources.rankOnly,
            used: importShares !== null,
            sources: importSources.sources.map((entry) => ({
              country: entry.country,
              name: countryName(snapshot, entry.country),
              sharePct: roundOrNull(entry.sharePct, 2),
              rank: entry.rank,
              reduction: round(largestReductionFor(scenario.shocks, entry.country), 4),
            })),
            sourceIds: importSources.sourceIds,
          }
        : null,
      monthsOfCover: {
        months: roundOrNull(impact.monthsOfCover, 1),
        stockpileTonnes,
        apparentConsumption: consumption
          ? {
              tonnes: consumption.tonnes,
              year: consumption.year,
              form: consumption.form,
              note: consumption.note,
              sourceId: consumption.sourceId,
            }
          : null,
        tonnesAtRiskPerMonth,
        reason: coverReason,
      },
    },
    defenseUses,
    alternatives,
    assumptions,
    method: methodLink(result.method),
    inputs: { sourceIds: [...sourceIds].sort(compareCodes) },
    /** Kept for the summary; removed before the response is built. */
    core: result,
  };
}

/** One mineral under the scenario: inputs gathered from the snapshot, computed by the pure core, shaped for clients. */
function mineralScenario(snapshot: DatasetSnapshot, mineral: string, scenario: NormalisedScenario) {
  const name = snapshot.mineralById.get(mineral)?.name ?? mineral;
  const supplies = snapshot.supplies.filter((s) => s.mineral === mineral);
  const year = scenarioYear(supplies, scenario);
  const assumptions: string[] = [];
  if (year === null) {
    return {
      mineral,
      name,
      status: 'insufficient_data' as const,
      year: null,
      reason: `no production data for ${mineral} in any year`,
      stages: [],
      assumptions,
      method: DISRUPTION_LINK(),
    };
  }
  assumptions.push(yearAssumption(mineral, scenario, year), ...scenario.expansionNotes);

  const gathered = scenarioInputs(snapshot, mineral, scenario, supplies, year);
  const result = runScenarioCore(mineral, scenario, gathered);

  const stages = result.stages.map((stage) => shapeStage(snapshot, year, stage, gathered.contexts, scenario.shocks));
  // The year anchors a scenario: share tables alone (a reference period, not that year) do not answer for it.
  const annualStage = [...gathered.contexts.values()].some((context) => context.measure === 'tonnes');
  if (result.status !== 'ok' || !annualStage) {
    const reason =
      scenario.year === null
        ? `no stage of ${mineral} has usable production data`
        : `no stage of ${mineral} has production data in ${year}`;
    return { mineral, name, status: 'insufficient_data' as const, year, reason, stages, assumptions, method: DISRUPTION_LINK() };
  }

  assumptions.push(...scenarioAssumptions(snapshot, mineral, scenario, gathered, result, stages));
  return shapeMineralScenario(snapshot, mineral, name, scenario, gathered, result, stages, assumptions);
}

/** JSON with object keys sorted at every level: the cache key of a normalised request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodes(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function runNormalised(snapshot: DatasetSnapshot, scenario: NormalisedScenario) {
  return memoize(snapshot, `scenario|${canonicalJson(scenario)}`, () => {
    const perMineral = scenario.minerals.map((mineral) => mineralScenario(snapshot, mineral, scenario));
    const coreResults = perMineral.map((entry): DisruptionResult =>
      entry.status === 'ok'
        ? entry.core
        : {
            status: 'insufficient_data',
            mineral: entry.mineral,
            year: entry.year ?? 0,
            reason: entry.reason,
            stages: [],
            method: methodRef('disruption'),
          },
    );
    const byMineral = new Map(perMineral.map((entry) => [entry.mineral, entry]));
    const summary = summarizeScenario(coreResults).map((row) => {
      const entry = byMineral.get(row.mineral);
      const ok = entry?.status === 'ok' ? entry : null;
      const top = ok?.alternatives[0];
      return {
        rank: row.rank,
        mineral: row.mineral,
        status: row.status,
        bindingLoss: roundOrNull(row.bindingLoss, 4),
        bindingStage: row.bindingStage,
        consumptionAtRisk: roundOrNull(row.consumptionAtRisk, 4),
        proxy: ok ? ok.importerImpact.proxy : null,
        topAlternative: top ? { country: top.country, name: top.name, share: top.share } : null,
        reason: entry?.status === 'insufficient_data' ? entry.reason : row.reason,
      };
    });
    const results = perMineral.map((entry) => {
      if (entry.status !== 'ok') return entry;
      const { core: _core, ...shaped } = entry;
      return shaped;
    });
    return {
      scenario: {
        year: scenario.year,
        edition: scenario.edition,
        minerals: scenario.minerals,
        importer: scenario.importer,
        shocks: scenario.shocks,
        stockpile: scenario.stockpile,
        substitution: scenario.substitution,
      },
      summary,
      results,
      method: DISRUPTION_LINK(),
    };
  });
}

// ---- Entry points ------------------------------------------------------------------------------

export function runScenario(snapshot: DatasetSnapshot, request: DisruptionRequest, editionField = 'body.edition') {
  // The figures as the requested edition gave them (default: the newest per series and year).
  const view = viewForEdition(snapshot, request.edition, editionField);
  // A request seen before in this dataset version maps to the same result: skip normalising it again. Refused
  // requests throw and are never memoized.
  return memoize(view, `scenario-request|${canonicalJson(request)}`, () => runNormalised(view, normaliseRequest(view, request)));
}

export function listPresets(snapshot: DatasetSnapshot) {
  const data = SCENARIO_PRESETS.map((preset) => ({
    id: preset.id,
    title: preset.title,
    question: preset.question,
    body: preset.body(snapshot),
  }));
  return { data, total: data.length };
}

function presetRequest(body: PresetBody, overrides: PresetOverrides | undefined): DisruptionRequest {
  const request: DisruptionRequest = {
    shocks: body.shocks,
    importer: overrides?.importer ?? body.importer ?? 'USA',
  };
  const year = overrides?.year ?? body.year;
  if (year !== undefined) request.year = year;
  if (overrides?.edition !== undefined) request.edition = overrides.edition;
  if (body.minerals !== undefined) request.minerals = body.minerals;
  if (overrides?.stockpile !== undefined) request.stockpile = overrides.stockpile;
  if (overrides?.substitution !== undefined) request.substitution = overrides.substitution;
  return request;
}

/** runScenario with the observed value at risk (USITC) in each importer impact: what the route and the MCP tool answer. */
export function runScenarioWithTrade(snapshot: DatasetSnapshot, trade: TradeRepository, request: DisruptionRequest) {
  return withValueAtRisk(snapshot, trade, runScenario(snapshot, request));
}

/** runPreset with the observed value at risk, as runScenarioWithTrade. */
export function runPresetWithTrade(snapshot: DatasetSnapshot, trade: TradeRepository, id: string, overrides: PresetOverrides | undefined) {
  return withValueAtRisk(snapshot, trade, runPreset(snapshot, id, overrides));
}

export function runPreset(snapshot: DatasetSnapshot, id: string, overrides: PresetOverrides | undefined) {
  const preset = findPreset(id);
  if (!preset) throw new NotFoundError(`Unknown scenario preset '${id}'. See GET /v1/scenarios/presets for the list.`);
  const view = viewForEdition(snapshot, overrides?.edition, 'body.edition');
  const result = runScenario(view, presetRequest(preset.body(view), overrides));
  return { preset: { id: preset.id, title: preset.title, question: preset.question }, ...result };
}
