import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { readInput, tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import { REFERENCE_DIR } from '../shared/reference.js';
import { INPUT_MINERALS, NAME_TO_ISO3, SAME_SHARES_AS, TARGETS } from './tables.js';

/**
 * The European Commission's *Study on the Critical Raw Materials for the EU 2023* (edition `eu-crm-2023`), from the
 * reference transcriptions of its Appendix 7 and supply-risk inputs:
 *   - stage_shares.csv       country shares of world supply at extraction (E) and processing (P), with t
 *   - sourcing_shares.csv    the EU's sourcing shares (domestic production + imports, ≥ 1 % listed), with t
 *   - stage_reliance.csv     EU import reliance per stage, and which stage the study assessed
 *   - criticality_inputs.csv the study's supply-risk inputs (EoL-RIR, SI_SR) and published SR/EI
 * Shares are kept as published: "<0.1%" stays a below-threshold marker with no number (never 0, never 0.1).
 */
export const GLOBAL_SHARES_FILE = `${REFERENCE_DIR}/eu_crm2023_global_supply_shares_t.csv`;
export const EU_SOURCING_FILE = `${REFERENCE_DIR}/eu_crm2023_eu_sourcing_shares_t.csv`;
export const INPUTS_FILE = `${REFERENCE_DIR}/eu_crm2023_sr_inputs_critmat.csv`;
export const EU_CRM_EDITION = 'eu-crm-2023';
const SHARES_SOURCE = 'eu-crm-2023-appendix-7';
const INPUTS_SOURCE = 'eu-crm-2023-critmat-inputs';
/** The transcription carries no years; the period is stated as the study's method states it. */
export const EU_CRM_PERIOD = 'EU CRM 2023 assessment period (five-year average)';

/** "51.8%" → 51.8; "<0.1%" → below threshold (no number). */
function parseShare(text: string, file: string, line: number): { sharePct: string; belowThreshold: boolean } {
  if (/^<\s*0\.1\s*%$/.test(text)) return { sharePct: '', belowThreshold: true };
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (!match) throw new ImportError(file, line, `unreadable share '${text}'`);
  return { sharePct: String(Number(match[1])), belowThreshold: false };
}

function tradeFactor(text: string, file: string, line: number): string {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 3) throw new ImportError(file, line, `unreadable trade variable t '${text}'`);
  return String(value);
}

/** The study's country names → ISO3, through data/countries.csv's names and aliases. */
function countryResolver(input: ImporterInput): (name: string, file: string, line: number) => string {
  const byName = new Map<string, string>();
  for (const row of tableRows(input.tables, 'countries.csv')) {
    byName.set(row.name ?? '', row.iso3 ?? '');
    for (const alias of (row.aliases ?? '').split('|')) if (alias) byName.set(alias, row.iso3 ?? '');
  }
  const held = new Set(byName.values());
  return (name, file, line) => {
    const iso3 = NAME_TO_ISO3[name] ?? byName.get(name);
    if (!iso3 || !held.has(iso3))
      throw new ImportError(file, line, `country '${name}' is not in data/countries.csv (add it, with its region)`);
    return iso3;
  };
}

/** A study material and stage in scope, its basis checked against data/bases.csv; null when out of scope. */
function targetOf(input: ImporterInput, key: string, file: string, line: number) {
  const target = TARGETS[key];
  if (!target) return null;
  const basis = tableRows(input.tables, 'bases.csv').find((row) => row.id === target.basis);
  if (basis?.mineral !== target.mineral || basis.stage !== target.stage)
    throw new ImportError(file, line, `basis ${target.basis} (${target.mineral}, ${target.stage}) is not in data/bases.csv`);
  return target;
}

function stageOfInputs(value: string, line: number): 'E' | 'P' {
  if (value === 'Extraction') return 'E';
  if (value === 'Processing') return 'P';
  throw new ImportError(INPUTS_FILE, line, `unknown assessed stage '${value}'`);
}

export function importEuCrm(input: ImporterInput): ImportedRows {
  const iso3Of = countryResolver(input);
  const shareColumns = ['Material', 'Stage', 'Country', 'Share', 't'];
  const globalRows = readInput(input, GLOBAL_SHARES_FILE, shareColumns);
  const sourcingRows = readInput(input, EU_SOURCING_FILE, shareColumns);

  // The elements read through another must really carry the same shares, or a basis would misstate one of them.
  for (const [element, standsFor] of Object.entries(SAME_SHARES_AS)) {
    const sharesOf = (key: string) =>
      JSON.stringify(
        globalRows
          .filter(({ row }) => `${row.Material}|${row.Stage}` === key)
          .map(({ row }) => [row.Country, row.Share])
          .sort(),
      );
    if (sharesOf(element) !== sharesOf(standsFor))
      throw new ImportError(GLOBAL_SHARES_FILE, null, `${element} no longer has the shares of ${standsFor}`);
  }

  const shareOf = (file: string, line: number, row: Row) => {
    const text = (row.Share ?? '').trim();
    const share = parseShare(text, file, line);
    return { country: iso3Of((row.Country ?? '').trim(), file, line), share, text, t: tradeFactor(row.t ?? '', file, line) };
  };
  const stageShares = globalRows.flatMap(({ line, row }) => {
    const target = targetOf(input, `${row.Material}|${row.Stage}`, GLOBAL_SHARES_FILE, line);
    if (!target) return [];
    const { country, share, text, t } = shareOf(GLOBAL_SHARES_FILE, line, row);
    return [
      {
        ...target,
        country,
        share_pct: share.sharePct,
        share_text: text,
        below_threshold: String(share.belowThreshold),
        trade_factor: t,
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: SHARES_SOURCE,
      },
    ];
  });
  const sourcingShares = sourcingRows.flatMap(({ line, row }) => {
    const target = targetOf(input, `${row.Material}|${row.Stage}`, EU_SOURCING_FILE, line);
    if (!target) return [];
    const { country, share, text, t } = shareOf(EU_SOURCING_FILE, line, row);
    return [
      {
        importer: 'EU',
        mineral: target.mineral,
        stage: target.stage,
        country,
        share_pct: share.sharePct,
        share_text: text,
        trade_factor: t,
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: SHARES_SOURCE,
      },
    ];
  });

  const stageReliance: Row[] = [];
  const criticality: Row[] = [];
  for (const { line, row } of readInput(input, INPUTS_FILE, [
    'material_name',
    'eu_used_stage',
    'import_reliance_primary',
    'import_reliance_refined',
  ])) {
    const material = row.material_name ?? '';
    const mineral = INPUT_MINERALS[material];
    if (!mineral) continue;
    const assessed = stageOfInputs(row.eu_used_stage ?? '', line);
    for (const [stageCode, column] of [
      ['E', 'import_reliance_primary'],
      ['P', 'import_reliance_refined'],
    ] as const) {
      const percent = (row[column] ?? '').trim();
      if (percent === '') continue;
      const target = TARGETS[`${material === 'Natural graphite' ? 'Natural Graphite' : material}|${stageCode}`];
      stageReliance.push({
        importer: 'EU',
        mineral,
        stage: target?.stage ?? (stageCode === 'E' ? 'mining' : 'refining'),
        percent: String(Number(percent)),
        assessed: String(stageCode === assessed),
        material,
        period: EU_CRM_PERIOD,
        edition: EU_CRM_EDITION,
        source: INPUTS_SOURCE,
      });
    }
    // The LREE row's supply_risk_primary cell is a transcription glitch ("281%"); numbers are checked, not guessed.
    const number = (value: string | undefined) => (value !== undefined && /^\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : '');
    criticality.push({
      assessor: 'EU',
      mineral,
      material,
      stage: assessed === 'E' ? 'mining' : 'refining',
      supply_risk: number(row.supply_risk),
      economic_importance: number(row.economic_importance),
      supply_risk_extraction: number(row.supply_risk_primary),
      supply_risk_processing: number(row.supply_risk_refined),
      end_of_life_rir: number(row.end_of_life),
      substitution_sr: number(row.si_sr),
      supply_scope: (assessed === 'E' ? row.eu_used_supply_primary : row.eu_used_supply_refined)?.trim() ?? '',
      edition: EU_CRM_EDITION,
      source: INPUTS_SOURCE,
    });
  }
  return {
    'stage_shares.csv': stageShares,
    'sourcing_shares.csv': sourcingShares,
    'stage_reliance.csv': stageReliance,
    'criticality_inputs.csv': criticality,
  };
}

export const euCrm2023: Importer = {
  name: 'eu-crm-2023',
  inputs: [GLOBAL_SHARES_FILE, EU_SOURCING_FILE, INPUTS_FILE],
  outputs: ['stage_shares.csv', 'sourcing_shares.csv', 'stage_reliance.csv', 'criticality_inputs.csv'],
  run: importEuCrm,
};
