import { round } from '../lib/round.js';
import { herfindahl } from './hhi.js';
import { sum } from './order.js';

/**
 * Each partner's share of the value of the covered partners (those the file breaks out, with a value), and the
 * HHI of those shares. Partners without a value are left out and named. Shares and HHI are of the covered partners
 * only: the file has no World row, so they overstate concentration when uncovered partners trade too.
 */
export function sharesOfCoveredPartners<T extends { partner: string; valueUsd: number | null }>(rows: readonly T[]) {
  const valued = rows.filter((row) => row.valueUsd !== null);
  const total = sum(valued.map((row) => row.valueUsd as number));
  const shares = valued.map((row) => ({ row, sharePct: total > 0 ? ((row.valueUsd as number) / total) * 100 : null }));
  const hhi = total > 0 ? herfindahl(shares.map((entry) => entry.sharePct as number)) : null;
  return {
    totalUsd: total,
    shares: shares.map((entry) => ({ ...entry.row, shareOfCoveredPartnersPct: entry.sharePct === null ? null : round(entry.sharePct, 2) })),
    hhi: hhi === null ? null : round(hhi, 1),
    withoutValue: rows.filter((row) => row.valueUsd === null).map((row) => row.partner),
  };
}
