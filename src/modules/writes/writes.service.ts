import {
  FIGURE_FIELD_OF_ROW_FIELD,
  csvRecordOfFigure,
  figureOfRecord,
  figureOfRow,
  keyOfRow,
  recordOfRow,
  rowOfRecord,
} from '../../dataset/production-codec.js';
import { ProductionRow, SourceRow, TABLE_SPECS, type TableSpec } from '../../dataset/tables.js';
import { checkProductionRules, checkReferencesAndKeys, keyOf, type ReferenceContext, type RowIssue } from '../../dataset/validate.js';
import { citationOf } from '../../domain/citation.js';
import { chooseEdition, type EditionInfo } from '../../domain/editions.js';
import { AppError, NotFoundError, type FieldError } from '../../errors.js';
import type {
  ChangeInsert,
  ChangeRecord,
  ProductionKey,
  ProductionRecord,
  ProductionSeries,
  ReferenceData,
  SourceInsert,
  WritesRepository,
} from './writes.repository.js';
import type { Change, NewSource, ProductionRowInput, SourceValue, UpsertResult } from './writes.schemas.js';

/** The loader's own table specs: writes go through the same row schema and cross-checks as data/*.csv. */
function specFor<Row>(file: string): TableSpec<Row> {
  const spec = (TABLE_SPECS as readonly TableSpec<unknown>[]).find((candidate) => candidate.file === file);
  if (!spec) throw new Error(`no table spec for ${file}`);
  return spec as TableSpec<Row>;
}

const PRODUCTION_SPEC = specFor<ProductionRow>('production.csv');
const SOURCE_SPEC = specFor<SourceRow>('sources.csv');

/** What the world-total rule sums over (see checkProductionRules). */
const WORLD_TOTAL_GROUP = ['mineral', 'stage', 'year', 'basis'] as const;

/** A series: the rows a write's world-total check and default edition depend on (every country and edition). */
const SERIES = ['mineral', 'stage', 'year', 'basis'] as const;

/** No ids: referenceDataAmong then reads just the editions. */
const NO_IDS = { stages: [], minerals: [], bases: [], countries: [], sources: [] } as const;

/** At most this many field errors are listed in one 422. */
const MAX_LISTED_ERRORS = 200;

function apiField(prefix: string, field: string): string {
  // An issue about the whole row (no path, or the composite key "mineral,stage,…") points at the row.
  if (field === '' || field === '(row)' || field.includes(',')) return prefix;
  return `${prefix}.${FIGURE_FIELD_OF_ROW_FIELD[field] ?? field}`;
}

const cell = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A JSON source as the loader sees a data/sources.csv record. */
export function sourceCsvRecord(source: NewSource): Record<string, string> {
  return {
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    edition: cell(source.edition),
    year: cell(source.year),
    locator: cell(source.locator),
    url: cell(source.url),
    licence: cell(source.licence),
    notes: cell(source.notes),
  };
}

/**
 * The edition a write without one joins: the one the default view answers with for that mineral, stage, basis and
 * year (the newest edition holding figures of that series), or null when none does yet.
 */
function defaultEditionOf(
  series: { mineral: string; stage: string; basis: string; year: number },
  stored: readonly ProductionRecord[],
  editions: ReadonlyMap<string, EditionInfo>,
): string | null {
  const candidates = new Map<string, EditionInfo>();
  for (const record of stored) {
    if (
      record.mineralId !== series.mineral ||
      record.stageId !== series.stage ||
      record.basisId !== series.basis ||
      record.year !== series.year
    )
      continue;
    const edition = editions.get(record.edition);
    if (edition) candidates.set(edition.id, edition);
  }
  return chooseEdition([...candidates.values()], undefined)?.id ?? null;
}

/** The loader's reference context over what the database holds now (shared by every write module). */
export function referenceContext(data: ReferenceData): ReferenceContext {
  return {
    ids: {
      stages: new Set(data.stages),
      minerals: new Set(data.minerals),
      bases: new Set(data.bases.map((basis) => basis.id)),
      countries: new Set(data.countries),
      sources: new Set(data.sources),
      editions: new Set(data.editions.map((edition) => edition.id)),
      groups: new Set(data.groups),
      // No writable table refers to an importer.
      importers: new Set<string>(),
    },
    basisOwners: new Map(data.bases.map((basis) => [basis.id, { mineral: basis.mineral, stage: basis.stage }])),
  };
}

function zodIssues(row: number, issues: readonly { path: readonly PropertyKey[]; message: string }[]): RowIssue[] {
  return issues.map((issue) => ({ row, field: issue.path.map(String).join('.'), message: issue.message }));
}

/** 422 naming every failing row by index and API field name. */
function rowsRejected(issues: RowIssue[], total: number): AppError {
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const failing = new Set(sorted.map((issue) => issue.row)).size;
  const shown = sorted.slice(0, MAX_LISTED_ERRORS);
  const more = sorted.length > shown.length ? ` The first ${shown.length} of ${sorted.length} problems are listed.` : '';
  const errors: FieldError[] = shown.map((issue) => ({ field: apiField(`body.rows.${issue.row}`, issue.field), message: issue.message }));
  return new AppError('unprocessable', `${failing} of ${total} row(s) break the dataset rules; nothing was stored.${more}`, errors);
}

/**
 * Issues found on the merged state, reported on request rows: an issue on a row the request sent is that row's;
 * one on a stored row the request did not send (the world total its new figures now exceed) goes to every
 * request row in the same (mineral, stage, year, basis) group. Issues in groups the request did not touch were
 * there before it and are not its fault.
 */
function attributeToRequest(issues: RowIssue[], merged: readonly ProductionRow[], requestRowAt: ReadonlyMap<number, number>): RowIssue[] {
  const attributed: RowIssue[] = [];
  for (const issue of issues) {
    const own = requestRowAt.get(issue.row);
    if (own !== undefined) {
      attributed.push({ ...issue, row: own });
      continue;
    }
    const anchor = merged[issue.row];
    if (!anchor) continue;
    const group = keyOf(anchor, WORLD_TOTAL_GROUP);
    for (const [mergedIndex, requestIndex] of requestRowAt) {
      const row = merged[mergedIndex];
      if (row && keyOf(row, WORLD_TOTAL_GROUP) === group) attributed.push({ ...issue, row: requestIndex });
    }
  }
  return attributed;
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function toChange(record: ChangeRecord): Change {
  return {
    id: record.id,
    version: record.version,
    at: record.at,
    actor: record.actor,
    action: record.action,
    entity: record.entity,
    key: JSON.parse(record.key),
    old: parseJson(record.oldValue),
    new: parseJson(record.newValue),
  } as Change;
}

export interface WritesServiceOptions {
  /** Clock for change timestamps (tests pin it). */
  now?: () => Date;
}

/** Authenticated writes: validated like the loader, all-or-nothing, each recorded in the change feed. */
export function createWritesService(repository: WritesRepository, options: WritesServiceOptions = {}) {
  const now = options.now ?? (() => new Date());

  const versionTag = async (): Promise<string> => (await repository.versionTag()) ?? 'empty';

  return {
    /** POST /v1/sources: adds a publication; an existing id is a conflict (sources are never overwritten). */
    async createSource(actor: string, input: NewSource) {
      const parsed = SOURCE_SPEC.rowSchema.safeParse(sourceCsvRecord(input));
      if (!parsed.success) {
        throw new AppError(
          'unprocessable',
          'The source breaks the dataset rules; nothing was stored.',
          parsed.error.issues.map((issue) => ({ field: apiField('body', issue.path.map(String).join('.')), message: issue.message })),
        );
      }
      const source: SourceValue = parsed.data;
      await repository.transaction(async (tx) => {
        if (await tx.findSource(source.id)) {
          throw new AppError('conflict', `Source '${source.id}' already exists; sources are not overwritten, so pick a new id.`, [
            { field: 'body.id', message: 'already exists' },
          ]);
        }
        const at = now().toISOString();
        const version = await tx.bumpVersion(at);
        const values: SourceInsert = { ...source };
        await tx.insertSource(values);
        await tx.recordChanges([
          {
            version,
            at,
            actor,
            action: 'create',
            entity: 'source',
            key: JSON.stringify({ id: source.id }),
            oldValue: null,
            newValue: JSON.stringify(source),
          },
        ]);
      });
      return { ...source, citation: citationOf(source) };
    },

    /**
     * PUT /v1/production: upserts 1..1000 rows keyed by (mineral, stage, country, year, basis). Each row passes
     * the loader's row schema; the batch passes the loader's reference and duplicate-key checks; the merged state
     * (stored rows with the request's rows upserted) passes the loader's production rules. Any failure: 422 and
     * nothing stored.
     */
    async upsertProduction(actor: string, input: readonly ProductionRowInput[]): Promise<UpsertResult> {
      const issues: RowIssue[] = [];
      let rows: ProductionRow[] = [];

      const outcome = await repository.transaction(async (tx) => {
        // Only what this write can affect is read and checked: the series (mineral, stage, year, basis) it writes
        // to, with every country and edition (world totals), and the ids it points at. The rest of the table was
        // valid before (every write keeps it so) and does not change.
        const editions = new Map((await tx.referenceDataAmong(NO_IDS)).editions.map((edition) => [edition.id, edition]));
        const seriesRows = new Map<string, ProductionRecord[]>();
        const storedInSeries = async (series: ProductionSeries): Promise<ProductionRecord[]> => {
          const key = keyOf(series, SERIES);
          let found = seriesRows.get(key);
          if (!found) seriesRows.set(key, (found = await tx.productionInSeries([series])));
          return found;
        };
        const parsed: (ProductionRow | null)[] = [];
        for (const [index, row] of input.entries()) {
          const edition = row.edition ?? defaultEditionOf(row, await storedInSeries(row), editions);
          if (edition === null) {
            issues.push({
              row: index,
              field: 'edition',
              message:
                `is required: no edition reports ${row.mineral}/${row.stage}/${row.basis} in ${row.year} yet; ` +
                'name one (GET /v1/editions)',
            });
            parsed.push(null);
            continue;
          }
          const result = PRODUCTION_SPEC.rowSchema.safeParse(csvRecordOfFigure({ ...row, edition }));
          if (!result.success) issues.push(...zodIssues(index, result.error.issues));
          parsed.push(result.success ? result.data : null);
        }
        // Like the loader: cross-checks only run on rows that parsed.
        if (issues.length > 0) throw rowsRejected(issues, input.length);
        rows = parsed as ProductionRow[];

        const context = referenceContext(
          await tx.referenceDataAmong({
            stages: rows.map((row) => row.stage),
            minerals: rows.map((row) => row.mineral),
            bases: rows.map((row) => row.basis),
            countries: rows.map((row) => row.country),
            sources: rows.map((row) => row.source),
          }),
        );
        issues.push(...checkReferencesAndKeys(PRODUCTION_SPEC, rows, context));
        if (issues.length > 0) throw rowsRejected(issues, input.length);

        const series = new Map(rows.map((row) => [keyOf(row, SERIES), row]));
        const stored: ProductionRecord[] = [];
        for (const one of series.values()) stored.push(...(await storedInSeries(one)));
        stored.sort((a, b) => a.id - b.id);
        const merged = stored.map(rowOfRecord);
        const storedAt = new Map(merged.map((row, index) => [keyOf(row, PRODUCTION_SPEC.key), index]));
        const requestRowAt = new Map<number, number>();
        const previous: (ProductionRecord | null)[] = rows.map((row, index) => {
          const at = storedAt.get(keyOf(row, PRODUCTION_SPEC.key));
          if (at === undefined) {
            merged.push(row);
            requestRowAt.set(merged.length - 1, index);
            return null;
          }
          merged[at] = row;
          requestRowAt.set(at, index);
          return stored[at] ?? null;
        });
        issues.push(...attributeToRequest(checkProductionRules(merged, context), merged, requestRowAt));
        if (issues.length > 0) throw rowsRejected(issues, input.length);

        const actions = rows.map((row, index) => {
          const before = previous[index];
          if (!before) return 'create' as const;
          return JSON.stringify(figureOfRecord(before)) === JSON.stringify(figureOfRow(row)) ? ('unchanged' as const) : ('update' as const);
        });
        if (actions.every((action) => action === 'unchanged')) return actions;

        const at = now().toISOString();
        const version = await tx.bumpVersion(at);
        const changes: ChangeInsert[] = [];
        const writes: ProductionRow[] = [];
        rows.forEach((row, index) => {
          const action = actions[index];
          const before = previous[index];
          if (action === 'unchanged') return;
          writes.push(row);
          changes.push({
            version,
            at,
            actor,
            action: action === 'create' ? 'create' : 'update',
            entity: 'production',
            key: JSON.stringify(keyOfRow(row)),
            oldValue: before ? JSON.stringify(figureOfRecord(before)) : null,
            newValue: JSON.stringify(figureOfRow(row)),
          });
        });
        await tx.upsertProduction(writes.map(recordOfRow));
        await tx.recordChanges(changes);
        return actions;
      });

      const count = (action: (typeof outcome)[number]) => outcome.filter((candidate) => candidate === action).length;
      return {
        version: await versionTag(),
        created: count('create'),
        updated: count('update'),
        unchanged: count('unchanged'),
        rows: rows.map((row, index) => ({ ...figureOfRow(row), action: outcome[index] ?? 'unchanged' })),
      };
    },

    /** DELETE /v1/production/{mineral}/{stage}/{country}/{year}/{basis}[?edition=]. */
    async deleteProduction(actor: string, series: Omit<ProductionKey, 'edition'>, editionId?: string): Promise<void> {
      await repository.transaction(async (tx) => {
        const editions = new Map((await tx.referenceDataAmong(NO_IDS)).editions.map((edition) => [edition.id, edition]));
        const edition = editionId ?? defaultEditionOf(series, await tx.productionInSeries([series]), editions);
        const record = edition === null ? null : await tx.findProduction({ ...series, edition });
        if (!record) {
          const key = `${series.mineral}/${series.stage}/${series.country}/${series.year}/${series.basis}`;
          throw new NotFoundError(
            `No production figure for ${key}${edition === null ? '' : ` in edition ${edition}`}. See GET /v1/production.`,
          );
        }
        const at = now().toISOString();
        const version = await tx.bumpVersion(at);
        await tx.deleteProduction(record.id);
        await tx.recordChanges([
          {
            version,
            at,
            actor,
            action: 'delete',
            entity: 'production',
            key: JSON.stringify(keyOfRow(rowOfRecord(record))),
            oldValue: JSON.stringify(figureOfRecord(record)),
            newValue: null,
          },
        ]);
      });
    },

    /** GET /v1/changes: every change after version `since`, oldest first, keyed by id for paging. */
    async listChanges(since: number) {
      const records = await repository.changesSince(since);
      return {
        data: records.map(toChange),
        keys: records.map((record) => record.id),
        currentVersion: await repository.currentVersion(),
      };
    },
  };
}

export type WritesService = ReturnType<typeof createWritesService>;
