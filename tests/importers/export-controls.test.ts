import { describe, expect, it } from 'vitest';
import { exportControls, importExportControls } from '../../src/importers/export-controls/index.js';
import { IMPORTERS } from '../../src/importers/pipeline.js';
import { inputBefore } from './pipeline-helpers.js';

describe('export-controls importer', () => {
  it('makes the 39 measures and the sources they cite, leaving out the bauxite-only ban', async () => {
    const result = importExportControls(await inputBefore(exportControls, IMPORTERS));
    expect(result.measures).toHaveLength(39);
    expect(result.sources.every((source) => source.id!.startsWith('xc-'))).toBe(true);
    expect(result.skipped).toEqual([{ id: 'id-2023-bauxite-ore-ban', reason: 'covers only minerals not in data/minerals.csv (bauxite)' }]);
    expect(result.measures.find((row) => row.id === 'cn-mofcom-2023-23-ga-ge')).toMatchObject({
      imposing_country: 'CHN',
      measure: 'licence-requirement',
      minerals: 'gallium;germanium',
      stages: 'refining;metal;component',
      replaced_by: 'cn-mofcom-2024-51-dual-use-list',
    });
  });

  it('keeps a mineral once data/minerals.csv holds it, and leaves it out (reported) while it does not', async () => {
    const input = await inputBefore(exportControls, IMPORTERS);
    const kept = importExportControls(input);
    expect(kept.measures.find((row) => row.id === 'cn-mofcom-2025-10-w-te-bi-mo-in')?.minerals).toBe(
      'tungsten;tellurium;bismuth;molybdenum;indium',
    );
    expect(kept.droppedMinerals).toEqual([]);
    const minerals = input.tables.get('minerals.csv')!.filter((row) => row.id !== 'tellurium');
    const without = importExportControls({ ...input, tables: new Map([...input.tables, ['minerals.csv', minerals]]) });
    expect(without.measures.find((row) => row.id === 'cn-mofcom-2025-10-w-te-bi-mo-in')?.minerals).toBe(
      'tungsten;bismuth;molybdenum;indium',
    );
    expect(without.droppedMinerals).toContainEqual({ id: 'cn-mofcom-2025-10-w-te-bi-mo-in', minerals: ['tellurium'] });
    expect(without.droppedMinerals.every((entry) => entry.minerals.join() === 'tellurium')).toBe(true);
  });
});
