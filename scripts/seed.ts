/** Rebuilds the database from data/: migrates, then replaces every table in one transaction. */
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { DatasetError, readDataset, storeDataset } from '../src/dataset/load.js';

const config = loadConfig();
const handle = openDatabase(config.databasePath);
try {
  runMigrations(handle.db, config.migrationsDir);
  const dataset = readDataset(config.dataDir);
  storeDataset(handle.db, dataset);
  const rows = dataset.files.map((file) => `${file.spec.file}: ${file.rows.length}`).join(', ');
  console.log(`Seeded ${config.databasePath} from ${config.dataDir} (${rows})`);
} catch (error) {
  console.error(error instanceof DatasetError ? error.message : error);
  process.exitCode = 1;
} finally {
  handle.close();
}
