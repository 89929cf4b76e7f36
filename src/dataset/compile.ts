/**
 * `npm run build` step: validates data/ and writes it as dist/data/dataset.json, so a start-up on an unchanged
 * data/ skips parsing and validating the CSV files (see readDataset); and builds the trade store of the bulk files
 * (dist/data/trade.sqlite, see trade-store.ts), so a start-up only opens it.
 */
import { loadConfig } from '../config.js';
import { compileDataset, COMPILED_DATASET_PATH, DatasetError } from './load.js';
import { buildTradeStore, COMPILED_TRADE_STORE_PATH } from './trade-store.js';

try {
  const config = loadConfig();
  const dataset = compileDataset(config.dataDir);
  const rows = dataset.files.reduce((sum, file) => sum + file.rows.length, 0);
  console.log(`compiled ${rows} rows of data/ into ${COMPILED_DATASET_PATH}`);
  buildTradeStore(config.dataDir, COMPILED_TRADE_STORE_PATH, config.migrationsDir);
  console.log(`built the trade store ${COMPILED_TRADE_STORE_PATH}`);
} catch (error) {
  console.error(error instanceof DatasetError ? error.message : error);
  process.exitCode = 1;
}
