import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});

afterAll(async () => {
  await app.close();
});

const URL = '/v1/scenarios/disruption';

async function invalid(payload: unknown, url = URL) {
  const response = await app.inject({ method: 'POST', url, payload: payload as object });
  return expectProblem(response, 400, 'validation_failed', url);
}

const CHN = { countries: ['CHN'], reduction: 1 };

describe('POST /v1/scenarios/disruption: validation', () => {
  it('rejects empty shocks', async () => {
    expect(fieldsOf(await invalid({ shocks: [] }))).toEqual(['body.shocks']);
  });

  it('rejects a missing shocks list', async () => {
    expect(fieldsOf(await invalid({ minerals: ['antimony'] }))).toEqual(['body.shocks']);
  });

  it.each([1.5, -0.1])('rejects reduction %s outside [0, 1]', async (reduction) => {
    expect(fieldsOf(await invalid({ shocks: [CHN, { countries: ['RUS'], reduction }] }))).toEqual(['body.shocks.1.reduction']);
  });

  it('rejects an unknown country, naming its position', async () => {
    const body = await invalid({ shocks: [{ countries: ['CHN', 'RUS', 'XXX'], reduction: 1 }] });
    expect(body.errors).toEqual([{ field: 'body.shocks.0.countries.2', message: expect.stringContaining("unknown country 'XXX'") }]);
  });

  it('rejects a malformed country code', async () => {
    expect(fieldsOf(await invalid({ shocks: [{ countries: ['CH'], reduction: 1 }] }))).toEqual(['body.shocks.0.countries.0']);
  });

  it('rejects the world and other-countries aggregates as shocked countries', async () => {
    const body = await invalid({ shocks: [{ countries: ['WLD', 'OTH'], reduction: 1 }] });
    expect(fieldsOf(body)).toEqual(['body.shocks.0.countries.0', 'body.shocks.0.countries.1']);
  });

  it('rejects an unknown group', async () => {
    const body = await invalid({ shocks: [{ group: 'opec', reduction: 1 }] });
    expect(body.errors).toEqual([{ field: 'body.shocks.0.group', message: expect.stringContaining("unknown group 'opec'") }]);
  });

  it('rejects an unknown mineral', async () => {
    const body = await invalid({ minerals: ['antimony', 'unobtainium'], shocks: [CHN] });
    expect(body.errors).toEqual([{ field: 'body.minerals.1', message: expect.stringContaining("unknown mineral 'unobtainium'") }]);
  });

  it('rejects an unknown importer', async () => {
    expect(fieldsOf(await invalid({ importer: 'ZZZ', shocks: [CHN] }))).toEqual(['body.importer']);
  });

  it('rejects unknown minerals in stockpile and substitution, and substitution outside [0, 1]', async () => {
    expect(fieldsOf(await invalid({ shocks: [CHN], stockpile: { kryptonite: 10 } }))).toEqual(['body.stockpile.kryptonite']);
    expect(fieldsOf(await invalid({ shocks: [CHN], substitution: { antimony: 2 } }))).toEqual(['body.substitution.antimony']);
    expect(fieldsOf(await invalid({ shocks: [CHN], stockpile: { antimony: -1 } }))).toEqual(['body.stockpile.antimony']);
  });

  it('rejects a shock with both countries and group', async () => {
    const body = await invalid({ shocks: [{ countries: ['CHN'], group: 'msp', reduction: 1 }] });
    expect(body.errors).toEqual([{ field: 'body.shocks.0.group', message: 'give either countries or group, not both' }]);
  });

  it('rejects a shock with neither countries nor group', async () => {
    const body = await invalid({ shocks: [CHN, { reduction: 1 }] });
    expect(body.errors).toEqual([{ field: 'body.shocks.1', message: 'give countries or group' }]);
  });

  it('rejects an unknown stage and unknown fields', async () => {
    expect(fieldsOf(await invalid({ shocks: [{ countries: ['CHN'], stages: ['smelting'], reduction: 1 }] }))).toEqual([
      'body.shocks.0.stages.0',
    ]);
    expect(fieldsOf(await invalid({ shocks: [CHN], shock: 1 }))).toEqual(['body']);
  });

  it('rejects the same country shocked twice at one stage, naming both shocks', async () => {
    const body = await invalid({ shocks: [CHN, { countries: ['RUS', 'CHN'], stages: ['mining'], reduction: 0.5 }] });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.field).toBe('body.shocks.1.countries.1');
    expect(body.errors![0]!.message).toContain('CHN');
    expect(body.errors![0]!.message).toContain('body.shocks.0');
    expect(body.errors![0]!.message).toContain('body.shocks.1');
  });

  it('rejects a duplicate that appears only after group expansion', async () => {
    const body = await invalid({
      shocks: [
        { group: 'msp', reduction: 1 },
        { countries: ['USA'], stages: ['refining'], reduction: 0.5 },
      ],
    });
    expect(body.errors).toEqual([
      { field: 'body.shocks.1.countries.0', message: expect.stringMatching(/USA at refining, already shocked by body\.shocks\.0/) },
    ]);
    const groups = await invalid({
      shocks: [
        { group: 'central-asia', reduction: 1 },
        { group: 'msp-forum', reduction: 1 },
      ],
    });
    expect(groups.errors).toEqual([{ field: 'body.shocks.1.group', message: expect.stringContaining('KAZ') }]);
  });

  it('rejects a country listed twice in one shock', async () => {
    expect(fieldsOf(await invalid({ shocks: [{ countries: ['CHN', 'chn'], reduction: 1 }] }))).toEqual(['body.shocks.0.countries.1']);
  });

  it('rejects an edition that does not exist, naming body.edition', async () => {
    const body = await invalid({ edition: 'usgs-mcs-1999', shocks: [CHN] });
    expect(fieldsOf(body)).toEqual(['body.edition']);
    expect(body.errors?.[0]?.message).toMatch(/unknown edition 'usgs-mcs-1999'/);
  });

  it('accepts the same country at different stages', async () => {
    const response = await app.inject({
      method: 'POST',
      url: URL,
      payload: {
        edition: 'usgs-mcs-2025',
        minerals: ['cobalt'],
        shocks: [
          { countries: ['CHN'], stages: ['mining'], reduction: 1 },
          { countries: ['CHN'], stages: ['refining'], reduction: 0.5 },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const refining = (response.json() as any).results[0].stages.find((s: any) => s.stage === 'refining');
    // Refining 2025 (IEA GCMO 2026, the latest year of cobalt): 180,000 t × 0.5 of 238,000 t.
    expect(refining).toMatchObject({ year: 2025, lostTonnes: 90_000, lossShare: 0.3782 }); // 0.378151
  });
});

describe('POST /v1/scenarios/presets/{id}: errors', () => {
  it('404s an unknown preset', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/scenarios/presets/mars-stops' });
    const body = expectProblem(response, 404, 'not_found', '/v1/scenarios/presets/mars-stops');
    expect(body.detail).toContain('mars-stops');
  });

  it('validates the override body', async () => {
    const url = '/v1/scenarios/presets/china-stops';
    expect(fieldsOf(await invalid({ importer: 'ZZZ' }, url))).toEqual(['body.importer']);
    expect(fieldsOf(await invalid({ substitution: { antimony: 1.2 } }, url))).toEqual(['body.substitution.antimony']);
    expect(fieldsOf(await invalid({ shocks: [] }, url))).toEqual(['body']);
    expect(fieldsOf(await invalid({ edition: 'usgs-mcs-1999' }, url))).toEqual(['body.edition']);
  });
});
