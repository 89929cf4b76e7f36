const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number as prose writes it: thousands grouped, at most two decimals (110,720; 100.1). */
export function formatNumber(value: number): string {
  return grouped.format(value);
}
