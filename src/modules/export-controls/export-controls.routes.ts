import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKey } from '../../config.js';
import { utcDay } from '../../lib/dates.js';
import {
  EditionQuery,
  FormatQuery,
  ImporterIdSchema,
  MineralIdSchema,
  OptionalYearSchema,
  READ_ERRORS,
  StageIdSchema,
  problemResponse,
  collectionQuery,
  WRITE_UNAVAILABLE,
} from '../../schemas/common.js';
import { AsOfQuerySchema } from '../../schemas/export-controls.js';
import { createWriteGuard } from '../writes/writes.auth.js';
import { createExportControlsRepository } from './export-controls.repository.js';
import { exportControlScenario } from './export-controls.scenario.js';
import { viewForEdition } from '../../dataset/snapshot.js';
import {
  ControlledSupplyParamsSchema,
  ControlledSupplyQuerySchema,
  ControlledSupplyRankingSchema,
  ExportControlDetailSchema,
  ExportControlListSchema,
  ExportControlScenarioRequestSchema,
  ExportControlScenarioSchema,
  ExportControlUpsertResultSchema,
  ExportControlUpsertSchema,
  ImporterExportControlsSchema,
  MAX_MEASURE_ROWS,
  MineralControlledSupplySchema,
  TimelineSchema,
  ExportControlListQuerySchema,
} from './export-controls.schemas.js';
import {
  controlledSupplyRanking,
  getExportControl,
  importerExportControls,
  listExportControls,
  mineralControlledSupply,
  mineralTimeline,
} from './export-controls.service.js';
import { createExportControlsWrites } from './export-controls.writes.js';

export interface ExportControlsRoutesOptions {
  apiKeys: readonly ApiKey[];
}

const BEARER_AUTH = [{ bearerAuth: [] }];

const SUPPLY_DESCRIPTION =
  'Per stage: the share of world supply produced in countries with a supply measure in force on `asOf` that covers the mineral at that stage (controlledShare), with the measures behind it, by type and target; supply behind measures of unknown status is reported apart (unknownShare). Production figures are those of the concentration scores, for the latest year with data up to the as-of year unless `year` is given.';

export const exportControlsRoutes: FastifyPluginAsyncZod<ExportControlsRoutesOptions> = async (app, options) => {
  const today = () => utcDay(app.now());
  const guard = createWriteGuard({ apiKeys: options.apiKeys, readOnly: app.readOnly });
  const writes = createExportControlsWrites(createExportControlsRepository(app.store), { now: app.now });

  app.get(
    '/export-controls',
    {
      config: { csv: true },
      schema: {
        operationId: 'listExportControls',
        tags: ['export-controls'],
        summary: 'Export-control measures with their status on a date',
        description:
          'Measures on critical minerals (licence requirements, bans, quotas, suspensions…), each with its source, confidence ' +
          'and status on `asOf` (default today, UTC; the statuses are defined on `status.status`). Rules: GET /v1/methods/export-controls.',
        querystring: ExportControlListQuerySchema,
        response: { 200: ExportControlListSchema, 400: READ_ERRORS[400], 500: READ_ERRORS[500] },
      },
    },
    async (request, reply) => {
      const { asOf = today(), ...filters } = request.query;
      return { ...app.page(request, reply, listExportControls(request.snapshot, asOf, filters)), asOf };
    },
  );

  app.get(
    '/export-controls/supply',
    {
      config: { csv: true },
      schema: {
        operationId: 'listControlledSupply',
        tags: ['export-controls'],
        summary: 'Every mineral × stage ranked by the share of world supply under export controls on a date',
        description: SUPPLY_DESCRIPTION,
        querystring: z.object({
          ...FormatQuery,
          ...EditionQuery,
          asOf: AsOfQuerySchema,
          stage: StageIdSchema.optional(),
          year: OptionalYearSchema,
        }),
        response: { 200: ControlledSupplyRankingSchema, 400: READ_ERRORS[400], 500: READ_ERRORS[500] },
      },
    },
    async (request) => controlledSupplyRanking(request.snapshot, request.query.asOf ?? today(), request.query),
  );

  app.get(
    '/export-controls/:id',
    {
      schema: {
        operationId: 'getExportControl',
        tags: ['export-controls'],
        summary: 'One export-control measure, its status on a date and its dated events',
        description:
          'The measure with its status on `asOf` (default today, UTC; defined on `status.status`), the suspensions and ' +
          'replacements recorded for it and its dated events. Rules: GET /v1/methods/export-controls.',
        params: z.object({ id: z.string().min(1).describe('Measure id, e.g. `cn-mofcom-2024-33-antimony`') }),
        querystring: z.object({ asOf: AsOfQuerySchema }),
        response: { 200: ExportControlDetailSchema, ...READ_ERRORS },
      },
    },
    async (request) => getExportControl(request.snapshot, request.params.id, request.query.asOf ?? today()),
  );

  app.get(
    '/minerals/:mineral/export-controls',
    {
      config: { csv: true },
      schema: {
        operationId: 'getExportControlTimeline',
        tags: ['export-controls'],
        summary: 'Timeline of the export-control measures on a mineral',
        description:
          'Every dated event (announced, effective, suspended, suspension scheduled end, replaced, lifted, scheduled end) of the measures covering the mineral, oldest first. Measures with no recorded date are listed in `undated`.',
        params: z.object({ mineral: MineralIdSchema }),
        querystring: collectionQuery({}),
        response: { 200: TimelineSchema, ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const { mineral, data, keys, undated } = mineralTimeline(request.snapshot, request.params.mineral);
      return { mineral, ...app.page(request, reply, { data, keys }), undated };
    },
  );

  app.get(
    '/minerals/:mineral/export-controls/supply',
    {
      config: {
        csv: (body) =>
          (
            body as {
              stages: { stage: string; status: string; countries?: unknown[]; measures?: unknown[]; unknownMeasures?: unknown[] }[];
            }
          ).stages.map(({ countries: _countries, measures, unknownMeasures, ...stage }) => ({
            ...stage,
            measures: (measures as { id: string }[] | undefined)?.map((m) => m.id) ?? [],
            unknownMeasures: (unknownMeasures as { id: string }[] | undefined)?.map((m) => m.id) ?? [],
          })),
      },
      schema: {
        operationId: 'getMineralControlledSupply',
        tags: ['export-controls'],
        summary: 'Share of world supply of a mineral under export controls on a date, per stage',
        description:
          'The answer of GET /v1/export-controls/supply for one mineral: per stage, its controlledShare and unknownShare on `asOf`.',
        params: ControlledSupplyParamsSchema,
        querystring: ControlledSupplyQuerySchema,
        response: { 200: MineralControlledSupplySchema, ...READ_ERRORS },
      },
    },
    async (request) => mineralControlledSupply(request.snapshot, request.params.mineral, request.query.asOf ?? today(), request.query),
  );

  app.get(
    '/dependency/:importer/export-controls',
    {
      config: { csv: true },
      schema: {
        operationId: 'getImporterExportControls',
        tags: ['export-controls'],
        summary: 'Share of an importer’s imports from suppliers with export controls that apply to it, on a date',
        description:
          "Per mineral and import form (latest period that publishes shares): targetedShare = imports from suppliers with an export or destination ban naming the importer, in force on `asOf`; restrictedShare = imports from suppliers with any supply measure in force that applies to the importer (its target is every destination or the importer); unknownShare = measures of unknown status. The importer is any of the dataset's importers (GET /v1/importers; for the EU, its sourcing shares at the stage the EU CRM 2023 study assessed); any other id is a 400 naming `params.importer`.",
        params: z.object({ importer: ImporterIdSchema }),
        querystring: z.object({ ...FormatQuery, ...EditionQuery, asOf: AsOfQuerySchema, mineral: MineralIdSchema.optional() }),
        response: { 200: ImporterExportControlsSchema, ...READ_ERRORS },
      },
    },
    async (request) => importerExportControls(request.snapshot, request.params.importer, request.query.asOf ?? today(), request.query),
  );

  app.post(
    '/scenarios/export-controls',
    {
      schema: {
        operationId: 'runExportControlScenario',
        tags: ['scenarios'],
        summary: 'Disruption scenario from the export controls of a date (in force, or with every suspension lapsed)',
        description:
          'Turns the measures of `asOf` into supply shocks and runs POST /v1/scenarios/disruption once per mineral: an export ban, or a destination ban naming the importer, cuts the imposing country’s supply by 1 at the stages it bites at; a licence requirement, quota or extraterritorial rule by `licensingReduction` (default 0). `suspensions-lapse` also applies suspended measures and those whose suspension ended with no later record.',
        body: ExportControlScenarioRequestSchema,
        response: {
          200: ExportControlScenarioSchema,
          400: problemResponse(
            'Invalid body: bad shape, an impossible date, an unknown importer or mineral; the per-field list is in `errors`',
          ),
          500: READ_ERRORS[500],
        },
      },
    },
    async (request) => {
      const { asOf, ...rest } = request.body;
      return exportControlScenario(viewForEdition(request.snapshot, rest.edition, 'body.edition'), asOf ?? today(), rest);
    },
  );

  app.put(
    '/export-controls',
    {
      onRequest: guard.authenticate,
      config: { changesData: true },
      schema: {
        operationId: 'upsertExportControls',
        tags: ['writes'],
        summary: `Add or correct up to ${MAX_MEASURE_ROWS} export-control measures`,
        description:
          "Recorded in GET /v1/changes as entity `export_control`. Measures are keyed by id: a new id is created, an existing one replaced, an identical one left alone. Each measure passes the loader's rules for data/export_controls.csv: real dates between 1900 and 2100, effective not before announced, ends and lifted not before effective, known minerals, stages, countries and source, a suspension naming an existing measure in `suspends` (and only suspensions doing so).",
        security: BEARER_AUTH,
        body: ExportControlUpsertSchema,
        response: {
          200: ExportControlUpsertResultSchema,
          400: problemResponse('Malformed JSON, a wrong type, a missing or unknown field; the per-field list is in `errors`'),
          401: problemResponse('No API key, a malformed `Authorization` header, or an unknown key', {
            'WWW-Authenticate': { type: 'string', description: 'Bearer realm="chokepoint" (RFC 6750)' },
          }),
          403: problemResponse('Writes are disabled on this server: no API_KEYS configured, or a read-only replica'),
          422: problemResponse(
            'A measure breaks a dataset rule; `errors` names each row and field, e.g. `body.rows.0.ends`. Nothing was stored',
          ),
          500: READ_ERRORS[500],
          503: WRITE_UNAVAILABLE,
        },
      },
    },
    async (request) => writes.upsert(guard.actorOf(request), request.body.rows),
  );
};
