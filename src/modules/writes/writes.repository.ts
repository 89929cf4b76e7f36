import type { RunResult } from 'better-sqlite3';
import { and, asc, eq, gt, max, sql, type Column, type SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { createDatasetRepository, versionNumber } from '../../dataset/dataset.repository.js';
import { INSERT_BATCH } from '../../dataset/load.js';
import type { ProductionInsert, ProductionKey, ProductionRecord } from '../../dataset/production-codec.js';

const { bases, changes, countries, datasetMeta, editions, groups, minerals, production, sources, stages } = schema;

/** The database or an open transaction: both run the same synchronous queries. */
export type Handle = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export type { ProductionInsert, ProductionKey, ProductionRecord } from '../../dataset/production-codec.js';
export type SourceRecord = typeof sources.$inferSelect;
export type SourceInsert = typeof sources.$inferInsert;
export type ChangeRecord = typeof changes.$inferSelect;
export type ChangeInsert = Omit<typeof changes.$inferInsert, 'id'>;

/** Every id a production row or a source may point at. */
export interface ReferenceData {
  stages: string[];
  minerals: string[];
  bases: { id: string; mineral: string; stage: string }[];
  countries: string[];
  sources: string[];
  editions: { id: string; family: string; published: string }[];
  groups: string[];
}

/** A production series: every country and edition of one mineral, stage, year and basis. */
export interface ProductionSeries {
  mineral: string;
  stage: string;
  year: number;
  basis: string;
}

/** The ids a batch of production rows points at, to look up instead of reading whole tables. */
export interface ReferencedIds {
  stages: readonly string[];
  minerals: readonly string[];
  bases: readonly string[];
  countries: readonly string[];
  sources: readonly string[];
}

/** A value, or a promise of it: SQLite answers at once, PostgreSQL over the network; services await either. */
export type Awaitable<T> = T | Promise<T>;

/** What a write transaction runs, on either store (SQLite: the functions below; PostgreSQL: writes.repository.pg.ts). */
export interface WritesQueries {
  findProduction(key: ProductionKey): Awaitable<ProductionRecord | null>;
  deleteProduction(id: number): Awaitable<boolean>;
  findSource(id: string): Awaitable<SourceRecord | null>;
  insertSource(values: SourceInsert): Awaitable<void>;
  /** Every id a production row or a source may point at. */
  referenceData(): Awaitable<ReferenceData>;
  /** Like referenceData, but only those of the given ids that exist (and every edition, a small table). */
  referenceDataAmong(ids: ReferencedIds): Awaitable<ReferenceData>;
  /** The stored rows of these series (every country and edition), oldest first: what a write to them can affect. */
  productionInSeries(series: readonly ProductionSeries[]): Awaitable<ProductionRecord[]>;
  /** dataset_meta 'version' as an integer (0 before the first seed). */
  currentVersion(): Awaitable<number>;
  /**
   * Advances dataset_meta 'version' by one and returns it. It also stays above every version already in the
   * change feed, so versions never repeat even after `npm run db:seed` reset the counter to 1.
   */
  bumpVersion(at: string): Awaitable<number>;
  /**
   * Inserts rows, or overwrites the values of the row with the same (mineral, stage, country, year, basis, edition);
   * an overwritten row keeps its id, so paging cursors stay valid.
   */
  upsertProduction(rows: ProductionInsert[]): Awaitable<void>;
  recordChanges(rows: ChangeInsert[]): Awaitable<void>;
  /** Changes with a version above `since`, oldest first. */
  changesSince(since: number): Awaitable<ChangeRecord[]>;
}

/** Writes and the change feed on one store; `transaction` runs a unit of work all-or-nothing. */
export interface WritesRepository {
  /** The dataset version tag every ETag and snapshot is keyed on. */
  versionTag(): Promise<string | null>;
  currentVersion(): Promise<number>;
  changesSince(since: number): Promise<ChangeRecord[]>;
  findProduction(key: ProductionKey): Promise<ProductionRecord | null>;
  /**
   * Runs `work` in one transaction that no other write (from any process) interleaves with; a throw rolls
   * everything back. The state read for validation cannot change before the write lands.
   */
  transaction<T>(work: (tx: WritesQueries) => Promise<T>): Promise<T>;
}

/** The production columns that make a figure's key, in either dialect's table. */
type ProductionKeyColumns = Record<'mineralId' | 'stageId' | 'country' | 'year' | 'basisId' | 'edition', Column>;

/** `where` for the one production row with this key (both stores). */
export function productionKeyIs(columns: ProductionKeyColumns, key: ProductionKey): SQL | undefined {
  return and(
    eq(columns.mineralId, key.mineral),
    eq(columns.stageId, key.stage),
    eq(columns.country, key.country),
    eq(columns.year, key.year),
    eq(columns.basisId, key.basis),
    eq(columns.edition, key.edition),
  );
}

/** A production row as an upsert binds it: an absent figure or flag is stored as null or false. */
export function productionUpsertValues(row: ProductionInsert) {
  return {
    ...row,
    tonnes: row.tonnes ?? null,
    estimated: row.estimated ?? false,
    withheld: row.withheld ?? false,
    lowerBound: row.lowerBound ?? false,
  };
}

export function queries(handle: Handle) {
  /** dataset_meta 'version' as an integer (0 before the first seed). */
  const currentVersion = (): number => {
    const row = handle.select({ value: datasetMeta.value }).from(datasetMeta).where(eq(datasetMeta.key, 'version')).get();
    return versionNumber(row?.value);
  };
  return {
    findProduction: (key: ProductionKey): ProductionRecord | null =>
      handle.select().from(production).where(productionKeyIs(production, key)).get() ?? null,

    deleteProduction(id: number): boolean {
      return handle.delete(production).where(eq(production.id, id)).run().changes > 0;
    },

    findSource: (id: string): SourceRecord | null => handle.select().from(sources).where(eq(sources.id, id)).get() ?? null,

    insertSource(values: SourceInsert): void {
      handle.insert(sources).values(values).run();
    },

    referenceData(): ReferenceData {
      const ids = <T extends { id: string }>(rows: T[]) => rows.map((row) => row.id);
      return {
        stages: ids(handle.select({ id: stages.id }).from(stages).all()),
        minerals: ids(handle.select({ id: minerals.id }).from(minerals).all()),
        bases: handle.select({ id: bases.id, mineral: bases.mineralId, stage: bases.stageId }).from(bases).all(),
        countries: handle
          .select({ iso3: countries.iso3 })
          .from(countries)
          .all()
          .map((row) => row.iso3),
        sources: ids(handle.select({ id: sources.id }).from(sources).all()),
        editions: handle.select({ id: editions.id, family: editions.family, published: editions.published }).from(editions).all(),
        groups: ids(handle.select({ id: groups.id }).from(groups).all()),
      };
    },

    currentVersion,

    /**
     * Advances dataset_meta 'version' by one and returns it. It also stays above every version already in the
     * change feed, so versions never repeat even after `npm run db:seed` reset the counter to 1.
     */
    bumpVersion(at: string): number {
      const highestChange =
        handle
          .select({ version: max(changes.version) })
          .from(changes)
          .get()?.version ?? 0;
      const next = Math.max(currentVersion(), highestChange) + 1;
      handle
        .insert(datasetMeta)
        .values({ key: 'version', value: String(next), updatedAt: at })
        .onConflictDoUpdate({ target: datasetMeta.key, set: { value: String(next), updatedAt: at } })
        .run();
      return next;
    },

    recordChanges(rows: ChangeInsert[]): void {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        handle
          .insert(changes)
          .values(rows.slice(start, start + INSERT_BATCH))
          .run();
      }
    },

    /** Changes with a version above `since`, oldest first. */
    changesSince: (since: number): ChangeRecord[] =>
      handle.select().from(changes).where(gt(changes.version, since)).orderBy(asc(changes.id)).all(),
  };
}

/** The columns of a production figure's key, in a table of either dialect (the upsert's conflict target). */
export function productionKeyColumns<T extends ProductionKeyColumns>(table: T): T[keyof ProductionKeyColumns][] {
  return [table.mineralId, table.stageId, table.country, table.year, table.basisId, table.edition];
}
const PRODUCTION_KEY = productionKeyColumns(production);
/** An upsert overwrites a row's values and keeps its id (and key); the same SQL in both dialects. */
export const PRODUCTION_VALUES = {
  tonnes: sql`excluded.tonnes`,
  sourceId: sql`excluded.source_id`,
  estimated: sql`excluded.estimated`,
  withheld: sql`excluded.withheld`,
  lowerBound: sql`excluded.lower_bound`,
};

/**
 * The queries a write of a few rows runs, prepared once per connection: built per call, drizzle's query building
 * and SQLite's statement compilation cost more than running them. They run on the connection's open transaction.
 */
function preparedWrites(db: Db) {
  const p = sql.placeholder;
  const statements = {
    seriesRows: db
      .select()
      .from(production)
      .where(
        and(
          eq(production.mineralId, p('mineral')),
          eq(production.stageId, p('stage')),
          eq(production.year, p('year')),
          eq(production.basisId, p('basis')),
        ),
      )
      .prepare(),
    stage: db
      .select({ id: stages.id })
      .from(stages)
      .where(eq(stages.id, p('id')))
      .prepare(),
    mineral: db
      .select({ id: minerals.id })
      .from(minerals)
      .where(eq(minerals.id, p('id')))
      .prepare(),
    basis: db
      .select({ id: bases.id, mineral: bases.mineralId, stage: bases.stageId })
      .from(bases)
      .where(eq(bases.id, p('id')))
      .prepare(),
    country: db
      .select({ iso3: countries.iso3 })
      .from(countries)
      .where(eq(countries.iso3, p('id')))
      .prepare(),
    source: db
      .select({ id: sources.id })
      .from(sources)
      .where(eq(sources.id, p('id')))
      .prepare(),
    editions: db.select({ id: editions.id, family: editions.family, published: editions.published }).from(editions).prepare(),
    version: db.select({ value: datasetMeta.value }).from(datasetMeta).where(eq(datasetMeta.key, 'version')).prepare(),
    highestChange: db
      .select({ version: max(changes.version) })
      .from(changes)
      .prepare(),
    setVersion: db
      .insert(datasetMeta)
      .values({ key: 'version', value: p('value'), updatedAt: p('at') })
      .onConflictDoUpdate({ target: datasetMeta.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
      .prepare(),
    upsertRow: db
      .insert(production)
      .values({
        mineralId: p('mineralId'),
        stageId: p('stageId'),
        country: p('country'),
        year: p('year'),
        basisId: p('basisId'),
        tonnes: p('tonnes'),
        edition: p('edition'),
        sourceId: p('sourceId'),
        estimated: p('estimated'),
        withheld: p('withheld'),
        lowerBound: p('lowerBound'),
      })
      .onConflictDoUpdate({ target: PRODUCTION_KEY, set: PRODUCTION_VALUES })
      .prepare(),
    insertChange: db
      .insert(changes)
      .values({
        version: p('version'),
        at: p('at'),
        actor: p('actor'),
        action: p('action'),
        entity: p('entity'),
        key: p('key'),
        oldValue: p('oldValue'),
        newValue: p('newValue'),
      })
      .prepare(),
  };
  const existing = <T>(values: readonly string[], lookup: (id: string) => T | undefined): T[] =>
    [...new Set(values)].flatMap((id) => {
      const found = lookup(id);
      return found === undefined ? [] : [found];
    });
  const currentVersion = (): number => versionNumber(statements.version.get()?.value);
  return {
    /** The stored rows of these series (every country and edition), oldest first: what a write to them can affect. */
    productionInSeries: (series: readonly ProductionSeries[]): ProductionRecord[] =>
      series.flatMap((one) => statements.seriesRows.all({ ...one })).sort((a, b) => a.id - b.id),
    /** Like referenceData, but only those of the given ids that exist (and every edition, a small table). */
    referenceDataAmong: (ids: ReferencedIds): ReferenceData => ({
      stages: existing(ids.stages, (id) => statements.stage.get({ id })).map((row) => row.id),
      minerals: existing(ids.minerals, (id) => statements.mineral.get({ id })).map((row) => row.id),
      bases: existing(ids.bases, (id) => statements.basis.get({ id })),
      countries: existing(ids.countries, (id) => statements.country.get({ id })).map((row) => row.iso3),
      sources: existing(ids.sources, (id) => statements.source.get({ id })).map((row) => row.id),
      editions: statements.editions.all(),
      groups: [],
    }),
    currentVersion,
    /** As queries().bumpVersion: above the dataset version and every version in the change feed. */
    bumpVersion(at: string): number {
      const next = Math.max(currentVersion(), statements.highestChange.get()?.version ?? 0) + 1;
      statements.setVersion.run({ value: String(next), at });
      return next;
    },
    /**
     * Inserts rows, or overwrites the values of the row with the same (mineral, stage, country, year, basis, edition);
     * an overwritten row keeps its id, so paging cursors stay valid. One prepared single-row upsert per row.
     */
    upsertProduction(rows: ProductionInsert[]): void {
      for (const row of rows) statements.upsertRow.run(productionUpsertValues(row));
    },
    recordChanges(rows: ChangeInsert[]): void {
      for (const row of rows) statements.insertChange.run({ ...row, oldValue: row.oldValue ?? null, newValue: row.newValue ?? null });
    },
  };
}

/** Write transactions on one SQLite connection run one at a time (see sqliteWriteTransaction). */
const writeQueues = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every task queued before it on this connection has settled. */
export function exclusive<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const run = previous.then(task, task);
  writeQueues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Runs async `work` in one SQLite transaction. Its queries answer synchronously, but the work awaits between them,
 * so other requests' code can run in between: write transactions on the connection are queued one after another
 * (exclusive), reads outside them wait in the same queue (changesSince, versionTag), and the snapshot store does
 * not re-read while a transaction is open. IMMEDIATE takes the write lock up front, so the state read for
 * validation cannot change before the write lands (even across processes).
 */
export function sqliteWriteTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return exclusive(db, async () => {
    db.run(sql`begin immediate`);
    try {
      const result = await work();
      db.run(sql`commit`);
      return result;
    } catch (error) {
      db.run(sql`rollback`);
      throw error;
    }
  });
}

export function createSqliteWritesRepository(db: Db): WritesRepository {
  const datasets = createDatasetRepository(db);
  const general = queries(db);
  // Prepared at the first write: a read-only replica or a server that is never written to never compiles them.
  let prepared: ReturnType<typeof preparedWrites> | null = null;
  return {
    versionTag: () => exclusive(db, async () => datasets.versionTag()),
    currentVersion: () => exclusive(db, async () => general.currentVersion()),
    changesSince: (since) => exclusive(db, async () => general.changesSince(since)),
    findProduction: (key) => exclusive(db, async () => general.findProduction(key)),
    transaction: (work) => sqliteWriteTransaction(db, () => work({ ...general, ...(prepared ??= preparedWrites(db)) })),
  };
}
