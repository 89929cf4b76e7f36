import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createPaginator, type Paginate } from '../lib/pagination.js';

/** A filtered collection in key order; `keys[i]` is the unique, ascending paging key of `data[i]`. */
export interface KeyedList<T> {
  data: T[];
  keys: (string | number)[];
}

/** A collection too large to list in memory: rows after a key, fetched page by page, in ascending numeric key order. */
export interface QueriedList<T> {
  fetch: (after: number | null, limit: number) => { row: T; key: number }[];
  total: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Pages a keyed collection for this request and sets the RFC 8288 `Link: rel="next"` header. */
    page<T>(request: FastifyRequest, reply: FastifyReply, list: KeyedList<T>): { data: T[]; total: number; next: string | null };
    /** Pages a collection read by query (`QueriedList`) for this request, with the same cursors and `Link` header. */
    pageQuery<T>(request: FastifyRequest, reply: FastifyReply, list: QueriedList<T>): { data: T[]; total: number; next: string | null };
  }
}

/**
 * One page of a keyed collection: `limit` rows after `cursor`, with the cursor for the next page bound to `scope`
 * (the collection and its filters). The HTTP routes and the MCP tools page the same way.
 */
export function pageOf<T>(
  paginate: Paginate,
  list: KeyedList<T>,
  query: { limit?: number | undefined; cursor?: string | undefined },
  scope: string,
) {
  const indexes = list.data.map((_, index) => index);
  const result = paginate(
    indexes,
    (index) => list.keys[index] as string | number,
    { limit: query.limit ?? 100, cursor: query.cursor },
    scope,
  );
  return { data: result.rows.map((index) => list.data[index] as T), total: result.total, next: result.next };
}

/** One page of a collection read by query, as pageOf pages one held in memory (the HTTP routes and MCP tools alike). */
export function pageQueryOf<T>(
  paginate: Paginate,
  list: QueriedList<T>,
  query: { limit?: number | undefined; cursor?: string | undefined },
  scope: string,
) {
  const page = paginate.byQuery(
    (after, limit) => list.fetch(typeof after === 'number' ? after : null, limit),
    (entry) => entry.key,
    list.total,
    { limit: query.limit ?? 100, cursor: query.cursor },
    scope,
  );
  return { data: page.rows.map((entry) => entry.row), total: page.total, next: page.next };
}

const PAGING_PARAMS = new Set(['cursor', 'limit', 'format']);

/** The filters a cursor is bound to: the route and every query parameter except paging and format. */
function scopeOf(request: FastifyRequest): string {
  const url = new URL(request.url, 'http://local');
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !PAGING_PARAMS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${request.routeOptions.url}?${new URLSearchParams(params).toString()}|${url.pathname}`;
}

function nextLink(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://local');
  url.searchParams.set('cursor', cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

async function pagination(app: FastifyInstance, options: { cursorSecret: string }): Promise<void> {
  const paginate = createPaginator(options.cursorSecret);
  app.decorate('page', function page<T>(request: FastifyRequest, reply: FastifyReply, list: KeyedList<T>) {
    const page = pageOf(paginate, list, request.query as { limit?: number; cursor?: string }, scopeOf(request));
    if (page.next) reply.header('link', nextLink(request, page.next));
    return page;
  });
  app.decorate('pageQuery', function pageQuery<T>(request: FastifyRequest, reply: FastifyReply, list: QueriedList<T>) {
    const page = pageQueryOf(paginate, list, request.query as { limit?: number; cursor?: string }, scopeOf(request));
    if (page.next) reply.header('link', nextLink(request, page.next));
    return page;
  });
}

export default fp(pagination, { name: 'http-pagination' });
