import type Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import type { ProductionRecord } from './production-codec.js';
import {
  apparentConsumption,
  bases,
  capacity,
  countries,
  criticalityInputs,
  criticalMinerals,
  editions,
  datasetMeta,
  defenseUses,
  exportControls,
  governance,
  governanceNotes,
  groupMembers,
  groups,
  importReliance,
  importSources,
  importers,
  minerals,
  prices,
  production,
  projections,
  reserves,
  salient,
  sources,
  sourcingShares,
  stageNames,
  stageGaps,
  stageReliance,
  stageShares,
  stages,
} from '../db/schema.js';

export type SourceRecord = typeof sources.$inferSelect;
export type CountryRecord = typeof countries.$inferSelect;
export type MineralRecord = typeof minerals.$inferSelect;
export type StageRecord = typeof stages.$inferSelect;
export type BasisRecord = typeof bases.$inferSelect;
export type GroupRecord = typeof groups.$inferSelect;
export type GroupMemberRecord = typeof groupMembers.$inferSelect;
export type { ProductionRecord };
export type ProjectionRecord = typeof projections.$inferSelect;
export type ReserveRecord = typeof reserves.$inferSelect;
export type ImportRelianceRecord = typeof importReliance.$inferSelect;
export type ImportSourceRecord = typeof importSources.$inferSelect;
export type ApparentConsumptionRecord = typeof apparentConsumption.$inferSelect;
export type DefenseUseRecord = typeof defenseUses.$inferSelect;
export type GovernanceRecord = typeof governance.$inferSelect;
export type GovernanceNoteRecord = typeof governanceNotes.$inferSelect;
export type EditionRecord = typeof editions.$inferSelect;
export type CapacityRecord = typeof capacity.$inferSelect;
export type PriceRecord = typeof prices.$inferSelect;
export type SalientRecord = typeof salient.$inferSelect;
export type CriticalMineralRecord = typeof criticalMinerals.$inferSelect;
export type ExportControlRecord = typeof exportControls.$inferSelect;
export type ImporterRecord = typeof importers.$inferSelect;
export type StageNameRecord = typeof stageNames.$inferSelect;
export type StageGapRecord = typeof stageGaps.$inferSelect;
export type StageShareRecord = typeof stageShares.$inferSelect;
export type SourcingShareRecord = typeof sourcingShares.$inferSelect;
export type StageRelianceRecord = typeof stageReliance.$inferSelect;
export type CriticalityInputRecord = typeof criticalityInputs.$inferSelect;

/** The version tag from dataset_meta's 'version' (the write counter) and 'content_hash' (the seed) values. */
export function tagOf(version: string | null | undefined, hash: string | null | undefined): string | null {
  return version === null || version === undefined ? null : `${version}-${(hash ?? '').slice(0, 12)}`;
}

/** dataset_meta's 'version' value as an integer: 0 before the first seed (or for anything that is not one). */
export function versionNumber(value: string | null | undefined): number {
  const version = Number.parseInt(value ?? '0', 10);
  return Number.isSafeInteger(version) ? version : 0;
}

/** The version and content hash in one statement (the same SQL in both dialects). */
export const VERSION_SQL =
  "select (select value from dataset_meta where key = 'version') as version, " +
  "(select value from dataset_meta where key = 'content_hash') as content_hash";

/** The raw better-sqlite3 handle behind a drizzle database (absent on a mock). */
function clientOf(db: Db): Database.Database | undefined {
  const client = (db as Db & { $client?: Database.Database }).$client;
  return client !== undefined && typeof client.prepare === 'function' ? client : undefined;
}

/**
 * Reads the version tag with one prepared statement on the raw better-sqlite3 handle, prepared on first use
 * (after migrations) and reused: several times cheaper than building the query through drizzle each time.
 */
function versionReader(db: Db): () => string | null {
  const client = clientOf(db);
  if (client === undefined) {
    return () => {
      const rows = db.select().from(datasetMeta).all();
      return tagOf(rows.find((row) => row.key === 'version')?.value, rows.find((row) => row.key === 'content_hash')?.value);
    };
  }
  let statement: Database.Statement<[], [string | null, string | null]> | undefined;
  return () => {
    statement ??= client.prepare<[], [string | null, string | null]>(VERSION_SQL).raw();
    const row = statement.get();
    return row === undefined ? null : tagOf(row[0], row[1]);
  };
}

/**
 * SQLite's total_changes() for this connection: rows inserted, updated or deleted through it since it opened.
 * It touches no table (no read transaction, no file lock), so it costs well under a microsecond; any write made
 * through this connection, such as an API write bumping the dataset version, changes it. NaN without a raw handle.
 */
function changeCounter(db: Db): () => number {
  const client = clientOf(db);
  if (client === undefined) return () => Number.NaN;
  const statement = client.prepare<[], number>('select total_changes()').pluck();
  return () => statement.get() as number;
}

/**
 * Runs `read` in one SQLite read transaction, so every statement in it sees the same committed state even while
 * another connection (a primary writing the file a replica reads) commits in between. Without one, each statement
 * gets a snapshot of its own. BEGIN DEFERRED takes no write lock, so it works on a read-only connection; inside an
 * open transaction better-sqlite3 uses a savepoint instead.
 */
function readTransaction(db: Db): <T>(read: () => T) => T {
  const client = clientOf(db);
  // A mock has no other connection to race with.
  if (client === undefined) return (read) => read();
  const inTransaction = client.transaction((read: () => unknown) => read());
  return <T>(read: () => T) => inTransaction(read) as T;
}

/**
 * Every table the snapshot holds, with the order its rows are read in (the dataset is a few thousand rows, held in
 * memory per version). One list for both stores: SQLite reads it here, PostgreSQL in dataset.repository.pg.ts.
 */
export const DATASET_READS = {
  stages: { table: stages, order: [stages.sortOrder] },
  minerals: { table: minerals, order: [minerals.id] },
  bases: { table: bases, order: [bases.id] },
  countries: { table: countries, order: [countries.iso3] },
  sources: { table: sources, order: [sources.id] },
  groups: { table: groups, order: [groups.id] },
  groupMembers: { table: groupMembers, order: [groupMembers.groupId, groupMembers.country] },
  production: { table: production, order: [production.id] },
  projections: { table: projections, order: [projections.id] },
  reserves: { table: reserves, order: [reserves.id] },
  importReliance: { table: importReliance, order: [importReliance.id] },
  importSources: { table: importSources, order: [importSources.id] },
  apparentConsumption: { table: apparentConsumption, order: [apparentConsumption.id] },
  editions: { table: editions, order: [editions.id] },
  capacity: { table: capacity, order: [capacity.id] },
  prices: { table: prices, order: [prices.id] },
  salient: { table: salient, order: [salient.id] },
  criticalMinerals: { table: criticalMinerals, order: [criticalMinerals.mineralId, criticalMinerals.list, criticalMinerals.edition] },
  defenseUses: { table: defenseUses, order: [defenseUses.id] },
  exportControls: { table: exportControls, order: [exportControls.id] },
  importers: { table: importers, order: [importers.id] },
  stageNames: { table: stageNames, order: [stageNames.mineralId, stageNames.stageId] },
  stageGaps: { table: stageGaps, order: [stageGaps.mineralId, stageGaps.stageId] },
  stageShares: { table: stageShares, order: [stageShares.id] },
  sourcingShares: { table: sourcingShares, order: [sourcingShares.id] },
  stageReliance: { table: stageReliance, order: [stageReliance.id] },
  criticalityInputs: { table: criticalityInputs, order: [criticalityInputs.id] },
  governance: { table: governance, order: [governance.country, governance.year, governance.indicator, governance.edition] },
  governanceNotes: { table: governanceNotes, order: [governanceNotes.country] },
} as const satisfies Record<string, { table: SQLiteTable; order: readonly SQLiteColumn[] }>;

export type DatasetTableName = keyof typeof DATASET_READS;

/** Every table of the snapshot, rows typed by the SQLite schema (both stores return that shape). */
export type DatasetTables = { [K in DatasetTableName]: (typeof DATASET_READS)[K]['table']['$inferSelect'][] };

/** `read` applied to every table of DATASET_READS, keyed like it. */
export function mapDatasetReads<R>(read: (table: SQLiteTable, order: readonly SQLiteColumn[]) => R): Record<DatasetTableName, R> {
  return Object.fromEntries(Object.entries(DATASET_READS).map(([name, entry]) => [name, read(entry.table, entry.order)])) as Record<
    DatasetTableName,
    R
  >;
}

type TableReaders = { [K in DatasetTableName]: () => DatasetTables[K] };

/** Reads whole tables in a stable order (DATASET_READS). */
export function createDatasetRepository(db: Db) {
  const readers = mapDatasetReads(
    (table, order) => () =>
      db
        .select()
        .from(table)
        .orderBy(...order.map((column) => asc(column)))
        .all(),
  ) as unknown as TableReaders;
  return {
    /** Runs several reads (the version tag and the tables) against one committed state of the database. */
    readConsistently: readTransaction(db),
    /** The dataset's version tag: the write counter and the seed's content hash; null before the first seed. */
    versionTag: versionReader(db),
    /** Writes made through this connection so far (a cheap "did we write?" probe; see changeCount). */
    changeCount: changeCounter(db),
    /** True while this connection has a transaction open: what it reads then may not be committed yet. */
    inTransaction: (): boolean => clientOf(db)?.inTransaction ?? false,
    ...readers,
  };
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;

/** Every table, through the repository's own readers. */
export function readDatasetTables(repository: TableReaders): DatasetTables {
  return Object.fromEntries(Object.keys(DATASET_READS).map((name) => [name, repository[name as DatasetTableName]()])) as DatasetTables;
}
