/**
 * Expected values for the score endpoint tests, worked out straight from data/*.csv.
 * Deliberately independent of src/: it parses the CSV files itself and does the arithmetic
 * the methodology describes, so a test compares the API against the spreadsheet, not against itself.
 *
 * data/ holds every edition's figures; the figure tables here are the view pinned to MCS 2025 (PINNED_EDITION,
 * the view rule applied independently in ../../helpers/editions.ts), the edition the score tests pin with
 * `?edition=usgs-mcs-2025`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from '../../helpers/dataset.js';
import { PINNED_EDITION, viewRows } from '../../helpers/editions.js';

type Row = Record<string, string>;

/** The rows of one file of data/, as the CSV gives them. */
export function dataRows(file: string): Row[] {
  return readRows(file);
}

function readRows(file: string): Row[] {
  return parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

export { PINNED_EDITION };

const production = viewRows('production.csv', PINNED_EDITION);
const productionViews = new Map<string, Row[]>([[PINNED_EDITION, production]]);
/** Production as the view pinned to `pin` sees it (e.g. `wb-wgi-2023` pins only governance: production is the default view). */
function productionOf(pin: string): Row[] {
  let rows = productionViews.get(pin);
  if (!rows) productionViews.set(pin, (rows = viewRows('production.csv', pin)));
  return rows;
}
const importSources = viewRows('import_sources.csv', PINNED_EDITION);
const importReliance = viewRows('import_reliance.csv', PINNED_EDITION);
const groupMembers = readRows('group_members.csv');
const basisPriority = new Map(readRows('bases.csv').map((r) => [r.id!, r.priority === '' ? Number.MAX_SAFE_INTEGER : Number(r.priority)]));

const WORLD = 'WLD';
const OTHER = 'OTH';

export interface StageReference {
  basis: string;
  /** The edition whose rows answer (one edition per stage-year, never a mix). */
  edition: string;
  worldTonnes: number;
  otherTonnes: number | null;
  /** Named producers with a figure, largest first; shares in percent of the world total. */
  producers: { country: string; tonnes: number; share: number }[];
  hhi: number;
  namedShareTotal: number;
  unallocatedShare: number;
  hhiUpperBound: number;
  cr1: number;
  cr3: number;
  equivalentSuppliers: number;
  sourceIds: string[];
}

/**
 * Rows of one (mineral, stage, year) on the preferred basis (data/README.md: `priority` 1 is the basis a score
 * should prefer when several exist for the same mineral, stage and year; bases are never mixed).
 */
export function stageRows(mineral: string, stage: string, year: number, pin: string = PINNED_EDITION): Row[] {
  const rows = productionOf(pin).filter((r) => r.mineral === mineral && r.stage === stage && Number(r.year) === year);
  const rank = (basis: string) => basisPriority.get(basis) ?? Number.MAX_SAFE_INTEGER;
  const preferred = [...new Set(rows.map((r) => r.basis!))].sort((a, b) => rank(a) - rank(b))[0];
  return rows.filter((r) => r.basis === preferred);
}

/** The concentration of one stage-year by the methodology: shares of the published WLD total, HHI over named rows. */
export function stageReference(mineral: string, stage: string, year: number, pin: string = PINNED_EDITION): StageReference {
  const rows = stageRows(mineral, stage, year, pin);
  if (rows.length === 0) throw new Error(`no rows for ${mineral} ${stage} ${year}`);
  const world = rows.find((r) => r.country === WORLD);
  const other = rows.find((r) => r.country === OTHER);
  const named = rows.filter((r) => r.country !== WORLD && r.country !== OTHER && r.tonnes !== '');
  const otherTonnes = other && other.tonnes !== '' ? Number(other.tonnes) : null;
  // The one world-total rule: the published WLD row, unless the named rows plus OTH add up to more (a rounded total).
  const accounted = named.reduce((t, r) => t + Number(r.tonnes), 0) + (otherTonnes ?? 0);
  const worldTonnes = world && Number(world.tonnes) >= accounted ? Number(world.tonnes) : accounted;
  const producers = named
    .map((r) => ({ country: r.country!, tonnes: Number(r.tonnes), share: (100 * Number(r.tonnes)) / worldTonnes }))
    .sort((a, b) => b.share - a.share);
  const editions = [...new Set(rows.map((r) => r.edition!))];
  if (editions.length !== 1) throw new Error(`${mineral} ${stage} ${year} mixes editions ${editions.join(', ')}`);
  return {
    basis: rows[0]!.basis!,
    edition: editions[0]!,
    worldTonnes,
    otherTonnes,
    producers,
    ...concentrationOf(producers),
    sourceIds: [...new Set(rows.map((r) => r.source!))].sort(),
  };
}

/** The methodology's arithmetic over named producers' shares (percent of world, largest first). */
function concentrationOf(producers: readonly { share: number }[]) {
  const shares = producers.map((p) => p.share);
  const hhi = shares.reduce((t, s) => t + s * s, 0);
  const namedShareTotal = shares.reduce((t, s) => t + s, 0);
  const unallocatedShare = Math.max(0, 100 - namedShareTotal);
  return {
    hhi,
    namedShareTotal,
    unallocatedShare,
    hhiUpperBound: hhi + unallocatedShare ** 2,
    cr1: shares[0]!,
    cr3: shares.slice(0, 3).reduce((t, s) => t + s, 0),
    equivalentSuppliers: 10_000 / hhi,
  };
}

export function shareOf(ref: StageReference, country: string): number {
  const producer = ref.producers.find((p) => p.country === country);
  if (!producer) throw new Error(`${country} is not a named producer`);
  return producer.share;
}

export interface WgiReference {
  year: number;
  mean: number;
  /** EU rescale: (2.5 − mean of six) × 2, 0 best … 10 worst. */
  euScaled: number;
}

/**
 * Per country: the latest WGI year with all six estimates, its mean and the EU 0–10 rescale, from the one WGI release
 * the view takes (pinned to MCS 2025, another family's edition, that is the newest release: wb-wgi-2024).
 */
export function wgiReference(pin: string = PINNED_EDITION): Map<string, WgiReference> {
  const byCountryYear = new Map<string, Map<string, number>>();
  for (const r of viewRows('governance.csv', pin)) {
    const key = `${r.country}|${r.year}`;
    const indicators = byCountryYear.get(key) ?? new Map<string, number>();
    indicators.set(r.indicator!.replace(/\.EST$/, ''), Number(r.value));
    byCountryYear.set(key, indicators);
  }
  const latest = new Map<string, WgiReference>();
  for (const [key, indicators] of byCountryYear) {
    if (!['VA', 'PV', 'GE', 'RQ', 'RL', 'CC'].every((i) => indicators.has(i))) continue;
    const [country, yearText] = key.split('|') as [string, string];
    const year = Number(yearText);
    const mean = [...indicators.values()].reduce((t, v) => t + v, 0) / 6;
    const current = latest.get(country);
    if (!current || year > current.year) latest.set(country, { year, mean, euScaled: (2.5 - mean) * 2 });
  }
  return latest;
}

/** Σ (share/100)² × WGI(0–10) over producers with a score; t = 1. Also returns who had no score. */
export function governanceWeighted(shares: readonly { country: string; share: number }[], pin: string = PINNED_EDITION) {
  const wgi = wgiReference(pin);
  let hhiWgi = 0;
  const missing: string[] = [];
  for (const { country, share } of shares) {
    const entry = wgi.get(country);
    if (!entry) {
      missing.push(country);
      continue;
    }
    hhiWgi += (share / 100) ** 2 * entry.euScaled;
  }
  return { hhiWgi, missing: missing.sort() };
}

/** Import-source rows of one importer, mineral, form and period, in published rank order. */
export function importSourceRows(importer: string, mineral: string, form: string, period: string) {
  return importSources
    .filter((r) => r.importer === importer && r.mineral === mineral && r.form === form && r.period === period)
    .map((r) => ({ country: r.country!, sharePct: r.share_pct === '' ? null : Number(r.share_pct), rank: Number(r.rank) }))
    .sort((a, b) => a.rank - b.rank);
}

/** Latest net import reliance row (form '' = the total) for an importer and mineral. */
export function latestReliance(importer: string, mineral: string) {
  const rows = importReliance
    .filter((r) => r.importer === importer && r.mineral === mineral && r.form === '')
    .sort((a, b) => Number(b.year) - Number(a.year));
  const row = rows[0];
  if (!row) throw new Error(`no reliance for ${importer} ${mineral}`);
  return { year: Number(row.year), percent: Number(row.percent), qualifier: row.qualifier!, valueText: row.value_text! };
}

export function membersOf(group: string): string[] {
  return groupMembers
    .filter((r) => r.group === group)
    .map((r) => r.country!)
    .sort();
}

/** Years with rows for one (mineral, stage), ascending. */
export function yearsWithData(mineral: string, stage: string): number[] {
  return [...new Set(production.filter((r) => r.mineral === mineral && r.stage === stage).map((r) => Number(r.year)))].sort();
}

const stageShares = viewRows('stage_shares.csv', PINNED_EDITION);

/**
 * A share table (data/stage_shares.csv) as a reference: the published percentages against a world of 100, on the
 * preferred basis (priority, then id); below-threshold rows ("<0.1%") carry no number and are left out of the HHI.
 */
export function shareStageReference(mineral: string, stage: string): StageReference & { period: string } {
  const rows = stageShares.filter((r) => r.mineral === mineral && r.stage === stage);
  const rank = (basis: string) => basisPriority.get(basis) ?? Number.MAX_SAFE_INTEGER;
  const basis = [...new Set(rows.map((r) => r.basis!))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))[0];
  if (basis === undefined) throw new Error(`no shares for ${mineral} ${stage}`);
  const chosen = rows.filter((r) => r.basis === basis);
  const listed = chosen.filter((r) => r.share_pct !== '');
  // Rounded shares adding up to more than 100 (tungsten APT: 100.1) are taken of their sum; 1e-9 absorbs float noise.
  const printedTotal = listed.reduce((t, r) => t + Number(r.share_pct), 0);
  const worldTonnes = printedTotal > 100 + 1e-9 ? printedTotal : 100;
  const producers = listed
    .map((r) => ({ country: r.country!, tonnes: Number(r.share_pct), share: (100 * Number(r.share_pct)) / worldTonnes }))
    .sort((a, b) => b.share - a.share);
  return {
    basis,
    edition: chosen[0]!.edition!,
    period: chosen[0]!.period!,
    worldTonnes,
    otherTonnes: null,
    producers,
    ...concentrationOf(producers),
    sourceIds: [...new Set(chosen.map((r) => r.source!))].sort(),
  };
}

/**
 * What answers for a stage by default: its newest year of annual tonnes, else the share table (a share table covers a
 * reference period, so it never outranks a dated year).
 */
export function defaultStageReference(mineral: string, stage: string): { year: number | null; ref: StageReference } {
  const years = yearsWithData(mineral, stage);
  if (years.length > 0) {
    const year = Math.max(...years);
    return { year, ref: stageReference(mineral, stage, year) };
  }
  return { year: null, ref: shareStageReference(mineral, stage) };
}

/** The reference of a stage as a response names it: a data year (annual tonnes) or null (the share table). */
export function stageReferenceAt(mineral: string, stage: string, year: number | null): StageReference {
  return year === null ? shareStageReference(mineral, stage) : stageReference(mineral, stage, year);
}

/** Every (mineral, stage) with any production rows or a share table. */
export function stagesWithData(): { mineral: string; stage: string }[] {
  const keys = new Set([...production, ...stageShares].map((r) => `${r.mineral}|${r.stage}`));
  return [...keys].map((key) => {
    const [mineral, stage] = key.split('|') as [string, string];
    return { mineral, stage };
  });
}
