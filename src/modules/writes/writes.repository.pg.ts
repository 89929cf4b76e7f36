import { and, asc, eq, gt, inArray, max, or } from 'drizzle-orm';
import * as schema from '../../db/schema.js';
import { pgTwin } from '../../db/pg-schema.js';
import { notifyDatasetChanged, writeTransaction, type PgDb } from '../../db/postgres.js';
import type { Store } from '../../db/store.js';
import { INSERT_BATCH } from '../../dataset/load.js';
import { versionNumber } from '../../dataset/dataset.repository.js';
import { pgDatasetVersion } from '../../dataset/load.pg.js';
import type { ProductionRecord } from '../../dataset/production-codec.js';
import {
  PRODUCTION_VALUES,
  productionKeyColumns,
  productionKeyIs,
  productionUpsertValues,
  type ChangeRecord,
  type ReferenceData,
  type SourceRecord,
  type WritesQueries,
  type WritesRepository,
} from './writes.repository.js';

type PostgresStore = Extract<Store, { kind: 'postgres' }>;

/** The tables the writes touch, as generated for PostgreSQL (same property names as db/schema.ts). */
const bases = pgTwin(schema.bases);
const changes = pgTwin(schema.changes);
const countries = pgTwin(schema.countries);
const datasetMeta = pgTwin(schema.datasetMeta);
const editions = pgTwin(schema.editions);
const groups = pgTwin(schema.groups);
const minerals = pgTwin(schema.minerals);
const production = pgTwin(schema.production);
const sources = pgTwin(schema.sources);
const stages = pgTwin(schema.stages);

const PRODUCTION_KEY = productionKeyColumns(production);

const ids = (rows: { id: unknown }[]) => rows.map((row) => row.id as string);

/** WritesQueries on a PostgreSQL transaction: the same queries as SQLite's, through the generated tables. */
export function pgWriteQueries(db: PgDb): WritesQueries {
  const editionRows = () => db.select({ id: editions.id, family: editions.family, published: editions.published }).from(editions);
  const among = async <R>(values: readonly string[], read: (wanted: string[]) => Promise<R[]>): Promise<R[]> =>
    values.length === 0 ? [] : read([...new Set(values)]);
  return {
    async findProduction(key) {
      const [row] = await db.select().from(production).where(productionKeyIs(production, key));
      return (row as ProductionRecord | undefined) ?? null;
    },
    async deleteProduction(id) {
      const result = await db.delete(production).where(eq(production.id, id));
      return (result.rowCount ?? 0) > 0;
    },
    async findSource(id) {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return (row as SourceRecord | undefined) ?? null;
    },
    async insertSource(values) {
      await db.insert(sources).values(values);
    },
    async referenceData() {
      return {
        stages: ids(await db.select({ id: stages.id }).from(stages)),
        minerals: ids(await db.select({ id: minerals.id }).from(minerals)),
        bases: (await db.select({ id: bases.id, mineral: bases.mineralId, stage: bases.stageId }).from(bases)) as ReferenceData['bases'],
        countries: ids(await db.select({ id: countries.iso3 }).from(countries)),
        sources: ids(await db.select({ id: sources.id }).from(sources)),
        editions: (await editionRows()) as ReferenceData['editions'],
        groups: ids(await db.select({ id: groups.id }).from(groups)),
      };
    },
    async referenceDataAmong(wanted) {
      return {
        stages: ids(await among(wanted.stages, (id) => db.select({ id: stages.id }).from(stages).where(inArray(stages.id, id)))),
        minerals: ids(await among(wanted.minerals, (id) => db.select({ id: minerals.id }).from(minerals).where(inArray(minerals.id, id)))),
        bases: (await among(wanted.bases, (id) =>
          db.select({ id: bases.id, mineral: bases.mineralId, stage: bases.stageId }).from(bases).where(inArray(bases.id, id)),
        )) as ReferenceData['bases'],
        countries: ids(
          await among(wanted.countries, (id) => db.select({ id: countries.iso3 }).from(countries).where(inArray(countries.iso3, id))),
        ),
        sources: ids(await among(wanted.sources, (id) => db.select({ id: sources.id }).from(sources).where(inArray(sources.id, id)))),
        editions: (await editionRows()) as ReferenceData['editions'],
        groups: [],
      };
    },
    async productionInSeries(series) {
      if (series.length === 0) return [];
      const rows = await db
        .select()
        .from(production)
        .where(
          or(
            ...series.map((one) =>
              and(
                eq(production.mineralId, one.mineral),
                eq(production.stageId, one.stage),
                eq(production.year, one.year),
                eq(production.basisId, one.basis),
              ),
            ),
          ),
        )
        .orderBy(asc(production.id));
      return rows as ProductionRecord[];
    },
    currentVersion: () => pgDatasetVersion(db),
    async bumpVersion(at) {
      const [highest] = await db.select({ version: max(changes.version) }).from(changes);
      const next = Math.max(await pgDatasetVersion(db), (highest?.version as number | null) ?? 0) + 1;
      await db
        .insert(datasetMeta)
        .values({ key: 'version', value: String(next), updatedAt: at })
        .onConflictDoUpdate({ target: datasetMeta.key, set: { value: String(next), updatedAt: at } });
      // Every replica hears of the new version when this transaction commits (and not at all if it rolls back).
      await notifyDatasetChanged(db, String(next));
      return next;
    },
    async upsertProduction(rows) {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        const batch = rows.slice(start, start + INSERT_BATCH).map(productionUpsertValues);
        await db.insert(production).values(batch).onConflictDoUpdate({ target: PRODUCTION_KEY, set: PRODUCTION_VALUES });
      }
    },
    async recordChanges(rows) {
      for (let start = 0; start < rows.length; start += INSERT_BATCH)
        await db.insert(changes).values(rows.slice(start, start + INSERT_BATCH));
    },
    async changesSince(since) {
      return (await db.select().from(changes).where(gt(changes.version, since)).orderBy(asc(changes.id))) as ChangeRecord[];
    },
  };
}

/** The highest dataset version each store's writes produced through this replica (see versionAfterWrites). */
const written = new WeakMap<PostgresStore, number>();

/**
 * A write transaction on the shared database (db/postgres writeTransaction: all-or-nothing, one writer at a time
 * across replicas, 503 while the database is away); then this replica's snapshot catches up behind the answer.
 */
export async function pgWrite<Queries extends Pick<WritesQueries, 'bumpVersion'>, T>(
  store: PostgresStore,
  queriesOf: (db: PgDb) => Queries,
  work: (tx: Queries) => Promise<T>,
): Promise<T> {
  let bumped = 0;
  const result = await writeTransaction(store.handle, (db) => {
    const queries = queriesOf(db);
    return work({
      ...queries,
      bumpVersion: async (at: string) => (bumped = await queries.bumpVersion(at)),
    });
  });
  // A write that stored nothing (every row unchanged) made no version: there is nothing to catch up with.
  if (bumped > 0) {
    if (bumped > (written.get(store) ?? 0)) written.set(store, bumped);
    void store.afterWrite();
  }
  return result;
}

/**
 * The version tag after this replica's writes: the snapshot's, or the version its last write produced if the
 * snapshot has not caught up yet (same content hash: writes never change it).
 */
export function versionAfterWrites(store: PostgresStore): string {
  const served = store.servedTag();
  const number = versionNumber(served);
  const ownWrite = written.get(store) ?? 0;
  return ownWrite > number ? `${ownWrite}${served.slice(String(number).length)}` : served;
}

export function createPgWritesRepository(store: PostgresStore): WritesRepository {
  const { db } = store.handle;
  const general = pgWriteQueries(db);
  return {
    // The version, the feed and its version come from this replica's memory, like every read: a write that committed
    // is answered even if the database goes away right after, and the feed is answered while it is away.
    versionTag: async () => versionAfterWrites(store),
    currentVersion: async () => {
      await store.settled();
      return versionNumber(store.servedTag());
    },
    changesSince: async (since) => {
      await store.settled();
      return store.changes().filter((change) => change.version > since) as ChangeRecord[];
    },
    findProduction: async (key) => general.findProduction(key),
    transaction: (work) => pgWrite(store, pgWriteQueries, work),
  };
}
