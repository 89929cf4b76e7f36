/** Keyset paging with signed cursors: every row once, in a stable order; bad or foreign cursors are a 400. */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';
import { viewRows } from '../helpers/editions.js';
import type { components } from '../../client/chokepoint.js';

const SECRET = 'paging-test-secret-0123456789';

/** A production row as the spec (and so the generated client types) describes it. */
type Figure = components['schemas']['ProductionFigure'];
interface Page {
  data: Figure[];
  total: number;
  next: string | null;
}

/** A CSV record: the key columns, and every other column as text. */
type CsvRow = { mineral: string; stage: string; country: string; year: string; basis: string; [column: string]: string };

/**
 * data/production.csv, the committed rows the in-memory database is seeded from, as the view pinned to MCS 2025
 * takes them: the counts below (886 rows, 9 pages of 100) are that edition's, so the URLs that check them ask for
 * `edition=usgs-mcs-2025`. The view keeps other families' newest editions, so the 80 IEA GCMO 2026 refining rows
 * (5 minerals × 2021 and 2025: 2 × (8 + 9 + 8 + 8 + 7)) count too: 806 + 80 = 886. Within one view a figure's key without the edition is unique.
 */
const committed = viewRows('production.csv', 'usgs-mcs-2025') as CsvRow[];
const keyOf = (row: { mineral: string; stage: string; country: string; year: number | string; basis: string }) =>
  `${row.mineral}|${row.stage}|${row.country}|${row.year}|${row.basis}`;
const committedKeys = new Set(committed.map(keyOf));

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: parseApiKeys(`analyst:${SECRET}`) });
});
afterAll(async () => {
  await app.close();
});

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

/** The target of `Link: <…>; rel="next"`, or null when there is none. */
function nextLink(response: LightMyRequestResponse): string | null {
  const header = response.headers.link;
  if (header === undefined) return null;
  const match = /^<([^>]+)>;\s*rel="next"$/.exec(String(header));
  if (!match) throw new Error(`unexpected Link header: ${String(header)}`);
  return match[1] ?? null;
}

function fieldsOf(response: LightMyRequestResponse): string[] {
  return (response.json() as { errors?: { field: string }[] }).errors?.map((error) => error.field) ?? [];
}

/** Follows the body's `next` cursor from a first URL; returns every page. */
async function walkByCursor(first: string): Promise<Page[]> {
  const pages: Page[] = [];
  let url: string | null = first;
  while (url !== null) {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as Page;
    pages.push(page);
    if (pages.length > 100) throw new Error('paging does not end');
    url = page.next === null ? null : `${first}${first.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(page.next)}`;
  }
  return pages;
}

async function walkByLink(first: string): Promise<{ pages: Page[]; links: string[] }> {
  const pages: Page[] = [];
  const links: string[] = [];
  let url: string | null = first;
  while (url !== null) {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as Page;
    pages.push(page);
    if (pages.length > 100) throw new Error('paging does not end');
    url = nextLink(response);
    // The header and the body agree: a Link exactly when there is a `next` cursor.
    expect(url === null).toBe(page.next === null);
    if (url !== null) links.push(url);
  }
  return { pages, links };
}

describe('paging through GET /v1/production', () => {
  let everything: Figure[];

  beforeAll(async () => {
    const response = await get('/v1/production?limit=1000&edition=usgs-mcs-2025');
    const page = response.json() as Page;
    expect(page.next).toBeNull();
    everything = page.data;
  });

  it('the whole collection fits in one page of 1,000 and matches data/production.csv (MCS 2025 view)', () => {
    expect(committed.length).toBe(886);
    expect(everything).toHaveLength(committed.length);
    expect(new Set(everything.map(keyOf))).toEqual(committedKeys);
  });

  it('following `next` returns every row exactly once, in the same stable order, with a constant total', async () => {
    const pages = await walkByCursor('/v1/production?limit=100&edition=usgs-mcs-2025');
    expect(pages).toHaveLength(Math.ceil(committed.length / 100));
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 86]);
    expect(new Set(pages.map((page) => page.total))).toEqual(new Set([committed.length]));
    const keys = pages.flatMap((page) => page.data.map(keyOf));
    expect(keys).toHaveLength(committed.length);
    expect(new Set(keys).size).toBe(committed.length);
    expect(new Set(keys)).toEqual(committedKeys);
    expect(keys).toEqual(everything.map(keyOf));
    // The rows themselves, not only their keys, are the ones of the single big page.
    expect(pages.flatMap((page) => page.data)).toEqual(everything);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('following the Link header gives the same pages; the link keeps the filters and the limit', async () => {
    const byCursor = await walkByCursor('/v1/production?limit=100&edition=usgs-mcs-2025');
    const { pages, links } = await walkByLink('/v1/production?limit=100&edition=usgs-mcs-2025');
    expect(pages).toEqual(byCursor);
    expect(links).toHaveLength(8);
    for (const link of links)
      expect(link).toMatch(/^\/v1\/production\?limit=100&edition=usgs-mcs-2025&cursor=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('a filtered collection pages within its filter', async () => {
    const pages = await walkByCursor('/v1/production?mineral=cobalt&limit=7');
    const all = ((await get('/v1/production?mineral=cobalt&limit=1000')).json() as Page).data;
    expect(all.length).toBeGreaterThan(14);
    expect(pages.flatMap((page) => page.data)).toEqual(all);
    expect(pages.every((page) => page.total === all.length)).toBe(true);
    expect(pages.flatMap((page) => page.data).every((figure) => figure.mineral === 'cobalt')).toBe(true);
  });

  it('is stable: paging twice gives the same sequence', async () => {
    const first = (await walkByCursor('/v1/production?limit=250')).flatMap((page) => page.data.map(keyOf));
    const second = (await walkByCursor('/v1/production?limit=250')).flatMap((page) => page.data.map(keyOf));
    expect(second).toEqual(first);
  });
});

describe('limit', () => {
  it('defaults to 100', async () => {
    const response = await get('/v1/production?edition=usgs-mcs-2025');
    const page = response.json() as Page;
    expect(page.data).toHaveLength(100);
    expect(page.total).toBe(886);
    expect(page.next).not.toBeNull();
    expect(nextLink(response)).toMatch(/^\/v1\/production\?edition=usgs-mcs-2025&cursor=/);
  });

  it('accepts 1 and 1,000', async () => {
    expect(((await get('/v1/production?limit=1')).json() as Page).data).toHaveLength(1);
    const response = await get('/v1/production?limit=1000&edition=usgs-mcs-2025');
    expect(response.statusCode).toBe(200);
    expect((response.json() as Page).data).toHaveLength(886);
    expect(response.headers.link).toBeUndefined();
  });

  it.each(['1001', '0', '-5', '2.5', 'ten'])('limit=%s → 400 naming querystring.limit', async (limit) => {
    const response = await get(`/v1/production?limit=${limit}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(response)).toEqual(['querystring.limit']);
  });
});

describe('cursors', () => {
  async function firstCursor(url: string): Promise<string> {
    const page = (await get(url)).json() as Page;
    if (page.next === null) throw new Error(`${url} has a single page`);
    return page.next;
  }

  async function expectRejected(url: string) {
    const response = await get(url);
    expect(response.statusCode, url).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(response)).toEqual(['querystring.cursor']);
  }

  it('a valid cursor is accepted (control for the rejections below)', async () => {
    const cursor = await firstCursor('/v1/production?limit=10');
    const response = await get(`/v1/production?limit=10&cursor=${encodeURIComponent(cursor)}`);
    expect(response.statusCode).toBe(200);
    expect((response.json() as Page).data[0]).toEqual(((await get('/v1/production?limit=11')).json() as Page).data[10]);
  });

  it.each(['garbage', 'a.b', '.', 'x.', '.y', '%E2%9C%93', 'eyJhZnRlciI6MX0'])(
    'garbage cursor %s → 400 naming querystring.cursor',
    async (cursor) => {
      await expectRejected(`/v1/production?cursor=${cursor}`);
    },
  );

  it('an empty cursor → 400', async () => {
    const response = await get('/v1/production?cursor=');
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['querystring.cursor']);
  });

  it('a cursor with one character of its signature flipped → 400', async () => {
    const cursor = await firstCursor('/v1/production?limit=10');
    const [body, signature] = cursor.split('.') as [string, string];
    for (const position of [0, signature.length - 1]) {
      const original = signature[position];
      const flipped = original === 'A' ? 'B' : 'A';
      const tampered = `${body}.${signature.slice(0, position)}${flipped}${signature.slice(position + 1)}`;
      expect(tampered).not.toBe(cursor);
      await expectRejected(`/v1/production?limit=10&cursor=${tampered}`);
    }
  });

  it('a cursor whose payload is re-encoded with another `after` → 400', async () => {
    const cursor = await firstCursor('/v1/production?limit=10');
    const [body, signature] = cursor.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { after: number; scope: string };
    expect(typeof payload.after).toBe('number');
    // Skip ahead by 500 rows, keeping the signature, and separately with a signature-less payload.
    const forged = Buffer.from(JSON.stringify({ ...payload, after: payload.after + 500 })).toString('base64url');
    await expectRejected(`/v1/production?limit=10&cursor=${forged}.${signature}`);
    await expectRejected(`/v1/production?limit=10&cursor=${forged}`);
  });

  it('a valid cursor with anything appended → 400', async () => {
    const cursor = await firstCursor('/v1/production?limit=10');
    await expectRejected(`/v1/production?limit=10&cursor=${cursor}.x`);
    await expectRejected(`/v1/production?limit=10&cursor=${cursor}x`);
  });

  it('a cursor is bound to its filters and its collection', async () => {
    const antimony = await firstCursor('/v1/production?mineral=antimony&limit=5');
    // Same filters (in another order, another limit, CSV): accepted.
    expect((await get(`/v1/production?limit=7&mineral=antimony&cursor=${antimony}`)).statusCode).toBe(200);
    // Another mineral, no filter, an added filter, another collection: refused.
    await expectRejected(`/v1/production?mineral=cobalt&limit=5&cursor=${antimony}`);
    await expectRejected(`/v1/production?limit=5&cursor=${antimony}`);
    await expectRejected(`/v1/production?mineral=antimony&year=2024&limit=5&cursor=${antimony}`);
    await expectRejected(`/v1/reserves?mineral=antimony&limit=5&cursor=${antimony}`);
  });

  it('a cursor signed by another server (another CURSOR_SECRET) → 400', async () => {
    const other = await buildTestApp({ cursorSecret: 'another-secret-entirely-0123' });
    try {
      const page = (await other.inject({ method: 'GET', url: '/v1/production?limit=10' })).json() as Page;
      await expectRejected(`/v1/production?limit=10&cursor=${page.next}`);
    } finally {
      await other.close();
    }
  });
});

describe('paging a CSV download', () => {
  it('CSV pages carry the Link header (keeping format=csv) and page like the JSON', async () => {
    const first = await get('/v1/production?limit=100&format=csv');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const link = nextLink(first);
    expect(link).toMatch(/^\/v1\/production\?limit=100&format=csv&cursor=/);

    const second = await get(link as string);
    expect(second.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const csvRows = parse(second.body, { columns: true }) as CsvRow[];
    const jsonPages = await walkByCursor('/v1/production?limit=100');
    expect(csvRows.map(keyOf)).toEqual(jsonPages[1]?.data.map(keyOf));
    expect(csvRows).toHaveLength(100);
  });

  it('a cursor from a JSON page works for the CSV of the same query, and with Accept: text/csv', async () => {
    const page = (await get('/v1/production?mineral=nickel&limit=3')).json() as Page;
    const csv = await get(`/v1/production?mineral=nickel&limit=3&format=csv&cursor=${page.next}`);
    expect(csv.statusCode).toBe(200);
    const byAccept = await get(`/v1/production?mineral=nickel&limit=3&cursor=${page.next}`, { accept: 'text/csv' });
    expect(byAccept.body).toBe(csv.body);
    const json = (await get(`/v1/production?mineral=nickel&limit=3&cursor=${page.next}`)).json() as Page;
    expect((parse(csv.body, { columns: true }) as CsvRow[]).map(keyOf)).toEqual(json.data.map(keyOf));
    expect(nextLink(byAccept)).toMatch(/^\/v1\/production\?mineral=nickel&limit=3&cursor=/);
  });
});

describe('paging across writes', () => {
  it('rows written between pages are neither repeated nor skipped; an update keeps its place', async () => {
    const auth = { authorization: `Bearer ${SECRET}` };
    const firstPage = await get('/v1/production?mineral=tungsten&edition=usgs-mcs-2025&limit=5');
    const page1 = firstPage.json() as Page;
    const total = page1.total;
    const rest = ((await get(`/v1/production?mineral=tungsten&edition=usgs-mcs-2025&limit=1000`)).json() as Page).data;
    // A row still to come is corrected; a new row is added.
    const later = rest[7] as Figure;
    const update = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: auth,
      payload: {
        rows: [
          {
            mineral: later.mineral,
            stage: later.stage,
            country: later.country,
            year: later.year,
            basis: later.basis,
            tonnes: (later.tonnes ?? 0) + 1,
            sourceId: later.source.id,
            edition: later.edition,
          },
        ],
      },
    });
    expect(update.statusCode, update.body).toBe(200);
    const created = await app.inject({
      method: 'PUT',
      url: '/v1/production',
      headers: auth,
      payload: {
        rows: [
          {
            mineral: 'tungsten',
            stage: 'mining',
            country: 'KOR',
            year: 2019,
            basis: 'w-contained',
            tonnes: 10,
            sourceId: 'usgs-mcs-2025-tungsten',
            edition: 'usgs-mcs-2025',
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ created: 1 });

    const pages: Page[] = [page1];
    let cursor = page1.next;
    while (cursor !== null) {
      const page = (await get(`/v1/production?mineral=tungsten&edition=usgs-mcs-2025&limit=5&cursor=${cursor}`)).json() as Page;
      pages.push(page);
      cursor = page.next;
    }
    const keys = pages.flatMap((page) => page.data.map(keyOf));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(total + 1);
    expect(keys.at(-1)).toBe('tungsten|mining|KOR|2019|w-contained');
    const corrected = pages.flatMap((page) => page.data).find((figure) => keyOf(figure) === keyOf(later));
    expect(corrected?.tonnes).toBe((later.tonnes ?? 0) + 1);
    expect(keys.indexOf(keyOf(later))).toBe(7);
  });
});
