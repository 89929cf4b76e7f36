import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildExportControls, writeExportControls } from '../../scripts/build-export-controls.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { DATA_DIR, copyDataDir, removeDir } from '../helpers/dataset.js';

const REFERENCE_DIR = join(PROJECT_ROOT, '..', 'shared', 'reference', 'data');
const minerals = new Set(
  (parse(readFileSync(join(DATA_DIR, 'minerals.csv'), 'utf8'), { columns: true }) as { id: string }[]).map((row) => row.id),
);

describe.skipIf(!existsSync(join(REFERENCE_DIR, 'export_controls.csv')))('scripts/build-export-controls.ts', () => {
  it('rebuilds the committed data/export_controls.csv and its sources byte for byte', () => {
    const dir = copyDataDir();
    try {
      const build = buildExportControls(REFERENCE_DIR, minerals);
      const result = writeExportControls(dir, build);
      expect(result).toEqual({ measures: 39, sourcesAdded: 0, sourcesUpdated: 0 });
      for (const file of ['export_controls.csv', 'sources.csv']) {
        expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(DATA_DIR, file), 'utf8'));
      }
      expect(build.skipped).toEqual([{ id: 'id-2023-bauxite-ore-ban', reason: 'covers only minerals not in data/minerals.csv (bauxite)' }]);
    } finally {
      removeDir(dir);
    }
  });

  it('keeps minerals once data/minerals.csv holds them (the editions work adds bismuth, molybdenum, indium, tellurium)', () => {
    const build = buildExportControls(REFERENCE_DIR, new Set([...minerals, 'bismuth', 'molybdenum', 'indium', 'tellurium']));
    expect(build.measures.find((row) => row.id === 'cn-mofcom-2025-10-w-te-bi-mo-in')?.minerals).toBe(
      'tungsten;tellurium;bismuth;molybdenum;indium',
    );
    expect(build.droppedMinerals).toEqual([]);
  });
});
