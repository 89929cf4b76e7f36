import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, runMigrations, type Db } from '../db/client.js';
import { createDatasetRepository } from '../dataset/dataset.repository.js';
import { seedIfEmpty } from '../dataset/load.js';
import { createSnapshotStore, type SnapshotStore } from '../dataset/snapshot.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The in-memory snapshot of the current dataset version. */
    dataset: SnapshotStore;
  }
}

export interface DatabasePluginOptions {
  databasePath: string;
  migrationsDir: string;
  dataDir: string;
  readOnly: boolean;
}

/** Opens SQLite, migrates, seeds an empty database from data/, and closes it with the app. */
async function database(app: FastifyInstance, options: DatabasePluginOptions): Promise<void> {
  const handle = openDatabase(options.databasePath, { readOnly: options.readOnly });
  try {
    if (!options.readOnly) {
      runMigrations(handle.db, options.migrationsDir);
      if (seedIfEmpty(handle.db, options.dataDir)) app.log.info({ dataDir: options.dataDir }, 'seeded the database');
    }
  } catch (error) {
    handle.close();
    throw error;
  }
  app.decorate('db', handle.db);
  app.decorate('dataset', createSnapshotStore(createDatasetRepository(handle.db)));
  app.addHook('onClose', async () => handle.close());
}

export default fp(database, { name: 'database' });
