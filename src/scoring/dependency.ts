import { governanceWeightedHhi } from './governance.js';
import { herfindahl } from './hhi.js';
import { insufficientData, methodRef } from './methods.js';
import { byShareDesc, compareCodes, stageRank, sum } from './order.js';
import type { CountryShare, InsufficientData, MethodRef } from './types.js';

// ---- Import-source concentration -------------------------------------------------------------

export interface ImportSource {
  country: string;
  /** Share of the importer's imports, percent; null when only the rank is published. */
  sharePct: number | null;
  rank: number;
}

export interface ImportSourceConcentrationOk {
  status: 'ok';
  hhi: number;
  /** Reached if the whole unlisted remainder came from one more source. */
  hhiUpperBound: number;
  listedShareTotal: number;
  /** Imports not covered by a listed share ("other" sources and rank-only entries). */
  unlistedShare: number;
  topSupplier: CountryShare;
  sources: CountryShare[];
  /** Listed by rank without a share. */
  rankOnly: string[];
  method: MethodRef;
}

export type ImportSourceConcentrationResult = ImportSourceConcentrationOk | InsufficientData;

export function importSourceConcentration(sources: readonly ImportSource[]): ImportSourceConcentrationResult {
  if (sources.length === 0) return insufficientData('import-dependency', 'no import sources given');
  const quantified: CountryShare[] = sources
    .filter((s): s is ImportSource & { sharePct: number } => s.sharePct !== null)
    .map((s) => ({ country: s.country, share: s.sharePct }))
    .sort(byShareDesc);
  if (quantified.length === 0) {
    return insufficientData('import-dependency', 'import sources given as rank order only');
  }

  const hhi = herfindahl(quantified.map((s) => s.share));
  const listedShareTotal = sum(quantified.map((s) => s.share));
  const unlistedShare = Math.max(0, 100 - listedShareTotal);
  return {
    status: 'ok',
    hhi,
    hhiUpperBound: hhi + unlistedShare ** 2,
    listedShareTotal,
    unlistedShare,
    topSupplier: quantified[0]!, // non-empty, checked above
    sources: quantified,
    rankOnly: sources
      .filter((s) => s.sharePct === null)
      .sort((a, b) => a.rank - b.rank || compareCodes(a.country, b.country))
      .map((s) => s.country),
    method: methodRef('import-dependency'),
  };
}

// ---- Dependency index (USGS supply-risk structure) -------------------------------------------

export interface DependencyIndexInput {
  /** Net import reliance, 0–1; null when unknown or censored. */
  netImportReliance: number | null;
  /** World production shares at the assessed stage, percent. */
  worldShares: readonly CountryShare[];
  wgiScaled: Readonly<Record<string, number>>;
}

export interface DependencyIndexOk {
  status: 'ok';
  /** TE × DP, 0–1. */
  index: number;
  /** Net import reliance bounded to 0–1 (net exporters count as 0). */
  tradeExposure: number;
  /** Σ (share/100)² × WGI/10, 0–1. */
  disruptionPotential: number;
  contributions: { country: string; share: number; wgiScaled: number; contribution: number }[];
  missingGovernance: { countries: string[]; combinedShare: number };
  caveats: string[];
  method: MethodRef;
}

export type DependencyIndexResult = DependencyIndexOk | InsufficientData;

const DEPENDENCY_CAVEATS = [
  'Disruption potential weights concentration by WGI governance in place of the USGS ability- and willingness-to-supply factors, which are not available here.',
  'The USGS economic-vulnerability factor is not included, so this is not the USGS supply-risk score.',
];

export function dependencyIndex(input: DependencyIndexInput): DependencyIndexResult {
  if (input.netImportReliance === null || !Number.isFinite(input.netImportReliance)) {
    return insufficientData('import-dependency', 'net import reliance is unknown');
  }
  const governance = governanceWeightedHhi({ shares: input.worldShares, wgiScaled: input.wgiScaled });
  if (governance.status !== 'ok') return insufficientData('import-dependency', governance.reason);

  const tradeExposure = Math.min(1, Math.max(0, input.netImportReliance));
  // HHI_WGI is on 0–10; dividing by 10 puts disruption potential on 0–1 like trade exposure.
  const disruptionPotential = governance.hhiWgi / 10;
  const caveats = [...DEPENDENCY_CAVEATS];
  if (input.netImportReliance < 0) caveats.push('Net exporter: negative import reliance counted as zero exposure.');
  if (governance.missingGovernance.countries.length > 0) {
    caveats.push('Some producers have no WGI score and are left out, so disruption potential is understated.');
  }

  return {
    status: 'ok',
    index: tradeExposure * disruptionPotential,
    tradeExposure,
    disruptionPotential,
    contributions: governance.contributions.map(({ country, share, wgiScaled, contribution }) => ({
      country,
      share,
      wgiScaled,
      contribution: contribution / 10,
    })),
    missingGovernance: governance.missingGovernance,
    caveats,
    method: methodRef('import-dependency'),
  };
}

// ---- Exposure to one supplier ----------------------------------------------------------------

export interface ExposureToSupplierInput {
  supplier: string;
  netImportReliance: number | null;
  /** Supplier's share of the importer's imports, percent. */
  supplierImportShare: number | null;
  /** Supplier's share of world production at each stage, percent. */
  stageShares: readonly { stage: string; share: number | null }[];
}

export interface ExposureToSupplierOk {
  status: 'ok';
  supplier: string;
  /** Fraction of consumption imported from the supplier; null when reliance or import share is unknown. */
  direct: number | null;
  /** Supplier's largest share of world output at any stage, as a fraction. */
  upstream: { stage: string; exposure: number } | null;
  effectiveExposure: number;
  drivenBy: 'direct' | 'upstream';
  method: MethodRef;
}

export type ExposureToSupplierResult = ExposureToSupplierOk | InsufficientData;

export function exposureToSupplier(input: ExposureToSupplierInput): ExposureToSupplierResult {
  const direct =
    input.netImportReliance === null || input.supplierImportShare === null
      ? null
      : (input.netImportReliance * input.supplierImportShare) / 100;

  let upstream: { stage: string; exposure: number } | null = null;
  for (const { stage, share } of input.stageShares) {
    if (share === null) continue;
    const exposure = share / 100;
    // Equal exposures go to the more upstream stage so the answer does not depend on input order.
    if (
      upstream === null ||
      exposure > upstream.exposure ||
      (exposure === upstream.exposure && stageRank(stage) < stageRank(upstream.stage))
    ) {
      upstream = { stage, exposure };
    }
  }

  const effective = strongerView(direct, upstream);
  if (effective === null) {
    return insufficientData('supplier-exposure', 'neither import data nor stage production shares for the supplier');
  }
  return {
    status: 'ok',
    supplier: input.supplier,
    direct,
    upstream,
    ...effective,
    method: methodRef('supplier-exposure'),
  };
}

function strongerView(
  direct: number | null,
  upstream: { exposure: number } | null,
): { effectiveExposure: number; drivenBy: 'direct' | 'upstream' } | null {
  // Ties go to the direct view: it measures the importer's own trade.
  if (direct !== null && (upstream === null || direct >= upstream.exposure)) {
    return { effectiveExposure: direct, drivenBy: 'direct' };
  }
  return upstream === null ? null : { effectiveExposure: upstream.exposure, drivenBy: 'upstream' };
}
