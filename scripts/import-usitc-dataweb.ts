/**
 * Import the kept USITC DataWeb files (data/raw/usitc-dataweb/) into data/trade_flows.csv and data/trade_quantities.csv.
 *
 *   npx tsx scripts/import-usitc-dataweb.ts [--dry-run]
 *
 * A file that does not match the importer's tables (sheet, header, partner, heading, unit, figure, sha256) is refused
 * whole: exit code 1, `file:sheet:row: what was found`, nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ImportError, REPOSITORY_ROOT, importKeptFiles, renderOutputs, type ImportReport } from '../src/importers/usitc-dataweb/index.js';

function describe(report: ImportReport): string[] {
  return [
    `${report.file} (${report.flow}, edition ${report.edition}, downloaded ${report.downloaded ?? 'date not given'})`,
    `  lines per sheet: ${report.sheets.map((sheet) => `${sheet.sheet} ${sheet.lines}`).join('; ')}`,
    `  ${report.flows} flow rows (${report.zeroValueFlows} with a recorded value of 0), ${report.quantities} quantity rows ` +
      `(${report.suppressedQuantities} suppressed, ${report.withheldQuantities} of them withheld entirely and written empty)`,
    ...report.skipped.map((line) => `  not read: ${line}`),
  ];
}

export async function main(argv: string[], log = console.log, error = console.error): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const started = performance.now();
  // Only the import can refuse a file; rendering and writing run on rows that passed every check.
  const result = await importKeptFiles().catch((caught: unknown) => {
    if (caught instanceof ImportError) return caught;
    throw caught;
  });
  if (result instanceof ImportError) {
    error(`import refused, nothing written: ${result.message}`);
    return 1;
  }
  const outputs = renderOutputs(result);
  const elapsed = performance.now() - started;
  for (const report of result.reports) describe(report).forEach((line) => log(line));
  for (const output of outputs) {
    const target = path.join(REPOSITORY_ROOT, output.file);
    const changed = !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== output.content;
    if (!dryRun && changed) fs.writeFileSync(target, output.content);
    log(`${output.file}: ${output.rows} rows, ${Buffer.byteLength(output.content)} bytes${changed ? '' : ' (unchanged)'}`);
  }
  log(`${dryRun ? 'dry run: nothing written' : 'written'} (import and render ${Math.round(elapsed)} ms)`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
