import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from '../../helpers/app.js';
import { STORES, buildStoreApp } from '../../helpers/stores.js';
import { expectProblem } from '../../helpers/problem.js';
import { API_KEYS, bearer, changesSince } from '../writes/helpers.js';

const TODAY = new Date('2026-12-02T10:00:00Z');
const DENIAL = 'cn-mofcom-2024-46-us-ga-ge-sb-denial';

/** A hypothetical extension of the No. 72 [2025] suspension, as an analyst would record one. */
function extension(overrides: Record<string, unknown> = {}) {
  return {
    id: 'test-susp-46-cl2-extension',
    imposingCountry: 'CHN',
    instrument: 'Test announcement',
    title: 'Extension of the suspension of the US denial',
    measure: 'suspension',
    target: 'USA',
    minerals: ['gallium', 'germanium', 'antimony', 'graphite'],
    stages: [],
    covers: 'Clause 2 of Announcement No. 46 [2024]',
    announced: '2026-11-26',
    effective: '2026-11-28',
    ends: '2027-11-27',
    suspends: DENIAL,
    sourceId: 'xc-cn-mofcom-2025-72-susp-46-cl2',
    confidence: 'low',
    ...overrides,
  };
}

function put(app: FastifyInstance, rows: unknown[], headers: Record<string, string> = bearer()) {
  return app.inject({ method: 'PUT', url: '/v1/export-controls', headers, payload: { rows } });
}

describe.each(STORES)('on %s', (store) => {
  describe('PUT /v1/export-controls', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildStoreApp(store, { apiKeys: API_KEYS }, { now: () => TODAY });
    });
    afterAll(async () => {
      await app.close();
    });

    it('needs an API key', async () => {
      expectProblem(await put(app, [extension()], {}), 401, 'unauthorized');
    });

    describe('refused writes store nothing and name the field (422)', () => {
      const cases: [string, Record<string, unknown>, string, RegExp][] = [
        [
          'a suspension pointing at no measure',
          { suspends: 'no-such-measure' },
          'body.rows.0.suspends',
          /no measure 'no-such-measure' to suspend/,
        ],
        ['an end before the effective date', { ends: '2026-11-01' }, 'body.rows.0.ends', /must not be before effective \(2026-11-28\)/],
        ['an impossible date', { effective: '2025-02-30' }, 'body.rows.0.effective', /2025-02 has 28 days/],
        ['a date before 1900', { announced: '1899-12-31' }, 'body.rows.0.announced', /between 1900-01-01/],
        ['an unknown mineral', { minerals: ['antimony', 'unobtainium'] }, 'body.rows.0.minerals', /unknown mineral 'unobtainium'/],
        ['an unknown imposing country', { imposingCountry: 'XYZ' }, 'body.rows.0.imposingCountry', /unknown country 'XYZ'/],
        ['an unknown source', { sourceId: 'no-such-source' }, 'body.rows.0.sourceId', /unknown source/],
        ['an unknown measure type', { measure: 'embargo' }, 'body.rows.0.measure', /./],
      ];
      it.each(cases)('%s', async (_name, overrides, field, message) => {
        const before = await changesSince(app);
        const body = expectProblem(await put(app, [extension(overrides)]), 422, 'unprocessable');
        expect(body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
        expect((await app.inject({ url: '/v1/export-controls/test-susp-46-cl2-extension' })).statusCode).toBe(404);
        expect((await changesSince(app)).currentVersion).toBe(before.currentVersion);
      });

      it('all or nothing: one bad row keeps the good one out too', async () => {
        const good = extension();
        const bad = extension({ id: 'test-bad', ends: '2020-01-01' });
        const body = expectProblem(await put(app, [good, bad]), 422, 'unprocessable');
        expect(body.errors?.map((error) => error.field)).toEqual(['body.rows.1.ends']);
        expect((await app.inject({ url: '/v1/export-controls/test-susp-46-cl2-extension' })).statusCode).toBe(404);
      });

      it('a wrong JSON type is a 400', async () => {
        const body = expectProblem(await put(app, [extension({ minerals: 'antimony' })]), 400, 'validation_failed');
        expect(body.errors?.[0]?.field).toBe('body.rows.0.minerals');
      });
    });

    it('an accepted measure changes statuses at once and is recorded in the change feed', async () => {
      const before = await changesSince(app);
      expect((await getJson(app, `/v1/export-controls/${DENIAL}`)).body.status.status).toBe('suspension-ended');

      const response = await put(app, [extension()]);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        created: 1,
        updated: 0,
        unchanged: 0,
        rows: [{ id: 'test-susp-46-cl2-extension', action: 'create', endUsers: null }],
      });

      const status = (await getJson(app, `/v1/export-controls/${DENIAL}`)).body.status;
      expect(status).toMatchObject({ status: 'suspended', by: 'test-susp-46-cl2-extension', until: '2027-11-27' });

      const feed = await changesSince(app, before.currentVersion);
      expect(feed.data).toEqual([
        expect.objectContaining({
          entity: 'export_control',
          action: 'create',
          actor: 'analyst',
          key: { id: 'test-susp-46-cl2-extension' },
          old: null,
        }),
      ]);

      // The same measure again changes nothing and records nothing; a correction is an update with old and new values.
      expect((await put(app, [extension()])).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      const corrected = await put(app, [extension({ lifted: '2026-12-01' })]);
      expect(corrected.json()).toMatchObject({ updated: 1 });
      const updates = await changesSince(app, feed.currentVersion);
      expect(updates.data).toEqual([
        expect.objectContaining({
          entity: 'export_control',
          action: 'update',
          old: expect.objectContaining({ lifted: null }),
          new: expect.objectContaining({ lifted: '2026-12-01' }),
        }),
      ]);
      // The suspension was lifted on 2026-12-01, so on 2026-12-02 the denial applies again.
      expect((await getJson(app, `/v1/export-controls/${DENIAL}`)).body.status).toMatchObject({ status: 'in-force', bites: 'yes' });
    });
  });

  describe('writes disabled', () => {
    it('is a 403 without API keys', async () => {
      const app = await buildStoreApp(store, {}, { now: () => TODAY });
      try {
        expectProblem(await put(app, [extension()]), 403, 'forbidden');
      } finally {
        await app.close();
      }
    });
  });
});
