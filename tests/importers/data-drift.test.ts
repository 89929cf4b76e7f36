import { describe, expect, it } from 'vitest';
import { plannedDataDir, RAW_FILES } from '../../src/importers/usgs-mcs/index.js';

describe('committed data/ is what the importer makes of the kept official files', () => {
  it(`re-importing ${RAW_FILES.join(', ')} changes no file in data/ (run \`npx tsx scripts/build-data.ts\` if this fails)`, () => {
    const plan = plannedDataDir();
    expect(plan.files.filter((file) => file.changed).map((file) => file.file)).toEqual([]);
  });
});
