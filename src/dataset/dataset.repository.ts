import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  apparentConsumption,
  bases,
  countries,
  datasetMeta,
  defenseUses,
  governance,
  groupMembers,
  groups,
  importReliance,
  importSources,
  minerals,
  production,
  reserves,
  sources,
  stages,
} from '../db/schema.js';

export type SourceRecord = typeof sources.$inferSelect;
export type CountryRecord = typeof countries.$inferSelect;
export type MineralRecord = typeof minerals.$inferSelect;
export type StageRecord = typeof stages.$inferSelect;
export type BasisRecord = typeof bases.$inferSelect;
export type GroupRecord = typeof groups.$inferSelect;
export type GroupMemberRecord = typeof groupMembers.$inferSelect;
export type ProductionRecord = typeof production.$inferSelect;
export type ReserveRecord = typeof reserves.$inferSelect;
export type ImportRelianceRecord = typeof importReliance.$inferSelect;
export type ImportSourceRecord = typeof importSources.$inferSelect;
export type ApparentConsumptionRecord = typeof apparentConsumption.$inferSelect;
export type DefenseUseRecord = typeof defenseUses.$inferSelect;
export type GovernanceRecord = typeof governance.$inferSelect;

/** Reads whole tables in a stable order: the dataset is a few thousand rows, held in memory per version. */
export function createDatasetRepository(db: Db) {
  return {
    /** The dataset's version tag: the write counter and the seed's content hash. */
    versionTag(): string | null {
      const rows = db.select().from(datasetMeta).all();
      const version = rows.find((row) => row.key === 'version')?.value;
      const hash = rows.find((row) => row.key === 'content_hash')?.value;
      return version === undefined ? null : `${version}-${(hash ?? '').slice(0, 12)}`;
    },
    stages: (): StageRecord[] => db.select().from(stages).orderBy(asc(stages.sortOrder)).all(),
    minerals: (): MineralRecord[] => db.select().from(minerals).orderBy(asc(minerals.id)).all(),
    bases: (): BasisRecord[] => db.select().from(bases).orderBy(asc(bases.id)).all(),
    countries: (): CountryRecord[] => db.select().from(countries).orderBy(asc(countries.iso3)).all(),
    sources: (): SourceRecord[] => db.select().from(sources).orderBy(asc(sources.id)).all(),
    groups: (): GroupRecord[] => db.select().from(groups).orderBy(asc(groups.id)).all(),
    groupMembers: (): GroupMemberRecord[] =>
      db.select().from(groupMembers).orderBy(asc(groupMembers.groupId), asc(groupMembers.country)).all(),
    production: (): ProductionRecord[] => db.select().from(production).orderBy(asc(production.id)).all(),
    reserves: (): ReserveRecord[] => db.select().from(reserves).orderBy(asc(reserves.id)).all(),
    importReliance: (): ImportRelianceRecord[] =>
      db.select().from(importReliance).orderBy(asc(importReliance.id)).all(),
    importSources: (): ImportSourceRecord[] => db.select().from(importSources).orderBy(asc(importSources.id)).all(),
    apparentConsumption: (): ApparentConsumptionRecord[] =>
      db.select().from(apparentConsumption).orderBy(asc(apparentConsumption.id)).all(),
    defenseUses: (): DefenseUseRecord[] => db.select().from(defenseUses).orderBy(asc(defenseUses.id)).all(),
    governance: (): GovernanceRecord[] =>
      db
        .select()
        .from(governance)
        .orderBy(asc(governance.country), asc(governance.year), asc(governance.indicator))
        .all(),
  };
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;
