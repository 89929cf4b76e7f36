/**
 * The MCP adapter's plumbing, like a route's: validate the arguments with the route's own zod schemas (the same
 * validator and the same per-field messages as a 400), call the route's service function, and serialise the
 * result with the route's 200 schema, so a tool answers with the HTTP body byte for byte.
 */
import type { TradeRepository } from '../modules/trade/trade.repository.js';
import type { FastifyBaseLogger } from 'fastify';
import { createSerializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewForEdition, type DatasetSnapshot } from '../dataset/snapshot.js';
import { AppError, problemBody, type FieldError, type ProblemBody } from '../errors.js';
import type { Paginate } from '../lib/pagination.js';
import { validationFieldErrors } from '../plugins/error-handler.js';

/** What a tool call may use: one dataset snapshot for the whole call, the cursor signer and a logger. */
export interface ToolContext {
  snapshot: DatasetSnapshot;
  /** Today as YYYY-MM-DD (UTC), the default `asOf` of export-control answers: the app's clock, as the routes use. */
  today: () => string;
  paginate: Paginate;
  log: FastifyBaseLogger;
  /** Observed trade, read by query from the trade store (never in the snapshot). */
  trade: TradeRepository;
}

/** A tool's answer: the HTTP body (as sent and as a value) and a short summary an assistant can quote. */
export interface ToolAnswer {
  json: string;
  body: Record<string, unknown>;
  summary: string;
}

export interface McpTool {
  name: string;
  title: string;
  description: string;
  /** JSON Schema of the arguments (draft-07, input side), generated from the route's schemas. */
  inputSchema: Record<string, unknown>;
  call(context: ToolContext, args: Record<string, unknown>): ToolAnswer;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** Representation is not a question for a tool: the answer is always the JSON body. */
const HTTP_ONLY_ARGUMENTS = ['format'];

/** The route's schema without the HTTP-only arguments; the same field schemas, so new parameters flow through. */
function withoutHttpOnly<Schema extends AnyObject>(schema: Schema): Schema {
  const drop = Object.fromEntries(HTTP_ONLY_ARGUMENTS.filter((name) => name in schema.shape).map((name) => [name, true]));
  return (Object.keys(drop).length === 0 ? schema : schema.omit(drop as never)) as Schema;
}

function isStrict(schema: AnyObject): boolean {
  return schema._zod.def.catchall?._zod.def.type === 'never';
}

/** One JSON Schema for the flat argument object: the path parameters and the query (or body) fields. */
function argumentsJsonSchema(params: AnyObject, args: AnyObject): Record<string, unknown> {
  const shape = { ...params.shape, ...args.shape };
  const merged = isStrict(args) ? z.strictObject(shape) : z.object(shape);
  const schema = z.toJSONSchema(merged, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

const serializerCompiler = createSerializerCompiler({});

/** The provider's validator, as the routes run it: `{ value }` or `{ error: items }`. */
function validatorOf(schema: z.ZodType) {
  const validate = validatorCompiler({ schema, method: 'POST', url: '/mcp', httpPart: 'body' }) as (data: unknown) => {
    value?: unknown;
    error?: { instancePath: string; message?: string }[];
  };
  return (data: unknown) => validate(data);
}

/** Refused arguments, as a problem: raised before the service is called. */
export class ToolInputError extends AppError {
  constructor(errors: FieldError[]) {
    super('validation_failed', `The arguments have ${errors.length} invalid field(s).`, errors);
  }
}

/** `querystring.mineral` → `mineral`: a tool has one flat argument object, not a path, a query and a body. */
const LOCATION_PREFIX = /^(params|querystring|body)(\.|$)/;

/** The problem body of a refused tool call: the HTTP problem vocabulary, fields named by argument. */
export function problemOf(toolName: string, error: AppError): ProblemBody {
  const errors = error.errors?.map((item) => ({ field: item.field.replace(LOCATION_PREFIX, '') || 'arguments', message: item.message }));
  return problemBody(error.code, error.detail, `mcp:tools/call/${toolName}`, errors);
}

export interface ToolSpec<Params extends AnyObject, Args extends AnyObject, Output extends z.ZodType> {
  name: string;
  title: string;
  description: string;
  /** The route's `params` schema (omit for a route without path parameters). */
  params?: Params;
  /** The route's `querystring` or `body` schema. */
  args: Args;
  /** The route's 200 response schema. */
  output: Output;
  /** The route's handler without HTTP: the same service call. */
  run(context: ToolContext, params: z.output<Params>, args: z.output<Args>): z.output<Output>;
  /** A few sentences quoting the answer's own figures. */
  summarise(body: z.input<Output>, args: z.output<Args>): string;
}

const NO_PARAMS = z.object({});

export function defineTool<Params extends AnyObject, Args extends AnyObject, Output extends z.ZodType>(
  spec: ToolSpec<Params, Args, Output>,
): McpTool {
  const params = spec.params ?? (NO_PARAMS as unknown as Params);
  const args = withoutHttpOnly(spec.args);
  const paramNames = new Set(Object.keys(params.shape));
  const validateParams = validatorOf(params);
  const validateArgs = validatorOf(args);
  const serialize = serializerCompiler({ schema: spec.output, method: 'POST', url: '/mcp', httpPart: 'body' } as never) as (
    data: unknown,
  ) => string;
  let inputSchema: Record<string, unknown> | undefined;
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    get inputSchema() {
      inputSchema ??= argumentsJsonSchema(params, args);
      return inputSchema;
    },
    call(context, raw) {
      const pathPart: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(raw)) (paramNames.has(name) ? pathPart : rest)[name] = value;
      const parsedParams = validateParams(pathPart);
      const parsedArgs = validateArgs(rest);
      const errors = [
        ...validationFieldErrors(undefined, parsedParams.error ?? []),
        ...validationFieldErrors(undefined, parsedArgs.error ?? []),
      ];
      if (errors.length > 0) throw new ToolInputError(errors);
      const validArgs = parsedArgs.value as z.output<Args>;
      // `edition` pins the figures the tool reads, as `?edition=` does for the route (plugins/database).
      const edition = (validArgs as { edition?: unknown }).edition;
      const pinned = typeof edition === 'string' ? { ...context, snapshot: viewForEdition(context.snapshot, edition, 'edition') } : context;
      const json = serialize(spec.run(pinned, parsedParams.value as z.output<Params>, validArgs));
      const body = JSON.parse(json) as Record<string, unknown>;
      return { json, body, summary: spec.summarise(body as z.input<Output>, validArgs) };
    },
  };
}
