import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from '../../helpers/app.js';
import { STORES, buildStoreApp } from '../../helpers/stores.js';
import { API_KEYS, bearer, changesSince, putProduction, storedFigure, tungstenRow } from './helpers.js';

const VNM_2024 = { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024 };
const CHN_2024 = { ...VNM_2024, country: 'CHN' };

/** The stored representation of a tungsten 2024 figure, as the change feed and the PUT response give it. */
function tungstenValue(country: string, tonnes: number, overrides: Record<string, unknown> = {}) {
  return {
    mineral: 'tungsten',
    stage: 'mining',
    country,
    year: 2024,
    basis: 'w-contained',
    tonnes,
    edition: 'usgs-mcs-2025',
    sourceId: 'usgs-mcs-2025-tungsten',
    estimated: true,
    withheld: false,
    lowerBound: false,
    ...overrides,
  };
}

async function tungstenMining2024(app: FastifyInstance) {
  const { body } = await getJson(app, '/v1/minerals/tungsten/concentration?year=2024&edition=usgs-mcs-2025');
  return (body.stages as { stage: string; hhi: number; cr1: number }[]).find((block) => block.stage === 'mining');
}

describe.each(STORES)('on %s', (store) => {
  describe('PUT /v1/production: a correction', () => {
    let app: FastifyInstance;
    let versionBefore: string;
    beforeAll(async () => {
      app = await buildStoreApp(store, { apiKeys: API_KEYS });
      versionBefore = app.dataset.current().version;
    });
    afterAll(async () => {
      await app.close();
    });

    it("the seeded 2024 tungsten mining HHI is 6812.3 (China 67,000 of the rows' 81,400 t)", async () => {
      // The named rows (79,900 t) and OTH (1,500 t) add up to 81,400 t, above the printed 81,000 t, so shares are of 81,400:
      // Σ(100·t/81,400)² over CHN 67,000, VNM 3,400, RUS 2,000, PRK 1,700, BOL 1,600, RWA 1,200, AUS 1,000,
      // AUT 800, ESP 700, PRT 500 = 4,513,830,000 · 10⁴ / 81,400² = 6812.30.
      expect(await tungstenMining2024(app)).toMatchObject({ hhi: 6812.3, cr1: 82.31 });
    });

    it('raises China to 70,000 t: 200 with the new version and what was stored', async () => {
      const response = await putProduction(app, [tungstenRow({ country: 'chn', tonnes: 70_000 })]);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        version: expect.stringMatching(/^2-[0-9a-f]{12}$/),
        created: 0,
        updated: 1,
        unchanged: 0,
        rows: [{ ...tungstenValue('CHN', 70_000), action: 'update' }],
      });
      expect(body.version).not.toBe(versionBefore);
      // The next request reads it (on PostgreSQL the snapshot catches up behind the answer; requests wait for it).
      expect(String((await app.inject('/v1/minerals')).headers.etag)).toMatch(new RegExp(`^"${body.version}\\.`));
      expect(body.version).toBe(app.dataset.current().version);
    });

    it('GET /v1/production shows the new figure', async () => {
      expect((await storedFigure(app, CHN_2024))?.tonnes).toBe(70_000);
    });

    it('the concentration score reflects it immediately: HHI 6913.6, CR1 82.94', async () => {
      // The rows now add up to 84,400 t (82,900 named + 1,500 OTH): China's share 70,000/84,400 = 82.94%;
      // Σt² = 4,513,830,000 − 67,000² + 70,000² = 4,924,830,000; HHI = 4,924,830,000 · 10⁴ / 84,400² = 6913.63.
      expect(await tungstenMining2024(app)).toMatchObject({ hhi: 6913.6, cr1: 82.94 });
    });

    it('GET /v1/changes?since=1 lists it with the key name, the old and the new value', async () => {
      const feed = await changesSince(app, 1);
      expect(feed).toMatchObject({ total: 1, next: null, currentVersion: 2 });
      expect(feed.data).toEqual([
        {
          id: 1,
          version: 2,
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          actor: 'analyst',
          action: 'update',
          entity: 'production',
          key: { mineral: 'tungsten', stage: 'mining', country: 'CHN', year: 2024, basis: 'w-contained', edition: 'usgs-mcs-2025' },
          old: tungstenValue('CHN', 67_000),
          new: tungstenValue('CHN', 70_000),
        },
      ]);
      expect((await changesSince(app, 2)).data).toEqual([]);
    });

    it('an identical row is left alone: no new version, nothing recorded', async () => {
      const response = await putProduction(app, [tungstenRow({ country: 'CHN', tonnes: 70_000 })]);
      expect(response.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, version: expect.stringMatching(/^2-/) });
      expect((await changesSince(app)).currentVersion).toBe(2);
    });

    it('a row without an edition joins the edition the default view answers with for that series and year', async () => {
      const { body } = await getJson(app, '/v1/production?mineral=tungsten&stage=mining&country=VNM&year=2024');
      const current = body.data[0];
      const { edition: _omitted, ...row } = tungstenRow({
        tonnes: current.tonnes,
        estimated: current.estimated,
        lowerBound: current.lowerBound,
        withheld: current.withheld,
        sourceId: current.source.id,
      });
      const response = await putProduction(app, [row]);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, rows: [{ country: 'VNM', edition: current.edition }] });
      expect((await changesSince(app)).currentVersion).toBe(2);
    });

    it('a batch creates and updates together, as one version with one change per row', async () => {
      const response = await putProduction(app, [
        tungstenRow({ country: 'KOR', tonnes: 150, estimated: false, lowerBound: true }),
        tungstenRow({ tonnes: 3000 }),
        tungstenRow({ country: 'CHN', tonnes: 70_000 }),
      ]);
      expect(response.json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, version: expect.stringMatching(/^3-/) });
      const feed = await changesSince(app, 2);
      expect(
        feed.data.map(({ version, action, actor, key }) => ({ version, action, actor, country: (key as { country: string }).country })),
      ).toEqual([
        { version: 3, action: 'create', actor: 'analyst', country: 'KOR' },
        { version: 3, action: 'update', actor: 'analyst', country: 'VNM' },
      ]);
      expect(feed.data[0]?.old).toBeNull();
      expect(feed.data[0]?.new).toEqual(tungstenValue('KOR', 150, { estimated: false, lowerBound: true }));
      expect((await storedFigure(app, { ...VNM_2024, country: 'KOR' }))?.tonnes).toBe(150);
    });
  });

  describe('DELETE /v1/production/{mineral}/{stage}/{country}/{year}/{basis}', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildStoreApp(store, { apiKeys: API_KEYS });
    });
    afterAll(async () => {
      await app.close();
    });

    it('204, the figure is gone, and the deletion is recorded with the old value', async () => {
      const response = await app.inject({
        method: 'DELETE',
        url: '/v1/production/tungsten/mining/vnm/2024/w-contained?edition=usgs-mcs-2025',
        headers: bearer(),
      });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(await storedFigure(app, VNM_2024)).toBeUndefined();
      const feed = await changesSince(app);
      expect(feed.currentVersion).toBe(2);
      expect(feed.data).toEqual([
        expect.objectContaining({
          version: 2,
          actor: 'analyst',
          action: 'delete',
          entity: 'production',
          key: { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024, basis: 'w-contained', edition: 'usgs-mcs-2025' },
          old: tungstenValue('VNM', 3400),
          new: null,
        }),
      ]);
    });

    it('the scores follow: Vietnam no longer counts among the 2024 producers', async () => {
      const { body } = await getJson(app, '/v1/minerals/tungsten/concentration?year=2024&edition=usgs-mcs-2025');
      const mining = (body.stages as { stage: string; inputs: { producers: { country: string }[] } }[]).find(
        (block) => block.stage === 'mining',
      );
      expect(mining?.inputs.producers.map((producer) => producer.country)).not.toContain('VNM');
    });

    it('deleting it again → 404, and nothing more is recorded', async () => {
      const response = await app.inject({
        method: 'DELETE',
        url: '/v1/production/tungsten/mining/VNM/2024/w-contained?edition=usgs-mcs-2025',
        headers: bearer(),
      });
      expect(response.statusCode).toBe(404);
      expect((await changesSince(app)).total).toBe(1);
    });
  });

  describe('POST /v1/sources, then cite it', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildStoreApp(store, { apiKeys: API_KEYS });
    });
    afterAll(async () => {
      await app.close();
    });

    // A source data/ does not hold (data/ holds every USGS MCS chapter up to the newest edition, so not one of those).
    const source = {
      id: 'analyst-tungsten-estimates-2026',
      title: 'Tungsten mine output estimates',
      publisher: 'Chokepoint analysts',
      edition: '2026',
      year: 2026,
      locator: 'China row',
    };

    it('201 with Location and the source as stored, with its citation', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/sources', headers: bearer(), payload: source });
      expect(response.statusCode).toBe(201);
      expect(response.headers.location).toBe('/v1/sources/analyst-tungsten-estimates-2026');
      expect(response.json()).toEqual({
        ...source,
        url: null,
        licence: null,
        notes: null,
        citation: 'Chokepoint analysts, Tungsten mine output estimates, 2026, China row',
      });
      const { status, body } = await getJson(app, '/v1/sources/analyst-tungsten-estimates-2026');
      expect(status).toBe(200);
      expect(body.citedBy.production).toBe(0);
    });

    it('a production row can cite it at once', async () => {
      const response = await putProduction(app, [
        tungstenRow({ year: 2025, country: 'CHN', tonnes: 67_000, edition: 'usgs-mcs-2025', sourceId: source.id }),
      ]);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ created: 1, version: expect.stringMatching(/^3-/) });
      expect((await storedFigure(app, { ...CHN_2024, year: 2025 }))?.source.id).toBe(source.id);
      expect((await getJson(app, '/v1/sources/analyst-tungsten-estimates-2026')).body.citedBy.production).toBe(1);
    });

    it('both writes are in the feed, in order', async () => {
      const feed = await changesSince(app);
      expect(feed.data.map(({ version, entity, action, key }) => ({ version, entity, action, key }))).toEqual([
        { version: 2, entity: 'source', action: 'create', key: { id: source.id } },
        {
          version: 3,
          entity: 'production',
          action: 'create',
          key: { mineral: 'tungsten', stage: 'mining', country: 'CHN', year: 2025, basis: 'w-contained', edition: 'usgs-mcs-2025' },
        },
      ]);
      expect(feed.data[0]?.new).toEqual({ ...source, url: null, licence: null, notes: null });
    });
  });

  describe('GET /v1/changes paging', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildStoreApp(store, { apiKeys: API_KEYS });
      for (const tonnes of [3401, 3402, 3403]) await putProduction(app, [tungstenRow({ tonnes })]);
    });
    afterAll(async () => {
      await app.close();
    });

    it('pages with limit and cursor, each change once, oldest first', async () => {
      const seen: number[] = [];
      let url: string | null = '/v1/changes?since=1&limit=2';
      while (url) {
        const response = await app.inject({ method: 'GET', url });
        const body = response.json() as { data: { version: number }[]; next: string | null; total: number; currentVersion: number };
        expect(body).toMatchObject({ total: 3, currentVersion: 4 });
        seen.push(...body.data.map((change) => change.version));
        url = body.next ? `/v1/changes?since=1&limit=2&cursor=${encodeURIComponent(body.next)}` : null;
      }
      expect(seen).toEqual([2, 3, 4]);
    });

    it('since filters by version', async () => {
      expect((await changesSince(app, 3)).data.map((change) => change.version)).toEqual([4]);
    });

    it('answers CSV with the key and values as JSON columns', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/changes?since=3&format=csv' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, line] = response.body.split('\r\n');
      expect(header).toBe('id,version,at,actor,action,entity,key,old,new');
      expect(line).toMatch(/^3,4,[^,]+,analyst,update,production,"\{""mineral"":""tungsten""/);
    });
  });
});
