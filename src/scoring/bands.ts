export type ConcentrationBand = 'unconcentrated' | 'moderately_concentrated' | 'highly_concentrated';

export interface BandResult {
  guideline: '2023 Merger Guidelines' | '2010 Horizontal Merger Guidelines';
  band: ConcentrationBand;
  /** [lower, upper]: below lower is unconcentrated, above upper is highly concentrated; both edges are moderate. */
  thresholds: readonly [number, number];
}

export const DOJ_2023_THRESHOLDS = [1000, 1800] as const;
export const HMG_2010_THRESHOLDS = [1500, 2500] as const;

function bandWithin(hhi: number, [lower, upper]: readonly [number, number]): ConcentrationBand {
  if (hhi < lower) return 'unconcentrated';
  if (hhi <= upper) return 'moderately_concentrated';
  return 'highly_concentrated';
}

/** Band under the 2023 DOJ/FTC Merger Guidelines (the current ones). */
export function doj2023Band(hhi: number): BandResult {
  return {
    guideline: '2023 Merger Guidelines',
    band: bandWithin(hhi, DOJ_2023_THRESHOLDS),
    thresholds: DOJ_2023_THRESHOLDS,
  };
}

/** Band under the 2010 Horizontal Merger Guidelines, still widely quoted. */
export function hmg2010Band(hhi: number): BandResult {
  return {
    guideline: '2010 Horizontal Merger Guidelines',
    band: bandWithin(hhi, HMG_2010_THRESHOLDS),
    thresholds: HMG_2010_THRESHOLDS,
  };
}
