/** What the usgs-mcs-history importer knows about the reference's citations of the MCS data releases, as tables. */

/** MCS chapter codes used in data-release file names → chapter slug (in source ids) and mineral id. */
export const CHAPTERS: Record<string, { slug: string; mineral: string }> = {
  antim: { slug: 'antimony', mineral: 'antimony' },
  cobal: { slug: 'cobalt', mineral: 'cobalt' },
  galli: { slug: 'gallium', mineral: 'gallium' },
  germa: { slug: 'germanium', mineral: 'germanium' },
  graph: { slug: 'graphite', mineral: 'graphite' },
  lithi: { slug: 'lithium', mineral: 'lithium' },
  lithium: { slug: 'lithium', mineral: 'lithium' },
  manga: { slug: 'manganese', mineral: 'manganese' },
  nicke: { slug: 'nickel', mineral: 'nickel' },
  raree: { slug: 'rare-earths', mineral: 'rare-earths' },
  rareee: { slug: 'rare-earths', mineral: 'rare-earths' },
  timin: { slug: 'titanium-concentrates', mineral: 'titanium' },
  titan: { slug: 'titanium-metal', mineral: 'titanium' },
  tungs: { slug: 'tungsten', mineral: 'tungsten' },
};

/** MCS 2025 printed pages (as cited in the reference) → chapter code. */
export const MCS2025_PAGES: Record<string, string> = {
  '34-35': 'antim',
  '62-63': 'cobal',
  '74-75': 'galli',
  '116-117': 'manga',
  '124-125': 'nicke',
  '144-145': 'raree',
  '186-187': 'titan',
  '188-189': 'timin',
  '193-194': 'tungs',
};

/** U.S. lithium mine production, withheld (W) in every edition that reports these years. */
export const WITHHELD_LITHIUM_YEARS = ['2020', '2021', '2022', '2023', '2024'];

/** MCS 2025 Table 5 rows read for apparent consumption: mineral id, the table's name, the product form. */
export const T5_CONSUMPTION: readonly [mineral: string, t5Name: string, form: string][] = [
  ['antimony', 'Antimony', ''],
  ['cobalt', 'Cobalt', ''],
  ['gallium', 'Gallium', ''],
  ['germanium', 'Germanium', ''],
  ['graphite', 'Graphite (natural)', 'natural'],
  ['lithium', 'Lithium', ''],
  ['manganese', 'Manganese', ''],
  ['nickel', 'Nickel', ''],
  ['rare-earths', 'Rare earths (compounds and metals)', 'compounds and metals'],
  ['titanium', 'Titanium (metal)', 'metal'],
  ['tungsten', 'Tungsten', ''],
];
