import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: every input an importer reads is kept below it (data/raw, data/curated, src/importers/…). */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
