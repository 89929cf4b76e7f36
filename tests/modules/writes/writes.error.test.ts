import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';
import { API_KEYS, bearer, changesSince, putProduction, storedFigure, tungstenRow } from './helpers.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: API_KEYS });
});
afterAll(async () => {
  await app.close();
});

const VNM_2024 = { mineral: 'tungsten', stage: 'mining', country: 'VNM', year: 2024 };

/** Every refusal below must leave the dataset exactly as seeded. */
async function expectNothingStored(): Promise<void> {
  expect((await storedFigure(app, VNM_2024))?.tonnes).toBe(3400);
  const feed = await changesSince(app);
  expect(feed.total).toBe(0);
  expect(feed.currentVersion).toBe(1);
}

describe('PUT /v1/production: rows that break a loader rule → 422 naming row and field', () => {
  it.each([
    ['an unknown source', { sourceId: 'no-such-source' }, 'body.rows.0.sourceId', /unknown source 'no-such-source'/],
    ['negative tonnes', { tonnes: -5 }, 'body.rows.0.tonnes', /must not be negative/],
    ['tonnes on a withheld figure', { withheld: true }, 'body.rows.0.tonnes', /must be empty for a withheld figure/],
    ['no tonnes on a published figure', { tonnes: null }, 'body.rows.0.tonnes', /required unless the figure is withheld/],
    ['an unknown mineral', { mineral: 'unobtainium' }, 'body.rows.0.mineral', /unknown mineral/],
    ['an unknown country', { country: 'XXX' }, 'body.rows.0.country', /unknown country 'XXX'/],
    ['a country that is not ISO3', { country: 'Vietnam' }, 'body.rows.0.country', /ISO 3166-1 alpha-3/],
    ['a basis of another mineral', { basis: 'sb-contained' }, 'body.rows.0.basis', /measures antimony\/mining, not tungsten\/mining/],
    ['a year out of range', { year: 1850 }, 'body.rows.0.year', /between 1900 and 2100/],
    ['a mineral that is not a slug', { mineral: 'Tungsten' }, 'body.rows.0.mineral', /slug/],
  ])('%s', async (_case, change, field, message) => {
    const response = await putProduction(app, [tungstenRow(change)]);
    const body = expectProblem(response, 422, 'unprocessable', '/v1/production');
    expect(body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(body.detail).toMatch(/nothing was stored/);
  });

  it('an edition that does not exist → 422 naming body.rows.N.edition', async () => {
    const body = expectProblem(await putProduction(app, [tungstenRow({ edition: 'usgs-mcs-1999' })]), 422, 'unprocessable');
    expect(fieldsOf(body)).toEqual(['body.rows.0.edition']);
    expect(body.errors?.[0]?.message).toMatch(/usgs-mcs-1999/);
  });

  it('no edition, and none reports that series-year yet → 422 naming body.rows.N.edition', async () => {
    const { edition: _omitted, ...row } = tungstenRow({ year: 2031 });
    const body = expectProblem(await putProduction(app, [tungstenRow({ country: 'AUS', tonnes: 1000 }), row]), 422, 'unprocessable');
    expect(fieldsOf(body)).toEqual(['body.rows.1.edition']);
    expect(body.detail).toMatch(/nothing was stored/);
  });

  it('the same figure in two editions is two keys, not a duplicate', async () => {
    const body = expectProblem(
      await putProduction(app, [
        tungstenRow({ tonnes: 3500 }),
        tungstenRow({ tonnes: 3600, edition: 'usgs-mcs-2024' }),
        tungstenRow({ tonnes: -1 }),
      ]),
      422,
      'unprocessable',
    );
    expect(fieldsOf(body)).toEqual(['body.rows.2.tonnes']);
  });

  it('names the failing row by its index in the batch', async () => {
    const rows = [
      tungstenRow({ country: 'AUS', tonnes: 1000 }),
      tungstenRow({ country: 'AUT', tonnes: 800 }),
      tungstenRow({ tonnes: -1, lowerBound: true }),
    ];
    const body = expectProblem(await putProduction(app, rows), 422, 'unprocessable');
    expect(body.errors).toEqual([{ field: 'body.rows.2.tonnes', message: 'must not be negative' }]);
    expect(body.detail).toMatch(/^1 of 3 row\(s\)/);
  });

  it('refuses the same key twice in one request, pointing at the second', async () => {
    const body = expectProblem(
      await putProduction(app, [tungstenRow({ tonnes: 3500 }), tungstenRow({ country: 'vnm', tonnes: 3600 })]),
      422,
      'unprocessable',
    );
    expect(body.errors).toEqual([
      {
        field: 'body.rows.1',
        message: expect.stringMatching(/duplicate key \(tungsten\|mining\|VNM\|2024\|w-contained\|usgs-mcs-2025\); first at row 0/),
      },
    ]);
  });

  it('refuses a batch with one bad row among good ones, and stores none of it', async () => {
    const rows = [
      tungstenRow({ tonnes: 5000 }),
      tungstenRow({ country: 'KOR', tonnes: 100, estimated: false }),
      tungstenRow({ country: 'RUS', tonnes: 2100, sourceId: 'no-such-source' }),
      tungstenRow({ country: 'BOL', tonnes: 1700 }),
    ];
    const body = expectProblem(await putProduction(app, rows), 422, 'unprocessable');
    expect(fieldsOf(body)).toEqual(['body.rows.2.sourceId']);
    await expectNothingStored();
    expect(await storedFigure(app, { ...VNM_2024, country: 'KOR' })).toBeUndefined();
    expect((await storedFigure(app, { ...VNM_2024, country: 'BOL' }))?.tonnes).toBe(1600);
  });
});

describe('PUT /v1/production: the world-total rule on the merged state', () => {
  // 2024: named countries 79,900 t + other countries 1,500 t against a published world total of 81,000 t;
  // up to 85,050 t (world + 5%) passes as rounding.
  it('refuses a country figure that pushes the sum more than 5% over the stored world total', async () => {
    const body = expectProblem(await putProduction(app, [tungstenRow({ country: 'CHN', tonnes: 71_000 })]), 422, 'unprocessable');
    expect(body.errors).toEqual([
      { field: 'body.rows.0.tonnes', message: expect.stringMatching(/add up to 85400 t, more than the world total 81000 t by over 5%/) },
    ]);
  });

  it('blames every request row in the group when together they break it', async () => {
    const rows = [
      tungstenRow({ country: 'CHN', tonnes: 69_000 }),
      tungstenRow({ country: 'KOR', tonnes: 3000 }),
      tungstenRow({ mineral: 'antimony', basis: 'sb-contained', country: 'CHN', tonnes: 60_000, sourceId: 'usgs-mcs-2025-antimony' }),
    ];
    const body = expectProblem(await putProduction(app, rows), 422, 'unprocessable');
    expect(fieldsOf(body)).toEqual(['body.rows.0.tonnes', 'body.rows.1.tonnes']);
  });

  it('refuses a world total lowered below its countries, on the world row', async () => {
    const body = expectProblem(await putProduction(app, [tungstenRow({ country: 'WLD', tonnes: 70_000 })]), 422, 'unprocessable');
    expect(fieldsOf(body)).toEqual(['body.rows.0.tonnes']);
  });

  it('stored nothing', async () => {
    await expectNothingStored();
  });
});

describe('PUT /v1/production: malformed requests → 400', () => {
  it('1,001 rows → 400 naming body.rows', async () => {
    const rows = Array.from({ length: 1001 }, (_, index) =>
      tungstenRow({ year: 1900 + (index % 200), country: index < 200 ? 'VNM' : 'CHN' }),
    );
    const body = expectProblem(await putProduction(app, rows), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['body.rows']);
  });

  it('no rows → 400 naming body.rows', async () => {
    expect(fieldsOf(expectProblem(await putProduction(app, []), 400, 'validation_failed'))).toEqual(['body.rows']);
  });

  it('a wrong type → 400 naming the row field', async () => {
    const body = expectProblem(await putProduction(app, [tungstenRow({ tonnes: '5000' })]), 400, 'validation_failed');
    expect(fieldsOf(body)).toEqual(['body.rows.0.tonnes']);
  });

  it('a missing field → 400 naming it', async () => {
    const { sourceId: _omitted, ...row } = tungstenRow();
    expect(fieldsOf(expectProblem(await putProduction(app, [row]), 400, 'validation_failed'))).toEqual(['body.rows.0.sourceId']);
  });

  it('an unknown field (a typo such as `source`) → 400 rather than silently ignored', async () => {
    const response = await putProduction(app, [tungstenRow({ source: 'usgs-mcs-2025-tungsten' })]);
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['body.rows.0']);
  });
});

describe('POST /v1/sources errors', () => {
  it('an existing id → 409 and the source is unchanged', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: bearer(),
      payload: { id: 'usgs-mcs-2025-tungsten', title: 'Overwritten?', publisher: 'Nobody' },
    });
    expect(expectProblem(response, 409, 'conflict').errors).toEqual([{ field: 'body.id', message: 'already exists' }]);
    const source = (await app.inject({ method: 'GET', url: '/v1/sources/usgs-mcs-2025-tungsten' })).json() as { publisher: string };
    expect(source.publisher).toBe('U.S. Geological Survey');
  });

  it('a blank title → 422 naming body.title (the loader rule)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: bearer(),
      payload: { id: 'blank-title', title: '  ', publisher: 'P' },
    });
    expect(fieldsOf(expectProblem(response, 422, 'unprocessable'))).toEqual(['body.title']);
  });

  it('an id that is not a slug → 400 naming body.id', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: bearer(),
      payload: { id: 'Not A Slug', title: 'T', publisher: 'P' },
    });
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['body.id']);
  });

  it('a year that is not four digits → 422 naming body.year', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: bearer(),
      payload: { id: 'odd-year', title: 'T', publisher: 'P', year: 99 },
    });
    expect(fieldsOf(expectProblem(response, 422, 'unprocessable'))).toEqual(['body.year']);
  });
});

describe('DELETE /v1/production/{…key} errors', () => {
  it('a key with no figure → 404', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/v1/production/tungsten/mining/VNM/1999/w-contained', headers: bearer() });
    expect(expectProblem(response, 404, 'not_found').detail).toMatch(/tungsten\/mining\/VNM\/1999\/w-contained/);
  });

  it('a year that is not a number → 400 naming params.year', async () => {
    const response = await app.inject({
      method: 'DELETE',
      url: '/v1/production/tungsten/mining/VNM/latest/w-contained',
      headers: bearer(),
    });
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['params.year']);
  });
});

describe('GET /v1/changes errors', () => {
  it.each(['abc', '1.5', '-1'])('since=%s → 400 naming querystring.since', async (since) => {
    const response = await app.inject({ method: 'GET', url: `/v1/changes?since=${since}` });
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['querystring.since']);
  });
});

describe('after every refusal above', () => {
  it('the dataset is as seeded: no figure changed, no change recorded, version 1', async () => {
    await expectNothingStored();
    const sources = (await app.inject({ method: 'GET', url: '/v1/sources/blank-title' })).statusCode;
    expect(sources).toBe(404);
  });
});
