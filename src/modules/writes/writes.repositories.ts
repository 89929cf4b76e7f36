import type { Store } from '../../db/store.js';
import { createSqliteWritesRepository, type WritesRepository } from './writes.repository.js';
import { createPgWritesRepository } from './writes.repository.pg.js';

/** The writes repository of the store the app runs on (its own file, so neither store's repository imports the other's). */
export function createWritesRepository(store: Store): WritesRepository {
  return store.kind === 'sqlite' ? createSqliteWritesRepository(store.db) : createPgWritesRepository(store);
}
