import { TARGET_ALL, TARGET_NON_OECD } from '../domain/export-controls.js';
import type { ExportControlRow, ProductionRow, ReferenceTarget, TableSpec } from './tables.js';

/** One problem with one row: `row` is the 0-based index in the batch being checked. */
export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

export interface ReferenceContext {
  ids: Record<ReferenceTarget, ReadonlySet<string>>;
  /** basis id → the (mineral, stage) it measures. */
  basisOwners: ReadonlyMap<string, { mineral: string; stage: string }>;
}

/**
 * USGS world totals are rounded (antimony 2024: countries sum to 103,960 t against a published 100,000 t),
 * so country rows may exceed the world figure by this much before the data is refused.
 */
export const WORLD_TOTAL_TOLERANCE = 0.05;

export function keyOf<Row>(row: Row, fields: readonly (keyof Row & string)[]): string {
  return fields.map((field) => String(row[field])).join('|');
}

/**
 * Dangling references and duplicate keys, one row at a time (rows in file order, `index` 0-based): a checker keeps the
 * keys it has seen, so rows can be checked as they stream by without being held.
 */
export function referenceAndKeyChecker<Row>(spec: TableSpec<Row>, context: ReferenceContext): (row: Row, index: number) => RowIssue[] {
  const seen = new Map<string, number>();
  return (row, index) => {
    const issues: RowIssue[] = [];
    for (const { field, target } of spec.references) {
      // An empty optional reference (an importer that is no union) points at nothing, as a null foreign key.
      if (row[field] === null) continue;
      const value = String(row[field]);
      if (!context.ids[target].has(value)) {
        issues.push({ row: index, field, message: `unknown ${singular(target)} '${value}'` });
      }
    }
    const key = keyOf(row, spec.key);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else issues.push({ row: index, field: spec.key.join(','), message: `duplicate key (${key}); first at row ${first}` });
    return issues;
  };
}

/** Dangling references and duplicate keys: the rules every table shares. */
export function checkReferencesAndKeys<Row>(spec: TableSpec<Row>, rows: readonly Row[], context: ReferenceContext): RowIssue[] {
  const check = referenceAndKeyChecker(spec, context);
  return rows.flatMap((row, index) => check(row, index));
}

/** Production-specific rules: a basis measures one mineral and stage; countries never exceed the world. */
export function checkProductionRules(rows: readonly ProductionRow[], context: ReferenceContext): RowIssue[] {
  const issues: RowIssue[] = [];
  rows.forEach((row, index) => {
    const owner = context.basisOwners.get(row.basis);
    if (owner && (owner.mineral !== row.mineral || owner.stage !== row.stage)) {
      issues.push({
        row: index,
        field: 'basis',
        message: `basis '${row.basis}' measures ${owner.mineral}/${owner.stage}, not ${row.mineral}/${row.stage}`,
      });
    }
  });
  return [...issues, ...checkWorldTotals(rows)];
}

function checkWorldTotals(rows: readonly ProductionRow[]): RowIssue[] {
  const groups = new Map<string, { worldIndex: number | null; world: number | null; sum: number }>();
  rows.forEach((row, index) => {
    const key = keyOf(row, ['mineral', 'stage', 'year', 'basis', 'edition']);
    const group = groups.get(key) ?? { worldIndex: null, world: null, sum: 0 };
    if (row.country === 'WLD') {
      group.worldIndex = index;
      group.world = row.tonnes;
    } else {
      group.sum += row.tonnes ?? 0;
    }
    groups.set(key, group);
  });
  const issues: RowIssue[] = [];
  for (const [key, group] of groups) {
    if (group.world === null || group.worldIndex === null) continue;
    if (group.sum > group.world * (1 + WORLD_TOTAL_TOLERANCE)) {
      issues.push({
        row: group.worldIndex,
        field: 'tonnes',
        message:
          `country rows for ${key.replaceAll('|', '/')} add up to ${group.sum} t, more than the world total ` +
          `${group.world} t by over ${WORLD_TOTAL_TOLERANCE * 100}% (more than rounding)`,
      });
    }
  }
  return issues;
}

/**
 * Export-control rules that need the whole table: list items and targets that exist, and `suspends` /
 * `replaced_by` pointing at a measure in the table (a suspension also at one that is not itself a suspension).
 */
export function checkExportControlRules(rows: readonly ExportControlRow[], context: ReferenceContext): RowIssue[] {
  const issues: RowIssue[] = [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  rows.forEach((row, index) => {
    for (const mineral of row.minerals) {
      if (!context.ids.minerals.has(mineral)) issues.push({ row: index, field: 'minerals', message: `unknown mineral '${mineral}'` });
    }
    for (const stage of row.stages) {
      if (!context.ids.stages.has(stage)) issues.push({ row: index, field: 'stages', message: `unknown stage '${stage}'` });
    }
    if (row.target !== TARGET_ALL && row.target !== TARGET_NON_OECD && !context.ids.countries.has(row.target)) {
      issues.push({ row: index, field: 'target', message: `unknown country '${row.target}'` });
    }
    if (row.suspends !== null) {
      const suspended = byId.get(row.suspends);
      if (!suspended) issues.push({ row: index, field: 'suspends', message: `no measure '${row.suspends}' to suspend` });
      else if (suspended.measure === 'suspension') {
        issues.push({
          row: index,
          field: 'suspends',
          message: `'${row.suspends}' is itself a suspension; point at the measure it suspends`,
        });
      }
    }
    if (row.replaced_by !== null && !byId.has(row.replaced_by)) {
      issues.push({ row: index, field: 'replaced_by', message: `no measure '${row.replaced_by}'` });
    }
  });
  return issues;
}

function singular(target: ReferenceTarget): string {
  const names: Record<ReferenceTarget, string> = {
    stages: 'stage',
    minerals: 'mineral',
    bases: 'basis',
    countries: 'country',
    sources: 'source',
    editions: 'edition',
    groups: 'group',
    importers: 'importer',
  };
  return names[target];
}
