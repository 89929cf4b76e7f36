import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, field: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
}

describe('an edition that does not exist is a 400 naming the field', () => {
  it.each([
    '/v1/minerals/antimony/concentration?edition=usgs-mcs-1999',
    '/v1/concentration?edition=usgs-mcs-2030',
    '/v1/production?mineral=antimony&edition=iea-2099',
    '/v1/dependency/USA/on/CHN?edition=nope',
    '/v1/minerals/antimony/prices?edition=nope',
  ])('%s', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expectProblem(response, 400, 'querystring.edition');
    expect(response.json().errors[0].message).toContain('known: usgs-mcs-2022');
  });

  it('a malformed id (upper case, spaces) is refused by the schema', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/v1/concentration?edition=USGS%20MCS' }), 400, 'querystring.edition');
  });

  it('in a scenario body: 400 on body.edition, nothing computed', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/disruption',
      payload: { edition: 'usgs-mcs-1999', minerals: ['antimony'], shocks: [{ countries: ['CHN'], reduction: 1 }] },
    });
    expectProblem(response, 400, 'body.edition');
  });

  it('in a preset run: 400 on body.edition', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/scenarios/presets/china-antimony-ban', payload: { edition: 'nope' } });
    expectProblem(response, 400, 'body.edition');
  });
});

describe('other bad input', () => {
  it('revisions: an unknown mineral filter is a 400, a malformed year too', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/v1/revisions?mineral=unobtainium' }), 400, 'querystring.mineral');
    expectProblem(await app.inject({ method: 'GET', url: '/v1/revisions?year=20x4' }), 400, 'querystring.year');
  });

  it('concentration by edition needs a year', async () => {
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/minerals/antimony/concentration/editions?stage=mining' }),
      400,
      'querystring.year',
    );
  });

  it('a year no edition reported gives no entries, not zeros', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/minerals/antimony/concentration/editions?year=1950' });
    expect(response.json()).toMatchObject({ data: [], total: 0 });
  });
});

describe('scenarios answer as the requested edition did', () => {
  it('china-antimony-ban: 36.13 % of 2025 mining lost by default, 57.71 % of 2024 as MCS 2025 had it', async () => {
    const current = (await app.inject({ method: 'POST', url: '/v1/scenarios/presets/china-antimony-ban' })).json();
    expect(current.scenario.edition).toBeNull();
    // Mining 2025 loses 40,000 of the rows' 110,720 t = 0.3613; smelting (EU CRM 2023 shares, China 51.8 %) loses more and binds.
    expect(current.summary[0]).toMatchObject({ mineral: 'antimony', bindingStage: 'refining', bindingLoss: 0.518 });
    expect(current.results[0].stages[0]).toMatchObject({ year: 2025, edition: 'usgs-mcs-2026', lossShare: 0.3613 });

    const pinned = (
      await app.inject({
        method: 'POST',
        url: '/v1/scenarios/presets/china-antimony-ban',
        payload: { edition: 'usgs-mcs-2025', year: 2024 },
      })
    ).json();
    expect(pinned.scenario).toMatchObject({ edition: 'usgs-mcs-2025', year: 2024 });
    // 60,000 of the rows' 103,960 t (the printed 100,000 t is rounded below them) = 0.5771, above smelting's 0.518.
    expect(pinned.summary[0]).toMatchObject({ bindingStage: 'mining', bindingLoss: 0.5771 });
    expect(pinned.results[0].stages[0]).toMatchObject({
      year: 2024,
      edition: 'usgs-mcs-2025',
      lostTonnes: 60_000,
      baselineTonnes: 103_960,
      worldTotal: { rule: 'reconciled', published: 100_000, used: 103_960 },
    });
  });
});
