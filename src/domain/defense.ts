/** The defense-use categories an analyst filters by. */
export const DEFENSE_CATEGORIES = [
  'munitions',
  'armor',
  'guidance-electronics',
  'optics-night-vision',
  'propulsion-superalloys',
  'magnets',
  'batteries-energy-storage',
  'nuclear',
  'stockpile',
  'other',
] as const;

export type DefenseCategory = (typeof DEFENSE_CATEGORIES)[number];
