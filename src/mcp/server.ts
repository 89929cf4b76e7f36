/**
 * The MCP server: the tools (src/mcp/tools.ts), methods and sources as resources, and two prompts. Transports
 * (Streamable HTTP at /mcp, stdio) create one with a way to take the dataset snapshot a call answers from.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import type { DatasetSnapshot } from '../dataset/snapshot.js';
import { AppError } from '../errors.js';
import { MethodSchema } from '../modules/methods/methods.schemas.js';
import { SourceDetailSchema } from '../modules/sources/sources.schemas.js';
import { getSource } from '../modules/sources/sources.service.js';
import { ImporterIdSchema, Iso3Schema, MineralIdSchema } from '../schemas/common.js';
import { getMethod, METHODS } from '../scoring/index.js';
import { problemOf, type ToolContext } from './adapter.js';
import { TOOLS } from './tools.js';

/** A tool's context, but for the snapshot: taken once per tool call or resource read. */
export type McpServerContext = Omit<ToolContext, 'snapshot'> & { snapshot(): DatasetSnapshot };

export const MCP_SERVER_INFO = { name: 'chokepoint', title: 'Chokepoint', version: '1.0.0' } as const;

const INSTRUCTIONS =
  'Chokepoint answers where critical-mineral supply chains are concentrated, stage by stage, and how dependent an ' +
  'importer is on them. Each tool answers with the same JSON as the Chokepoint HTTP API (structuredContent, and as ' +
  'JSON text) after a short summary. Quote figures as given, with their source ids (resource chokepoint://sources/{id}) ' +
  'and method ids (resource chokepoint://methods/{id}); insufficient_data means no figure, never zero. Fields called ' +
  'share are percentages (0–100); reliance, exposure, reduction and loss are fractions (0–1).';

const serializer = createSerializerCompiler({});
const serializeMethod = serializer({ schema: MethodSchema, method: 'GET', url: '/v1/methods/:id', httpPart: 'body' } as never) as (
  data: unknown,
) => string;
const serializeSource = serializer({ schema: SourceDetailSchema, method: 'GET', url: '/v1/sources/:id', httpPart: 'body' } as never) as (
  data: unknown,
) => string;

const byName = new Map(TOOLS.map((tool) => [tool.name, tool]));

function callTool(context: McpServerContext, name: string, args: Record<string, unknown>): CallToolResult {
  const tool = byName.get(name);
  if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool '${name}'; tools/list names them.`);
  try {
    const answer = tool.call({ ...context, snapshot: context.snapshot() }, args);
    return {
      content: [
        { type: 'text', text: answer.summary },
        { type: 'text', text: answer.json },
      ],
      structuredContent: answer.body,
    };
  } catch (error) {
    const refused = error instanceof AppError ? error : undefined;
    if (!refused) context.log.error({ err: error, tool: name }, 'MCP tool failed');
    const problem = problemOf(name, refused ?? new AppError('internal', 'An unexpected error occurred.'));
    const fields = (problem.errors ?? []).map((item) => `${item.field}: ${item.message}`);
    return {
      isError: true,
      content: [{ type: 'text', text: [problem.detail, ...fields].join('\n') }],
      structuredContent: problem as unknown as Record<string, unknown>,
    };
  }
}

export function createMcpServer(context: McpServerContext): McpServer {
  const mcp = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });

  // Tools through the low-level handlers: the arguments are checked by the routes' validator, so a refusal names
  // the field with the same message as the HTTP 400 (the high-level registerTool would word it its own way).
  mcp.server.registerCapabilities({ tools: {} });
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema as { type: 'object'; [key: string]: unknown },
      annotations: { title: tool.title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    })),
  }));
  mcp.server.setRequestHandler(CallToolRequestSchema, (request) =>
    callTool(context, request.params.name, (request.params.arguments ?? {}) as Record<string, unknown>),
  );

  mcp.registerResource(
    'method',
    new ResourceTemplate('chokepoint://methods/{id}', {
      list: () => ({
        resources: METHODS.map((method) => ({
          uri: `chokepoint://methods/${method.id}`,
          name: method.id,
          title: method.name,
          description: method.summary,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Method',
      description: 'A scoring method: formula, variables, thresholds, references, caveats (GET /v1/methods/{id})',
      mimeType: 'application/json',
    },
    (uri, variables) => {
      const id = String(variables.id);
      const method = getMethod(id);
      if (!method) throw new McpError(ErrorCode.InvalidParams, `Unknown method '${id}'. See GET /v1/methods for the list.`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: serializeMethod(method) }] };
    },
  );

  mcp.registerResource(
    'source',
    new ResourceTemplate('chokepoint://sources/{id}', {
      list: () => ({
        resources: context.snapshot().sources.map((source) => ({
          uri: `chokepoint://sources/${source.id}`,
          name: source.id,
          title: source.title,
          description: `${source.publisher}${source.edition ? `, ${source.edition}` : ''}${source.locator ? `, ${source.locator}` : ''}`,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Source',
      description: 'A publication the figures cite, with how many figures cite it (GET /v1/sources/{id})',
      mimeType: 'application/json',
    },
    (uri, variables) => {
      const id = decodeURIComponent(String(variables.id));
      try {
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: serializeSource(getSource(context.snapshot(), id)) }] };
      } catch (error) {
        if (error instanceof AppError) throw new McpError(ErrorCode.InvalidParams, error.detail);
        throw error;
      }
    },
  );

  mcp.registerPrompt(
    'brief-me-on-mineral',
    {
      title: 'Brief me on a mineral',
      description:
        'A sourced briefing on one mineral: where its supply chain is concentrated, the supply risk, and what a disruption would do',
      argsSchema: { mineral: MineralIdSchema },
    },
    ({ mineral }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text:
              `Brief me on ${mineral}. Use the Chokepoint tools: get_mineral_concentration {"mineral":"${mineral}"} for the ` +
              `chokepoint stage, its HHI and top producer; get_supply_risk {"mineral":"${mineral}"} for the supply risk to ` +
              'the USA; list_scenario_presets, and run_scenario_preset for any preset about this mineral (otherwise ' +
              `run_disruption_scenario with the top producer's output cut). Quote every figure exactly as the tools give it, ` +
              'with its year, source ids and method id; where a tool says insufficient_data, say so instead of estimating. ' +
              'End with the three facts that matter most.',
          },
        },
      ],
    }),
  );

  mcp.registerPrompt(
    'stress-test-importer',
    {
      title: 'Stress-test an importer against a supplier',
      description: 'How exposed an importer is to one supplier, and what happens if that supplier stops',
      argsSchema: { importer: ImporterIdSchema, supplier: Iso3Schema },
    },
    ({ importer, supplier }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text:
              `Stress-test ${importer} against ${supplier}. First call get_supplier_exposure {"importer":"${importer}","supplier":"${supplier}"} ` +
              'and take the minerals with the largest effective exposure. Then call run_disruption_scenario with ' +
              `{"importer":"${importer}","minerals":[those minerals],"shocks":[{"countries":["${supplier}"],"reduction":1}]}. ` +
              'Report, per mineral, the binding stage and its loss, the consumption at risk (say when it is a proxy), months of ' +
              'cover where given, and the top alternative suppliers with their governance. Quote figures exactly, with source ' +
              'ids and method ids; never fill a gap with an estimate.',
          },
        },
      ],
    }),
  );

  return mcp;
}
