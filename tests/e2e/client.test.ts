/**
 * A real client: openapi-fetch typed by client/chokepoint.d.ts (generated from openapi/openapi.json) against the
 * server on a real port. Every call is type-checked against the generated `paths`, and every response is checked
 * against the spec at run time (status documented, media type documented, JSON body valid against its schema),
 * so a disagreement between the spec and the server breaks either `tsc` or this test.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../client/chokepoint.js';
import { parseApiKeys } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';
import { viewRows } from '../helpers/editions.js';
import { conformsToSpec as conformsToSpecNow, fromFetch, spec, type Checked } from '../helpers/spec.js';

const SECRET = 'e2e-analyst-secret-0123456789';
/** JSON bodies and problem details: what this client reads (CSV is exercised in tests/http). */
type Media = 'application/json' | 'application/problem+json';
type ChokepointClient = Client<paths, Media>;

/** Throws when a fetched response is not what the spec says this operation can answer. */
async function conformsToSpec(method: string, schemaPath: string, response: Response): Promise<Checked> {
  return conformsToSpecNow(method, schemaPath, await fromFetch(response));
}

const checked: Checked[] = [];
const specConformance: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    checked.push(await conformsToSpec(request.method.toLowerCase(), schemaPath, response));
  },
};

/** The edition the figures below are pinned to (issue 11): MCS 2025 answers. */
const EDITION = 'usgs-mcs-2025';

/** data/production.csv, what the server's database is seeded from, as the view pinned to MCS 2025 takes it. */
const committed = viewRows('production.csv', EDITION) as {
  mineral: string;
  stage: string;
  country: string;
  year: string;
  basis: string;
  edition: string;
}[];
const keyOf = (row: { mineral: string; stage: string; country: string; year: number | string; basis: string; edition: string }) =>
  `${row.mineral}|${row.stage}|${row.country}|${row.year}|${row.basis}|${row.edition}`;

let app: FastifyInstance;
let baseUrl: string;
let client: ChokepointClient;

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: parseApiKeys(`analyst:${SECRET}`) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  client = createClient<paths, Media>({ baseUrl });
  client.use(specConformance);
});
afterAll(async () => {
  await app.close();
});

/** Compile-time only: if these stopped being errors, the generated types would no longer guard the calls. */
export function typeChecks(typed: ChokepointClient): void {
  // @ts-expect-error: no such path in the spec
  void typed.GET('/v1/nothing-here');
  // @ts-expect-error: limit is a number
  void typed.GET('/v1/production', { params: { query: { limit: 'ten' } } });
  // @ts-expect-error: stage is an enum
  void typed.GET('/v1/production', { params: { query: { stage: 'smelting' } } });
  // @ts-expect-error: the mineral path parameter is required
  void typed.GET('/v1/minerals/{mineral}/concentration', {});
  const unsourced = { rows: [{ mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024, tonnes: 1, basis: 'w-contained' }] };
  // @ts-expect-error: every production row cites a source (sourceId)
  void typed.PUT('/v1/production', { body: unsourced });
  // @ts-expect-error: the change feed has no `after` parameter
  void typed.GET('/v1/changes', { params: { query: { after: 3 } } });
}

describe('the spec check itself', () => {
  it('rejects what the spec does not allow (so a disagreement cannot pass silently)', async () => {
    const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
      new Response(status === 304 ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      });
    const good = { etag: '"1.x"', 'cache-control': 'public', vary: 'Accept' };
    await expect(conformsToSpec('get', '/v1/minerals', json({ data: [], total: 0, next: null }, 200, good))).resolves.toMatchObject({
      status: 200,
    });
    await expect(conformsToSpec('get', '/v1/minerals', json({ data: [{ id: 1 }], total: 0, next: null }, 200, good))).rejects.toThrow(
      /does not match the spec/,
    );
    await expect(
      conformsToSpec('get', '/v1/minerals', json({ data: [], total: 0, next: null }, 200, { ...good, 'ratelimit-limit': 'many' })),
    ).rejects.toThrow(/integer/);
    await expect(conformsToSpec('get', '/v1/minerals', json({ data: [], total: 0, next: null }, 200))).rejects.toThrow(/ETag missing/);
    await expect(conformsToSpec('get', '/v1/minerals', json({}, 418))).rejects.toThrow(/status not documented/);
    await expect(
      conformsToSpec('get', '/v1/minerals', new Response('<x/>', { status: 200, headers: { 'content-type': 'application/xml', ...good } })),
    ).rejects.toThrow(/content-type application\/xml not documented/);
    await expect(conformsToSpec('get', '/v1/nothing', json({}))).rejects.toThrow(/not in openapi/);
  });
});

describe('an analyst with the generated client', () => {
  let mineralsEtag: string;

  it('lists the 15 minerals', async () => {
    const { data, error, response } = await client.GET('/v1/minerals');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.total).toBe(15);
    expect(data?.data).toHaveLength(15);
    expect(data?.data.map((mineral) => mineral.id)).toEqual(
      expect.arrayContaining([
        'antimony',
        'cobalt',
        'gallium',
        'germanium',
        'graphite',
        'lithium',
        'manganese',
        'nickel',
        'rare-earths',
        'titanium',
        'tungsten',
      ]),
    );
    // MCS 2026 adds the chapters China's export controls name (issue 11).
    expect(data?.data.map((mineral) => mineral.id)).toEqual(expect.arrayContaining(['bismuth', 'indium', 'molybdenum', 'tellurium']));
    mineralsEtag = response.headers.get('etag') ?? '';
    expect(mineralsEtag).toMatch(/^"[^"]+"$/);
  });

  it('pages through production with cursors: every row once', async () => {
    const keys: string[] = [];
    const totals = new Set<number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, response } = await client.GET('/v1/production', {
        params: { query: { limit: 250, edition: EDITION, ...(cursor ? { cursor } : {}) } },
      });
      expect(response.status).toBe(200);
      if (!data) throw new Error('no page');
      pages += 1;
      totals.add(data.total);
      keys.push(...data.data.map(keyOf));
      // The Link header points at the same next page as the body's cursor.
      const link = response.headers.get('link');
      expect(link === null).toBe(data.next === null);
      if (data.next !== null) expect(link).toContain(`cursor=${data.next}`);
      cursor = data.next ?? undefined;
    } while (cursor !== undefined && pages < 20);
    expect(pages).toBe(4);
    expect([...totals]).toEqual([committed.length]);
    expect(keys).toHaveLength(committed.length);
    expect(new Set(keys)).toEqual(new Set(committed.map(keyOf)));
  });

  it('gets a concentration score equal to the JSON endpoints', async () => {
    const { data } = await client.GET('/v1/minerals/{mineral}/concentration', {
      params: { path: { mineral: 'tungsten' }, query: { edition: EDITION } },
    });
    const mining = data?.stages.find((stage) => stage.stage === 'mining');
    if (mining?.status !== 'ok') throw new Error('tungsten mining has no score');
    const hhi: number = mining.hhi;
    expect(hhi).toBe(6812.3);

    const raw = (await (await fetch(`${baseUrl}/v1/minerals/tungsten/concentration?edition=${EDITION}`)).json()) as {
      stages: { stage: string; hhi?: number }[];
    };
    expect(raw.stages.find((stage) => stage.stage === 'mining')?.hhi).toBe(hhi);
    const ranking = await client.GET('/v1/concentration', { params: { query: { edition: EDITION } } });
    expect(ranking.data?.data.find((row) => row.mineral === 'tungsten' && row.stage === 'mining')?.hhi).toBe(hhi);
  });

  it('is refused a write without a key, with a typed problem', async () => {
    const { data, error, response } = await client.PUT('/v1/production', {
      body: {
        rows: [
          {
            mineral: 'tungsten',
            stage: 'mining',
            country: 'VNM',
            year: 2024,
            tonnes: 3500,
            basis: 'w-contained',
            sourceId: 'usgs-mcs-2025-tungsten',
          },
        ],
      },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="chokepoint"/);
  });

  it('writes one row with a key, sees it in /v1/changes and in the score, and gets 304 on a repeated GET', async () => {
    const feedBefore = await client.GET('/v1/changes');
    const since = feedBefore.data?.currentVersion ?? -1;
    expect(since).toBeGreaterThanOrEqual(1);

    const write = await client.PUT('/v1/production', {
      headers: { authorization: `Bearer ${SECRET}` },
      body: {
        rows: [
          {
            mineral: 'tungsten',
            stage: 'mining',
            country: 'VNM',
            year: 2024,
            tonnes: 3500,
            basis: 'w-contained',
            sourceId: 'usgs-mcs-2025-tungsten',
            estimated: true,
            edition: EDITION,
          },
        ],
      },
    });
    expect(write.error).toBeUndefined();
    expect(write.data).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(write.data?.rows[0]).toMatchObject({ country: 'VNM', tonnes: 3500, action: 'update' });

    const feed = await client.GET('/v1/changes', { params: { query: { since } } });
    expect(feed.data?.currentVersion).toBe(since + 1);
    expect(feed.data?.total).toBe(1);
    const change = feed.data?.data[0];
    if (change?.entity !== 'production') throw new Error('expected a production change');
    expect(change).toMatchObject({
      version: since + 1,
      actor: 'analyst',
      action: 'update',
      key: { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024, basis: 'w-contained', edition: EDITION },
    });
    expect(change.old?.tonnes).toBe(3400);
    expect(change.new?.tonnes).toBe(3500);
    expect(JSON.stringify(feed.data)).not.toContain(SECRET);
    expect(Date.parse(change.at)).toBeGreaterThan(Date.now() - 60_000);

    // The score reflects the write at once.
    const score = await client.GET('/v1/minerals/{mineral}/concentration', {
      params: { path: { mineral: 'tungsten' }, query: { edition: EDITION } },
    });
    const mining = score.data?.stages.find((stage) => stage.stage === 'mining');
    if (mining?.status !== 'ok') throw new Error('tungsten mining has no score');
    expect(mining.hhi).not.toBe(6812.3);

    // The ETag from before the write no longer validates; the new one does. (If-None-Match works on every GET; the
    // spec says so once, in its description, so it is sent as a plain header.)
    const stale = await client.GET('/v1/minerals', { headers: { 'if-none-match': mineralsEtag } });
    expect(stale.response.status).toBe(200);
    const fresh = stale.response.headers.get('etag') ?? '';
    expect(fresh).not.toBe(mineralsEtag);
    const repeated = await client.GET('/v1/minerals', { headers: { 'if-none-match': fresh } });
    expect(repeated.response.status).toBe(304);
    expect(repeated.data).toBeUndefined();
    expect(repeated.response.headers.get('etag')).toBe(fresh);
  });

  it('every GET of the spec answers as documented: JSON, CSV where offered, 304, 406 and 404', async () => {
    const groups = await client.GET('/v1/groups');
    const samples: Record<string, string> = {
      mineral: 'tungsten',
      iso3: 'CHN',
      importer: 'USA',
      supplier: 'CHN',
      '/v1/groups/{id}': groups.data?.data[0]?.id ?? 'missing',
      '/v1/sources/{id}': 'usgs-mcs-2025-tungsten',
      '/v1/editions/{id}': EDITION,
      '/v1/methods/{id}': 'hhi',
      '/v1/export-controls/{id}': 'cn-mofcom-2024-33-antimony',
    };
    const fill = (path: string, unknown = false) =>
      path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
        unknown ? 'zzz' : (samples[`${path.split('/{')[0]}/{${name}}`] ?? samples[name] ?? `no-sample-for-${name}`),
      );
    // Query parameters a route needs beyond its path (alignment takes a group or a list of countries; concentration
    // per edition, a year).
    const queries: Record<string, string> = {
      '/v1/minerals/{mineral}/alignment': `?group=${samples['/v1/groups/{id}']}`,
      '/v1/minerals/{mineral}/concentration/editions': '?year=2024',
    };
    const swept: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      const operation = item.get;
      if (!operation) continue;
      swept.push(path);
      const url = `${baseUrl}${fill(path)}${queries[path] ?? ''}`;
      const first = await fetch(url);
      expect(first.status, url).toBe(200);
      await conformsToSpec('get', path, first);
      if (!path.startsWith('/v1/')) continue;

      const etag = first.headers.get('etag') ?? '';
      const notModified = await fetch(url, { headers: { 'if-none-match': etag } });
      expect(notModified.status, url).toBe(304);
      await conformsToSpec('get', path, notModified);

      const refused = await fetch(url, { headers: { accept: 'application/xml' } });
      expect(refused.status, url).toBe(406);
      await conformsToSpec('get', path, refused);

      const csv = await fetch(url, { headers: { accept: 'text/csv' } });
      const offersCsv = 'text/csv' in (operation.responses['200']?.content ?? {});
      expect(csv.status, `${url} as CSV`).toBe(offersCsv ? 200 : 406);
      await conformsToSpec('get', path, csv);

      if (path.includes('{')) {
        const missing = await fetch(`${baseUrl}${fill(path, true)}${queries[path] ?? ''}`);
        expect([400, 404], `${path} with unknown ids`).toContain(missing.status);
        await conformsToSpec('get', path, missing);
      }
    }
    expect(swept.length).toBeGreaterThan(20);
    expect(swept).toEqual(expect.arrayContaining(['/v1/production', '/v1/changes', '/v1/concentration', '/health']));
  });

  it('writes and POSTed computations: 406 and 429 are documented too', async () => {
    const refusedWrite = await fetch(`${baseUrl}/v1/production`, {
      method: 'PUT',
      headers: { accept: 'text/csv', 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ rows: [] }),
    });
    expect(refusedWrite.status).toBe(406);
    await conformsToSpec('put', '/v1/production', refusedWrite);
    const refusedScenario = await fetch(`${baseUrl}/v1/scenarios/disruption`, {
      method: 'POST',
      headers: { accept: 'application/xml', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refusedScenario.status).toBe(406);
    await conformsToSpec('post', '/v1/scenarios/disruption', refusedScenario);

    const limited = await buildTestApp({ rateLimit: { max: 1, writeMax: 0, windowMs: 60_000 } });
    try {
      await limited.listen({ port: 0, host: '127.0.0.1' });
      const limitedUrl = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`;
      const allowed = await fetch(`${limitedUrl}/v1/minerals`);
      await conformsToSpec('get', '/v1/minerals', allowed);
      const tooMany = await fetch(`${limitedUrl}/v1/minerals`);
      expect(tooMany.status).toBe(429);
      await conformsToSpec('get', '/v1/minerals', tooMany);
      const tooManyWrites = await fetch(`${limitedUrl}/v1/production`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"rows":[]}',
      });
      expect(tooManyWrites.status).toBe(429);
      await conformsToSpec('put', '/v1/production', tooManyWrites);
    } finally {
      await limited.close();
    }
  });

  it('checked every response against the spec', () => {
    const statuses = new Set(checked.map((entry) => `${entry.method.toUpperCase()} ${entry.path} ${entry.status}`));
    expect([...statuses]).toEqual(
      expect.arrayContaining([
        'GET /v1/minerals 200',
        'GET /v1/minerals 304',
        'GET /v1/production 200',
        'GET /v1/minerals/{mineral}/concentration 200',
        'GET /v1/concentration 200',
        'PUT /v1/production 200',
        'PUT /v1/production 401',
        'GET /v1/changes 200',
      ]),
    );
    expect(checked.length).toBeGreaterThanOrEqual(14);
  });
});
