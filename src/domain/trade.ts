/** Observed trade (USITC DataWeb): the periods a flow is counted over. */

/** A full calendar year, or January–April of a year (the year-to-date months of the 2026-07 edition). */
export const TRADE_PERIODS = ['year', 'jan-apr'] as const;
export type TradePeriod = (typeof TRADE_PERIODS)[number];
