/** Vocabularies of export-control measures (data/export_controls.csv). */

/** What a measure does. A `suspension` pauses another measure (`suspends`) until its own scheduled end. */
export const MEASURE_TYPES = [
  'licence-requirement',
  'export-ban',
  'destination-ban',
  'end-user-ban',
  'quota',
  'technology-control',
  'extraterritorial-rule',
  'suspension',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

/** How well the row is sourced: primary text, reputable secondary report, or press reports of unpublished practice. */
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** Which end users an end-user ban names (the destination country is the target). */
export const END_USER_KINDS = ['military', 'listed-entities'] as const;
export type EndUserKind = (typeof END_USER_KINDS)[number];

/** Targets other than a country: every destination, or every country outside the OECD. */
export const TARGET_ALL = 'all';
export const TARGET_NON_OECD = 'non-oecd';
