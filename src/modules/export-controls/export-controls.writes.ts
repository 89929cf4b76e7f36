import { catalogueTable, rowOf } from '../../db/catalogue.js';
import { ExportControlRow, TABLE_SPECS, exportControlToInsert, type TableSpec } from '../../dataset/tables.js';
import { checkExportControlRules, checkReferencesAndKeys, type RowIssue } from '../../dataset/validate.js';
import { AppError, type FieldError } from '../../errors.js';
import type { ExportControlValue } from '../../schemas/export-controls.js';
import type { ExportControlRecord, ExportControlsRepository } from './export-controls.repository.js';
import { referenceContext } from '../writes/writes.service.js';

const SPEC = (TABLE_SPECS as readonly TableSpec<unknown>[]).find(
  (spec) => spec.file === 'export_controls.csv',
) as TableSpec<ExportControlRow>;

/** At most this many field errors are listed in one 422. */
const MAX_LISTED_ERRORS = 200;

/** Loader column → API field, where they differ. */
const API_FIELDS: Record<string, string> = {
  imposing_country: 'imposingCountry',
  end_users: 'endUsers',
  replaced_by: 'replacedBy',
  source: 'sourceId',
};

/** A measure as a request sends it: JSON types only; what the values mean is the loader's rules' job (422). */
export interface ExportControlInput {
  id: string;
  imposingCountry: string;
  instrument: string;
  title: string;
  measure: string;
  target: string;
  endUsers?: string | null | undefined;
  minerals: string[];
  stages: string[];
  covers: string;
  announced?: string | null | undefined;
  effective?: string | null | undefined;
  ends?: string | null | undefined;
  lifted?: string | null | undefined;
  suspends?: string | null | undefined;
  replacedBy?: string | null | undefined;
  note?: string | null | undefined;
  sourceId: string;
  confidence: string;
}

const cell = (value: string | null | undefined): string => value ?? '';

/** A JSON measure as the loader sees a data/export_controls.csv record. */
export function exportControlCsvRecord(row: ExportControlInput): Record<string, string> {
  return {
    id: row.id,
    imposing_country: row.imposingCountry,
    instrument: row.instrument,
    title: row.title,
    measure: row.measure,
    target: row.target,
    end_users: cell(row.endUsers),
    minerals: row.minerals.join(';'),
    stages: row.stages.join(';'),
    covers: row.covers,
    announced: cell(row.announced),
    effective: cell(row.effective),
    ends: cell(row.ends),
    lifted: cell(row.lifted),
    suspends: cell(row.suspends),
    replaced_by: cell(row.replacedBy),
    note: cell(row.note),
    source: row.sourceId,
    confidence: row.confidence,
  };
}

/** A stored measure → its row, by the catalogue's column map (the reverse of exportControlToInsert). */
function rowOfRecord(record: ExportControlRecord): ExportControlRow {
  const list = (value: string) => (value === '' ? [] : value.split(';'));
  const row = rowOf(catalogueTable('export_controls.csv'), record);
  return { ...row, minerals: list(record.minerals), stages: list(record.stages) } as ExportControlRow;
}

export function valueOfRow(row: ExportControlRow): ExportControlValue {
  // The stored columns, with the mineral and stage lists as arrays rather than the table's `;`-joined text.
  return { ...exportControlToInsert(row), minerals: [...row.minerals], stages: [...row.stages] };
}

function apiField(row: number, field: string): string {
  const prefix = `body.rows.${row}`;
  if (field === '' || field === '(row)') return prefix;
  const [head, ...rest] = field.split('.');
  return [prefix, API_FIELDS[head!] ?? head, ...rest].join('.');
}

function rejected(issues: { row: number; field: string; message: string }[], total: number): AppError {
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const failing = new Set(sorted.map((issue) => issue.row)).size;
  const shown = sorted.slice(0, MAX_LISTED_ERRORS);
  const errors: FieldError[] = shown.map((issue) => ({ field: issue.field, message: issue.message }));
  return new AppError('unprocessable', `${failing} of ${total} measure(s) break the dataset rules; nothing was stored.`, errors);
}

export interface ExportControlsWriteOptions {
  now?: () => Date;
}

/** PUT /v1/export-controls: the loader's rules, all-or-nothing, every change recorded in the change feed. */
export function createExportControlsWrites(repository: ExportControlsRepository, options: ExportControlsWriteOptions = {}) {
  const now = options.now ?? (() => new Date());
  return {
    async upsert(actor: string, input: readonly ExportControlInput[]) {
      const issues: { row: number; field: string; message: string }[] = [];
      const parsed = input.map((row, index) => {
        const result = SPEC.rowSchema.safeParse(exportControlCsvRecord(row));
        if (result.success) return result.data;
        for (const issue of result.error.issues)
          issues.push({ row: index, field: apiField(index, issue.path.map(String).join('.')), message: issue.message });
        return null;
      });
      if (issues.length > 0) throw rejected(issues, input.length);
      const rows = parsed as ExportControlRow[];

      const outcome = await repository.transaction(async (tx) => {
        const context = referenceContext(await tx.referenceData());
        const own = (found: RowIssue[]) =>
          found.map((issue) => ({
            row: issue.row,
            field: issue.field.includes(',') ? `body.rows.${issue.row}` : apiField(issue.row, issue.field),
            message: issue.message,
          }));
        issues.push(...own(checkReferencesAndKeys(SPEC, rows, context)));
        if (issues.length > 0) throw rejected(issues, input.length);

        // The merged table (stored measures with the request's applied) must pass the loader's table rules.
        const stored = await tx.exportControlRows();
        const merged = stored.map(rowOfRecord);
        const at = new Map(merged.map((row, index) => [row.id, index]));
        const requestRowAt = new Map<number, number>();
        const previous = rows.map((row, index) => {
          const position = at.get(row.id);
          if (position === undefined) {
            merged.push(row);
            requestRowAt.set(merged.length - 1, index);
            return null;
          }
          merged[position] = row;
          requestRowAt.set(position, index);
          return stored[position] ?? null;
        });
        for (const issue of checkExportControlRules(merged, context)) {
          const requestRow = requestRowAt.get(issue.row);
          if (requestRow !== undefined) {
            issues.push({ row: requestRow, field: apiField(requestRow, issue.field), message: issue.message });
          } else {
            // A stored measure the request did not send now breaks a rule (e.g. its suspension target became a suspension).
            issues.push({
              row: 0,
              field: 'body.rows',
              message: `stored measure '${merged[issue.row]?.id}': ${issue.field} ${issue.message}`,
            });
          }
        }
        if (issues.length > 0) throw rejected(issues, input.length);

        const actions = rows.map((row, index) => {
          const before = previous[index];
          if (!before) return 'create' as const;
          return JSON.stringify(valueOfRow(rowOfRecord(before))) === JSON.stringify(valueOfRow(row))
            ? ('unchanged' as const)
            : ('update' as const);
        });
        if (actions.every((action) => action === 'unchanged')) return actions;
        const stamp = now().toISOString();
        const version = await tx.bumpVersion(stamp);
        const writes = rows.filter((_, index) => actions[index] !== 'unchanged');
        await tx.upsertExportControls(writes.map(exportControlToInsert));
        await tx.recordChanges(
          rows.flatMap((row, index) => {
            const action = actions[index];
            if (action === 'unchanged' || action === undefined) return [];
            const before = previous[index];
            return [
              {
                version,
                at: stamp,
                actor,
                action,
                entity: 'export_control' as const,
                key: JSON.stringify({ id: row.id }),
                oldValue: before ? JSON.stringify(valueOfRow(rowOfRecord(before))) : null,
                newValue: JSON.stringify(valueOfRow(row)),
              },
            ];
          }),
        );
        return actions;
      });
      const count = (action: (typeof outcome)[number]) => outcome.filter((candidate) => candidate === action).length;
      return {
        version: (await repository.versionTag()) ?? 'empty',
        created: count('create'),
        updated: count('update'),
        unchanged: count('unchanged'),
        rows: rows.map((row, index) => ({ ...valueOfRow(row), action: outcome[index] ?? ('unchanged' as const) })),
      };
    },
  };
}
