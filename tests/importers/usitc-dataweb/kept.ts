import { importKeptFiles, type KeptImport } from '../../../src/importers/usitc-dataweb/index.js';

let kept: Promise<KeptImport> | null = null;

/** The kept raw files (data/raw/usitc-dataweb/) through the importer, once per test process (≈ 4 s). */
export function keptImport(): Promise<KeptImport> {
  kept ??= importKeptFiles();
  return kept;
}
