/** Supply-chain stages from upstream to downstream; ties between stages go to the earlier one. */
export const STAGE_ORDER = ['mining', 'refining', 'metal', 'component'] as const;

/** Position of a stage in STAGE_ORDER; stages outside it sort after all known ones. */
export function stageRank(stage: string): number {
  const index = (STAGE_ORDER as readonly string[]).indexOf(stage);
  return index === -1 ? STAGE_ORDER.length : index;
}

/** Code-point comparison, so ordering never depends on the runtime's locale. */
export function compareCodes(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Largest share first; equal shares in country-code order, so output is deterministic. */
export function byShareDesc<T extends { country: string; share: number }>(a: T, b: T): number {
  return b.share - a.share || compareCodes(a.country, b.country);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Own-property lookup, so country codes never collide with Object.prototype keys. */
export function lookup(record: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
