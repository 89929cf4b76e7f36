/**
 * `npm run build` step: validates data/ and writes it as dist/data/dataset.json, so a start-up on an unchanged
 * data/ skips parsing and validating the CSV files (see readDataset).
 */
import { loadConfig } from '../config.js';
import { compileDataset, COMPILED_DATASET_PATH, DatasetError } from './load.js';

try {
  const dataset = compileDataset(loadConfig().dataDir);
  const rows = dataset.files.reduce((sum, file) => sum + file.rows.length, 0);
  console.log(`compiled ${rows} rows of data/ into ${COMPILED_DATASET_PATH}`);
} catch (error) {
  console.error(error instanceof DatasetError ? error.message : error);
  process.exitCode = 1;
}
