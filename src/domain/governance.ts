/** The six World Bank governance dimensions; the EU score averages all of them. */
export const WGI_INDICATORS = ['VA', 'PV', 'GE', 'RQ', 'RL', 'CC'] as const;
export type WgiIndicator = (typeof WGI_INDICATORS)[number];
export type WgiEstimates = Partial<Record<WgiIndicator, number | null>>;

export interface GovernanceFigure {
  country: string;
  year: number;
  indicator: string;
  value: number;
  edition: string;
  sourceId: string;
}

export interface CountryGovernance {
  country: string;
  year: number;
  /** The six WGI estimates (about −2.5 worst … 2.5 best), keyed VA, PV, GE, RQ, RL, CC. */
  estimates: WgiEstimates;
  mean: number | null;
  /** EU rescale, 0 best … 10 worst; null unless all six estimates exist. */
  euScaled: number | null;
  /** The WGI release the estimates come from (one per view, never mixed). */
  edition: string;
  sourceId: string;
}
