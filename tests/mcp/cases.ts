/**
 * The same questions asked as MCP tool calls and as HTTP requests, and the checks both transports run: every tool
 * answers with the HTTP body (as structuredContent and byte for byte as JSON text), refusals name the field with
 * the 400's message, and the resources are the HTTP bodies of /v1/methods/{id} and /v1/sources/{id}.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { REQUEST_EXAMPLE } from '../../src/modules/scenarios/scenarios.schemas.js';

export interface ToolCase {
  tool: string;
  args: Record<string, unknown>;
  http: { method: 'GET' | 'POST'; url: string; payload?: unknown };
  /** Figures the summary must quote, read from the HTTP body. */
  quotes?: (body: any) => (string | number)[];
}

export const TOOL_CASES: ToolCase[] = [
  { tool: 'list_minerals', args: {}, http: { method: 'GET', url: '/v1/minerals' }, quotes: (body) => [body.total, body.data[0].id] },
  // Antimony mining 2025 (MCS 2026) and smelting (EU CRM 2023 shares) in one call.
  {
    tool: 'get_mineral_chain',
    args: { mineral: 'antimony' },
    http: { method: 'GET', url: '/v1/minerals/antimony/chain' },
    quotes: (body) => [body.stages[0].series[0].china.share, body.stages[1].series[0].china.share, body.stages[1].name, body.binding.stage],
  },
  {
    tool: 'get_mineral_concentration',
    args: { mineral: 'tungsten' },
    http: { method: 'GET', url: '/v1/minerals/tungsten/concentration' },
    quotes: (body) => [body.chokepoint.stage, body.chokepoint.hhi, body.chokepoint.topShare],
  },
  // As MCS 2025 answered it (HHI 4,099.6), not as MCS 2026 revised 2024: the edition reaches the tool too.
  {
    tool: 'get_mineral_concentration',
    args: { mineral: 'antimony', year: 2024, stage: 'mining', edition: 'usgs-mcs-2025' },
    http: { method: 'GET', url: '/v1/minerals/antimony/concentration?year=2024&stage=mining&edition=usgs-mcs-2025' },
    quotes: (body) => [body.stages[0].hhi, body.stages[0].edition],
  },
  // A projected year: the tool gives the HTTP body and its summary says it is a projection, with the scenario.
  {
    tool: 'get_mineral_concentration',
    args: { mineral: 'cobalt', year: 2030, stage: 'refining' },
    http: { method: 'GET', url: '/v1/minerals/cobalt/concentration?year=2030&stage=refining' },
    quotes: (body) => [body.stages[0].top.share, 'projection', body.stages[0].scenario],
  },
  {
    tool: 'get_mineral_concentration',
    args: { mineral: 'antimony', year: 2023, stage: 'mining' },
    http: { method: 'GET', url: '/v1/minerals/antimony/concentration?year=2023&stage=mining' },
    quotes: (body) => [body.stages[0].hhi],
  },
  {
    tool: 'get_country_dominance',
    args: { iso3: 'chn', minShare: 50 },
    http: { method: 'GET', url: '/v1/countries/chn/dominance?minShare=50' },
    quotes: (body) => [body.total, body.data[0].share],
  },
  {
    tool: 'get_importer_dependency',
    args: { importer: 'USA' },
    http: { method: 'GET', url: '/v1/dependency/USA' },
    quotes: (body) => [body.total],
  },
  {
    tool: 'get_supplier_exposure',
    args: { importer: 'USA', supplier: 'CHN' },
    http: { method: 'GET', url: '/v1/dependency/USA/on/CHN' },
    quotes: (body) => [body.data[0].mineral, body.data[0].effectiveExposure],
  },
  {
    tool: 'get_supply_risk',
    args: { mineral: 'tungsten', importer: 'usa', substitutionIndex: 0.9 },
    http: { method: 'GET', url: '/v1/minerals/tungsten/supply-risk?importer=usa&substitutionIndex=0.9' },
    quotes: (body) => [body.supplyRisk, body.bottleneckStage],
  },
  {
    tool: 'run_disruption_scenario',
    args: REQUEST_EXAMPLE,
    http: { method: 'POST', url: '/v1/scenarios/disruption', payload: REQUEST_EXAMPLE },
    quotes: (body) => [body.summary[0].mineral, body.summary[0].bindingLoss],
  },
  {
    tool: 'get_export_controls',
    args: { mineral: 'antimony', asOf: '2025-06-01' },
    http: { method: 'GET', url: '/v1/export-controls?mineral=antimony&asOf=2025-06-01' },
    quotes: (body) => [body.total, body.data[0].id, body.asOf],
  },
  {
    tool: 'get_controlled_supply',
    args: { mineral: 'antimony', asOf: '2025-06-01' },
    http: { method: 'GET', url: '/v1/minerals/antimony/export-controls/supply?asOf=2025-06-01' },
    // China's 40,000 of the rows' 110,720 t of 2025 mine output (the printed 110,000 t is rounded) under the licence
    // requirement: 36.13 %.
    quotes: (body) => [body.stages[0].controlledShare, 36.13],
  },
  { tool: 'list_scenario_presets', args: {}, http: { method: 'GET', url: '/v1/scenarios/presets' }, quotes: (body) => [body.data[0].id] },
  {
    tool: 'run_scenario_preset',
    args: { id: 'china-antimony-ban', year: 2024, stockpile: { antimony: 1100 } },
    http: { method: 'POST', url: '/v1/scenarios/presets/china-antimony-ban', payload: { year: 2024, stockpile: { antimony: 1100 } } },
    quotes: (body) => [body.preset.title, body.summary[0].bindingLoss],
  },
  // Observed trade (USITC DataWeb): antimony from China, January–April 2026, read by query from the trade store.
  {
    tool: 'get_trade_flows',
    args: { hts: '8110', partner: 'CHN', period: 'jan-apr', year: 2026 },
    http: { method: 'GET', url: '/v1/trade/flows?hts=8110&partner=CHN&period=jan-apr&year=2026' },
    quotes: (body) => [body.total, body.data[0].valueUsd, 666],
  },
  {
    tool: 'search_sources',
    args: { q: 'USGS antimony' },
    http: { method: 'GET', url: '/v1/sources?q=USGS%20antimony' },
    quotes: (body) => [body.total, body.data[0].id],
  },
];

/** The tools a server must list: exactly the read questions, no writes. */
export const TOOL_NAMES = [...new Set(TOOL_CASES.map((c) => c.tool))].sort();

async function httpAnswer(app: FastifyInstance, http: ToolCase['http']) {
  const response = await app.inject({
    method: http.method,
    url: http.url,
    ...(http.payload === undefined ? {} : { payload: http.payload as object }),
  });
  expect(response.statusCode, `${http.method} ${http.url}: ${response.body.slice(0, 300)}`).toBe(200);
  return { text: response.body, body: response.json() };
}

function texts(result: CallToolResult): string[] {
  return result.content.map((item) => (item.type === 'text' ? item.text : ''));
}

export async function expectToolsListed(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
  for (const tool of tools) {
    expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    expect(tool.inputSchema.type).toBe('object');
    expect(JSON.stringify(tool.inputSchema), `${tool.name} has no HTTP-only format argument`).not.toContain('"format"');
  }
  const concentration = tools.find((tool) => tool.name === 'get_mineral_concentration');
  // The route's own schemas: the path parameter, the query fields, their constraints and descriptions.
  expect(concentration?.inputSchema).toMatchObject({
    required: ['mineral'],
    properties: {
      mineral: { type: 'string' },
      year: { type: 'integer', minimum: 1900, maximum: 2100 },
      stage: { enum: ['mining', 'refining', 'metal', 'component'] },
    },
  });
  const scenario = tools.find((tool) => tool.name === 'run_disruption_scenario');
  expect(scenario?.inputSchema).toMatchObject({ required: ['shocks'], additionalProperties: false });
}

/** Calls every tool and checks its answer against app.inject of the same question. */
export async function expectToolsAnswerAsHttp(client: Client, app: FastifyInstance): Promise<void> {
  for (const toolCase of TOOL_CASES) {
    const result = (await client.callTool({ name: toolCase.tool, arguments: toolCase.args })) as CallToolResult;
    const label = `${toolCase.tool} ${JSON.stringify(toolCase.args)}`;
    expect(result.isError, `${label}: ${texts(result).join(' ')}`).toBeFalsy();
    const http = await httpAnswer(app, toolCase.http);
    expect(result.structuredContent, label).toEqual(http.body);
    const [summary, json] = texts(result);
    expect(json, `${label}: the JSON text is the HTTP body byte for byte`).toBe(http.text);
    for (const figure of toolCase.quotes?.(http.body) ?? []) expect(summary, label).toContain(String(figure));
  }
}

export async function expectPagingAsHttp(client: Client, app: FastifyInstance): Promise<void> {
  const first = (await client.callTool({ name: 'search_sources', arguments: { limit: 50 } })) as CallToolResult;
  const http = await httpAnswer(app, { method: 'GET', url: '/v1/sources?limit=50' });
  const page = first.structuredContent as { data: unknown[]; total: number; next: string | null };
  expect(page.data).toEqual(http.body.data);
  expect(page.total).toBe(http.body.total);
  expect(page.next).toEqual(expect.any(String));
  const second = (await client.callTool({ name: 'search_sources', arguments: { limit: 50, cursor: page.next } })) as CallToolResult;
  const httpSecond = await httpAnswer(app, { method: 'GET', url: `/v1/sources?limit=50&cursor=${encodeURIComponent(http.body.next)}` });
  expect((second.structuredContent as { data: unknown[] }).data).toEqual(httpSecond.body.data);
  // A cursor is bound to its tool and filters, as an HTTP cursor to its route and query.
  const foreign = (await client.callTool({ name: 'list_minerals', arguments: { cursor: page.next } })) as CallToolResult;
  expect(foreign.isError).toBe(true);
  expect(foreign.structuredContent).toMatchObject({
    status: 400,
    errors: [{ field: 'cursor', message: 'invalid or tampered cursor; start again without one' }],
  });
}

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Refused arguments: an isError result naming each field with the message of the HTTP 400 for the same input. */
export async function expectRefusalsAsHttp(client: Client, app: FastifyInstance): Promise<void> {
  const refusals: { tool: string; args: Record<string, unknown>; http: ToolCase['http']; location: string }[] = [
    {
      tool: 'get_mineral_concentration',
      args: { mineral: 'tungsten', year: 1800 },
      http: { method: 'GET', url: '/v1/minerals/tungsten/concentration?year=1800' },
      location: 'querystring',
    },
    {
      tool: 'get_country_dominance',
      args: { iso3: 'CHINA' },
      http: { method: 'GET', url: '/v1/countries/CHINA/dominance' },
      location: 'params',
    },
    // Refused after the schema: an edition the dataset does not hold.
    {
      tool: 'get_importer_dependency',
      args: { importer: 'USA', edition: 'usgs-mcs-1999' },
      http: { method: 'GET', url: '/v1/dependency/USA?edition=usgs-mcs-1999' },
      location: 'querystring',
    },
    {
      tool: 'run_disruption_scenario',
      args: { shocks: [{ countries: ['CHN'], reduction: 2 }], colour: 'red' },
      http: { method: 'POST', url: '/v1/scenarios/disruption', payload: { shocks: [{ countries: ['CHN'], reduction: 2 }], colour: 'red' } },
      location: 'body',
    },
    // Refused by the service, not the schema: an unknown country in a shock.
    {
      tool: 'run_disruption_scenario',
      args: { shocks: [{ countries: ['XXX'], reduction: 1 }] },
      http: { method: 'POST', url: '/v1/scenarios/disruption', payload: { shocks: [{ countries: ['XXX'], reduction: 1 }] } },
      location: 'body',
    },
  ];
  for (const refusal of refusals) {
    const result = (await client.callTool({ name: refusal.tool, arguments: refusal.args })) as CallToolResult;
    const response = await app.inject({
      method: refusal.http.method,
      url: refusal.http.url,
      ...(refusal.http.payload === undefined ? {} : { payload: refusal.http.payload as object }),
    });
    expect(response.statusCode).toBe(400);
    const httpProblem = response.json() as Problem;
    const expected = (httpProblem.errors ?? []).map((item) => ({
      field: item.field === refusal.location ? 'arguments' : item.field.slice(refusal.location.length + 1),
      message: item.message,
    }));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.isError, refusal.tool).toBe(true);
    const problem = result.structuredContent as unknown as Problem;
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem.errors).toEqual(expected);
    for (const item of expected) expect(texts(result)[0]).toContain(`${item.field}: ${item.message}`);
  }
  // Unknown ids are refusals too, worded as the 404.
  const unknown = (await client.callTool({ name: 'get_supply_risk', arguments: { mineral: 'unobtainium' } })) as CallToolResult;
  const notFound = (await app.inject({ method: 'GET', url: '/v1/minerals/unobtainium/supply-risk' })).json() as Problem;
  expect(unknown.isError).toBe(true);
  expect(unknown.structuredContent).toMatchObject({ status: 404, code: 'not_found', detail: notFound.detail });
}

export async function expectResourcesAndPrompts(client: Client, app: FastifyInstance): Promise<void> {
  const { resources } = await client.listResources();
  const uris = resources.map((resource) => resource.uri);
  expect(uris).toContain('chokepoint://methods/hhi');
  expect(uris).toContain('chokepoint://sources/usgs-mcs-2025-antimony');
  for (const [uri, url] of [
    ['chokepoint://methods/hhi', '/v1/methods/hhi'],
    ['chokepoint://sources/usgs-mcs-2025-antimony', '/v1/sources/usgs-mcs-2025-antimony'],
  ] as const) {
    const { contents } = await client.readResource({ uri });
    expect(contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    expect((contents[0] as { text: string }).text).toBe((await app.inject({ method: 'GET', url })).body);
  }
  await expect(client.readResource({ uri: 'chokepoint://methods/astrology' })).rejects.toThrow(/Unknown method 'astrology'/);

  const { prompts } = await client.listPrompts();
  expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['brief-me-on-mineral', 'stress-test-importer']);
  const brief = await client.getPrompt({ name: 'brief-me-on-mineral', arguments: { mineral: 'gallium' } });
  expect(JSON.stringify(brief.messages)).toContain('get_mineral_concentration {\\"mineral\\":\\"gallium\\"}');
  const stress = await client.getPrompt({ name: 'stress-test-importer', arguments: { importer: 'usa', supplier: 'chn' } });
  expect(JSON.stringify(stress.messages)).toContain('get_supplier_exposure {\\"importer\\":\\"USA\\",\\"supplier\\":\\"CHN\\"}');
}
