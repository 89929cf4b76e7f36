import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDataset, readCompiledDataset } from '../../src/dataset/load.js';
import { DATA_DIR, removeDir } from '../helpers/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-compiled-'));
afterAll(() => removeDir(dir));

describe('the compiled dataset (npm run build)', () => {
  const target = join(dir, 'dataset.json');
  const parsed = compileDataset(DATA_DIR, target);

  it('holds exactly the rows and line numbers the CSV parse gives', () => {
    const compiled = readCompiledDataset(target, parsed.contentHash);
    expect(compiled).not.toBeNull();
    expect(compiled!.files.map((file) => file.spec.file)).toEqual(parsed.files.map((file) => file.spec.file));
    expect(compiled!.files.map((file) => file.rows)).toEqual(parsed.files.map((file) => file.rows));
    expect(compiled!.files.map((file) => file.lines)).toEqual(parsed.files.map((file) => file.lines));
  });

  it('is ignored when data/ changed since it was built (another content hash)', () => {
    expect(readCompiledDataset(target, 'f'.repeat(64))).toBeNull();
  });

  it('is ignored when it is missing, unreadable or lacks a table', () => {
    expect(readCompiledDataset(join(dir, 'missing.json'), parsed.contentHash)).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"contentHash":');
    expect(readCompiledDataset(broken, parsed.contentHash)).toBeNull();
    const partial = JSON.parse(readFileSync(target, 'utf8')) as { files: unknown[] };
    partial.files.pop();
    writeFileSync(broken, JSON.stringify(partial));
    expect(readCompiledDataset(broken, parsed.contentHash)).toBeNull();
  });
});
