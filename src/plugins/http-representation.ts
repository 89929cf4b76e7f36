import '@fastify/accepts';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { AppError } from '../errors.js';
import { columnsOfSchema, CSV_CONTENT_TYPE, toCsv } from '../lib/csv.js';
import './http-types.js';

export type Representation = 'json' | 'csv';

declare module 'fastify' {
  interface FastifyRequest {
    representation: Representation;
  }
}

const JSON_TYPE = 'application/json';

/** The columns of a collection route's item schema (`data[]`), for the header row of an empty CSV. */
export function listItemColumns(schema: FastifySchema | undefined): string[] {
  const response = (schema?.response as Record<string, unknown> | undefined)?.['200'] as
    { shape?: { data?: { element?: unknown } } } | undefined;
  return columnsOfSchema(response?.shape?.data?.element as Parameters<typeof columnsOfSchema>[0]);
}
const CSV_TYPE = 'text/csv';
const JSON_ONLY = [JSON_TYPE];
const JSON_OR_CSV = [JSON_TYPE, CSV_TYPE];

function formatParameter(request: FastifyRequest): string | null {
  const query = request.url.indexOf('?');
  return query === -1 ? null : new URLSearchParams(request.url.slice(query + 1)).get('format');
}

/**
 * Content negotiation for the API (run by the edge's onRequest on every /v1 route): JSON by default, CSV where the
 * route declares rows to render (`Accept: text/csv`, or `?format=csv` for browsers), and 406 listing what can be
 * served otherwise.
 */
export function negotiate(request: FastifyRequest, canCsv: boolean): void {
  const available = canCsv ? JSON_OR_CSV : JSON_ONLY;
  const format = formatParameter(request);
  if (format === 'csv' && canCsv) {
    request.representation = 'csv';
    return;
  }
  if (format === 'json') return;
  if (format !== null && format !== 'csv') return; // the route's schema reports the bad value as a 400
  const accept = request.headers.accept;
  // No Accept (or any type) takes the first available, JSON, as `accepts` would: skip building its negotiator.
  const chosen = format === 'csv' ? false : accept === undefined || accept === '*/*' ? JSON_TYPE : request.accepts().type(available);
  if (chosen === false) {
    throw new AppError('not_acceptable', `This resource can be served as ${available.join(' or ')}${canCsv ? ' (or ?format=csv)' : ''}.`, [
      { field: 'headers.accept', message: `supported: ${available.join(', ')}` },
    ]);
  }
  request.representation = chosen === CSV_TYPE ? 'csv' : 'json';
}

/** A 200 of a CSV request rendered as CSV text (the route's JSON serializer bypassed); any other payload as it is. */
export function renderCsv(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  select: true | ((body: unknown) => readonly unknown[]),
  emptyColumns: string[],
): unknown {
  if (request.representation !== 'csv' || reply.statusCode !== 200) return payload;
  const rows = select === true ? (payload as { data: unknown[] }).data : select(payload);
  reply.type(CSV_CONTENT_TYPE);
  // The CSV text is final: bypass the route's JSON serializer.
  reply.serializer((text: unknown) => text as string);
  return toCsv(rows, rows.length === 0 && select === true ? emptyColumns : []);
}
