import type { DatasetSnapshot } from './snapshot.js';

const caches = new WeakMap<DatasetSnapshot, Map<string, unknown>>();

/** Past this many results per version (e.g. many distinct scenario bodies), new ones are computed but not kept. */
export const MAX_MEMOIZED_PER_VERSION = 5_000;

/**
 * Computes once per dataset version: results only change when the data does, and a new version
 * is a new snapshot object, so stale entries go away with the old snapshot.
 */
export function memoize<T>(snapshot: DatasetSnapshot, key: string, compute: () => T): T {
  let cache = caches.get(snapshot);
  if (!cache) {
    cache = new Map();
    caches.set(snapshot, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size < MAX_MEMOIZED_PER_VERSION) cache.set(key, value);
  return value;
}
