/**
 * The workbench's only way to the data: the public /v1 API through openapi-fetch, typed by client/chokepoint.d.ts
 * (generated from openapi/openapi.json). A spec change that breaks a call breaks `npm run typecheck`, not the page.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '../../client/chokepoint';

export type Schemas = components['schemas'];

/** JSON bodies and problem details: what the page reads (CSV is downloaded as a file, never parsed here). */
export const api = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl: location.origin });

/** An RFC 9457 problem as the API writes it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

/** A request the API refused (4xx/5xx) or could not be reached for; carries the problem+json when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly what: string,
  ) {
    super(problem?.detail ?? problem?.title ?? `${what} failed (HTTP ${status})`);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The body of a successful answer, or an ApiError with the problem details of a failed one. */
export async function unwrap<T>(call: Promise<Answer<T>>, what: string): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'The API could not be reached', detail: String((error as Error).message ?? error) }, what);
  }
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const problem = answer.error && typeof answer.error === 'object' ? (answer.error as Problem) : null;
  throw new ApiError(answer.response.status, problem, what);
}

/** An absolute API URL with the given query (empty values left out): for CSV links and curl lines. */
export function apiUrl(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The curl line that asks the API the same question the view asked. */
export function curlFor(request: { method?: 'GET' | 'POST'; url: string; body?: unknown; accept?: string }): string {
  const parts = ['curl -s'];
  if (request.method === 'POST') parts.push('-X POST');
  parts.push(shellQuote(request.url));
  if (request.accept) parts.push(`-H ${shellQuote(`accept: ${request.accept}`)}`);
  if (request.body !== undefined) {
    parts.push(`-H 'content-type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
  }
  return parts.join(' ');
}

/** Every source, by id: what citations on hover and links are made from. Loaded once. */
let sourcesLoad: Promise<Map<string, Schemas['Source']>> | null = null;

export function loadSources(): Promise<Map<string, Schemas['Source']>> {
  sourcesLoad ??= unwrap(api.GET('/v1/sources', { params: { query: { limit: 1000 } } }), 'GET /v1/sources')
    .then((body) => new Map(body.data.map((source) => [source.id, source])))
    .catch((error: unknown) => {
      sourcesLoad = null;
      throw error;
    });
  return sourcesLoad;
}
