import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, RAW_FILES, importRawFile, type Row } from '../../src/importers/usgs-mcs/index.js';
import { find } from './helpers.js';

const result = importRawFile();
const { figures } = result;
const sb = (country: string, year: string): Row =>
  find(figures.production, { mineral: 'antimony', stage: 'mining', basis: 'sb-contained', country, year });

describe('usgs-mcs importer on the official MCS 2026 data-release file (data/raw/)', () => {
  it('is the official file, byte for byte', () => {
    const bytes = readFileSync(path.join(REPOSITORY_ROOT, RAW_FILES[0] as string));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('582a0aa231aea53d8a97dc8d1cd3dfa5f885cf3760353e3d029d7f0ae4fbaaf5');
    expect(result.edition.id).toBe('usgs-mcs-2026');
    expect(result.report.rowsRead).toBe(8886);
  });

  it('antimony mine production 2024 and 2025 as MCS 2026 revised it', () => {
    expect(sb('CHN', '2024')).toMatchObject({
      tonnes: '40000',
      estimated: 'true',
      edition: 'usgs-mcs-2026',
      source: 'usgs-mcs-2026-antimony',
    });
    expect(sb('RUS', '2024').tonnes).toBe('40000');
    expect(sb('WLD', '2024').tonnes).toBe('119000');
    expect(sb('CHN', '2025').tonnes).toBe('40000');
    expect(sb('RUS', '2025').tonnes).toBe('32000');
    expect(sb('TJK', '2025').tonnes).toBe('22000');
    expect(sb('WLD', '2025').tonnes).toBe('110000');
  });

  it('U.S. net import reliance for antimony, 2025', () => {
    expect(find(figures.import_reliance, { importer: 'USA', mineral: 'antimony', form: '', year: '2025' })).toMatchObject({
      percent: '91',
      qualifier: 'eq',
      estimated: 'true',
    });
  });

  it('rare-earth reserves of Brazil after the v1.3 erratum', () => {
    expect(find(figures.reserves, { mineral: 'rare-earths', country: 'BRA', year: '2025' })).toMatchObject({
      tonnes: '11000000',
      source: 'usgs-mcs-2026-rare-earths-v1-3',
    });
    expect(find(figures.reserves, { mineral: 'rare-earths', country: 'WLD', year: '2025' })).toMatchObject({
      tonnes: '75000000',
      lower_bound: 'true',
    });
  });

  it('other stages and units: gallium low-purity (kg), titanium sponge and concentrates (thousand t TiO2), capacity apart', () => {
    expect(find(figures.production, { mineral: 'gallium', basis: 'ga-primary', country: 'CHN', year: '2024' }).tonnes).toBe('839');
    expect(find(figures.capacity, { mineral: 'gallium', basis: 'ga-primary', country: 'WLD', year: '2025' }).tonnes).toBe('1700');
    expect(find(figures.production, { mineral: 'titanium', basis: 'ti-sponge', country: 'USA', year: '2024' }).withheld).toBe('true');
    expect(find(figures.production, { mineral: 'titanium', basis: 'ti-ilmenite-tio2', country: 'CHN', year: '2024' }).tonnes).toBe(
      '3040000',
    );
    expect(find(figures.production, { mineral: 'titanium', basis: 'ti-ilmenite-rutile-tio2', country: 'WLD', year: '2024' }).tonnes).toBe(
      '9680000',
    );
    expect(find(figures.production, { mineral: 'manganese', basis: 'mn-contained', country: 'WLD', year: '2024' }).tonnes).toBe('18700000');
    expect(
      figures.capacity.every((r) => ['ga-primary', 'ti-sponge', 'bi-refinery', 'in-refinery', 'te-refinery'].includes(r.basis ?? '')),
    ).toBe(true);
    expect(find(figures.production, { mineral: 'molybdenum', basis: 'mo-contained', country: 'CHN', year: '2025' }).tonnes).toBe('97000');
    expect(find(figures.reserves, { mineral: 'molybdenum', country: 'WLD', year: '2025' }).tonnes).toBe('17000000');
  });

  it('prices, salient statistics, import shares, critical-minerals flags', () => {
    expect(find(figures.prices, { mineral: 'antimony', series: 'metal-average', year: '2024' })).toMatchObject({
      value: '10.24',
      unit: 'dollars per pound',
      description: 'Price, metal, average, dollars per pound',
    });
    expect(find(figures.us_salient, { mineral: 'gallium', detail: 'Consumption, reported', year: '2024' })).toMatchObject({
      statistic: 'consumption',
      value: '18.7',
      unit: 't',
    });
    expect(find(figures.import_sources, { mineral: 'antimony', form: 'oxide', country: 'CHN' })).toMatchObject({
      share_pct: '66',
      rank: '1',
      period: '2021-24',
    });
    expect(find(figures.critical_minerals, { mineral: 'molybdenum' }).critical).toBe('false');
    expect(figures.critical_minerals).toHaveLength(15);
  });

  it('every row is counted: imported, skipped with a reason, or outside the chapters in scope', () => {
    const r = result.report;
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    expect(r.sections.reduce((n, s) => n + sum(s.imported) + sum(s.skipped), 0) + sum(r.outOfScope)).toBe(r.rowsRead);
    expect(new Set(r.sections.map((s) => s.chapter)).size).toBe(17);
  });
});
