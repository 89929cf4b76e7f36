import type { MeasureType } from '../domain/export-controls.js';
import { TARGET_ALL } from '../domain/export-controls.js';
import { byShareDesc, compareCodes, sum } from './order.js';
import type { CountryShare } from './types.js';

/*
 * Export controls, as pure functions over plain records: the status of a measure on a date, and the share of
 * supply (or of one importer's imports) that sits behind measures in force. Dates are YYYY-MM-DD strings.
 */

export interface Measure {
  id: string;
  imposingCountry: string;
  measure: MeasureType;
  /** 'all', 'non-oecd' or an ISO3 destination. */
  target: string;
  endUsers: string | null;
  minerals: readonly string[];
  stages: readonly string[];
  announced: string | null;
  effective: string | null;
  /** Scheduled end: the last day the instrument gives. */
  ends: string | null;
  lifted: string | null;
  suspends: string | null;
  replacedBy: string | null;
}

export const MEASURE_STATUSES = [
  'not-announced',
  'announced',
  'announced-date-unknown',
  'undated',
  'in-force',
  'suspended',
  'suspension-ended',
  'expired',
  'lifted',
  'superseded',
  'superseded-date-unknown',
] as const;
export type MeasureStatusId = (typeof MEASURE_STATUSES)[number];

/** Whether a status puts supply under control: yes (in force), no, or unknown (the data cannot tell). */
export type Bites = 'yes' | 'no' | 'unknown';

export interface MeasureStatus {
  status: MeasureStatusId;
  bites: Bites;
  /** The day the status began, when known. */
  since: string | null;
  /** The day it is scheduled to end (last day), when known. */
  until: string | null;
  /** The measure that suspends, replaced or ended the suspension of this one. */
  by: string | null;
  /** One sentence: the status in words, with its dates. */
  detail: string;
}

/** Types that restrict a flow of material; technology controls and suspensions do not. */
export const SUPPLY_MEASURES: ReadonlySet<MeasureType> = new Set<MeasureType>([
  'licence-requirement',
  'export-ban',
  'destination-ban',
  'end-user-ban',
  'quota',
  'extraterritorial-rule',
]);

/** A measure that restricts a flow of material to this importer: aimed at it, or at every destination. */
export function restrictsSupplyTo(measure: Pick<Measure, 'measure' | 'target'>, importer: string): boolean {
  return SUPPLY_MEASURES.has(measure.measure) && (measure.target === TARGET_ALL || measure.target === importer);
}

/** The suspensions of a measure among these measures. */
export function suspensionsOf<M extends Pick<Measure, 'measure' | 'suspends'>>(measures: readonly M[], id: string): M[] {
  return measures.filter((candidate) => candidate.measure === 'suspension' && candidate.suspends === id);
}

function status(
  status: MeasureStatusId,
  bites: Bites,
  detail: string,
  extra: Partial<Omit<MeasureStatus, 'status' | 'bites' | 'detail'>> = {},
): MeasureStatus {
  return { status, bites, since: extra.since ?? null, until: extra.until ?? null, by: extra.by ?? null, detail };
}

/** Is suspension `s` pausing its measure on `asOf`? It runs from its effective day to its scheduled end, unless lifted. */
function suspensionActive(s: Measure, asOf: string): boolean {
  if (s.effective === null || s.effective > asOf) return false;
  if (s.lifted !== null && s.lifted <= asOf) return false;
  return s.ends === null || asOf <= s.ends;
}

/**
 * The status of `measure` on `asOf`, read in this order:
 * 1. no announced or effective date recorded → undated (unknown);
 * 2. first recorded date after asOf → not-announced;
 * 3. lifted on or before asOf → lifted;
 * 4. replaced by a measure in effect by asOf → superseded (replacement without a date → superseded-date-unknown);
 * 5. a suspension in effect on asOf → suspended (by which measure, until when);
 * 6. no effective date → announced-date-unknown (unknown); effective after asOf → announced;
 * 7. scheduled end before asOf → expired;
 * 8. the latest suspension recorded by asOf ended on schedule before asOf and was not lifted (no later record)
 *    → suspension-ended (unknown: the data cannot tell whether the measure applies again); a lifted one puts the
 *    measure back in force;
 * 9. otherwise → in-force.
 * `all` must hold every measure (suspensions and replacements are looked up in it).
 */
export function measureStatus(measure: Measure, all: readonly Measure[], asOf: string): MeasureStatus {
  const start = measure.announced ?? measure.effective;
  if (start === null)
    return status('undated', 'unknown', 'No announcement or effective date is recorded, so its status on a given day is unknown.');
  if (start > asOf) {
    return status(
      'not-announced',
      'no',
      measure.announced ? `Not yet announced (announced ${measure.announced}).` : `Not yet in effect (effective ${start}).`,
      {
        until: start,
      },
    );
  }
  if (measure.lifted !== null && measure.lifted <= asOf)
    return status('lifted', 'no', `Lifted on ${measure.lifted}.`, { since: measure.lifted });

  if (measure.replacedBy !== null) {
    const replacement = all.find((candidate) => candidate.id === measure.replacedBy);
    if (replacement) {
      const from = replacement.effective;
      if (from !== null && from <= asOf) {
        return status('superseded', 'no', `Replaced by ${replacement.id} from ${from}.`, { since: from, by: replacement.id });
      }
      if (from === null && replacement.announced === null && (measure.effective ?? start) <= asOf) {
        return status('superseded-date-unknown', 'unknown', `Replaced by ${replacement.id}; the day it took over is not recorded.`, {
          by: replacement.id,
        });
      }
    }
  }

  const suspensions = suspensionsOf(all, measure.id);
  const active = suspensions
    .filter((s) => suspensionActive(s, asOf))
    .sort((a, b) => compareDates(b.ends, a.ends) || compareCodes(a.id, b.id));
  const current = active[0];
  if (current) {
    const until = current.ends === null ? 'with no end date' : `until ${current.ends}`;
    return status('suspended', 'no', `Suspended by ${current.id} from ${current.effective} ${until}.`, {
      since: current.effective,
      until: current.ends,
      by: current.id,
    });
  }

  if (measure.effective === null) {
    return status('announced-date-unknown', 'unknown', `Announced on ${measure.announced}; no effective date is recorded.`, {
      since: measure.announced,
    });
  }
  if (measure.effective > asOf) {
    return status('announced', 'no', `Announced on ${measure.announced ?? 'an unrecorded day'}; takes effect on ${measure.effective}.`, {
      since: measure.announced,
      until: measure.effective,
    });
  }
  if (measure.ends !== null && measure.ends < asOf) {
    return status('expired', 'no', `Scheduled end ${measure.ends} has passed.`, { since: measure.ends });
  }

  // The latest suspension recorded by asOf is the last word: lifted → the measure applies again; ended on schedule
  // with nothing after it → the data cannot tell whether it was extended or allowed to lapse.
  const latest = suspensions
    .filter((s) => s.effective !== null && s.effective <= asOf)
    .sort((a, b) => compareCodes(b.effective!, a.effective!) || compareDates(b.ends, a.ends) || compareCodes(a.id, b.id))[0];
  if (latest && (latest.lifted === null || latest.lifted > asOf) && latest.ends !== null && latest.ends < asOf) {
    return status('suspension-ended', 'unknown', `suspension ended ${latest.ends}; no later measure recorded`, {
      since: latest.ends,
      by: latest.id,
    });
  }
  return status('in-force', 'yes', `In force since ${measure.effective}${measure.ends ? `, scheduled to end ${measure.ends}` : ''}.`, {
    since: measure.effective,
    until: measure.ends,
  });
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

// ---- Supply under control ----------------------------------------------------------------------

export interface MeasureOnDate {
  measure: Measure;
  status: MeasureStatus;
  /** Countries whose output the measure governs: the imposing country, or the members of an imposing union. */
  countries: readonly string[];
}

export interface ControlledCountry {
  country: string;
  share: number;
  /** Supply measures in force on the date that cover this country's output of the mineral at the stage (any target). */
  inForce: string[];
  /** Covering measures whose status on the date is unknown (any target). */
  unknown: string[];
}

export interface ControlledShareResult {
  /**
   * Percent of world supply produced in countries with at least one covering measure in force that applies to
   * every destination (licensing, export bans, quotas…). Measures aimed at one destination or at named end users
   * are in `byTarget`, not here: they do not put the whole output under control.
   */
  controlledShare: number;
  /** Percent produced in countries with no such measure in force but one of unknown status. */
  unknownShare: number;
  countries: ControlledCountry[];
  /** Per measure type (any target): percent of world supply under at least one in-force measure of that type; types overlap. */
  byType: { measure: MeasureType; share: number }[];
  /** Per target ('all' first, then destinations): percent under an in-force measure with that target, and under one of unknown status only. */
  byTarget: { target: string; share: number; unknownShare: number }[];
}

/** Does a measure cover this mineral at this stage, as a restriction on material supply? */
export function covers(measure: Measure, mineral: string, stage: string): boolean {
  return SUPPLY_MEASURES.has(measure.measure) && measure.minerals.includes(mineral) && measure.stages.includes(stage);
}

/**
 * controlled share = Σ s_c over producing countries c with at least one supply measure in force on the date that
 * covers the mineral at the stage and applies to every destination (s_c = c's percent of world supply, as in the
 * concentration scores). Unallocated supply (withheld figures, "other countries") is never counted as controlled.
 */
export function controlledShareOf(input: {
  producers: readonly CountryShare[];
  mineral: string;
  stage: string;
  measures: readonly MeasureOnDate[];
}): ControlledShareResult {
  const relevant = input.measures.filter((entry) => covers(entry.measure, input.mineral, input.stage) && entry.status.bites !== 'no');
  const countries: ControlledCountry[] = [];
  const applyingTo = new Map<string, MeasureOnDate[]>();
  for (const producer of input.producers) {
    const applying = relevant.filter((entry) => entry.countries.includes(producer.country));
    if (applying.length === 0) continue;
    applyingTo.set(producer.country, applying);
    countries.push({
      country: producer.country,
      share: producer.share,
      inForce: applying
        .filter((entry) => entry.status.bites === 'yes')
        .map((entry) => entry.measure.id)
        .sort(compareCodes),
      unknown: applying
        .filter((entry) => entry.status.bites === 'unknown')
        .map((entry) => entry.measure.id)
        .sort(compareCodes),
    });
  }
  countries.sort(byShareDesc);
  /** Shares of countries with an in-force measure passing `test`, and of those with only unknown-status ones. */
  const sharesWhere = (test: (entry: MeasureOnDate) => boolean) => {
    let share = 0;
    let unknown = 0;
    for (const country of countries) {
      const matching = (applyingTo.get(country.country) ?? []).filter(test);
      if (matching.some((entry) => entry.status.bites === 'yes')) share += country.share;
      else if (matching.some((entry) => entry.status.bites === 'unknown')) unknown += country.share;
    }
    return { share, unknown };
  };
  const inForceMeasures = relevant.filter((entry) => entry.status.bites === 'yes');
  const types = [...new Set(inForceMeasures.map((entry) => entry.measure.measure))].sort(compareCodes);
  const targets = [...new Set(relevant.map((entry) => entry.measure.target))].sort((a, b) =>
    a === TARGET_ALL ? -1 : b === TARGET_ALL ? 1 : compareCodes(a, b),
  );
  const general = sharesWhere((entry) => entry.measure.target === TARGET_ALL);
  return {
    controlledShare: general.share,
    unknownShare: general.unknown,
    countries,
    byType: types.map((type) => ({ measure: type, share: sharesWhere((entry) => entry.measure.measure === type).share })),
    byTarget: targets.map((target) => {
      const shares = sharesWhere((entry) => entry.measure.target === target);
      return { target, share: shares.share, unknownShare: shares.unknown };
    }),
  };
}

// ---- One importer's imports --------------------------------------------------------------------

/** Types that stop supply to a destination outright (as opposed to licensing it or barring some end users). */
const BANS: ReadonlySet<MeasureType> = new Set<MeasureType>(['export-ban', 'destination-ban']);

export interface ImporterSupplier {
  country: string;
  sharePct: number;
  /** In-force supply measures of this supplier on the mineral that apply to exports to the importer. */
  inForce: string[];
  /** Of those, the bans that name the importer itself. */
  targeting: string[];
  unknown: string[];
}

export interface ImporterExposureResult {
  /** Percent of the importer's imports from suppliers with an in-force ban naming the importer. */
  targetedShare: number;
  /** Percent from suppliers with any in-force supply measure applying to exports to the importer. */
  restrictedShare: number;
  /** Percent from suppliers with no measure in force but one of unknown status that would apply. */
  unknownShare: number;
  suppliers: ImporterSupplier[];
  byType: { measure: MeasureType; share: number }[];
}

/**
 * Measures apply to exports to the importer when their target is every destination or the importer itself;
 * 'non-oecd' targets are left out (OECD membership is not in the data). Stages are ignored: import forms are not
 * stages, so a measure on the mineral counts against every import form.
 */
export function importerExposureOf(input: {
  importer: string;
  mineral: string;
  imports: readonly { country: string; sharePct: number }[];
  measures: readonly MeasureOnDate[];
}): ImporterExposureResult {
  const applies = (entry: MeasureOnDate) =>
    restrictsSupplyTo(entry.measure, input.importer) && entry.measure.minerals.includes(input.mineral) && entry.status.bites !== 'no';
  const relevant = input.measures.filter(applies);
  const suppliers: ImporterSupplier[] = input.imports.map((entry) => {
    const own = relevant.filter((measure) => measure.countries.includes(entry.country));
    const inForce = own.filter((measure) => measure.status.bites === 'yes');
    return {
      country: entry.country,
      sharePct: entry.sharePct,
      inForce: inForce.map((measure) => measure.measure.id).sort(compareCodes),
      targeting: inForce
        .filter((measure) => BANS.has(measure.measure.measure) && measure.measure.target === input.importer)
        .map((measure) => measure.measure.id)
        .sort(compareCodes),
      unknown: own
        .filter((measure) => measure.status.bites === 'unknown')
        .map((measure) => measure.measure.id)
        .sort(compareCodes),
    };
  });
  const types = [...new Set(relevant.filter((entry) => entry.status.bites === 'yes').map((entry) => entry.measure.measure))].sort(
    compareCodes,
  );
  return {
    targetedShare: sum(suppliers.filter((entry) => entry.targeting.length > 0).map((entry) => entry.sharePct)),
    restrictedShare: sum(suppliers.filter((entry) => entry.inForce.length > 0).map((entry) => entry.sharePct)),
    unknownShare: sum(suppliers.filter((entry) => entry.inForce.length === 0 && entry.unknown.length > 0).map((entry) => entry.sharePct)),
    suppliers,
    byType: types.map((type) => ({
      measure: type,
      share: sum(
        suppliers
          .filter((supplier) =>
            relevant.some(
              (entry) => entry.status.bites === 'yes' && entry.measure.measure === type && entry.countries.includes(supplier.country),
            ),
          )
          .map((supplier) => supplier.sharePct),
      ),
    })),
  };
}
