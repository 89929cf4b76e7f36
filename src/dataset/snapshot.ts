import type { ChangeRow } from '../db/schema.js';
import { citationOf } from '../domain/citation.js';
import { ValidationError } from '../errors.js';
import { selectEditions, sortEditions } from '../domain/editions.js';
import type { CountryGovernance } from '../domain/governance.js';
import { latestGovernance } from './governance.js';
import { figureOfRecord } from './production-codec.js';
import type { Measure } from '../scoring/export-controls.js';
import { shareSupplies, supplyByStageYear, type ProductionFigure, type StageYearSupply } from '../domain/supply.js';
import type {
  ApparentConsumptionRecord,
  BasisRecord,
  CapacityRecord,
  CountryRecord,
  CriticalMineralRecord,
  CriticalityInputRecord,
  DatasetRepository,
  DatasetTables,
  DefenseUseRecord,
  EditionRecord,
  ExportControlRecord,
  GovernanceNoteRecord,
  GovernanceRecord,
  GroupMemberRecord,
  GroupRecord,
  ImportRelianceRecord,
  ImportSourceRecord,
  ImporterRecord,
  MineralRecord,
  PriceRecord,
  ProductionRecord,
  ProjectionRecord,
  ReserveRecord,
  SalientRecord,
  SourceRecord,
  SourcingShareRecord,
  StageNameRecord,
  StageGapRecord,
  StageRecord,
  StageRelianceRecord,
  StageShareRecord,
} from './dataset.repository.js';
import { readDatasetTables } from './dataset.repository.js';

/** The tables whose rows carry an edition: every edition's rows in `all`, one view's rows at the top level. */
export interface FigureTables {
  production: ProductionRecord[];
  /**
   * Projected figures (a scenario's tonnes for a future year). Never part of production, figures or supplies: a
   * projection answers only when asked for (`projectionSupplies`), flagged as one.
   */
  projections: ProjectionRecord[];
  reserves: ReserveRecord[];
  importReliance: ImportRelianceRecord[];
  importSources: ImportSourceRecord[];
  apparentConsumption: ApparentConsumptionRecord[];
  capacity: CapacityRecord[];
  prices: PriceRecord[];
  salient: SalientRecord[];
  criticalMinerals: CriticalMineralRecord[];
  /** Stages known as country shares of world supply (a reference period), not tonnes. */
  stageShares: StageShareRecord[];
  /** Importers' sourcing shares per stage (EU sourcing), with the trade variable t. */
  sourcingShares: SourcingShareRecord[];
  /** Import reliance per stage, as the EU study gives it. */
  stageReliance: StageRelianceRecord[];
  /** Published criticality-assessment inputs and results (EU SR, EI, EoL-RIR, SI_SR). */
  criticalityInputs: CriticalityInputRecord[];
  /** WGI estimates: one release per view, for every country (see SERIES.governance). */
  governance: GovernanceRecord[];
}

/** Every edition's rows of the figure tables (revisions compare these). */
export type AllEditions = FigureTables;

/**
 * Everything the API reads, held in memory for one dataset version. Scores only change when the data does,
 * so services compute from this instead of querying per request.
 *
 * The figure tables (production … criticalMinerals) hold one view of the editions: by default, for each series,
 * the newest edition that reports it; `editionView()` gives the same shape pinned to one edition. `all` keeps
 * every edition's rows.
 */
export interface DatasetSnapshot extends FigureTables {
  version: string;
  /** Editions, oldest published first. */
  editions: EditionRecord[];
  editionById: ReadonlyMap<string, EditionRecord>;
  /** The edition this view is pinned to (`?edition=`); null for the default view. */
  pinnedEdition: EditionRecord | null;
  all: AllEditions;
  stages: StageRecord[];
  stageOrder: ReadonlyMap<string, number>;
  minerals: MineralRecord[];
  mineralById: ReadonlyMap<string, MineralRecord>;
  bases: BasisRecord[];
  basisById: ReadonlyMap<string, BasisRecord>;
  countries: CountryRecord[];
  countryByIso3: ReadonlyMap<string, CountryRecord>;
  sources: SourceRecord[];
  sourceById: ReadonlyMap<string, SourceRecord>;
  citationById: ReadonlyMap<string, string>;
  groups: GroupRecord[];
  groupById: ReadonlyMap<string, GroupRecord>;
  membersByGroup: ReadonlyMap<string, GroupMemberRecord[]>;
  groupsByCountry: ReadonlyMap<string, string[]>;
  figures: ProductionFigure[];
  /** One supply picture per (mineral, stage, year) on the preferred basis. */
  supplies: StageYearSupply[];
  /** Projected supply pictures per `${mineral}|${stage}`, one per (year, scenario); kept apart from `supplies`. */
  projectionSupplies: ReadonlyMap<string, ProjectionSupply[]>;
  /** `supplies` per `${mineral}|${stage}`, in the same order: per-mineral lookups without scanning every supply. */
  suppliesByMineralStage: ReadonlyMap<string, StageYearSupply[]>;
  defenseUses: DefenseUseRecord[];
  /** Export-control measures as stored, in id order. */
  exportControls: ExportControlRecord[];
  /** The same measures with their lists split, as the pure export-control functions read them. */
  measures: Measure[];
  /** The importers the API answers for (USA, EU …). */
  importers: ImporterRecord[];
  importerById: ReadonlyMap<string, ImporterRecord>;
  /** A mineral's own name for a stage, per `${mineral}|${stage}`; a mineral's chain lists exactly these stages. */
  stageNameByMineralStage: ReadonlyMap<string, StageNameRecord>;
  /** Why a stage of a mineral has no figures, per `${mineral}|${stage}` (every empty cell of the grid has one). */
  stageGapByMineralStage: ReadonlyMap<string, StageGapRecord>;
  /** Latest complete WGI per country in the view's release, with the EU 0–10 rescale. */
  governanceByCountry: ReadonlyMap<string, CountryGovernance>;
  /** EU-scaled WGI (0 best … 10 worst) per country with all six estimates, for governance-weighted scores. */
  wgiScaled: Readonly<Record<string, number>>;
  /** The WGI release this view's governance comes from; null when the dataset holds none. */
  governanceEdition: string | null;
  /** Why a country has no governance in any release (data/governance_notes.csv), per country. */
  governanceNotes: ReadonlyMap<string, GovernanceNoteRecord>;
}

/** A projected (mineral, stage, year) supply picture and the scenario it belongs to. */
export type ProjectionSupply = StageYearSupply & { scenario: string };

/** The key of `suppliesByMineralStage`. */
export function mineralStageKey(mineral: string, stage: string): string {
  return `${mineral}|${stage}`;
}

function indexBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const grouped = new Map<K, T[]>();
  for (const item of items) {
    const list = grouped.get(key(item));
    if (list) list.push(item);
    else grouped.set(key(item), [item]);
  }
  return grouped;
}

/** Per list of keys, a function copying a row into an object literal with exactly those keys. */
const rowCopiers = new Map<string, (row: Record<string, unknown>) => Record<string, unknown>>();

function rowCopier(keys: readonly string[]): (row: Record<string, unknown>) => Record<string, unknown> {
  const id = keys.join('\0');
  let copy = rowCopiers.get(id);
  if (copy === undefined) {
    const fields = keys.map((key) => `${JSON.stringify(key)}: row[${JSON.stringify(key)}]`).join(', ');
    // Generated from the table's column names (never from data): a literal is the only way to get this layout.
    copy = new Function('row', `return { ${fields} };`) as (row: Record<string, unknown>) => Record<string, unknown>;
    rowCopiers.set(id, copy);
  }
  return copy;
}

/**
 * Rows as the snapshot keeps them, for the whole life of a dataset version:
 * - SQLite hands every TEXT cell over as a new string, so a large table holds one copy of 'CHN' or 'cobalt' per
 *   row. Short strings (ids, codes, units) are replaced by one shared instance: the same values, a fraction of the
 *   memory (about a third of a 100× dataset's snapshot).
 * - drizzle builds each row key by key, so V8 keeps all but its first four fields in a separate property array
 *   (heap snapshot of a 100× dataset: 25 MB of them). Each row is copied into an object literal of the same keys,
 *   whose fields all sit in the object: about 24 bytes less per row, same keys, same order, same values.
 */
function compactRows<T extends object>(rows: T[], pool: Map<string, string>): T[] {
  const first = rows[0];
  if (first === undefined) return rows;
  const keys = Object.keys(first);
  const copy = rowCopier(keys);
  return rows.map((row) => {
    const record = row as Record<string, unknown>;
    let count = 0;
    for (const key in record) {
      count += 1;
      const value = record[key];
      if (typeof value !== 'string' || value.length > 64) continue;
      const shared = pool.get(value);
      if (shared === undefined) pool.set(value, value);
      else record[key] = shared;
    }
    // A row with other keys than the first (none from one SELECT) is kept as it is.
    return (count === keys.length ? copy(record) : row) as T;
  });
}

/** The version of a database that holds no dataset yet. */
export const NO_VERSION = 'empty';

/**
 * Reads the version tag and every table in one read transaction: read one statement at a time, a replica could
 * combine tables from before and after a write the primary committed in between (a production row citing a source
 * it does not hold), or label the newer data with the older version, so that ETags of that version named two
 * different bodies.
 */
export function buildSnapshot(repository: DatasetRepository): DatasetSnapshot {
  return repository.readConsistently(() => {
    const version = repository.versionTag() ?? NO_VERSION;
    return snapshotOf(readDatasetTables(repository), version);
  });
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(';');
}

/** A stored measure as the pure export-control functions read it. */
export function measureOf(record: ExportControlRecord): Measure {
  return {
    id: record.id,
    imposingCountry: record.imposingCountry,
    measure: record.measure,
    target: record.target,
    endUsers: record.endUsers,
    minerals: splitList(record.minerals),
    stages: splitList(record.stages),
    ...measureLifecycle(record),
  };
}

/** A measure's dates and the measures it suspends or hands over to, as stored. */
export function measureLifecycle(record: ExportControlRecord) {
  return {
    announced: record.announced,
    effective: record.effective,
    ends: record.ends,
    lifted: record.lifted,
    suspends: record.suspends,
    replacedBy: record.replacedBy,
  };
}

/** The snapshot of one dataset version from its tables (as DATASET_READS orders them), whichever store they came from. */
function snapshotOf(tables: DatasetTables, version: string): DatasetSnapshot {
  const pool = new Map<string, string>();
  const stages = tables.stages;
  const bases = tables.bases;
  const sources = tables.sources;
  const groupMembers = tables.groupMembers;
  const editions = sortEditions(tables.editions);
  const all: AllEditions = {
    production: compactRows(tables.production, pool),
    projections: compactRows(tables.projections, pool),
    reserves: compactRows(tables.reserves, pool),
    importReliance: compactRows(tables.importReliance, pool),
    importSources: compactRows(tables.importSources, pool),
    apparentConsumption: compactRows(tables.apparentConsumption, pool),
    capacity: compactRows(tables.capacity, pool),
    prices: compactRows(tables.prices, pool),
    salient: compactRows(tables.salient, pool),
    criticalMinerals: tables.criticalMinerals,
    stageShares: compactRows(tables.stageShares, pool),
    sourcingShares: compactRows(tables.sourcingShares, pool),
    stageReliance: tables.stageReliance,
    criticalityInputs: tables.criticalityInputs,
    governance: compactRows(tables.governance, pool),
  };
  const groupsByCountry = new Map<string, string[]>();
  for (const member of groupMembers) {
    groupsByCountry.set(member.country, [...(groupsByCountry.get(member.country) ?? []), member.groupId]);
  }
  const minerals = tables.minerals;
  const countries = tables.countries;
  const groups = tables.groups;
  const exportControls = tables.exportControls;
  const importers = tables.importers;
  const base = {
    version,
    editions,
    editionById: indexBy(editions, (edition) => edition.id),
    all,
    stages,
    stageOrder: new Map(stages.map((stage) => [stage.id, stage.sortOrder])),
    minerals,
    mineralById: indexBy(minerals, (mineral) => mineral.id),
    bases,
    basisById: indexBy(bases, (basis) => basis.id),
    countries,
    countryByIso3: indexBy(countries, (country) => country.iso3),
    sources,
    sourceById: indexBy(sources, (source) => source.id),
    citationById: new Map(sources.map((source) => [source.id, citationOf(source)])),
    groups,
    groupById: indexBy(groups, (group) => group.id),
    membersByGroup: groupBy(groupMembers, (member) => member.groupId),
    groupsByCountry,
    defenseUses: tables.defenseUses,
    exportControls,
    measures: exportControls.map(measureOf),
    importers,
    importerById: indexBy(importers, (importer) => importer.id),
    stageNameByMineralStage: indexBy(tables.stageNames, (row) => mineralStageKey(row.mineralId, row.stageId)),
    stageGapByMineralStage: indexBy(tables.stageGaps, (row) => mineralStageKey(row.mineralId, row.stageId)),
    governanceNotes: indexBy(tables.governanceNotes, (note) => note.country),
  };
  return { ...base, ...figureView(base, null) };
}

/** The series a row belongs to: its key without the edition. */
const SERIES = {
  production: (row: ProductionRecord) => `${row.mineralId}|${row.stageId}|${row.basisId}|${row.year}`,
  projections: (row: ProjectionRecord) => `${row.mineralId}|${row.stageId}|${row.basisId}|${row.year}|${row.scenario}`,
  reserves: (row: ReserveRecord) => `${row.mineralId}|${row.basis}|${row.year}`,
  importReliance: (row: ImportRelianceRecord) => `${row.importer}|${row.mineralId}|${row.form}|${row.year}`,
  importSources: (row: ImportSourceRecord) => `${row.importer}|${row.mineralId}|${row.form}|${row.period}`,
  apparentConsumption: (row: ApparentConsumptionRecord) => `${row.importer}|${row.mineralId}|${row.form}|${row.year}`,
  capacity: (row: CapacityRecord) => `${row.mineralId}|${row.stageId}|${row.basisId}|${row.year}`,
  prices: (row: PriceRecord) => `${row.mineralId}|${row.series}|${row.year}`,
  salient: (row: SalientRecord) => `${row.country}|${row.mineralId}|${row.statistic}|${row.detail}|${row.year}`,
  criticalMinerals: (row: CriticalMineralRecord) => `${row.mineralId}|${row.list}`,
  // A share table is one series: its countries' shares only add up within one edition.
  stageShares: (row: StageShareRecord) => `${row.mineralId}|${row.stageId}|${row.basisId}`,
  sourcingShares: (row: SourcingShareRecord) => `${row.importer}|${row.mineralId}|${row.stageId}`,
  stageReliance: (row: StageRelianceRecord) => `${row.importer}|${row.mineralId}|${row.stageId}`,
  criticalityInputs: (row: CriticalityInputRecord) => `${row.assessor}|${row.mineralId}`,
  // One series for the whole table: a governance-weighted score compares countries, so all of them must come from
  // the same WGI release (releases revise back years; a country one release lacks is missing, not filled from another).
  governance: (_row: GovernanceRecord) => 'wgi',
} as const;

type FigureView = Pick<
  DatasetSnapshot,
  | 'pinnedEdition'
  | 'production'
  | 'projections'
  | 'projectionSupplies'
  | 'figures'
  | 'supplies'
  | 'suppliesByMineralStage'
  | 'reserves'
  | 'importReliance'
  | 'importSources'
  | 'apparentConsumption'
  | 'capacity'
  | 'prices'
  | 'salient'
  | 'criticalMinerals'
  | 'stageShares'
  | 'sourcingShares'
  | 'stageReliance'
  | 'criticalityInputs'
  | 'governance'
  | 'governanceByCountry'
  | 'wgiScaled'
  | 'governanceEdition'
>;

/** The figure tables as one edition view sees them (see domain/editions for the rule). */
function figureView(snapshot: Pick<DatasetSnapshot, 'all' | 'editionById' | 'bases'>, pinned: EditionRecord | null): FigureView {
  const pick = <Row extends { edition: string }>(rows: Row[], key: (row: Row) => string): Row[] =>
    selectEditions(rows, key, snapshot.editionById, pinned ?? undefined);
  const { all } = snapshot;
  const production = pick(all.production, SERIES.production);
  const figures: ProductionFigure[] = production.map(figureOfRecord);
  const basisPriority = new Map(snapshot.bases.map((basis) => [basis.id, basis.priority]));
  const stageShares = pick(all.stageShares, SERIES.stageShares);
  // Annual tonnes and share tables side by side: a stage answers with its newest annual tonnes and falls back to
  // the shares (see yearRank); among share tables of one stage the preferred basis comes first.
  const supplies = [
    ...supplyByStageYear(figures, basisPriority),
    ...shareSupplies(stageShares).sort(
      (a, b) => (basisPriority.get(a.basis) ?? Infinity) - (basisPriority.get(b.basis) ?? Infinity) || (a.basis < b.basis ? -1 : 1),
    ),
  ];
  const projections = pick(all.projections, SERIES.projections);
  return {
    pinnedEdition: pinned,
    production,
    projections,
    projectionSupplies: groupBy(projectionSuppliesOf(projections, basisPriority), (supply) =>
      mineralStageKey(supply.mineral, supply.stage),
    ),
    figures,
    supplies,
    suppliesByMineralStage: groupBy(supplies, (supply) => mineralStageKey(supply.mineral, supply.stage)),
    reserves: pick(all.reserves, SERIES.reserves),
    importReliance: pick(all.importReliance, SERIES.importReliance),
    importSources: pick(all.importSources, SERIES.importSources),
    apparentConsumption: pick(all.apparentConsumption, SERIES.apparentConsumption),
    capacity: pick(all.capacity, SERIES.capacity),
    prices: pick(all.prices, SERIES.prices),
    salient: pick(all.salient, SERIES.salient),
    criticalMinerals: pick(all.criticalMinerals, SERIES.criticalMinerals),
    stageShares,
    sourcingShares: pick(all.sourcingShares, SERIES.sourcingShares),
    stageReliance: pick(all.stageReliance, SERIES.stageReliance),
    criticalityInputs: pick(all.criticalityInputs, SERIES.criticalityInputs),
    ...governanceView(pick(all.governance, SERIES.governance)),
  };
}

/** Projection rows → one supply picture per (mineral, stage, year, scenario), on the preferred basis, like observed ones. */
function projectionSuppliesOf(rows: readonly ProjectionRecord[], basisPriority: ReadonlyMap<string, number>): ProjectionSupply[] {
  const byScenario = groupBy(rows, (row) => row.scenario);
  return [...byScenario].flatMap(([scenario, scenarioRows]) => {
    const figures: ProductionFigure[] = scenarioRows.map((row) => ({
      mineral: row.mineralId,
      stage: row.stageId,
      country: row.country,
      year: row.year,
      basis: row.basisId,
      tonnes: row.tonnes,
      estimated: false,
      withheld: false,
      lowerBound: false,
      edition: row.edition,
      sourceId: row.sourceId,
    }));
    return supplyByStageYear(figures, basisPriority).map((supply) => ({ ...supply, scenario }));
  });
}

function governanceView(governance: GovernanceRecord[]) {
  const governanceByCountry = latestGovernance(governance);
  return {
    governance,
    governanceByCountry,
    wgiScaled: Object.fromEntries(
      [...governanceByCountry].flatMap(([country, entry]) => (entry.euScaled === null ? [] : [[country, entry.euScaled]])),
    ) as Record<string, number>,
    governanceEdition: governance[0]?.edition ?? null,
  };
}

/** Views per dataset version, keyed by its `all` (shared by the snapshot and every view of it). */
const views = new WeakMap<AllEditions, Map<string, DatasetSnapshot>>();

/**
 * The snapshot as edition `editionId` answered (see domain/editions), or the default view when no edition is
 * given. Built once per snapshot and edition; scores memoize per view object, so each view has its own results.
 * Throws EditionNotFound for an id the dataset does not hold.
 */
export function editionView(snapshot: DatasetSnapshot, editionId: string | undefined): DatasetSnapshot {
  if (editionId === undefined) return snapshot;
  const edition = snapshot.editionById.get(editionId);
  if (edition === undefined)
    throw new UnknownEditionError(
      editionId,
      snapshot.editions.map((entry) => entry.id),
    );
  let cache = views.get(snapshot.all);
  if (!cache) views.set(snapshot.all, (cache = new Map()));
  let view = cache.get(edition.id);
  if (!view) {
    view = { ...snapshot, ...figureView(snapshot, edition) };
    cache.set(edition.id, view);
  }
  return view;
}

/** An edition id the dataset does not hold; the HTTP layer reports it as a 400 on the `edition` field. */
export class UnknownEditionError extends Error {
  override name = 'UnknownEditionError';
  constructor(
    readonly editionId: string,
    readonly known: readonly string[],
  ) {
    super(`unknown edition '${editionId}'; known editions: ${known.join(', ')}`);
  }
}

/**
 * The snapshot as one edition answered (`?edition=`, a scenario's `edition`); the default view when none is given.
 * An unknown edition is a 400 naming `field`.
 */
export function viewForEdition(snapshot: DatasetSnapshot, edition: string | undefined, field: string): DatasetSnapshot {
  try {
    return editionView(snapshot, edition);
  } catch (error) {
    if (!(error instanceof UnknownEditionError)) throw error;
    throw new ValidationError(`Unknown edition '${error.editionId}'. See GET /v1/editions for the list.`, [
      { field, message: `unknown edition '${error.editionId}'; known: ${error.known.join(', ')}` },
    ]);
  }
}

export interface SnapshotStore {
  /**
   * The snapshot of the dataset version now in the database, rebuilt when the version changes. A write through
   * this process's connection (the write API, a seed) is seen by the very next call; a write by another process
   * or connection on the same file (a primary writing what a READ_ONLY replica reads) within `recheckMs`. A request
   * keeps the snapshot it first got (request.snapshot, see plugins/database), so its ETag and body agree.
   */
  current(): DatasetSnapshot;
}

export interface SnapshotStoreOptions {
  /** How often the version tag is re-read even though this connection wrote nothing (default 50 ms). */
  recheckMs?: number;
  /** Clock, ms (tests). */
  now?: () => number;
}

/** Default of SnapshotStoreOptions.recheckMs. */
export const VERSION_RECHECK_MS = 50;

/**
 * current() runs on every request (ETags, handlers), and reading the version tag starts an SQLite read
 * transaction, which takes the WAL lock: tens of microseconds on a busy machine. So each call only asks SQLite
 * whether this connection has written anything since the last read (total_changes(), no lock), and re-reads the
 * tag when it has, or when `recheckMs` have passed (counted from the end of the last check, so a slow rebuild
 * is not followed at once by another), for writes from elsewhere.
 */
export function createSnapshotStore(repository: DatasetRepository, options: SnapshotStoreOptions = {}): SnapshotStore {
  const recheckMs = options.recheckMs ?? VERSION_RECHECK_MS;
  const now = options.now ?? (() => performance.now());
  let cached: DatasetSnapshot | null = null;
  let changes = Number.NaN;
  let checkedAt = Number.NEGATIVE_INFINITY;
  return {
    current() {
      // Mid-write (an API write's transaction is open on this connection) the tables may hold uncommitted rows.
      if (cached !== null && repository.inTransaction()) return cached;
      const localChanges = repository.changeCount();
      if (cached !== null && localChanges === changes && now() - checkedAt < recheckMs) return cached;
      const version = repository.versionTag() ?? NO_VERSION;
      changes = localChanges;
      if (cached?.version !== version) {
        // Drop the old snapshot first, so two whole datasets are never held at once while the new one is built.
        // The build reads the version again, with the tables: it may be newer than `version` by then.
        cached = null;
        cached = buildSnapshot(repository);
      }
      checkedAt = now();
      return cached;
    },
  };
}

export type { ChangeRow } from '../db/schema.js';

/** Where a replica on a shared database server reads its snapshot from (dataset.repository.pg.ts). */
export interface SharedDatasetSource {
  versionTag(): Promise<string | null>;
  /**
   * The version tag, every table and the changes after `afterChangeId`, read in one transaction (one committed
   * state): the change feed is served from memory with the snapshot, so a replica answers it while the database
   * is away, and always with the version it names.
   */
  readConsistently(afterChangeId: number): Promise<{ version: string | null; tables: DatasetTables; changes: ChangeRow[] }>;
}

export interface RefreshableSnapshotStore extends SnapshotStore {
  /**
   * Rebuilds the snapshot when the database's version differs from the one held. Calls while a rebuild waits to
   * start join it; once the returned promise settles, the snapshot holds at least the state committed at the call.
   */
  refresh(): Promise<void>;
  /** The change feed up to the snapshot's version, oldest first. */
  changes(): readonly ChangeRow[];
}

/**
 * The snapshot store of a replica on PostgreSQL: current() never touches the database (every request is answered
 * from memory, also while the database is away); refresh() is called when a NOTIFY says another replica wrote,
 * after this replica's own writes, and when the LISTEN connection comes back. Two replicas label the same
 * committed state with the same version (the database's), so their ETags agree.
 */
export async function createSharedSnapshotStore(source: SharedDatasetSource): Promise<RefreshableSnapshotStore> {
  const feed: ChangeRow[] = [];
  const load = async () => {
    const { version, tables, changes: added } = await source.readConsistently(feed.at(-1)?.id ?? 0);
    feed.push(...added);
    return snapshotOf(tables, version ?? NO_VERSION);
  };
  let cached = await load();
  const rebuild = async () => {
    if (((await source.versionTag()) ?? NO_VERSION) !== cached.version) cached = await load();
  };
  let queue: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | null = null;
  return {
    current: () => cached,
    changes: () => feed,
    refresh() {
      if (waiting) return waiting;
      const next = queue.then(() => {
        waiting = null;
        return rebuild();
      });
      waiting = next;
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
