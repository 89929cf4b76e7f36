import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORTERS, REPOSITORY_ROOT, buildDataFiles } from '../../src/importers/pipeline.js';

describe('committed data/ is what the importers make of the files kept in the repository', () => {
  it(`running ${IMPORTERS.map((importer) => importer.name).join(', ')} rewrites no file of data/ (run \`npm run data:build\` if this fails)`, async () => {
    const files = await buildDataFiles();
    const differing = [...files].filter(([file, text]) => fs.readFileSync(path.join(REPOSITORY_ROOT, 'data', file), 'utf8') !== text);
    expect(differing.map(([file]) => file)).toEqual([]);
    expect(files.size).toBe(32);
  }, 60_000);

  it('every importer reads only files of the repository under data/raw/ or data/curated/', () => {
    for (const importer of IMPORTERS) {
      for (const input of importer.inputs) {
        expect(input, importer.name).toMatch(/^data\/(raw|curated)\//);
        expect(fs.existsSync(path.join(REPOSITORY_ROOT, input)), input).toBe(true);
      }
    }
  });
});
