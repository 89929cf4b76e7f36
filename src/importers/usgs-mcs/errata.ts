/**
 * Corrections USGS published after the data release, as explicit records. Each is applied after parsing, to
 * exactly one row of the file (chapter, section, detail, country, year and the published value must all match,
 * or the import stops); the corrected figure cites the erratum's own source.
 */
export interface Erratum {
  edition: string;
  chapter: string;
  section: string;
  detail: string;
  country: string;
  year: string;
  /** Value as the data release prints it. */
  from: string;
  /** Value as corrected. */
  to: string;
  /** Source id suffix (`<edition>-<source>`), the source row the corrected figure cites. */
  source: string;
}

export interface ErratumSource {
  edition: string;
  source: string;
  title: string;
  locator: string;
  url: string;
  notes: string;
  year: number;
}

export const ERRATA: Erratum[] = [
  {
    edition: 'usgs-mcs-2026',
    chapter: 'RARE EARTHS',
    section: 'World Mine Production and Reserves',
    detail: 'Reserves',
    country: 'Brazil',
    year: '2025',
    from: '21,000,000',
    to: '11,000,000',
    source: 'rare-earths-v1-3',
  },
  {
    edition: 'usgs-mcs-2026',
    chapter: 'RARE EARTHS',
    section: 'World Mine Production and Reserves',
    detail: 'Reserves: rounded',
    country: 'World total',
    year: '2025',
    from: '>85,000,000',
    to: '>75,000,000',
    source: 'rare-earths-v1-3',
  },
];

export const ERRATUM_SOURCES: ErratumSource[] = [
  {
    edition: 'usgs-mcs-2026',
    source: 'rare-earths-v1-3',
    title: 'Mineral Commodity Summaries 2026, version 1.3',
    year: 2026,
    locator:
      'Rare Earths chapter, p. 153: world mine production and reserves table, reserves of Brazil and world total (as revised in version 1.3)',
    url: 'https://doi.org/10.3133/mcs2026',
    notes:
      'Erratum: USGS reposted the publication on 2026-05-27 as version 1.3 (revision history, version_history.txt): rare-earth reserves of Brazil changed from 21,000,000 to 11,000,000 t REO and the world total from >85,000,000 to >75,000,000 t ("Reserves for Australia, Brazil, and Malaysia were revised based on Government reports"). The data-release file MCS2026_Commodities_Data.csv (doi:10.5066/P1WKQ63T) is the initial release and still prints the old values; the importer applies this correction (src/importers/usgs-mcs/errata.ts).',
  },
];
