import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { htsHeadings, tradeFlows, tradeQuantities } from '../../db/schema.js';

export type HtsHeadingRecord = typeof htsHeadings.$inferSelect;
export type TradeFlowRecord = typeof tradeFlows.$inferSelect;
export type TradeQuantityRecord = typeof tradeQuantities.$inferSelect;

/** What a query of flows is narrowed to: one edition, and any of the other key columns. */
export interface FlowFilter {
  edition: string;
  reporter: string;
  flow?: 'imports' | 'exports' | undefined;
  hts?: readonly string[] | undefined;
  partner?: readonly string[] | undefined;
  year?: number | undefined;
  /** Years from … to (inclusive). */
  years?: { from: number; to: number } | undefined;
  period?: string | undefined;
}

function whereOf(filter: FlowFilter, table: typeof tradeFlows | typeof tradeQuantities): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(table.edition, filter.edition), eq(table.reporter, filter.reporter)];
  if (filter.flow !== undefined) conditions.push(eq(table.flow, filter.flow));
  if (filter.hts !== undefined) conditions.push(inArray(table.hts, [...filter.hts]));
  if (filter.partner !== undefined) conditions.push(inArray(table.partner, [...filter.partner]));
  if (filter.year !== undefined) conditions.push(eq(table.year, filter.year));
  if (filter.years !== undefined) conditions.push(gte(table.year, filter.years.from), lte(table.year, filter.years.to));
  if (filter.period !== undefined) conditions.push(eq(table.period, filter.period));
  return and(...conditions);
}

function readCoverage(tradeDb: Db) {
  return tradeDb
    .select({
      edition: tradeFlows.edition,
      reporter: tradeFlows.reporter,
      period: tradeFlows.period,
      partners: sql<string>`group_concat(distinct ${tradeFlows.partner})`,
      firstYear: sql<number>`min(${tradeFlows.year})`,
      lastYear: sql<number>`max(${tradeFlows.year})`,
    })
    .from(tradeFlows)
    .groupBy(tradeFlows.edition, tradeFlows.reporter, tradeFlows.period)
    .all();
}
type TradeCoverageRow = ReturnType<typeof readCoverage>[number];

/**
 * The heading map and the coverage of a trade store, read on first use. The store is opened read-only and never changes
 * while the process runs, so they are read once per store, not once per dataset version and edition view (the
 * coverage is a GROUP BY over every flow: tens of milliseconds).
 */
const storeFacts = new WeakMap<Db, { headings: HtsHeadingRecord[]; coverage: TradeCoverageRow[] }>();
function readOnce(tradeDb: Db) {
  let facts = storeFacts.get(tradeDb);
  if (!facts) {
    facts = {
      headings: tradeDb.select().from(htsHeadings).orderBy(asc(htsHeadings.hts), asc(htsHeadings.mineralId)).all(),
      coverage: readCoverage(tradeDb),
    };
    storeFacts.set(tradeDb, facts);
  }
  return facts;
}

/**
 * Observed trade, read by query from the trade store (`tradeDb`, read-only, never in the snapshot): the bulk rows and the
 * heading map they are read with.
 */
export function createTradeRepository(tradeDb: Db) {
  return {
    headings: (): HtsHeadingRecord[] => readOnce(tradeDb).headings,
    /** Editions, reporters, partners and the years of each period the store holds. */
    coverage: (): TradeCoverageRow[] => readOnce(tradeDb).coverage,
    countFlows: (filter: FlowFilter): number =>
      tradeDb
        .select({ count: sql<number>`count(*)` })
        .from(tradeFlows)
        .where(whereOf(filter, tradeFlows))
        .get()?.count ?? 0,
    /** Flows in key order (the store's ids follow the file's key order), after `afterId`, at most `limit`. */
    flows: (filter: FlowFilter, afterId: number | null = null, limit?: number): TradeFlowRecord[] => {
      const query = tradeDb
        .select()
        .from(tradeFlows)
        .where(and(whereOf(filter, tradeFlows), afterId === null ? undefined : gt(tradeFlows.id, afterId)))
        .orderBy(asc(tradeFlows.id));
      return limit === undefined ? query.all() : query.limit(limit).all();
    },
    quantities: (filter: FlowFilter): TradeQuantityRecord[] =>
      tradeDb.select().from(tradeQuantities).where(whereOf(filter, tradeQuantities)).orderBy(asc(tradeQuantities.id)).all(),
  };
}

export type TradeRepository = ReturnType<typeof createTradeRepository>;
