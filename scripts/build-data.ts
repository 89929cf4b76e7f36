/**
 * Rebuilds data/ from the files kept in the repository (data/raw/, data/curated/), running every importer in the
 * order src/importers/pipeline.ts declares. Deterministic: the committed data/ is what this writes.
 *
 *   npm run data:build            # write data/
 *   npm run data:build -- --check # write nothing; exit 1 if a data file differs from what the importers make
 */
import fs from 'node:fs';
import path from 'node:path';
import { ImportError } from '../src/importers/shared/errors.js';
import { REPOSITORY_ROOT, buildDataFiles } from '../src/importers/pipeline.js';

const dataDir = path.join(REPOSITORY_ROOT, 'data');
const check = process.argv.includes('--check');
try {
  const files = await buildDataFiles();
  const changed = [...files].filter(([file, text]) => {
    const target = path.join(dataDir, file);
    return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text;
  });
  if (!check) {
    for (const [file, text] of changed) {
      // Temp file + rename, so a file is never half-written.
      const target = path.join(dataDir, file);
      fs.writeFileSync(`${target}.build-tmp`, text, 'utf8');
      fs.renameSync(`${target}.build-tmp`, target);
    }
  }
  for (const [file, text] of files) console.log(`  ${file.padEnd(26)} ${text.split('\n').length - 2} rows`);
  const verb = check ? 'differ' : 'rewritten';
  console.log(
    `data/: ${files.size} files, ${changed.length} ${verb}${changed.length ? `: ${changed.map(([file]) => file).join(', ')}` : ''}`,
  );
  if (check && changed.length > 0) process.exitCode = 1;
} catch (caught) {
  if (!(caught instanceof ImportError)) throw caught;
  console.error(`build refused, nothing written: ${caught.message}`);
  process.exitCode = 1;
}
