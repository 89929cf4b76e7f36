import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { TARGET_ALL } from '../../domain/export-controls.js';
import { ValidationError, type FieldError } from '../../errors.js';
import type { MeasureOnDate } from '../../scoring/index.js';
import { compareCodes, stageRank } from '../../scoring/order.js';
import { runScenario } from '../scenarios/scenarios.service.js';
import { isCountry } from '../shared/lookups.js';
import type { DisruptionRequest } from '../scenarios/scenarios.schemas.js';
import { measuresOnDate } from './export-controls.service.js';

export const EXPORT_CONTROL_PRESETS = ['in-force', 'suspensions-lapse'] as const;
export type ExportControlPreset = (typeof EXPORT_CONTROL_PRESETS)[number];

/** Default reduction for a licence requirement, quota or extraterritorial rule: a licence is not a ban. */
export const DEFAULT_LICENSING_REDUCTION = 0;

export interface ExportControlScenarioRequest {
  preset: ExportControlPreset;
  importer: string;
  minerals?: string[] | undefined;
  licensingReduction?: number | undefined;
  year?: number | undefined;
  edition?: string | undefined;
  stockpile?: Record<string, number> | undefined;
  substitution?: Record<string, number> | undefined;
}

type Stage = 'mining' | 'refining' | 'metal' | 'component';

interface AppliedMeasure {
  id: string;
  measure: string;
  target: string;
  status: string;
  countries: string[];
  stages: string[];
  reduction: number;
}

/**
 * The reduction a measure imposes on the importer's supply: 1 for an export ban (every destination or the
 * importer) or a destination ban naming the importer; the caller's licensing reduction for licence requirements,
 * quotas and extraterritorial rules; none for end-user bans (they bar named users only) or measures aimed at
 * other destinations.
 */
function reductionOf(entry: MeasureOnDate, importer: string, licensing: number): number | null {
  const { measure, target, stages } = entry.measure;
  if (stages.length === 0) return null;
  const reachesImporter = target === TARGET_ALL || target === importer;
  if (!reachesImporter) return null;
  if (measure === 'export-ban') return 1;
  if (measure === 'destination-ban') return target === importer ? 1 : null;
  if (measure === 'licence-requirement' || measure === 'quota' || measure === 'extraterritorial-rule') return licensing;
  return null;
}

/** Does the preset apply this measure? in-force: measures in force; suspensions-lapse: also suspended ones and those whose suspension ended. */
function applies(entry: MeasureOnDate, preset: ExportControlPreset): boolean {
  if (entry.status.status === 'in-force') return true;
  return preset === 'suspensions-lapse' && (entry.status.status === 'suspended' || entry.status.status === 'suspension-ended');
}

/**
 * Turns the measures of a date into disruption shocks, one scenario per mineral (a shock hits every mineral of its
 * scenario, and measures differ by mineral). Per country and stage the largest reduction of any applying measure
 * is used, since the disruption engine takes one shock per country and stage.
 */
export function exportControlScenario(view: DatasetSnapshot, asOf: string, request: ExportControlScenarioRequest) {
  const errors: FieldError[] = [];
  // Any importer of the dataset (data/importers.csv); a country that is not one is refused, as in the disruption body.
  if (!view.importerById.has(request.importer)) {
    const known = view.importers.map((importer) => importer.id).sort(compareCodes);
    errors.push({ field: 'body.importer', message: `unknown importer '${request.importer}'; one of ${known.join(', ')}` });
  }
  for (const [index, mineral] of (request.minerals ?? []).entries()) {
    if (!view.mineralById.has(mineral)) errors.push({ field: `body.minerals.${index}`, message: `unknown mineral '${mineral}'` });
  }
  if (errors.length > 0) throw new ValidationError('The request body names something that does not exist.', errors);

  const licensing = request.licensingReduction ?? DEFAULT_LICENSING_REDUCTION;
  const entries = measuresOnDate(view, asOf).filter((entry) => applies(entry, request.preset));
  const minerals = request.minerals
    ? [...new Set(request.minerals)].sort(compareCodes)
    : view.minerals.map((m) => m.id).filter((id) => view.supplies.some((supply) => supply.mineral === id));

  const scenarios = [];
  const unaffected = [];
  for (const mineral of minerals) {
    const applied: AppliedMeasure[] = [];
    for (const entry of entries) {
      if (!entry.measure.minerals.includes(mineral)) continue;
      const reduction = reductionOf(entry, request.importer, licensing);
      if (reduction === null) continue;
      // The countries a measure governs (the EU's member states for EUU), by the rule every scenario shock obeys:
      // a code unknown to the data or an aggregate (is_aggregate: WLD, OTH) is not shocked, and a measure that
      // governs no country is not applied.
      const countries = entry.countries.filter((country) => isCountry(view, country));
      if (countries.length === 0) continue;
      applied.push({
        id: entry.measure.id,
        measure: entry.measure.measure,
        target: entry.measure.target,
        status: entry.status.status,
        countries,
        stages: [...entry.measure.stages],
        reduction,
      });
    }
    if (applied.length === 0) {
      unaffected.push(mineral);
      continue;
    }
    // Largest reduction per country and stage, then one shock per (country, reduction) with its stages.
    const cut = new Map<string, Map<string, number>>();
    for (const measure of applied) {
      for (const country of measure.countries) {
        const stages = cut.get(country) ?? new Map<string, number>();
        for (const stage of measure.stages) stages.set(stage, Math.max(stages.get(stage) ?? 0, measure.reduction));
        cut.set(country, stages);
      }
    }
    const shocks: DisruptionRequest['shocks'] = [];
    for (const country of [...cut.keys()].sort(compareCodes)) {
      const byReduction = new Map<number, Stage[]>();
      for (const [stage, reduction] of cut.get(country)!)
        byReduction.set(reduction, [...(byReduction.get(reduction) ?? []), stage as Stage]);
      for (const reduction of [...byReduction.keys()].sort((a, b) => b - a)) {
        shocks.push({ countries: [country], stages: byReduction.get(reduction)!.sort((a, b) => stageRank(a) - stageRank(b)), reduction });
      }
    }
    const disruption: DisruptionRequest = { minerals: [mineral], shocks, importer: request.importer };
    if (request.year !== undefined) disruption.year = request.year;
    if (request.edition !== undefined) disruption.edition = request.edition;
    if (request.stockpile?.[mineral] !== undefined) disruption.stockpile = { [mineral]: request.stockpile[mineral]! };
    if (request.substitution?.[mineral] !== undefined) disruption.substitution = { [mineral]: request.substitution[mineral]! };
    scenarios.push({ mineral, measures: applied.sort((a, b) => compareCodes(a.id, b.id)), result: runScenario(view, disruption) });
  }

  const assumptions = [
    request.preset === 'in-force'
      ? `Measures in force on ${asOf} are applied.`
      : `Measures in force on ${asOf} are applied, and so are suspended measures and those whose suspension has ended with no later record: the suspensions are taken to lapse.`,
    `A licence requirement, quota or extraterritorial rule cuts the imposing country's supply by ${licensing} (licensingReduction; default ${DEFAULT_LICENSING_REDUCTION}, since a licence is not a ban).`,
    'An export ban, or a destination ban naming the importer, cuts the imposing country’s supply by 1 at the stages the measure bites at. The disruption engine cuts that country’s output for every buyer, so world-supply losses overstate a destination ban; the importer’s consumption at risk is the figure that matches it (its imports from that supplier are lost).',
    'End-user bans (named military users or entities) and measures aimed at other destinations are not applied; technology controls restrict no material flow.',
  ];
  return {
    preset: request.preset,
    asOf,
    importer: request.importer,
    licensingReduction: licensing,
    assumptions,
    unaffected,
    scenarios,
  };
}
