import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transform, type ImportResult } from '../../src/importers/usgs-mcs/index.js';
import { parseValue, scaleDecimal } from '../../src/importers/usgs-mcs/values.js';
import { decodeWindows1252 } from '../../src/importers/usgs-mcs/decode.js';
import { SMALL, find } from './helpers.js';

const result: ImportResult = transform(readFileSync(SMALL), 'mcs2026-small.csv');
const { figures } = result;
const antimony = { mineral: 'antimony', stage: 'mining', basis: 'sb-contained' };

describe('usgs-mcs transform on a small file in the official layout', () => {
  it('reads Windows-1252: em dash in section names, en dash in the import-source period, accented country names', () => {
    expect(decodeWindows1252(Uint8Array.from([0x96, 0x97, 0xf4, 0x92, 0xbd]))).toBe('–—ô’½');
    expect(result.report.sections.map((s) => s.section)).toContain('Salient Statistics—United States');
    expect(new Set(figures.import_sources.map((r) => r.period))).toEqual(new Set(['2021-24']));
    // Côte d’Ivoire (0xF4, 0x92 in the file) → CIV
    expect(find(figures.production, { mineral: 'manganese', country: 'CIV', year: '2024' }).tonnes).toBe('340000');
    expect(result.reference.countries.find((c) => c.iso3 === 'CIV')?.usgsName).toBe('Côte d’Ivoire');
    expect(result.edition.id).toBe('usgs-mcs-2026');
  });

  it('converts units to tonnes exactly: metric tons, thousand metric tons (×1000), kilograms (÷1000)', () => {
    expect(find(figures.production, { ...antimony, country: 'CHN', year: '2024' }).tonnes).toBe('40000');
    expect(find(figures.production, { mineral: 'manganese', country: 'AUS', year: '2024' }).tonnes).toBe('1600000');
    expect(find(figures.production, { mineral: 'gallium', country: 'CHN', year: '2024' }).tonnes).toBe('839');
    expect(find(figures.capacity, { mineral: 'gallium', country: 'CHN', year: '2025' }).tonnes).toBe('1600');
    expect(find(figures.production, { mineral: 'titanium', basis: 'ti-rutile-tio2', country: 'SLE', year: '2024' }).tonnes).toBe('80000');
    expect(scaleDecimal('1.5', 3)).toBe('1500');
    expect(scaleDecimal('0.3', -3)).toBe('0.0003');
    expect(scaleDecimal('839000', -3)).toBe('839');
    expect(scaleDecimal('9.21', 3)).toBe('9210');
  });

  it('reads the value codes: — is zero, W withheld, NA and s missing, E net exporter; text reserves skipped', () => {
    expect(find(figures.production, { ...antimony, country: 'USA', year: '2024' })).toMatchObject({ tonnes: '0', withheld: 'false' });
    expect(find(figures.production, { mineral: 'tellurium', country: 'USA', year: '2025' })).toMatchObject({
      tonnes: '',
      withheld: 'true',
    });
    // NA is missing, never zero: no antimony production row for a country the file gives as NA
    const naSkips = result.report.sections.find(
      (s) => s.chapter === 'ANTIMONY' && s.section === 'World Mine Production and Reserves',
    )?.skipped;
    expect(naSkips).toEqual({ 'value NA: not available': 4 });
    expect(figures.production.some((r) => r.mineral === 'titanium' && r.basis === 'ti-rutile-tio2' && r.country === 'USA')).toBe(false);
    expect(find(figures.import_reliance, { mineral: 'rare-earths', form: 'mineral concentrates', year: '2025' })).toMatchObject({
      percent: '',
      qualifier: 'net_exporter',
      value_text: 'E',
    });
    const manganese = result.report.sections.find((s) => s.chapter === 'MANGANESE' && s.section.startsWith('World'))?.skipped ?? {};
    expect(manganese['text value "Small": reserves.csv holds numbers only']).toBe(1);
    // capacity has no withheld flag: a W capacity is skipped with that reason
    const tellurium = result.report.sections.find((s) => s.chapter === 'TELLURIUM')?.skipped ?? {};
    expect(tellurium['value W: withheld (capacity.csv has no withheld flag)']).toBe(1);
    // W in the U.S. salient table: kept as text, no number
    const w = figures.us_salient.filter((r) => r.value_text === 'W');
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((r) => r.value === '')).toBe(true);
  });

  it('reads bounds and estimates', () => {
    expect(find(figures.reserves, { mineral: 'antimony', country: 'WLD', year: '2025' })).toMatchObject({
      tonnes: '2000000',
      lower_bound: 'true',
    });
    expect(find(figures.import_reliance, { mineral: 'rare-earths', form: 'compounds and metals', year: '2021' })).toMatchObject({
      percent: '95',
      qualifier: 'gt',
      value_text: '>95',
    });
    expect(find(figures.import_reliance, { mineral: 'antimony', year: '2025' })).toMatchObject({
      percent: '91',
      qualifier: 'eq',
      estimated: 'true',
    });
    expect(find(figures.import_reliance, { mineral: 'antimony', year: '2024' }).estimated).toBe('false');
    expect(find(figures.production, { ...antimony, country: 'CHN', year: '2024' }).estimated).toBe('true');
    expect(find(figures.production, { ...antimony, country: 'AUS', year: '2024' }).estimated).toBe('false');
    // an import share printed as "<1" keeps its row (and rank) without a number
    expect(find(figures.import_sources, { mineral: 'manganese', country: 'OTH' }).share_pct).toBe('');
    expect(parseValue('<1')).toEqual({ kind: 'number', decimal: '1', bound: 'lt' });
    expect(parseValue('"40,000"')).toBeNull();
    expect(parseValue('5900000')).toEqual({ kind: 'number', decimal: '5900000', bound: 'eq' });
  });

  it('applies the v1.3 erratum and cites its own source', () => {
    expect(find(figures.reserves, { mineral: 'rare-earths', country: 'BRA', year: '2025' })).toMatchObject({
      tonnes: '11000000',
      source: 'usgs-mcs-2026-rare-earths-v1-3',
    });
    expect(find(figures.reserves, { mineral: 'rare-earths', country: 'WLD', year: '2025' })).toMatchObject({
      tonnes: '75000000',
      lower_bound: 'true',
      source: 'usgs-mcs-2026-rare-earths-v1-3',
    });
    expect(find(figures.reserves, { mineral: 'rare-earths', country: 'AUS', year: '2025' }).source).toBe('usgs-mcs-2026-rare-earths');
    const erratum = result.reference.sources.find((s) => s.id === 'usgs-mcs-2026-rare-earths-v1-3');
    expect(erratum?.notes).toContain('21,000,000 to 11,000,000');
    expect(result.report.errata.map((e) => e.country)).toEqual(['Brazil', 'World total']);
  });

  it('ranks import sources by share within (mineral, form), Other countries last', () => {
    const oxide = figures.import_sources.filter((r) => r.mineral === 'antimony' && r.form === 'oxide');
    const byRank = [...oxide].sort((a, b) => Number(a.rank) - Number(b.rank)).map((r) => `${r.country}:${r.share_pct}`);
    expect(byRank[0]).toBe('CHN:66');
    expect(byRank.at(-1)?.startsWith('OTH:')).toBe(true);
  });

  it('counts every row: imported + skipped + out of scope = rows read; a multi-line quoted note is one row', () => {
    const counted =
      result.report.sections.reduce(
        (sum, s) => sum + Object.values(s.imported).reduce((a, b) => a + b, 0) + Object.values(s.skipped).reduce((a, b) => a + b, 0),
        0,
      ) + Object.values(result.report.outOfScope).reduce((a, b) => a + b, 0);
    expect(counted).toBe(result.report.rowsRead);
    expect(result.report.outOfScope).toEqual({ 'ABRASIVES (MANUFACTURED)': 1 });
    expect(find(figures.us_salient, { mineral: 'antimony', detail: 'Exports: Oxide', year: '2021' })).toMatchObject({
      value: '1530',
      unit: 't',
    });
  });

  it('flags critical minerals and declares the reference rows it needs', () => {
    expect(find(figures.critical_minerals, { mineral: 'antimony' })).toMatchObject({ list: 'us-2025', critical: 'true' });
    expect(result.reference.bases.map((b) => b.id)).toContain('te-refinery');
    expect(result.reference.minerals.map((m) => m.id)).toContain('tellurium');
    expect(result.reference.editions[0]).toMatchObject({ id: 'usgs-mcs-2026', doi: '10.3133/mcs2026', published: '2026-02-06' });
    expect(result.reference.sources.find((s) => s.id === 'usgs-mcs-2026-antimony')?.locator).toContain(
      'World Mine Production and Reserves',
    );
  });
});
