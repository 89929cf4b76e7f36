/**
 * Import an official data file into data/.
 *
 *   npm run data:import -- usgs-mcs <file> [--data-dir <dir>] [--dry-run]
 *
 * The file is refused whole (exit code 1, `file:line: what was found`) when it does not match the importer's
 * tables; nothing is written then. Otherwise every data/ file is rewritten with this edition's rows replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, ImportError, formatReport, planDataDir, readDataDir, transform, writeDataDir } from '../src/importers/usgs-mcs/index.js';

const USAGE = 'usage: npm run data:import -- usgs-mcs <file> [--data-dir <dir>] [--dry-run]';

/** The whole command; returns the exit code (exported so tests can run it in-process). */
export function main(argv: string[], log: (line: string) => void = console.log, error: (line: string) => void = console.error): number {
  const args = [...argv];
  let dataDir = DATA_DIR;
  let dryRun = false;
  const positional: string[] = [];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--data-dir') dataDir = path.resolve(args.shift() ?? '');
    else if (arg === '--dry-run') dryRun = true;
    else positional.push(arg);
  }
  const [importer, file] = positional;
  if (importer !== 'usgs-mcs' || !file || positional.length !== 2) {
    error(USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) {
    error(`${file}: no such file`);
    return 1;
  }
  try {
    const started = performance.now();
    const result = transform(fs.readFileSync(file), file);
    const plan = planDataDir(result, readDataDir(dataDir), path.relative(process.cwd(), dataDir) || '.');
    const elapsed = performance.now() - started;
    if (!dryRun) writeDataDir(dataDir, plan);
    log(formatReport(result, plan, elapsed));
    log(dryRun ? 'dry run: nothing written' : `written to ${dataDir}`);
    return 0;
  } catch (caught) {
    if (caught instanceof ImportError) {
      error(`import refused, nothing written: ${caught.message}`);
      return 1;
    }
    throw caught;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
