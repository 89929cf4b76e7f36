import type { RunResult } from 'better-sqlite3';
import { and, asc, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { createDatasetRepository } from '../../dataset/dataset.repository.js';

const { bases, changes, countries, datasetMeta, editions, groups, minerals, production, sources, stages } = schema;

/** The database or an open transaction: both run the same synchronous queries. */
export type Handle = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export type ProductionRecord = typeof production.$inferSelect;
export type ProductionInsert = Omit<typeof production.$inferInsert, 'id'>;
export type SourceRecord = typeof sources.$inferSelect;
export type SourceInsert = typeof sources.$inferInsert;
export type ChangeRecord = typeof changes.$inferSelect;
export type ChangeInsert = Omit<typeof changes.$inferInsert, 'id'>;

export interface ProductionKey {
  mineral: string;
  stage: string;
  country: string;
  year: number;
  basis: string;
  edition: string;
}

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

const INSERT_BATCH = 500;

export function queries(handle: Handle) {
  /** dataset_meta 'version' as an integer (0 before the first seed). */
  const currentVersion = (): number => {
    const row = handle.select({ value: datasetMeta.value }).from(datasetMeta).where(eq(datasetMeta.key, 'version')).get();
    const version = Number.parseInt(row?.value ?? '0', 10);
    return Number.isSafeInteger(version) ? version : 0;
  };
  return {
    /** Every production row, oldest first. */
    productionRows: (): ProductionRecord[] => handle.select().from(production).orderBy(asc(production.id)).all(),

    /** The stored rows of these series (all countries and editions), oldest first: what a write to them can affect. */
    productionInSeries(series: readonly ProductionSeries[]): ProductionRecord[] {
      const rows = series.flatMap((one) =>
        handle
          .select()
          .from(production)
          .where(
            and(
              eq(production.mineralId, one.mineral),
              eq(production.stageId, one.stage),
              eq(production.year, one.year),
              eq(production.basisId, one.basis),
            ),
          )
          .all(),
      );
      return rows.sort((a, b) => a.id - b.id);
    },

    findProduction: (key: ProductionKey): ProductionRecord | null =>
      handle
        .select()
        .from(production)
        .where(
          and(
            eq(production.mineralId, key.mineral),
            eq(production.stageId, key.stage),
            eq(production.country, key.country),
            eq(production.year, key.year),
            eq(production.basisId, key.basis),
            eq(production.edition, key.edition),
          ),
        )
        .get() ?? null,

    /**
     * Inserts rows, or overwrites the values of the row with the same (mineral, stage, country, year, basis, edition);
     * an overwritten row keeps its id, so paging cursors stay valid. A few statements per 1,000 rows.
     */
    upsertProduction(rows: ProductionInsert[]): void {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        handle
          .insert(production)
          .values(rows.slice(start, start + INSERT_BATCH))
          .onConflictDoUpdate({
            target: [production.mineralId, production.stageId, production.country, production.year, production.basisId, production.edition],
            set: {
              tonnes: sql`excluded.tonnes`,
              sourceId: sql`excluded.source_id`,
              estimated: sql`excluded.estimated`,
              withheld: sql`excluded.withheld`,
              lowerBound: sql`excluded.lower_bound`,
            },
          })
          .run();
      }
    },

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
        countries: handle.select({ iso3: countries.iso3 }).from(countries).all().map((row) => row.iso3),
        sources: ids(handle.select({ id: sources.id }).from(sources).all()),
        editions: handle.select({ id: editions.id, family: editions.family, published: editions.published }).from(editions).all(),
        groups: ids(handle.select({ id: groups.id }).from(groups).all()),
      };
    },

    /**
     * Like referenceData, but only the given ids that exist (and every edition, a small table): enough to check
     * a batch's references without reading the sources or countries tables whole.
     */
    referenceDataAmong(ids: ReferencedIds): ReferenceData {
      const among = <T>(values: readonly string[], read: (values: string[]) => T[]): T[] => (values.length === 0 ? [] : read([...new Set(values)]));
      const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id);
      return {
        stages: among(ids.stages, (values) => idsOf(handle.select({ id: stages.id }).from(stages).where(inArray(stages.id, values)).all())),
        minerals: among(ids.minerals, (values) => idsOf(handle.select({ id: minerals.id }).from(minerals).where(inArray(minerals.id, values)).all())),
        bases: among(ids.bases, (values) =>
          handle.select({ id: bases.id, mineral: bases.mineralId, stage: bases.stageId }).from(bases).where(inArray(bases.id, values)).all(),
        ),
        countries: among(ids.countries, (values) =>
          handle.select({ iso3: countries.iso3 }).from(countries).where(inArray(countries.iso3, values)).all().map((row) => row.iso3),
        ),
        sources: among(ids.sources, (values) => idsOf(handle.select({ id: sources.id }).from(sources).where(inArray(sources.id, values)).all())),
        editions: handle.select({ id: editions.id, family: editions.family, published: editions.published }).from(editions).all(),
        groups: [],
      };
    },

    currentVersion,

    /**
     * Advances dataset_meta 'version' by one and returns it. It also stays above every version already in the
     * change feed, so versions never repeat even after `npm run db:seed` reset the counter to 1.
     */
    bumpVersion(at: string): number {
      const highestChange = handle.select({ version: max(changes.version) }).from(changes).get()?.version ?? 0;
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
        handle.insert(changes).values(rows.slice(start, start + INSERT_BATCH)).run();
      }
    },

    /** Changes with a version above `since`, oldest first. */
    changesSince: (since: number): ChangeRecord[] =>
      handle.select().from(changes).where(gt(changes.version, since)).orderBy(asc(changes.id)).all(),
  };
}

export type WritesQueries = ReturnType<typeof queries>;

/** Drizzle queries for writes and the change feed; `transaction` runs a unit of work all-or-nothing. */
export function createWritesRepository(db: Db) {
  const datasets = createDatasetRepository(db);
  return {
    ...queries(db),
    /** The dataset version tag every ETag and snapshot is keyed on. */
    versionTag: (): string | null => datasets.versionTag(),
    /**
     * Runs `work` in one SQLite transaction; a throw rolls everything back. IMMEDIATE takes the write lock up
     * front, so the state read for validation cannot change before the write lands (even across processes).
     */
    transaction<T>(work: (tx: WritesQueries) => T): T {
      return db.transaction((tx) => work(queries(tx)), { behavior: 'immediate' });
    },
  };
}

export type WritesRepository = ReturnType<typeof createWritesRepository>;
