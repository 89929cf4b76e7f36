import { describe, expect, it } from 'vitest';
import { chooseEdition, compareEditions, selectEditions, type EditionInfo } from '../../src/domain/editions.js';

const MCS_2024: EditionInfo = { id: 'usgs-mcs-2024', family: 'usgs-mcs', published: '2024-01-31' };
const MCS_2025: EditionInfo = { id: 'usgs-mcs-2025', family: 'usgs-mcs', published: '2025-01-31' };
const MCS_2026: EditionInfo = { id: 'usgs-mcs-2026', family: 'usgs-mcs', published: '2026-02-06' };
const IEA_2025: EditionInfo = { id: 'iea-cmde-2025', family: 'iea-supply', published: '2025-05' };
const EDITIONS = new Map([MCS_2024, MCS_2025, MCS_2026, IEA_2025].map((edition) => [edition.id, edition]));

describe('compareEditions', () => {
  it('orders by publication date, a month-only date before the days of that month', () => {
    expect(compareEditions(MCS_2025, MCS_2026)).toBeLessThan(0);
    expect(compareEditions({ id: 'a', family: 'f', published: '2025-05' }, { id: 'b', family: 'f', published: '2025-05-21' })).toBeLessThan(
      0,
    );
  });
});

describe('chooseEdition', () => {
  it('default view: the newest edition that reports the series', () => {
    expect(chooseEdition([MCS_2024, MCS_2026, MCS_2025], undefined)?.id).toBe('usgs-mcs-2026');
  });

  it('pinned: the newest edition of the pinned family that is not newer than the pin', () => {
    expect(chooseEdition([MCS_2024, MCS_2025, MCS_2026], MCS_2025)?.id).toBe('usgs-mcs-2025');
    // 2023 figures were last printed in MCS 2024: as of MCS 2025's view they stand as MCS 2024 gave them.
    expect(chooseEdition([MCS_2024], MCS_2025)?.id).toBe('usgs-mcs-2024');
  });

  it('pinned: a year only a later edition reports is absent, not carried over', () => {
    expect(chooseEdition([MCS_2026], MCS_2025)).toBeUndefined();
  });

  it('pinned: a series no edition of the pinned family reports keeps its default', () => {
    expect(chooseEdition([IEA_2025], MCS_2025)?.id).toBe('iea-cmde-2025');
  });
});

describe('selectEditions', () => {
  const rows = [
    { key: 'antimony|2024', country: 'CHN', tonnes: 60_000, edition: 'usgs-mcs-2025' },
    { key: 'antimony|2024', country: 'RUS', tonnes: 13_000, edition: 'usgs-mcs-2025' },
    { key: 'antimony|2024', country: 'CHN', tonnes: 40_000, edition: 'usgs-mcs-2026' },
    { key: 'antimony|2024', country: 'RUS', tonnes: 40_000, edition: 'usgs-mcs-2026' },
    // Only MCS 2025 printed Tajikistan for 2024 in this made-up table: the 2026 view must not borrow it.
    { key: 'antimony|2024', country: 'TJK', tonnes: 17_000, edition: 'usgs-mcs-2025' },
    { key: 'antimony|2025', country: 'CHN', tonnes: 40_000, edition: 'usgs-mcs-2026' },
  ];

  it('never mixes editions inside one series: the default view takes every row of the newest edition only', () => {
    const chosen = selectEditions(rows, (row) => row.key, EDITIONS, undefined);
    expect(chosen.map((row) => `${row.key} ${row.country} ${row.tonnes}`)).toEqual([
      'antimony|2024 CHN 40000',
      'antimony|2024 RUS 40000',
      'antimony|2025 CHN 40000',
    ]);
  });

  it('pinned to MCS 2025: 2024 as MCS 2025 printed it, and no 2025', () => {
    const chosen = selectEditions(rows, (row) => row.key, EDITIONS, MCS_2025);
    expect(chosen.map((row) => `${row.country} ${row.tonnes}`)).toEqual(['CHN 60000', 'RUS 13000', 'TJK 17000']);
  });

  it('drops rows of an edition it does not know', () => {
    expect(selectEditions([{ key: 'x', edition: 'nope' }], (row) => row.key, EDITIONS, undefined)).toEqual([]);
  });
});
