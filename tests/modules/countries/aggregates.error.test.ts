/**
 * One rule for "is this a country", the dataset's own flag (`is_aggregate` in data/countries.csv: WLD, OTH, EUU),
 * wherever a request names a country that an aggregate cannot stand for: a scenario shock, a custom bloc, a trading
 * party. Each refusal is a 400 problem naming the field, and nothing is computed: the disruption core is wrapped in
 * a spy, so a refused scenario is seen not to reach it (and an accepted one, to reach it).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { getJson } from '../../helpers/app.js';
import { expectProblem } from '../../helpers/problem.js';
import { API_KEYS, bearer } from '../writes/helpers.js';

vi.mock('../../../src/scoring/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/scoring/index.js')>();
  return { ...actual, runDisruption: vi.fn(actual.runDisruption) };
});

let runDisruption: MockInstance<(typeof import('../../../src/scoring/index.js'))['runDisruption']>;
let app: FastifyInstance;
beforeAll(async () => {
  // The suite shares one module graph per worker (isolate: false): an app imported by an earlier file holds the
  // unwrapped core, so this file imports the app afresh, with the wrapped core.
  vi.resetModules();
  runDisruption = vi.mocked((await import('../../../src/scoring/index.js')).runDisruption);
  const { buildTestApp } = await import('../../helpers/app.js');
  app = await buildTestApp({ apiKeys: API_KEYS }, { now: () => new Date('2026-12-02T10:00:00Z') });
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  runDisruption.mockClear();
});

const AGGREGATES = [
  ['WLD', /^'WLD' is an aggregate \(World\), not a country$/],
  ['OTH', /^'OTH' is an aggregate \(Other countries\), not a country$/],
  ['EUU', /^'EUU' is an aggregate \(European Union\), not a country; its member states are the group 'eu'$/],
] as const;

function disruption(payload: object) {
  return app.inject({ method: 'POST', url: '/v1/scenarios/disruption', payload });
}

describe('POST /v1/scenarios/disruption refuses an aggregate as a shocked country', () => {
  it.each(AGGREGATES)('%s → 400 naming body.shocks.0.countries.1, nothing computed', async (code, message) => {
    const body = expectProblem(
      await disruption({ minerals: ['antimony'], shocks: [{ countries: ['CHN', code], reduction: 1 }] }),
      400,
      'validation_failed',
      '/v1/scenarios/disruption',
    );
    expect(body.errors).toEqual([{ field: 'body.shocks.0.countries.1', message: expect.stringMatching(message) }]);
    expect(runDisruption).not.toHaveBeenCalled();
  });

  it('names each aggregate by its own position, in a later shock too', async () => {
    const body = expectProblem(
      await disruption({
        shocks: [
          { countries: ['CHN'], reduction: 1 },
          { countries: ['EUU', 'RUS', 'WLD'], stages: ['refining'], reduction: 0.5 },
        ],
      }),
      400,
      'validation_failed',
    );
    expect(body.errors?.map((error) => error.field)).toEqual(['body.shocks.1.countries.0', 'body.shocks.1.countries.2']);
    expect(runDisruption).not.toHaveBeenCalled();
  });

  it('the same body without the aggregate is computed (the spy sees the core run)', async () => {
    const response = await disruption({ minerals: ['antimony'], year: 2023, shocks: [{ countries: ['CHN'], reduction: 0.9 }] });
    expect(response.statusCode).toBe(200);
    expect(runDisruption).toHaveBeenCalledTimes(1);
  });
});

describe('a group that lists an aggregate is shocked on its countries only, and says so', () => {
  it('group msp (which lists EUU) shocks the same countries, with the same numbers, as its countries listed by hand', async () => {
    const group = (await getJson(app, '/v1/groups/msp')).body as { members: { country: string }[] };
    const members = group.members.map((member) => member.country);
    expect(members).toContain('EUU');
    const countries = members.filter((code) => code !== 'EUU');

    const viaGroup = await disruption({ minerals: ['antimony'], year: 2024, shocks: [{ group: 'msp', reduction: 1 }] });
    const byHand = await disruption({ minerals: ['antimony'], year: 2024, shocks: [{ countries, reduction: 1 }] });
    expect(viaGroup.statusCode).toBe(200);
    const a = viaGroup.json();
    const b = byHand.json();
    expect(a.scenario.shocks[0].countries).toEqual([...countries].sort());
    expect(a.scenario.shocks[0].countries).not.toContain('EUU');
    expect(a.results[0].stages).toEqual(b.results[0].stages);
    expect(a.summary).toEqual(b.summary);
    expect(a.results[0].assumptions[1]).toBe(
      "body.shocks.0: group 'msp' lists EUU (European Union), an aggregate and not a country: it is not shocked; only the countries the group lists are.",
    );
    expect(b.results[0].assumptions).not.toContainEqual(expect.stringContaining('aggregate and not a country'));
  });
});

describe('the export-control scenario never shocks an aggregate', () => {
  it('a measure recorded as imposed by OTH (accepted by the write rules) governs no country: not applied, the run answers', async () => {
    const write = await app.inject({
      method: 'PUT',
      url: '/v1/export-controls',
      headers: bearer(),
      payload: {
        rows: [
          {
            id: 'test-oth-antimony-ban',
            imposingCountry: 'OTH',
            instrument: 'Test',
            title: 'A ban recorded against the other-countries row',
            measure: 'export-ban',
            target: 'all',
            minerals: ['antimony'],
            stages: ['mining'],
            covers: 'Antimony ore',
            effective: '2025-01-01',
            sourceId: 'xc-cn-mofcom-2025-72-susp-46-cl2',
            confidence: 'low',
          },
        ],
      },
    });
    expect(write.statusCode).toBe(200);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/scenarios/export-controls',
      payload: { preset: 'in-force', importer: 'USA', minerals: ['antimony'], asOf: '2026-01-01' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      scenarios: {
        mineral: string;
        measures: { id: string; countries: string[] }[];
        result: { scenario: { shocks: { countries: string[] }[] } };
      }[];
      unaffected: string[];
    };
    const measures = body.scenarios.flatMap((scenario) => scenario.measures);
    expect(measures.map((measure) => measure.id)).not.toContain('test-oth-antimony-ban');
    const shocked = body.scenarios.flatMap((scenario) => scenario.result.scenario.shocks.flatMap((shock) => shock.countries));
    for (const [code] of AGGREGATES) expect(shocked).not.toContain(code);
  });
});

describe('a custom bloc is made of countries', () => {
  it.each(AGGREGATES)('?countries=USA,%s → 400 naming querystring.countries', async (code, message) => {
    const url = `/v1/minerals/antimony/alignment?countries=USA,${code}&edition=usgs-mcs-2025`;
    const body = expectProblem(await app.inject({ url }), 400, 'validation_failed', url);
    expect(body.errors).toEqual([{ field: 'querystring.countries', message: expect.stringMatching(message) }]);
  });

  it('names every aggregate and unknown code in one message', async () => {
    const body = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/alignment?countries=WLD,XXX,oth' }),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([
      {
        field: 'querystring.countries',
        message:
          "'WLD' is an aggregate (World), not a country; unknown country 'XXX'; see GET /v1/countries; 'OTH' is an aggregate (Other countries), not a country",
      },
    ]);
  });
});

describe('a trading party is a country', () => {
  it.each(AGGREGATES)('/v1/dependency/USA/on/%s → 400 naming params.supplier', async (code, message) => {
    const url = `/v1/dependency/USA/on/${code}?edition=usgs-mcs-2025`;
    const body = expectProblem(await app.inject({ url }), 400, 'validation_failed', url);
    expect(body.errors).toEqual([{ field: 'params.supplier', message: expect.stringMatching(message) }]);
  });

  it.each(AGGREGATES)(
    '/v1/countries/%s/dominance → 400 naming params.iso3 (an aggregate holds no share of its own)',
    async (code, message) => {
      const url = `/v1/countries/${code}/dominance`;
      const body = expectProblem(await app.inject({ url }), 400, 'validation_failed', url);
      expect(body.errors).toEqual([{ field: 'params.iso3', message: expect.stringMatching(message) }]);
    },
  );

  it.each(['WLD', 'OTH', 'EUU'])('/v1/dependency/%s → 400 naming params.importer (the EU imports as EU, not EUU)', async (code) => {
    const body = expectProblem(await app.inject({ url: `/v1/dependency/${code}` }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'params.importer', message: "unknown importer '" + code + "'; one of EU, USA" }]);
  });
});
