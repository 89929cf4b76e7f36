import type { Db } from '../../db/client.js';
import { appliedMigrationCount, expectedMigrationCount, pingDatabase } from '../../db/status.js';
import { createDatasetRepository } from '../../dataset/dataset.repository.js';
import { AppError } from '../../errors.js';

export interface Readiness {
  status: 'ready';
  datasetVersion: string;
  migrations: number;
}

/**
 * Ready = the database answers a query, has every migration this build ships, and holds a dataset.
 * Throws AppError('unavailable') naming what is missing, which the error handler turns into 503 problem+json.
 */
export function createHealthService(db: Db, migrationsDir: string) {
  const expected = expectedMigrationCount(migrationsDir);
  const datasets = createDatasetRepository(db);
  return {
    readiness(): Readiness {
      let applied: number;
      let version: string | null;
      try {
        pingDatabase(db);
        applied = appliedMigrationCount(db);
        version = datasets.versionTag();
      } catch (error) {
        throw new AppError('unavailable', `The database is unreachable: ${(error as Error).message}.`);
      }
      if (applied < expected) {
        throw new AppError('unavailable', `The database is not migrated: ${applied} of ${expected} migrations applied.`);
      }
      if (version === null) throw new AppError('unavailable', 'The database holds no dataset yet.');
      return { status: 'ready', datasetVersion: version, migrations: applied };
    },
  };
}
