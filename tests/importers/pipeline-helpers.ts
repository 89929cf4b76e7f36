import fs from 'node:fs';
import path from 'node:path';
import type { Row } from '../../src/importers/shared/csv.js';
import { REPOSITORY_ROOT, runImporters } from '../../src/importers/pipeline.js';
import type { ImporterInput, Importer } from '../../src/importers/shared/importer.js';

/** A repository file as the importers read it, with some files replaced by fixture texts (path from the root → text). */
export function readWith(fixtures: Record<string, string> = {}): (file: string) => Buffer {
  return (file) => (file in fixtures ? Buffer.from(fixtures[file]!, 'utf8') : fs.readFileSync(path.join(REPOSITORY_ROOT, file)));
}

/** A repository file's text with `find` replaced by `replace` once (the fixture of a refusal); refuses an edit that changes nothing. */
export function edited(file: string, find: string | RegExp, replace: string): Record<string, string> {
  const before = fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
  const after = before.replace(find, replace);
  if (after === before) throw new Error(`fixture ${file}: ${String(find)} not found`);
  return { [file]: after };
}

/** The tables the importers before `importer` make from the repository's files, and the input it would get. */
export async function inputBefore(
  importer: Importer,
  importers: readonly Importer[],
  fixtures: Record<string, string> = {},
): Promise<ImporterInput> {
  const read = readWith(fixtures);
  const tables: Map<string, Row[]> = await runImporters(read, importers.slice(0, importers.indexOf(importer)));
  return { read, tables };
}

/** The physical line (1-based) of the first line of a repository file containing `needle`. */
export function lineOf(file: string, needle: string): number {
  const text = fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${file}: ${needle} not found`);
  return text.slice(0, index).split('\n').length;
}
