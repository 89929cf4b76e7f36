/** What the eu-crm-2023 importer knows about the study's tables, as tables. */

/** One study material and stage (E extraction, P processing) → where it sits in the project; others are out of scope. */
export const TARGETS: Record<string, { mineral: string; stage: string; basis: string }> = {
  'Antimony|E': { mineral: 'antimony', stage: 'mining', basis: 'sb-eu-extraction' },
  'Antimony|P': { mineral: 'antimony', stage: 'refining', basis: 'sb-eu-processing' },
  'Bismuth|P': { mineral: 'bismuth', stage: 'refining', basis: 'bi-eu-processing' },
  'Cobalt|E': { mineral: 'cobalt', stage: 'mining', basis: 'co-eu-extraction' },
  'Cobalt|P': { mineral: 'cobalt', stage: 'refining', basis: 'co-eu-processing' },
  'Gallium|P': { mineral: 'gallium', stage: 'refining', basis: 'ga-eu-processing' },
  'Germanium|P': { mineral: 'germanium', stage: 'refining', basis: 'ge-eu-processing' },
  'Lithium|E': { mineral: 'lithium', stage: 'mining', basis: 'li-eu-extraction' },
  'Lithium|P': { mineral: 'lithium', stage: 'refining', basis: 'li-eu-processing' },
  'Manganese|E': { mineral: 'manganese', stage: 'mining', basis: 'mn-eu-extraction' },
  'Manganese|P': { mineral: 'manganese', stage: 'refining', basis: 'mn-eu-processing' },
  'Natural Graphite|E': { mineral: 'graphite', stage: 'mining', basis: 'graphite-eu-extraction' },
  'Nickel|E': { mineral: 'nickel', stage: 'mining', basis: 'ni-eu-extraction' },
  'Nickel|P': { mineral: 'nickel', stage: 'refining', basis: 'ni-eu-processing' },
  'Titanium metal|P': { mineral: 'titanium', stage: 'metal', basis: 'ti-metal-eu-processing' },
  'Tungsten|E': { mineral: 'tungsten', stage: 'mining', basis: 'w-eu-extraction' },
  'Tungsten|P': { mineral: 'tungsten', stage: 'refining', basis: 'w-eu-processing' },
  'Neodymium|P': { mineral: 'rare-earths', stage: 'refining', basis: 'ree-light-ndpr-eu' },
  'Dysprosium|P': { mineral: 'rare-earths', stage: 'refining', basis: 'ree-heavy-dytb-eu' },
};

/** Elements the study lists separately but with the same shares as the element that stands for their basis. */
export const SAME_SHARES_AS: Record<string, string> = { 'Praseodymium|P': 'Neodymium|P', 'Terbium|P': 'Dysprosium|P' };

/** The study's spellings that are neither names nor aliases in data/countries.csv. */
export const NAME_TO_ISO3: Record<string, string> = {
  'Congo, D.R.': 'COD',
  'Korea, South': 'KOR',
  'Korea, North': 'PRK',
  "Cote d'Ivoire": 'CIV',
  Kosovo: 'XKX',
};

/** Supply-risk input rows (CritMAT seed) → mineral; rare earths are read through neodymium, the light magnet element. */
export const INPUT_MINERALS: Record<string, string> = {
  Antimony: 'antimony',
  Bismuth: 'bismuth',
  Cobalt: 'cobalt',
  Gallium: 'gallium',
  Germanium: 'germanium',
  Lithium: 'lithium',
  'Natural graphite': 'graphite',
  Neodymium: 'rare-earths',
  Nickel: 'nickel',
  Tungsten: 'tungsten',
};
