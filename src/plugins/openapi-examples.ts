/**
 * Response examples that are real answers. For each operation named here, `npm run openapi` sends the request below
 * to an app on the embedded data (a POST sends its documented request-body example) and commits the answer as
 * `openapi/examples/<operationId>.json`; the spec points at it with `externalValue` and the server serves it. The
 * examples therefore show today's figures and cannot drift from the schema, and the spec stays small enough to open.
 * Dates are pinned (`asOf`) so that an answer does not change with the calendar. Writes, the change feed and the
 * health routes keep short inline examples: their real answer on a fresh database says little.
 */
/**
 * Where the spec points: `examples/<operationId>.json`, relative to the document, as OpenAPI resolves `externalValue`.
 * Next to openapi/openapi.json in the repository, that is openapi/examples/; the server answers it beside each URL
 * it serves the spec at (/openapi.json, and /docs/json for Swagger UI).
 */
export const EXAMPLES_DIRECTORY = 'examples';
export const EXAMPLE_ROUTES = ['/examples/:file', '/docs/examples/:file'];

/** operationId → the request whose answer is the example (path and query). */
export const RESPONSE_EXAMPLE_REQUESTS: Readonly<Record<string, string>> = {
  listMinerals: '/v1/minerals?limit=2',
  getMineral: '/v1/minerals/antimony',
  listCountries: '/v1/countries?limit=2',
  getCountry: '/v1/countries/CHN',
  listStages: '/v1/stages',
  listCapacity: '/v1/capacity?limit=2',
  listSalientStatistics: '/v1/salient?mineral=antimony&limit=2',
  listProduction: '/v1/production?mineral=antimony&stage=mining&limit=2',
  listReserves: '/v1/reserves?mineral=antimony&limit=2',
  listImportReliance: '/v1/import-reliance?mineral=antimony&limit=2',
  listImportSources: '/v1/import-sources?mineral=antimony&limit=2',
  listTradeFlows: '/v1/trade/flows?hts=8110&partner=CHN&period=jan-apr&year=2026',
  listTradeHeadings: '/v1/trade/headings?limit=2',
  getMineralTrade: '/v1/minerals/antimony/trade?from=2023',
  getExportControlObservedTrade: '/v1/export-controls/cn-mofcom-2024-46-us-ga-ge-sb-denial/observed-trade',
  listDefenseUses: '/v1/defense-uses?mineral=antimony&limit=2',
  listGroups: '/v1/groups?limit=2',
  getGroup: '/v1/groups/msp',
  listSources: '/v1/sources?limit=2',
  getSource: '/v1/sources/usgs-mcs-2026-antimony',
  listEditions: '/v1/editions?limit=2',
  getEdition: '/v1/editions/usgs-mcs-2026',
  listRevisions: '/v1/revisions?mineral=antimony&limit=2',
  getConcentrationByEdition: '/v1/minerals/antimony/concentration/editions?stage=mining&year=2024',
  getMineralPrices: '/v1/minerals/antimony/prices',
  getMineralConcentration: '/v1/minerals/antimony/concentration',
  getMineralChain: '/v1/minerals/antimony/chain',
  getConcentrationHistory: '/v1/minerals/antimony/concentration/history?stage=mining',
  listConcentration: '/v1/concentration',
  getCountryDominance: '/v1/countries/CHN/dominance',
  getMineralSupplyRisk: '/v1/minerals/antimony/supply-risk',
  evaluateEuSupplyRisk: '/v1/methods/eu-supply-risk/evaluate',
  listImporters: '/v1/importers',
  getImporterDependency: '/v1/dependency/USA',
  getSupplierExposure: '/v1/dependency/USA/on/CHN',
  getMineralAlignment: '/v1/minerals/antimony/alignment?group=msp',
  runDisruptionScenario: '/v1/scenarios/disruption',
  listScenarioPresets: '/v1/scenarios/presets',
  runScenarioPreset: '/v1/scenarios/presets/china-antimony-ban',
  listExportControls: '/v1/export-controls?mineral=antimony&asOf=2026-12-01&limit=2',
  listControlledSupply: '/v1/export-controls/supply?asOf=2026-12-01',
  getExportControl: '/v1/export-controls/cn-mofcom-2024-46-us-ga-ge-sb-denial?asOf=2026-12-01',
  getExportControlTimeline: '/v1/minerals/antimony/export-controls?limit=3',
  getMineralControlledSupply: '/v1/minerals/gallium/export-controls/supply?asOf=2026-12-01',
  getImporterExportControls: '/v1/dependency/USA/export-controls?asOf=2026-12-01',
  runExportControlScenario: '/v1/scenarios/export-controls',
  listQuality: '/v1/quality?mineral=germanium&limit=3',
  listMethods: '/v1/methods',
  getMethod: '/v1/methods/hhi',
};

export const exampleFileName = (operationId: string): string => `${operationId}.json`;

/** The spec's Example Object for an operation's answer, or undefined when it keeps an inline example. */
export function externalExample(
  operationId: string | undefined,
  method: string,
): Record<string, { summary: string; externalValue: string }> | undefined {
  const request = operationId === undefined ? undefined : RESPONSE_EXAMPLE_REQUESTS[operationId];
  if (operationId === undefined || request === undefined) return undefined;
  const summary = `${method} ${request}${method === 'GET' ? '' : ' with the request example'}`;
  return { example: { summary, externalValue: `${EXAMPLES_DIRECTORY}/${exampleFileName(operationId)}` } };
}
