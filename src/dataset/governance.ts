import { WGI_INDICATORS, type CountryGovernance, type GovernanceFigure } from '../domain/governance.js';
import { meanOfSix, scaleWgi } from '../scoring/governance.js';

/**
 * Per country, the latest year that has all six estimates (else the latest year with any). `figures` are one WGI
 * release's (the edition view picks it), so a year is never read from two releases.
 */
export function latestGovernance(figures: readonly GovernanceFigure[]): Map<string, CountryGovernance> {
  const byCountryYear = new Map<string, CountryGovernance>();
  for (const figure of figures) {
    const key = `${figure.country}|${figure.year}`;
    const entry = byCountryYear.get(key) ?? {
      country: figure.country,
      year: figure.year,
      estimates: {},
      mean: null,
      euScaled: null,
      edition: figure.edition,
      sourceId: figure.sourceId,
    };
    const indicator = figure.indicator.replace(/\.EST$/, '') as (typeof WGI_INDICATORS)[number];
    if (WGI_INDICATORS.includes(indicator)) entry.estimates[indicator] = figure.value;
    byCountryYear.set(key, entry);
  }
  const latest = new Map<string, CountryGovernance>();
  for (const entry of byCountryYear.values()) {
    entry.mean = meanOfSix(entry.estimates);
    entry.euScaled = entry.mean === null ? null : scaleWgi(entry.mean);
    const current = latest.get(entry.country);
    const better =
      !current ||
      (entry.mean !== null && current.mean === null) ||
      ((entry.mean !== null) === (current.mean !== null) && entry.year > current.year);
    if (better) latest.set(entry.country, entry);
  }
  return latest;
}
