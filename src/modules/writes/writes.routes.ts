import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKey } from '../../config.js';
import { FormatQuery, PageQuery, WRITE_UNAVAILABLE, problemResponse } from '../../schemas/common.js';
import { SourceSchema } from '../sources/sources.schemas.js';
import { createWriteGuard } from './writes.auth.js';
import { createWritesRepository } from './writes.repositories.js';
import {
  ChangeListSchema,
  ChangesQuerySchema,
  MAX_UPSERT_ROWS,
  NewSourceSchema,
  ProductionDeleteParamsSchema,
  ProductionDeleteQuerySchema,
  ProductionUpsertSchema,
  UpsertResultSchema,
  type Change,
} from './writes.schemas.js';
import { createWritesService } from './writes.service.js';

export interface WritesRoutesOptions {
  apiKeys: readonly ApiKey[];
}

/** OpenAPI security requirement of every write: `Authorization: Bearer <key>` (components.securitySchemes.bearerAuth). */
const BEARER_AUTH = [{ bearerAuth: [] }];

const AUTH_ERRORS = {
  401: problemResponse(
    'No API key, a malformed `Authorization` header, or an unknown key; answered with the RFC 6750 challenge ' +
      '`WWW-Authenticate: Bearer realm="chokepoint"` (plus `error="invalid_token"` for an unknown key)',
    {
      'WWW-Authenticate': {
        type: 'string',
        description: 'Bearer realm="chokepoint" (RFC 6750), with error="invalid_token" for an unknown key',
      },
    },
  ),
  403: problemResponse('Writes are disabled on this server: no API_KEYS configured, or a read-only replica'),
  500: problemResponse('Unexpected server error'),
  503: WRITE_UNAVAILABLE,
} as const;

const BAD_REQUEST = problemResponse('Malformed JSON, a wrong type, a missing or unknown field; the per-field list is in `errors`');
const UNPROCESSABLE = problemResponse(
  'A row breaks a dataset rule (the same rules as the loader); `errors` names each row index and field, e.g. `body.rows.3.tonnes`. Nothing was stored',
);

/** A change as one CSV line: the key and the values stay JSON, so every entity shares the same columns. */
function changeCsvRow(change: Change) {
  const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));
  const { key, old, new: after, ...rest } = change;
  return { ...rest, key: json(key), old: json(old), new: json(after) };
}

export const writesRoutes: FastifyPluginAsyncZod<WritesRoutesOptions> = async (app, options) => {
  const guard = createWriteGuard({ apiKeys: options.apiKeys, readOnly: app.readOnly });
  const repository = createWritesRepository(app.store);
  const service = createWritesService(repository);

  app.post(
    '/sources',
    {
      onRequest: guard.authenticate,
      config: { changesData: true },
      schema: {
        operationId: 'createSource',
        tags: ['writes'],
        summary: 'Add a source (publication) that production rows can cite',
        description: `The source is checked by the loader's rules for data/sources.csv; an existing id is a 409 (sources are never overwritten).`,
        security: BEARER_AUTH,
        body: NewSourceSchema,
        response: {
          201: SourceSchema.meta({
            description: 'Created; `Location` is the new source',
            headers: { Location: { type: 'string', description: 'The new source: /v1/sources/{id}' } },
          }),
          400: BAD_REQUEST,
          ...AUTH_ERRORS,
          409: problemResponse('A source with this id already exists'),
          422: problemResponse('The source breaks a dataset rule (e.g. a blank title); `errors` names each field'),
        },
      },
    },
    async (request, reply) => {
      const source = await service.createSource(guard.actorOf(request), request.body);
      return reply.code(201).header('location', `/v1/sources/${source.id}`).send(source);
    },
  );

  app.put(
    '/production',
    {
      onRequest: guard.authenticate,
      config: { changesData: true },
      schema: {
        operationId: 'upsertProduction',
        tags: ['writes'],
        summary: `Add or correct up to ${MAX_UPSERT_ROWS} production figures`,
        description:
          `Rows are keyed by (mineral, stage, country, year, basis): a new key is created, an ` +
          'existing one is replaced, an identical one is left alone (and not recorded). Each row must pass the ' +
          "loader's rules for data/production.csv — non-negative tonnes, null tonnes exactly when withheld, an " +
          "existing mineral, stage, country, basis and source, a basis that measures the row's mineral and stage, " +
          'no key twice in one request — and the stored data with the rows applied must keep every country sum ' +
          'within 5% of its published world total.',
        security: BEARER_AUTH,
        body: ProductionUpsertSchema,
        response: {
          200: UpsertResultSchema.meta({
            description: 'Stored: the rows as stored, with what happened to each, and the new dataset version',
          }),
          400: BAD_REQUEST,
          ...AUTH_ERRORS,
          422: UNPROCESSABLE,
        },
      },
    },
    async (request) => service.upsertProduction(guard.actorOf(request), request.body.rows),
  );

  app.delete(
    '/production/:mineral/:stage/:country/:year/:basis',
    {
      onRequest: guard.authenticate,
      config: { changesData: true },
      schema: {
        operationId: 'deleteProduction',
        tags: ['writes'],
        summary: 'Remove one production figure',
        description: `The change records the deleted figure as its old value.`,
        security: BEARER_AUTH,
        params: ProductionDeleteParamsSchema,
        querystring: ProductionDeleteQuerySchema,
        response: {
          204: z.undefined().describe('Deleted'),
          400: problemResponse('A malformed parameter (e.g. a year that is not a whole number)'),
          ...AUTH_ERRORS,
          404: problemResponse('No production figure has this key'),
        },
      },
    },
    async (request, reply) => {
      const { mineral, stage, country, year, basis } = request.params;
      await service.deleteProduction(guard.actorOf(request), { mineral, stage, country, year, basis }, request.query.edition);
      return reply.code(204).send();
    },
  );

  app.get(
    '/changes',
    {
      config: { csv: (body: unknown) => (body as { data: Change[] }).data.map(changeCsvRow) },
      schema: {
        operationId: 'listChanges',
        tags: ['writes'],
        summary: 'What changed since a dataset version: the change feed for syncing',
        description:
          "Every accepted write, one entry per record it created, updated or deleted, with who (the API key's " +
          'name), when, and the old and new values; oldest first. Keep `currentVersion` and pass it as `since` ' +
          'next time. Open to everyone, like every read.',
        querystring: z.object({ ...ChangesQuerySchema.shape, ...PageQuery, ...FormatQuery }),
        response: {
          200: ChangeListSchema,
          400: problemResponse('`since` is not a whole number ≥ 0, or a bad `limit` or `cursor`'),
          500: problemResponse('Unexpected server error'),
        },
      },
    },
    async (request, reply) => {
      const { data, keys, currentVersion } = await service.listChanges(request.query.since);
      return { ...app.page(request, reply, { data, keys }), currentVersion };
    },
  );
};
