import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { DatasetSnapshot } from '../dataset/snapshot.js';
import type { KeyedList } from '../plugins/http-pagination.js';
import { READ_ERRORS, listOf } from '../schemas/common.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export interface ListRouteOptions<Item extends z.ZodType, Query extends z.ZodObject> {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  /** The whole query, paging and format included (`collectionQuery` in schemas/common.ts builds one). */
  querystring: Query;
  item: Item;
  /** Adds the 404 a filter naming an unknown id answers. */
  unknownId?: boolean;
  /** The collection for this request's snapshot and query, in paging-key order. */
  list: (snapshot: DatasetSnapshot, query: z.infer<Query>) => KeyedList<z.infer<Item>>;
}

/**
 * A GET collection the way every /v1 collection answers: JSON `{ data, total, next }` paged by `limit` and a
 * signed `cursor` (with the `Link` header), CSV on request, and the read errors.
 */
export function listRoute<Item extends z.ZodType, Query extends z.ZodObject>(
  app: ZodApp,
  url: string,
  options: ListRouteOptions<Item, Query>,
): void {
  const { operationId, tags, summary, description, querystring, item, unknownId, list } = options;
  app.get(
    url,
    {
      config: { csv: true },
      schema: {
        operationId,
        tags,
        summary,
        ...(description === undefined ? {} : { description }),
        querystring,
        response: {
          200: listOf(item),
          400: READ_ERRORS[400],
          ...(unknownId ? { 404: READ_ERRORS[404] } : {}),
          500: READ_ERRORS[500],
        },
      },
    },
    async (request, reply) => app.page(request, reply, list(request.snapshot, request.query as z.infer<Query>)),
  );
}
