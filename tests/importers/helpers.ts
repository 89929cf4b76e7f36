import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../scripts/import-data.js';
import type { Row } from '../../src/importers/usgs-mcs/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const SMALL = path.join(FIXTURES, 'mcs2026-small.csv');
export const DATA_2025 = path.join(FIXTURES, 'data-2025');

/** The fixture as a byte-preserving string (latin1: one char per byte), so tests can edit ASCII parts. */
export function smallBytesText(): string {
  return readFileSync(SMALL).toString('latin1');
}

export function tempDir(prefix = 'chokepoint-importer-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Write an edited copy of the small fixture (still Windows-1252 bytes). */
export function writeVariant(dir: string, name: string, edit: (text: string) => string): string {
  const file = path.join(dir, name);
  const before = smallBytesText();
  const after = edit(before);
  if (after === before) throw new Error(`variant ${name}: the edit changed nothing`);
  writeFileSync(file, Buffer.from(after, 'latin1'));
  return file;
}

/** Physical line (1-based) of the first line containing `needle` in a byte-preserving text. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

export function copyFixtureDataDir(): string {
  const dir = tempDir('chokepoint-data-');
  cpSync(DATA_2025, dir, { recursive: true });
  return dir;
}

/** sha256 of every file in a directory (missing directory: empty). */
export function hashes(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(path.join(dir, file)))
          .digest('hex'),
      ]),
  );
}

export function runCli(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function find(rows: Row[], where: Record<string, string>): Row {
  const hits = rows.filter((row) => Object.entries(where).every(([k, v]) => row[k] === v));
  if (hits.length !== 1) throw new Error(`${hits.length} rows match ${JSON.stringify(where)}`);
  return hits[0] as Row;
}
