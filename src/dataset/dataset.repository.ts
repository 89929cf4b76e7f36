import type Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
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
function tagOf(version: string | null | undefined, hash: string | null | undefined): string | null {
  return version === null || version === undefined ? null : `${version}-${(hash ?? '').slice(0, 12)}`;
}

const VERSION_SQL =
  "select (select value from dataset_meta where key = 'version'), (select value from dataset_meta where key = 'content_hash')";

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

/** Reads whole tables in a stable order: the dataset is a few thousand rows, held in memory per version. */
export function createDatasetRepository(db: Db) {
  return {
    /** Runs several reads (the version tag and the tables) against one committed state of the database. */
    readConsistently: readTransaction(db),
    /** The dataset's version tag: the write counter and the seed's content hash; null before the first seed. */
    versionTag: versionReader(db),
    /** Writes made through this connection so far (a cheap "did we write?" probe; see changeCounter). */
    changeCount: changeCounter(db),
    stages: (): StageRecord[] => db.select().from(stages).orderBy(asc(stages.sortOrder)).all(),
    minerals: (): MineralRecord[] => db.select().from(minerals).orderBy(asc(minerals.id)).all(),
    bases: (): BasisRecord[] => db.select().from(bases).orderBy(asc(bases.id)).all(),
    countries: (): CountryRecord[] => db.select().from(countries).orderBy(asc(countries.iso3)).all(),
    sources: (): SourceRecord[] => db.select().from(sources).orderBy(asc(sources.id)).all(),
    groups: (): GroupRecord[] => db.select().from(groups).orderBy(asc(groups.id)).all(),
    groupMembers: (): GroupMemberRecord[] =>
      db.select().from(groupMembers).orderBy(asc(groupMembers.groupId), asc(groupMembers.country)).all(),
    production: (): ProductionRecord[] => db.select().from(production).orderBy(asc(production.id)).all(),
    projections: (): ProjectionRecord[] => db.select().from(projections).orderBy(asc(projections.id)).all(),
    reserves: (): ReserveRecord[] => db.select().from(reserves).orderBy(asc(reserves.id)).all(),
    importReliance: (): ImportRelianceRecord[] => db.select().from(importReliance).orderBy(asc(importReliance.id)).all(),
    importSources: (): ImportSourceRecord[] => db.select().from(importSources).orderBy(asc(importSources.id)).all(),
    apparentConsumption: (): ApparentConsumptionRecord[] =>
      db.select().from(apparentConsumption).orderBy(asc(apparentConsumption.id)).all(),
    editions: (): EditionRecord[] => db.select().from(editions).orderBy(asc(editions.id)).all(),
    capacity: (): CapacityRecord[] => db.select().from(capacity).orderBy(asc(capacity.id)).all(),
    prices: (): PriceRecord[] => db.select().from(prices).orderBy(asc(prices.id)).all(),
    salient: (): SalientRecord[] => db.select().from(salient).orderBy(asc(salient.id)).all(),
    criticalMinerals: (): CriticalMineralRecord[] =>
      db
        .select()
        .from(criticalMinerals)
        .orderBy(asc(criticalMinerals.mineralId), asc(criticalMinerals.list), asc(criticalMinerals.edition))
        .all(),
    defenseUses: (): DefenseUseRecord[] => db.select().from(defenseUses).orderBy(asc(defenseUses.id)).all(),
    exportControls: (): ExportControlRecord[] => db.select().from(exportControls).orderBy(asc(exportControls.id)).all(),
    importers: (): ImporterRecord[] => db.select().from(importers).orderBy(asc(importers.id)).all(),
    stageNames: (): StageNameRecord[] => db.select().from(stageNames).orderBy(asc(stageNames.mineralId), asc(stageNames.stageId)).all(),
    stageGaps: (): StageGapRecord[] => db.select().from(stageGaps).orderBy(asc(stageGaps.mineralId), asc(stageGaps.stageId)).all(),
    stageShares: (): StageShareRecord[] => db.select().from(stageShares).orderBy(asc(stageShares.id)).all(),
    sourcingShares: (): SourcingShareRecord[] => db.select().from(sourcingShares).orderBy(asc(sourcingShares.id)).all(),
    stageReliance: (): StageRelianceRecord[] => db.select().from(stageReliance).orderBy(asc(stageReliance.id)).all(),
    criticalityInputs: (): CriticalityInputRecord[] => db.select().from(criticalityInputs).orderBy(asc(criticalityInputs.id)).all(),
    governance: (): GovernanceRecord[] =>
      db
        .select()
        .from(governance)
        .orderBy(asc(governance.country), asc(governance.year), asc(governance.indicator), asc(governance.edition))
        .all(),
    governanceNotes: (): GovernanceNoteRecord[] => db.select().from(governanceNotes).orderBy(asc(governanceNotes.country)).all(),
  };
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;
