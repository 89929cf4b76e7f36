import type { DatasetSnapshot } from './snapshot.js';

const caches = new WeakMap<DatasetSnapshot, Map<string, unknown>>();

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
  cache.set(key, value);
  return value;
}
