import type { InsufficientData, MethodDefinition, MethodId, MethodRef } from './types.js';

/**
 * 1.1.0: one world-total rule for every share (a published total rounded below the named rows and "Other countries"
 * gives way to their sum), and unallocated = the published "Other" plus any gap, never 100 − a sum above 100.
 */
const VERSION = '1.1.0';

const DOJ_HHI = {
  citation:
    'U.S. Department of Justice, Antitrust Division, "Herfindahl-Hirschman Index" (web page, revised for the 2023 Merger Guidelines)',
};
const MG_2023 = {
  citation: 'U.S. Department of Justice and Federal Trade Commission, Merger Guidelines (2023), section 2.1, Guideline 1',
};
const HMG_2010 = {
  citation: 'U.S. Department of Justice and Federal Trade Commission, Horizontal Merger Guidelines (2010), section 5.3',
};
const EU_2017_STUDY = {
  citation:
    'European Commission (Deloitte, BGS, BRGM, TNO), Study on the review of the list of Critical Raw Materials: Final Report and Criticality Assessments (2017)',
};
const EU_2017_GUIDELINES = {
  citation:
    'European Commission, Methodology for establishing the EU list of critical raw materials: Guidelines (2017), doi:10.2873/769526',
  note: 'Cited through the 2017 study; the formula is checked against the study’s published component tables.',
};
const EU_2023_STUDY = {
  citation:
    'Grohol, M. and Veeh, C. (European Commission, DG GROW), Study on the Critical Raw Materials for the EU 2023: Final Report, doi:10.2873/725585 (Appendix 7: supply shares and t; criticality inputs)',
  note: 'Edition eu-crm-2023: EU import reliance per stage, EU sourcing shares (≥ 1 % only), world shares per stage with the trade variable t, EoL-RIR, SI_SR and the published SR.',
};
const WGI = {
  citation:
    'World Bank, Worldwide Governance Indicators, 2024 update (data 1996–2023); methodology: Kaufmann, D. and Kraay, A., The Worldwide Governance Indicators: Methodology and 2024 Update, World Bank Policy Research Working Paper 10952 (Nov 2024)',
  note: 'Estimates are on a standard-normal scale of roughly −2.5 to 2.5; values change between releases. The 2025 and 2026 updates changed the method and are not comparable.',
};
/** Said by every method that weights by governance: which WGI release answers unless the caller pins one. */
const WGI_EDITION_CAVEAT =
  'Governance is read from one WGI release for every country, never a mix: by default the WGI 2024 update (edition wb-wgi-2024, each country’s latest year with all six estimates, i.e. 2023); ?edition=wb-wgi-2023 answers with the 2023 release (data year 2022). Each score names the release and years it used (wgi.edition, wgi.years).';
const NASSAR_2020 = {
  citation:
    'Nassar, N.T. et al. (2020), "Evaluating the mineral commodity supply risk of the U.S. manufacturing sector", Science Advances 6(8): eaay8647',
};
const USGS_OFR_2021 = {
  citation:
    'Nassar, N.T. and Fortier, S.M. (2021), Methodology and technical input for the 2021 review and revision of the U.S. Critical Minerals List, USGS Open-File Report 2021-1045',
};
const USGS_MCS = {
  citation: 'U.S. Geological Survey, Mineral Commodity Summaries (net import reliance and world production tables)',
};
const CRMA = {
  citation: 'Regulation (EU) 2024/1252 (Critical Raw Materials Act), Article 5 benchmarks',
};

const HHI_THRESHOLDS: MethodDefinition['thresholds'] = [
  { name: '2023 MG: moderately concentrated from', value: 1000, meaning: 'HHI of 1,000 up to 1,800 inclusive' },
  { name: '2023 MG: highly concentrated above', value: 1800, meaning: 'HHI above 1,800' },
  { name: '2010 HMG: moderately concentrated from', value: 1500, meaning: 'HHI of 1,500 up to 2,500 inclusive' },
  { name: '2010 HMG: highly concentrated above', value: 2500, meaning: 'HHI above 2,500' },
];

export const METHODS: readonly MethodDefinition[] = [
  {
    id: 'hhi',
    version: VERSION,
    name: 'Production concentration (Herfindahl-Hirschman Index)',
    summary:
      'How concentrated world output is among producing countries at one stage, with the largest shares and a count of equally sized suppliers that would give the same index.',
    formula:
      'HHI = Σ s_i² over named producers (s_i in percent of the world total W); W = the published world total, or Σ named + "other countries" when they add up to more (a rounded total), or that sum when none is published; CR1, CR3 = sum of the 1 or 3 largest s_i; equivalent suppliers = 10,000 / HHI; unallocated = 100 − Σ s_i (the published "other countries" plus any gap); HHI upper bound = HHI + unallocated²',
    variables: [
      { symbol: 's_i', meaning: 'country i’s production as a percentage of the world total' },
      {
        symbol: 'W',
        meaning:
          'the world total: the published figure, unless the named and "other countries" rows add up to more (published totals are rounded: gallium 2025, 909 t named against 900 t printed), then their sum; their sum when none is published. Every answer names both (inputs.worldTotal)',
      },
      {
        symbol: 'unallocated',
        meaning: 'share not attributed to a named country: the "other countries" row, withheld figures, rounding gaps',
      },
    ],
    thresholds: HHI_THRESHOLDS,
    references: [DOJ_HHI, MG_2023, HMG_2010, USGS_MCS],
    caveats: [
      'The HHI covers named producers only; the upper bound treats the whole unallocated remainder as one producer, the plain HHI treats it as infinitely fragmented.',
      'Published world totals are rounded, so the named rows can add up to more than the printed total: then their sum is the total, and the answer says so (worldTotal.rule = reconciled, with the published and the used total). Shares never exceed 100 % and never add up to more than 100 %; a share table printed to add up to 100.1 % is taken of its sum too.',
      'Withheld (proprietary) national figures cannot be squared; they fall into the unallocated remainder and are listed by country.',
      'The merger-guideline bands were written for firms in antitrust markets; applying them to countries is a convention for reading the number, not a legal test.',
      'A stage without annual tonnes by country (antimony smelting, tungsten APT, rare-earth separation …) is scored on published country shares of world supply over the source’s reference period (EU CRM 2023, Appendix 7): s_i is the printed share, the world is 100, tonnes are null (measure = shares, year = null, period named). Shares printed as "<0.1%" are listed under belowThreshold with no number, never 0; they count in the unallocated remainder. Annual tonnes always answer first where they exist.',
    ],
  },
  {
    id: 'hhi-wgi',
    version: VERSION,
    name: 'Governance-weighted concentration (EU HHI_WGI,t)',
    summary:
      'Concentration in which each country’s squared share is weighted by how poorly it is governed and, optionally, by a trade-restriction factor, as in the EU critical raw materials assessments.',
    formula: 'HHI_WGI,t = Σ_c (s_c / 100)² · WGI_c · t_c, with WGI_c = (2.5 − mean of the six WGI estimates) × 2',
    variables: [
      { symbol: 's_c', meaning: 'country c’s share of supply, percent' },
      { symbol: 'WGI_c', meaning: 'governance score rescaled to 0 (best) … 10 (worst)' },
      { symbol: 't_c', meaning: 'trade factor for export restrictions and EU trade agreements; 1 when not given' },
    ],
    thresholds: [],
    references: [EU_2017_STUDY, EU_2017_GUIDELINES, WGI],
    caveats: [
      'The 0–10 rescale comes from an open implementation and reproduces published EU results, but the Guidelines text itself was not consulted.',
      'The formula for the trade factor t is not published; only values observed in EU tables (0.8 to 1.5) are known, so t defaults to 1.',
      'Countries without a governance score are left out of the sum and reported with their combined share and the reason (e.g. not covered by the WGI), so the index is a lower bound when any are missing.',
      'WGI values are revised between releases; results depend on the vintage used.',
      WGI_EDITION_CAVEAT,
    ],
  },
  {
    id: 'eu-supply-risk',
    version: VERSION,
    name: 'EU supply risk (2017 methodology)',
    summary:
      'The European Commission’s supply-risk score, blending governance-weighted concentration of global supply and of actual EU sourcing by import reliance, reduced by recycling and substitution.',
    formula: 'SR = [GS · IR/2 + EU · (1 − IR/2)] · (1 − EoL_RIR) · SI_SR; with no EU-sourcing data, SR = GS · (1 − EoL_RIR) · SI_SR',
    variables: [
      { symbol: 'GS', meaning: 'HHI_WGI,t of global supply: Σ (S_c)² · WGI_c · t_c over country shares S_c (fractions) at the stage' },
      { symbol: 'EU', meaning: 'HHI_WGI,t of actual EU sourcing (domestic production plus imports), or of the importer’s own sourcing' },
      {
        symbol: 't_c',
        meaning:
          'trade-related variable (export restrictions, EU trade agreements): the EU CRM 2023 study’s published value next to each share; 1 where none is published (every USGS-based figure)',
      },
      { symbol: 'IR', meaning: 'import reliance at the stage, fraction 0–1; negative values count as 0' },
      {
        symbol: 'EoL_RIR',
        meaning: 'end-of-life recycling input rate, fraction 0–1 (default: the importer’s published assessment input, else 0)',
      },
      {
        symbol: 'SI_SR',
        meaning: 'substitution index for supply risk, at most 1 (default: the importer’s published assessment input, else 1)',
      },
    ],
    thresholds: [{ name: 'critical supply risk', value: 1.0, meaning: 'SR ≥ 1 is the supply-risk side of the EU criticality zone' }],
    references: [EU_2017_STUDY, EU_2017_GUIDELINES, EU_2023_STUDY, WGI],
    caveats: [
      'For an importer whose source gives reliance per stage (the EU, edition eu-crm-2023), each stage is scored on that source’s own figures only: IR at the stage, GS from the study’s world shares with their t, EU sourcing from the study’s sourcing shares with their t, EoL-RIR and SI_SR as published; a stage without a share table of the same edition is insufficient_data rather than mixed with USGS tonnes. publishedSupplyRisk gives the study’s result next to ours.',
      'Recomputed with the WGI 2024 update against the published 2023 SR: tungsten 1.188 (published 1.2), cobalt 2.760 (2.8, global supply only), antimony 1.794 (1.8), graphite 1.766 (1.8), bismuth 1.861 (1.9), nickel 0.562 (0.5), gallium 3.716 (3.9), lithium 2.085 (1.9). The gaps come from the WGI vintage (the study used earlier governance data), EU sourcing shares below 1 % not being published (a slightly low EU term), and the published inputs being rounded. Germanium (3.568 vs 1.8) is not reproduced: the transcribed germanium share tables are known to be inconsistent with the published result.',
      'Checked against the 2017 component tables: cobalt recomputes to 1.67 (published 1.6) and tungsten to 1.82 (published 1.8); published values are rounded to one decimal.',
      'The substitution-index formula is not published in the sources consulted; SI is taken as an input.',
      'Import reliance above 1 is capped at 1, where the EU rule gives global supply and EU sourcing equal weight.',
      WGI_EDITION_CAVEAT,
    ],
  },
  {
    id: 'import-dependency',
    version: VERSION,
    name: 'Import dependency',
    summary:
      'How much of a country’s consumption is met by net imports, how concentrated its import sources are, and a dependency index following the structure of the USGS supply-risk model.',
    formula:
      'NIR = (imports − exports ± stock changes) / apparent consumption; import-source HHI = Σ s_j² over listed sources; index = TE · DP with TE = NIR and DP = Σ (s_c/100)² · WGI_c/10',
    variables: [
      { symbol: 'NIR / TE', meaning: 'net import reliance, used as trade exposure, fraction 0–1' },
      { symbol: 's_j', meaning: 'source j’s share of the importer’s imports, percent' },
      { symbol: 's_c', meaning: 'country c’s share of world supply at the assessed stage, percent' },
      { symbol: 'DP', meaning: 'disruption potential, 0–1' },
    ],
    thresholds: [],
    references: [USGS_MCS, NASSAR_2020, USGS_OFR_2021, EU_2023_STUDY, WGI],
    caveats: [
      'USGS weights concentration by ability and willingness to supply (policy perception, trade ties, shared values); those inputs are not available here, so the rescaled WGI stands in. The index is not a USGS score.',
      'The USGS model also has an economic-vulnerability factor that is not computed; the index is therefore a partial product, not the USGS supply risk.',
      'Net exporters (negative reliance) count as zero exposure; censored reliance values (">50") must be resolved before use.',
      'When import sources are published only in rank order, no import-source HHI is computed.',
      'For an importer whose source gives reliance per stage (the EU, edition eu-crm-2023), TE is the reliance at the assessed stage and the import sources are its sourcing shares at that stage (shares of at least 1 % only, so the HHI is a lower bound); byStage gives every stage.',
      WGI_EDITION_CAVEAT,
    ],
  },
  {
    id: 'supplier-exposure',
    version: VERSION,
    name: 'Exposure to one supplier',
    summary:
      'The larger of two views of dependence on one country: its share of the importer’s consumption through direct imports, and its share of world output at the most exposed stage upstream.',
    formula:
      'direct = NIR × import share / 100; upstream = max over stages of world share / 100; effective = max(direct, upstream). Where the importer’s source gives reliance per stage (EU CRM 2023): direct = IR at the assessed stage × supplier share of the importer’s sourcing at that stage / 100, and byStage gives the same product at every stage with the supplier’s world share at that stage and the trade variable t',
    variables: [
      { symbol: 'NIR', meaning: 'importer’s net import reliance, fraction 0–1 (per-stage import reliance IR where the source gives it)' },
      {
        symbol: 'import share',
        meaning: 'supplier’s share of the importer’s imports (or of its sourcing: domestic production plus imports), percent',
      },
      { symbol: 'world share', meaning: 'supplier’s share of world production at a stage, percent' },
      { symbol: 't', meaning: 'the EU study’s trade-related variable published next to a share; shown, not applied to a physical share' },
    ],
    thresholds: [],
    references: [USGS_MCS, EU_2023_STUDY],
    caveats: [
      'Which figures an importer has is data (data/importers.csv, stage_reliance.csv, sourcing_shares.csv), not code: per-stage reliance and sourcing where present, else USGS net import reliance and import sources.',
      'The EU study lists sourcing shares of at least 1 % only: a supplier below that has no direct figure (null, with the reason), never 0.',
      'Imports from third countries may still embed the supplier’s upstream output; the upstream view captures that only as a world share, not by tracing trade flows.',
      'The two views measure different things; the maximum is a screening figure, not a sum.',
    ],
  },
  {
    id: 'bloc-alignment',
    version: VERSION,
    name: 'Bloc alignment',
    summary:
      'How much of a stage’s output comes from inside a chosen group of countries, the largest producer outside it, and concentration when the bloc is treated as a single supplier.',
    formula:
      'inside = Σ member shares; outside = Σ named non-member shares; bloc HHI = inside² + Σ non-member share²; CRMA check: largest non-member share ≤ 65',
    variables: [
      { symbol: 'members', meaning: 'the countries of the bloc (e.g. MSP, NATO, EU)' },
      { symbol: 'unallocated', meaning: 'share whose producing country, and so whose membership, is unknown' },
    ],
    thresholds: [
      {
        name: 'EU CRMA single-country benchmark',
        value: 65,
        meaning:
          'no single third country should supply more than 65 % of EU consumption of a strategic raw material at any processing stage by 2030',
      },
    ],
    references: [CRMA, DOJ_HHI],
    caveats: [
      'The CRMA benchmark concerns shares of EU consumption; here it is applied to shares of world production, as a proxy.',
      'Unallocated output is reported separately rather than assigned to either side.',
    ],
  },
  {
    id: 'chokepoint',
    version: VERSION,
    name: 'Chokepoint stage',
    summary: 'The supply-chain stage at which production is most concentrated.',
    formula: 'chokepoint = stage with the highest HHI; ties go to the earlier stage (mining, refining, metal, component)',
    variables: [{ symbol: 'HHI', meaning: 'production HHI at each stage, as in method hhi' }],
    thresholds: HHI_THRESHOLDS,
    references: [EU_2017_STUDY, DOJ_HHI],
    caveats: [
      'The EU assesses the bottleneck by supply risk rather than plain HHI; this method ranks stages by concentration only.',
      'Stage totals come from different sources and bases (gross weight, contained metal), so only the ranking is compared, not tonnes.',
      'Stages may be known in different ways: annual tonnes for a year, or a study’s country shares over a reference period. Each compared stage names its basis, measure, year or period; `comparable` is false (with the reason) when the stages differ in time, basis, publisher family or measure.',
    ],
  },
  {
    id: 'disruption',
    version: VERSION,
    name: 'Supply disruption scenario',
    summary:
      'What share of world supply is lost at each stage when named countries cut output, which stage binds, how concentration shifts, and how much of an importer’s consumption is at risk.',
    formula:
      'lost = Σ tonnes_c × reduction_c; loss share = lost × (1 − substitution) / world tonnes; binding loss = max over stages; consumption at risk = NIR × Σ (import share_c/100 × reduction_c) × (1 − substitution), or NIR × binding loss without import shares; months of cover = stockpile / (apparent consumption × consumption at risk / 12)',
    variables: [
      { symbol: 'reduction_c', meaning: 'fraction of country c’s output withheld, 0–1' },
      { symbol: 'substitution', meaning: 'fraction of lost volume replaced by substitutes or other sources, 0–1' },
      { symbol: 'NIR', meaning: 'importer’s net import reliance, fraction 0–1' },
    ],
    thresholds: [],
    references: [USGS_MCS, NASSAR_2020],
    caveats: [
      'A static, one-period accounting: no price response, no spare capacity, no rerouting through third countries.',
      'Substituted volume is not attributed to any named producer when concentration after the shock is computed.',
      'Without import shares, the world loss at the binding stage stands in for the importer’s loss (flagged as a proxy); unknown reliance is then taken as 1.',
      'Shares are relative to rounded published world totals.',
      'A stage with no annual tonnes in any year is read from its share table (country shares over the source’s reference period, world = 100): loss share, HHI before/after, top producer after and alternatives are computed on the shares; tonnes at that stage (baseline, lost, substituted, alternatives’ tonnes) are null with tonnesReason. A stage that has tonnes in other years stays insufficient_data in a year without them, and share tables alone never answer for a year (the mineral is then insufficient_data). Months of cover use the importer’s own apparent consumption, so they remain computable.',
    ],
  },
  {
    id: 'export-controls',
    version: VERSION,
    name: 'Export controls: status on a date and supply under control',
    summary:
      'Which export-control measures are in force on a date, read from their recorded dates, suspensions and replacements; the share of world supply produced in countries with a measure in force; and the share of one importer’s imports from suppliers with a measure that applies to it.',
    formula:
      'status(m, d): undated if m has no date; not-announced if its first date > d; lifted if lifted ≤ d; superseded if its replacement took effect ≤ d; suspended if a suspension of m has effective ≤ d ≤ ends; announced if effective > d; expired if ends < d; suspension-ended if a suspension of m ended before d and nothing later is recorded; else in-force. controlledShare(mineral, stage, d) = Σ s_c over producers c with ≥ 1 supply measure in force on d that covers the mineral at the stage and applies to every destination (byTarget gives the same sum for measures aimed at one destination); importer targetedShare = Σ import share_j over suppliers j with an in-force export or destination ban naming the importer',
    variables: [
      { symbol: 'd', meaning: 'the as-of date (default: today, UTC)' },
      {
        symbol: 's_c',
        meaning:
          'country c’s percent of world supply at the stage, from the same figures as the concentration scores (latest year with data up to d’s year)',
      },
      {
        symbol: 'supply measure',
        meaning:
          'licence requirement, export ban, destination ban, end-user ban, quota or extraterritorial rule whose stages include the stage; technology controls and suspensions restrict no material flow',
      },
      { symbol: 'import share_j', meaning: 'supplier j’s percent of the importer’s imports of one form, latest published period' },
    ],
    thresholds: [],
    references: [
      {
        citation:
          'Chokepoint export-control table (data/export_controls.csv), compiled from official texts, translations and press reports; each measure cites its own source',
      },
      USGS_MCS,
    ],
    caveats: [
      'A suspension whose scheduled end has passed with no later record is reported as suspension-ended, and its measure is counted as unknown (unknownShare), never as in force or lifted.',
      'Measures with no recorded date (undated, announced-date-unknown, superseded-date-unknown) are counted as unknown, not as in force.',
      'A measure covers every listed mineral at every listed stage; measures that control only some forms (e.g. high-purity oxide) therefore overstate the controlled share of a stage.',
      'A licence requirement is not a ban: a controlled share says licences are needed, not that supply stops.',
      'Measures on a union (EUU) govern the output of its member states. Targets outside the OECD cannot be resolved (membership is not in the data) and are left out of importer shares.',
      'Withheld figures and the "other countries" remainder are never counted as controlled.',
    ],
  },
];

/** Look up a method by id; undefined for unknown ids. */
export function getMethod(id: string): MethodDefinition | undefined {
  return METHODS.find((method) => method.id === id);
}

/** The { id, version } stamp results carry; versions come from the catalogue so there is one source of truth. */
export function methodRef(id: MethodId): MethodRef {
  const method = getMethod(id);
  if (!method) throw new Error(`method ${id} missing from the catalogue`);
  return { id, version: method.version };
}

export function insufficientData(id: MethodId, reason: string): InsufficientData {
  return { status: 'insufficient_data', reason, method: methodRef(id) };
}
