/**
 * Chokepoint's read questions as MCP tools. Each tool is one route: the route's own zod schemas (exported from
 * its module) for the arguments and the answer, and the service function the route calls. Writes are not tools.
 */
import { pageOf, pageQueryOf } from '../plugins/http-pagination.js';
import { TradeFlowSchema, TradeFlowsQuery } from '../modules/trade/trade.schemas.js';
import { listTradeFlows } from '../modules/trade/trade.service.js';
import { EditionQuery, listOf } from '../schemas/common.js';
import {
  ChainSchema,
  DominanceParamsSchema,
  DominanceQuerySchema,
  DominanceSchema,
  MineralConcentrationSchema,
  MineralParamsSchema,
  YearAndStageQuerySchema,
} from '../modules/concentration/concentration.schemas.js';
import { countryDominance, mineralChain, mineralConcentration } from '../modules/concentration/concentration.service.js';
import {
  DependencyParamsSchema,
  DependencyQuerySchema,
  DependencySchema,
  ExposureParamsSchema,
  ExposureQuerySchema,
  ExposureSchema,
} from '../modules/dependency/dependency.schemas.js';
import { importerDependency, supplierExposure } from '../modules/dependency/dependency.service.js';
import { MineralListQuerySchema, MineralListSchema } from '../modules/minerals/minerals.schemas.js';
import { listMinerals } from '../modules/minerals/minerals.service.js';
import {
  DisruptionRequestSchema,
  DisruptionResponseSchema,
  PresetListSchema,
  PresetOverridesSchema,
  PresetParamsSchema,
  PresetRunResponseSchema,
} from '../modules/scenarios/scenarios.schemas.js';
import { listPresets, runPresetWithTrade, runScenarioWithTrade } from '../modules/scenarios/scenarios.service.js';
import { SourceListQuerySchema, SourceListSchema } from '../modules/sources/sources.schemas.js';
import { listSources } from '../modules/sources/sources.service.js';
import { SupplyRiskParamsSchema, SupplyRiskQuerySchema, MineralSupplyRiskSchema } from '../modules/supply-risk/supply-risk.schemas.js';
import { mineralSupplyRisk } from '../modules/supply-risk/supply-risk.service.js';
import { z } from 'zod';
import { kilogramsOf } from '../domain/trade.js';
import {
  ControlledSupplyParamsSchema,
  ControlledSupplyQuerySchema,
  ExportControlListQuerySchema,
  ExportControlListSchema,
  MineralControlledSupplySchema,
} from '../modules/export-controls/export-controls.schemas.js';
import { listExportControls, mineralControlledSupply } from '../modules/export-controls/export-controls.service.js';
import { defineTool, type McpTool } from './adapter.js';

/** Paging arguments are not filters: a cursor is bound to the tool and the other arguments. */
const PAGING = new Set(['limit', 'cursor', 'format']);

function scopeOf(tool: string, args: Record<string, unknown>): string {
  const filters = Object.entries(args)
    .filter(([name, value]) => !PAGING.has(name) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, String(value)]);
  return `mcp:${tool}?${new URLSearchParams(filters).toString()}`;
}

const label = (text: string) => text.replaceAll('_', ' ');
const list = (items: string[], more: number) => items.join('; ') + (more > 0 ? `; and ${more} more` : '');
const TOP = 5;

/** The end of a paged answer's summary: how to get the next page, if there is one. */
const more = (page: { next?: string | null | undefined }) => (page.next ? ' More: call again with cursor = next.' : '');

/** A page's summary: the head, the first items shown, how many more, and how to get the next page. */
const pageSummary = (head: string, shown: string[], page: { total: number; next?: string | null | undefined }) =>
  head + (shown.length > 0 ? `: ${list(shown, page.total - shown.length)}.` : '.') + more(page);

/** A figure's time: its data year, or the reference period of a share table. */
const whenOf = (figure: { year?: number | null; period?: string | null }) =>
  figure.year !== null && figure.year !== undefined ? String(figure.year) : `shares, ${figure.period ?? 'reference period not stated'}`;

const listMineralsTool = defineTool({
  name: 'list_minerals',
  title: 'List minerals',
  description: 'The minerals Chokepoint covers, with the processing stages that have data. Same answer as GET /v1/minerals.',
  args: MineralListQuerySchema,
  output: MineralListSchema,
  run: (context, _params, args) => pageOf(context.paginate, listMinerals(context.snapshot), args, scopeOf('list_minerals', args)),
  summarise: (body) =>
    `${body.total} minerals: ${body.data.map((mineral) => `${mineral.id} (${mineral.stagesWithData.join(', ') || 'no production data'})`).join('; ')}.` +
    more(body),
});

const concentrationTool = defineTool({
  name: 'get_mineral_concentration',
  title: 'Concentration of a mineral’s supply chain',
  description:
    'Per processing stage (mining, refining, metal, component): HHI, CR1/CR3, concentration bands, top producer, governance-weighted HHI, and the chokepoint stage, for the latest year with data or the given year (a future year such as 2030 answers from projections where held, flagged projection with its scenario, and is not ranked as the chokepoint). A stage without data is insufficient_data, never zero. Same answer as GET /v1/minerals/{mineral}/concentration.',
  params: MineralParamsSchema,
  args: YearAndStageQuerySchema,
  output: MineralConcentrationSchema,
  run: (context, params, args) => mineralConcentration(context.snapshot, params.mineral, args),
  summarise: (body) => {
    const chokepoint = body.chokepoint;
    const head =
      chokepoint.status === 'ok'
        ? `${body.mineral}: the chokepoint is ${chokepoint.stage} (${whenOf(chokepoint)}), HHI ${chokepoint.hhi}; ${chokepoint.topCountryName} (${chokepoint.topCountry}) has ${chokepoint.topShare} % of world supply.` +
          (chokepoint.comparable === false ? ` Caution: ${chokepoint.reason}` : '')
        : `${body.mineral}: no chokepoint stage (${chokepoint.reason}).`;
    const stages = body.stages.map((block) =>
      block.status === 'ok'
        ? `${block.stage} ${whenOf(block)}${block.projection ? ` (projection, ${block.scenario})` : ''}: HHI ${block.hhi} (${label(block.bands.doj2023)}), top ${block.top.name} ${block.top.share} %, sources ${block.inputs.sourceIds.join(', ')}`
        : `${block.stage}: insufficient data (${block.reason})`,
    );
    return `${head} ${stages.join('; ')}. Method: ${body.stages[0]?.method.href ?? '/v1/methods/hhi'}.`;
  },
});

const chainTool = defineTool({
  name: 'get_mineral_chain',
  title: 'A mineral’s whole supply chain, stage by stage',
  description:
    'Every stage of one mineral with its own name (mining → smelting/APT/separation/chemicals → metal → magnets), each with its basis, data year or reference period, edition, sources, HHI (or HHI range), top producers and China’s share; annual tonnes where published, else the EU CRM 2023 country shares; other bases of a stage follow. `binding` is the most concentrated stage and says whether the stages compared are like for like. Same answer as GET /v1/minerals/{mineral}/chain.',
  params: MineralParamsSchema,
  args: z.object({ ...EditionQuery }),
  output: ChainSchema,
  run: (context, params) => mineralChain(context.snapshot, params.mineral),
  summarise: (body) => {
    const stages = body.stages.map((stage) => {
      const head = stage.series[0];
      if (stage.status !== 'ok' || !head || head.status !== 'ok')
        return `${stage.name}: insufficient data (${stage.reason ?? 'no figures'})`;
      const china = head.china.share === null ? 'China not named' : `China ${head.china.share} %`;
      return `${stage.name} (${whenOf(head)}, ${head.basisLabel}, ${head.edition}): ${china}, HHI ${head.hhi}`;
    });
    const binding = body.binding;
    const tail =
      binding.status === 'ok'
        ? ` Most concentrated: ${binding.stage}${binding.comparable === false ? ` (not like for like: ${binding.reason})` : ''}.`
        : '';
    return `${body.name}: ${stages.join('; ')}.${tail}`;
  },
});

const dominanceTool = defineTool({
  name: 'get_country_dominance',
  title: 'Where a country dominates supply',
  description:
    'Every (mineral, stage) where a country holds at least minShare percent (default 25) of world supply, with its rank and the stage HHI. Same answer as GET /v1/countries/{iso3}/dominance.',
  params: DominanceParamsSchema,
  args: DominanceQuerySchema,
  output: DominanceSchema,
  run: (context, params, args) => countryDominance(context.snapshot, params.iso3, args),
  summarise: (body) => {
    const rows = body.data.slice(0, TOP).map((row) => `${row.mineral} ${row.stage} ${row.share} % (${row.year}, rank ${row.rank})`);
    return (
      `${body.name} (${body.country}) has at least ${body.minShare} % of world supply in ${body.total} mineral-stage pair(s)` +
      (rows.length > 0 ? `: ${list(rows, body.total - rows.length)}.` : '.')
    );
  },
});

const dependencyTool = defineTool({
  name: 'get_importer_dependency',
  title: 'An importer’s dependency, mineral by mineral',
  description:
    'Per mineral: net import reliance, import sources and their concentration, and a dependency index (trade exposure × disruption potential), for an importer (ISO3, e.g. USA). Same answer as GET /v1/dependency/{importer}.',
  params: DependencyParamsSchema,
  args: DependencyQuerySchema,
  output: DependencySchema,
  run: (context, params, args) => importerDependency(context.snapshot, params.importer, args),
  summarise: (body) => {
    const scored = body.data
      .flatMap((row) => (row.dependencyIndex.status === 'ok' ? [{ row, index: row.dependencyIndex.index }] : []))
      .sort((a, b) => b.index - a.index);
    const rows = scored.slice(0, TOP).map(({ row, index }) => {
      const nir = row.netImportReliance;
      const reliance = !nir
        ? 'no net import reliance'
        : ['eq', 'gt', 'lt'].includes(nir.qualifier)
          ? `net import reliance ${nir.valueText} %`
          : `net import reliance ${nir.valueText} (${label(nir.qualifier)})`;
      const supplier = row.topSupplier
        ? `, top supplier ${row.topSupplier.name}${row.topSupplier.sharePct === null ? '' : ` ${row.topSupplier.sharePct} %`}`
        : '';
      return `${row.mineral} index ${index} (${reliance}${supplier})`;
    });
    return (
      `${body.importer}: ${body.total} mineral(s), ${scored.length} with a dependency index` +
      (rows.length > 0 ? `; highest: ${list(rows, scored.length - rows.length)}.` : '.') +
      ` Method: ${body.method.href}.`
    );
  },
});

const exposureTool = defineTool({
  name: 'get_supplier_exposure',
  title: 'How exposed an importer is to one supplier',
  description:
    'Mineral by mineral: direct exposure (net import reliance × the supplier’s share of imports), upstream exposure (the supplier’s share of world supply at its strongest stage) and the effective exposure (the larger), as fractions 0–1. Same answer as GET /v1/dependency/{importer}/on/{supplier}.',
  params: ExposureParamsSchema,
  args: ExposureQuerySchema,
  output: ExposureSchema,
  run: (context, params) => supplierExposure(context.snapshot, context.trade, params.importer, params.supplier),
  summarise: (body) => {
    const ok = body.data.flatMap((row) => (row.status === 'ok' ? [row] : []));
    const rows = ok
      .slice(0, TOP)
      .map(
        (row) =>
          `${row.mineral} ${row.effectiveExposure} (${row.drivenBy}${row.drivenBy === 'upstream' && row.upstream ? `, ${row.upstream.stage}` : ''})`,
      );
    return (
      `${body.importer}'s exposure to ${body.supplierName} (${body.supplier}) across ${body.total} mineral(s)` +
      (rows.length > 0 ? `; largest effective exposures: ${list(rows, ok.length - rows.length)}.` : '; none could be computed.') +
      ` Method: ${body.method.href}.`
    );
  },
});

const supplyRiskTool = defineTool({
  name: 'get_supply_risk',
  title: 'Supply risk of a mineral for an importer',
  description:
    'The EU supply-risk structure computed from Chokepoint data for an importer (default USA), per stage, with the bottleneck stage and every input and assumption. Same answer as GET /v1/minerals/{mineral}/supply-risk.',
  params: SupplyRiskParamsSchema,
  args: SupplyRiskQuerySchema,
  output: MineralSupplyRiskSchema,
  run: (context, params, args) => mineralSupplyRisk(context.snapshot, params.mineral, args),
  summarise: (body) => {
    const stages = body.stages.map((stage) =>
      stage.status === 'ok' && 'year' in stage
        ? `${stage.stage} ${stage.year}: SR ${stage.supplyRisk} (threshold ${stage.criticalThreshold}, ${stage.aboveThreshold ? 'above' : 'below'})`
        : `${stage.stage}: insufficient data (${'reason' in stage ? stage.reason : 'no data'})`,
    );
    const head =
      body.supplyRisk === null
        ? `${body.mineral} supply risk for ${body.importer}: not computable.`
        : `${body.mineral} supply risk for ${body.importer}: ${body.supplyRisk} at the bottleneck stage ${body.bottleneckStage}.`;
    return `${head} ${stages.join('; ')}. ${body.assumptions.length} assumption(s) are stated in \`assumptions\`. Method: ${body.method.href}.`;
  },
});

type ScenarioBody = z.input<typeof DisruptionResponseSchema>;

function scenarioSummary(body: ScenarioBody): string {
  const rows = body.summary.map((row) =>
    row.status === 'ok'
      ? `${row.mineral}: ${row.bindingStage} loses ${row.bindingLoss} of world supply` +
        (row.consumptionAtRisk === null
          ? ''
          : `, ${body.scenario.importer} consumption at risk ${row.consumptionAtRisk}${row.proxy ? ' (proxy)' : ''}`) +
        (row.topAlternative ? `, top alternative ${row.topAlternative.name} ${row.topAlternative.share} %` : '')
      : `${row.mineral}: insufficient data (${row.reason ?? 'no data'})`,
  );
  const shown = rows.slice(0, 8);
  return `Losses are fractions 0–1, ranked: ${list(shown, rows.length - shown.length)}. Method: ${body.method.href}.`;
}

const scenarioTool = defineTool({
  name: 'run_disruption_scenario',
  title: 'Run a disruption scenario',
  description:
    'What if a country (or group) cuts its output: per mineral and stage the tonnes and share of world supply lost, HHI before and after, the binding stage, the importer’s consumption at risk (and months of cover with a stockpile), defense uses exposed and alternative suppliers. Arguments are the body of POST /v1/scenarios/disruption, e.g. {"minerals":["antimony"],"shocks":[{"countries":["CHN"],"reduction":1}]}.',
  args: DisruptionRequestSchema,
  output: DisruptionResponseSchema,
  run: (context, _params, args) => runScenarioWithTrade(context.snapshot, context.trade, args),
  summarise: (body) => `Scenario for importer ${body.scenario.importer}. ${scenarioSummary(body)}`,
});

const presetsTool = defineTool({
  name: 'list_scenario_presets',
  title: 'List stored scenarios',
  description:
    'Stored scenarios for the questions Chokepoint was built to answer, each with the request it runs. Same answer as GET /v1/scenarios/presets.',
  args: z.object({}),
  output: PresetListSchema,
  run: (context) => listPresets(context.snapshot),
  summarise: (body) =>
    `${body.total} presets: ${body.data.map((preset) => `${preset.id} (${preset.title})`).join('; ')}. Run one with run_scenario_preset.`,
});

const presetTool = defineTool({
  name: 'run_scenario_preset',
  title: 'Run a stored scenario',
  description:
    'Runs a stored scenario by id (see list_scenario_presets), optionally overriding year, importer, stockpile or substitution. Same answer as POST /v1/scenarios/presets/{id}.',
  params: PresetParamsSchema,
  args: PresetOverridesSchema,
  output: PresetRunResponseSchema,
  run: (context, params, args) => runPresetWithTrade(context.snapshot, context.trade, params.id, args),
  summarise: (body) => `${body.preset.title} (importer ${body.scenario.importer}). ${scenarioSummary(body)}`,
});

const sourcesTool = defineTool({
  name: 'search_sources',
  title: 'Search the sources',
  description:
    'The publications Chokepoint’s figures cite, searched by words in their id, title, publisher, edition, locator or citation (all words must match, any case). Same answer as GET /v1/sources?q=….',
  args: SourceListQuerySchema,
  output: SourceListSchema,
  run: (context, _params, args) => pageOf(context.paginate, listSources(context.snapshot, args), args, scopeOf('search_sources', args)),
  summarise: (body, args) => {
    const shown = body.data.slice(0, TOP).map((source) => `${source.id} (${source.title}${source.locator ? `, ${source.locator}` : ''})`);
    const query = args.q?.trim() ? ` match "${args.q.trim()}"` : '';
    return pageSummary(`${body.total} source(s)${query}`, shown, body);
  },
});

const exportControlsTool = defineTool({
  name: 'get_export_controls',
  title: 'Export controls in force on a date',
  description:
    'Export-control measures on critical minerals (licence requirements, export and destination bans, quotas, suspensions…) with their status on asOf (default today): announced, in force, suspended (by which measure, until when), suspension ended with no later record, expired or lifted; each with its instrument, target and source. Filter by mineral, imposing country, target, measure type or status. Same answer as GET /v1/export-controls.',
  args: ExportControlListQuerySchema,
  output: ExportControlListSchema,
  run: (context, _params, args) => {
    const { asOf = context.today(), ...filters } = args;
    return {
      ...pageOf(context.paginate, listExportControls(context.snapshot, asOf, filters), args, scopeOf('get_export_controls', args)),
      asOf,
    };
  },
  summarise: (body) => {
    const shown = body.data.slice(0, TOP).map((measure) => `${measure.id} (${measure.title}; ${measure.status.detail})`);
    return pageSummary(`${body.total} measure(s) on ${body.asOf}`, shown, body);
  },
});

const controlledSupplyTool = defineTool({
  name: 'get_controlled_supply',
  title: 'Share of a mineral’s supply under export controls',
  description:
    'Per stage: the share of world supply produced in countries with a measure in force on asOf (default today) that covers the mineral at that stage, with the measures behind it by type and target, and the supply behind measures of unknown status apart. Uses the same production figures as the concentration scores. Same answer as GET /v1/minerals/{mineral}/export-controls/supply.',
  params: ControlledSupplyParamsSchema,
  args: ControlledSupplyQuerySchema,
  output: MineralControlledSupplySchema,
  run: (context, params, args) => mineralControlledSupply(context.snapshot, params.mineral, args.asOf ?? context.today(), args),
  summarise: (body) =>
    `${body.mineral} on ${body.asOf}: ` +
    body.stages
      .map((stage) =>
        stage.status === 'ok'
          ? `${stage.stage} ${stage.year}: ${stage.controlledShare} % of world supply under control`
          : `${stage.stage}: no data`,
      )
      .join('; ') +
    '.',
});

const tradeFlowsTool = defineTool({
  name: 'get_trade_flows',
  title: 'Observed U.S. trade by HTS heading, partner and year',
  description:
    'U.S. imports for consumption and domestic exports (USITC DataWeb, Census statistics) by HTS 4-digit heading, partner and year or January–April: value in USD and each quantity with its unit, suppressed flags, edition and source. 18 partners, no World row. Same answer as GET /v1/trade/flows.',
  args: TradeFlowsQuery,
  output: listOf(TradeFlowSchema),
  run: (context, _params, args) =>
    pageQueryOf(context.paginate, listTradeFlows(context.snapshot, context.trade, args), args, scopeOf('get_trade_flows', args)),
  summarise: (body) =>
    `${body.total} flows. ` +
    body.data
      .slice(0, TOP)
      .map((row) => {
        const kg = kilogramsOf(row.quantities);
        return `${row.flow} ${row.hts} ${row.partner} ${row.year} ${row.period}: ${row.valueUsd ?? 'no value'} USD${kg ? `, ${kg.kg ?? 'no'} kg` : ''}`;
      })
      .join('; ') +
    '.' +
    more(body),
});

/** Every tool, in the order an assistant meets the questions. */
export const TOOLS: readonly McpTool[] = [
  listMineralsTool,
  chainTool,
  concentrationTool,
  dominanceTool,
  dependencyTool,
  exposureTool,
  supplyRiskTool,
  scenarioTool,
  presetsTool,
  presetTool,
  exportControlsTool,
  controlledSupplyTool,
  tradeFlowsTool,
  sourcesTool,
];
