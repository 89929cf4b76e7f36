import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planDataDir, readDataDir, transform } from '../../src/importers/usgs-mcs/index.js';
import { SMALL, copyFixtureDataDir, hashes, removeDir, runCli } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});
function fixtureDir(): string {
  const dir = copyFixtureDataDir();
  dirs.push(dir);
  return dir;
}
const lines = (dir: string, file: string): string[] => readFileSync(path.join(dir, file), 'utf8').split('\n');

describe('usgs-mcs importer writing a data/ folder in the editions-contract format', () => {
  it('replaces the edition, keeps other editions, sorts by key, LF and quotes only when needed', () => {
    const dir = fixtureDir();
    const before = lines(dir, 'production.csv');
    const { code, out } = runCli(['usgs-mcs', SMALL, '--data-dir', dir]);
    expect(code).toBe(0);
    expect(out).toContain('written to');
    const production = lines(dir, 'production.csv');
    expect(production[0]).toBe('mineral,stage,country,year,basis,tonnes,edition,source,estimated,withheld,lower_bound');
    // other editions' rows are kept as they were
    for (const row of before.slice(1).filter((l) => l !== '')) expect(production).toContain(row);
    expect(production).toContain('antimony,mining,CHN,2024,sb-contained,60000,usgs-mcs-2025,usgs-mcs-2025-antimony,true,false,false');
    expect(production).toContain('antimony,mining,CHN,2024,sb-contained,40000,usgs-mcs-2026,usgs-mcs-2026-antimony,true,false,false');
    const body = production.slice(1, -1);
    const keyOf = (l: string): string[] => {
      const f = l.split(',');
      return [f[0], f[1], f[2], f[3], f[4], f[6]].map(String);
    };
    const sorted = [...body].sort((a, b) => (keyOf(a).join('\u0000') < keyOf(b).join('\u0000') ? -1 : 1));
    expect(body).toEqual(sorted);
    expect(readFileSync(path.join(dir, 'production.csv'), 'utf8')).not.toContain('\r');
    // new files in the contract format
    expect(lines(dir, 'capacity.csv')[0]).toBe('mineral,stage,country,year,basis,tonnes,edition,source,estimated,lower_bound');
    expect(lines(dir, 'critical_minerals.csv')).toContain('antimony,us-2025,true,usgs-mcs-2026,usgs-mcs-2026-antimony');
    expect(lines(dir, 'editions.csv').filter((l) => l.startsWith('usgs-mcs-2026,'))).toHaveLength(1);
    expect(lines(dir, 'sources.csv').some((l) => l.startsWith('usgs-mcs-2026-rare-earths-v1-3,'))).toBe(true);
    expect(lines(dir, 'minerals.csv').some((l) => l.startsWith('tellurium,Tellurium,Te,'))).toBe(true);
    expect(lines(dir, 'bases.csv').some((l) => l.startsWith('te-refinery,tellurium,refining,'))).toBe(true);
    // an existing country keeps its name and gains the USGS spelling as an alias
    expect(lines(dir, 'countries.csv')).toContain('MMR,Myanmar,Burma|Myanmar,South-eastern Asia,false');
  });

  it('is idempotent: importing the same file again changes nothing', () => {
    const dir = fixtureDir();
    expect(runCli(['usgs-mcs', SMALL, '--data-dir', dir]).code).toBe(0);
    const once = hashes(dir);
    const plan = planDataDir(transform(readFileSync(SMALL), SMALL), readDataDir(dir));
    expect(plan.files.filter((f) => f.changed).map((f) => f.file)).toEqual([]);
    expect(runCli(['usgs-mcs', SMALL, '--data-dir', dir]).code).toBe(0);
    expect(hashes(dir)).toEqual(once);
  });

  it('--dry-run writes nothing', () => {
    const dir = fixtureDir();
    const before = hashes(dir);
    expect(runCli(['usgs-mcs', SMALL, '--data-dir', dir, '--dry-run']).code).toBe(0);
    expect(hashes(dir)).toEqual(before);
  });

  it('summarises revisions against the newest earlier usgs-mcs edition', () => {
    const dir = fixtureDir();
    const plan = planDataDir(transform(readFileSync(SMALL), SMALL), readDataDir(dir));
    expect(plan.revisions?.from).toBe('usgs-mcs-2025');
    const chn = plan.revisions?.revisions.find(
      (r) => r.table === 'production' && r.key.mineral === 'antimony' && r.key.country === 'CHN' && r.key.year === '2024',
    );
    expect(chn).toMatchObject({ old: '60000', new: '40000', change: -20000 });
    const { out } = runCli(['usgs-mcs', SMALL, '--data-dir', dir, '--dry-run']);
    expect(out).toContain('revisions against usgs-mcs-2025');
    expect(out).toContain('antimony mining CHN 2024 (sb-contained): 60,000 → 40,000 t');
  });

  it('creates editions.csv (and other new files) when missing', () => {
    const dir = fixtureDir();
    rmSync(path.join(dir, 'editions.csv'));
    expect(runCli(['usgs-mcs', SMALL, '--data-dir', dir]).code).toBe(0);
    const editions = lines(dir, 'editions.csv');
    expect(editions[0]).toBe('id,family,publisher,title,doi,url,published,data_years,notes');
    expect(editions.filter((l) => l !== '')).toHaveLength(2);
    expect(editions[1]).toMatch(/^usgs-mcs-2026,usgs-mcs,U\.S\. Geological Survey,Mineral Commodity Summaries 2026,10\.3133\/mcs2026,/);
  });
});

describe('the drift-test helper', () => {
  it('plannedDataDir(dir) reports no change once dir holds the import of the kept official file', async () => {
    const { plannedDataDir, RAW_FILES, REPOSITORY_ROOT } = await import('../../src/importers/usgs-mcs/index.js');
    const dir = fixtureDir();
    expect(plannedDataDir(dir).files.some((f) => f.changed)).toBe(true);
    expect(runCli(['usgs-mcs', path.join(REPOSITORY_ROOT, RAW_FILES[0] as string), '--data-dir', dir]).code).toBe(0);
    expect(
      plannedDataDir(dir)
        .files.filter((f) => f.changed)
        .map((f) => f.file),
    ).toEqual([]);
  });
});
