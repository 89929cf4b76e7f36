import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem, fieldsOf } from '../../helpers/problem.js';
import { yearsWithData } from './reference.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/minerals/{mineral}/concentration: missing data and bad requests', () => {
  it('?year=2019 (before any tungsten row) → every stage insufficient_data with a reason, chokepoint too', async () => {
    expect(yearsWithData('tungsten', 'mining')[0]).toBe(2020);
    const { status, body } = await getJson(app, '/v1/minerals/tungsten/concentration?year=2019&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.year).toBe(2019);
    expect(body.stages).toHaveLength(4);
    for (const block of body.stages) {
      expect(block.status).toBe('insufficient_data');
      // Stages with figures in other years name the year; stages with none at all (metal, component) say why.
      expect(block.reason).toMatch(['mining', 'refining'].includes(block.stage) ? /2019/ : /^None of the sources held/);
      expect(block).not.toHaveProperty('hhi');
      expect(block.method.href).toBe('/v1/methods/hhi');
    }
    expect(body.chokepoint).toMatchObject({ status: 'insufficient_data', stage: null, reason: expect.any(String) });
    expect(body.chokepoint).not.toHaveProperty('hhi');
  });

  it('?stage=component for a mineral without component data → one insufficient_data block, no chokepoint', async () => {
    const { body } = await getJson(app, '/v1/minerals/tungsten/concentration?stage=component&edition=usgs-mcs-2025');
    expect(body.stages).toEqual([
      expect.objectContaining({ stage: 'component', status: 'insufficient_data', reason: expect.stringMatching(/component/) }),
    ]);
    expect(body.chokepoint.status).toBe('insufficient_data');
  });

  it('?stage=banana → 400 problem+json naming querystring.stage', async () => {
    const response = await app.inject({ url: '/v1/minerals/tungsten/concentration?stage=banana' });
    const body = expectProblem(response, 400, 'validation_failed', '/v1/minerals/tungsten/concentration?stage=banana');
    expect(fieldsOf(body)).toEqual(['querystring.stage']);
  });

  it('?year=abc → 400 naming querystring.year', async () => {
    const response = await app.inject({ url: '/v1/minerals/tungsten/concentration?year=abc' });
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['querystring.year']);
  });

  it('unknown mineral → 404 problem', async () => {
    const response = await app.inject({ url: '/v1/minerals/unobtainium/concentration' });
    const body = expectProblem(response, 404, 'not_found', '/v1/minerals/unobtainium/concentration');
    expect(body.detail).toMatch(/unobtainium/);
  });

  it('history: unknown mineral → 404, bad stage → 400', async () => {
    expectProblem(await app.inject({ url: '/v1/minerals/unobtainium/concentration/history' }), 404, 'not_found');
    const body = expectProblem(
      await app.inject({ url: '/v1/minerals/antimony/concentration/history?stage=banana' }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(body)).toEqual(['querystring.stage']);
  });
});

describe('GET /v1/concentration: bad filters', () => {
  it('?stage=banana → 400 naming querystring.stage; ?year=1800 → 400 naming querystring.year', async () => {
    expect(fieldsOf(expectProblem(await app.inject({ url: '/v1/concentration?stage=banana' }), 400, 'validation_failed'))).toEqual([
      'querystring.stage',
    ]);
    expect(fieldsOf(expectProblem(await app.inject({ url: '/v1/concentration?year=1800' }), 400, 'validation_failed'))).toEqual([
      'querystring.year',
    ]);
  });

  it('a year with no data at all → 200, nothing ranked, every pair listed as insufficient_data', async () => {
    const { status, body } = await getJson(app, '/v1/concentration?year=2010&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.total).toBe(0);
    expect(body.insufficientData.length).toBeGreaterThan(0);
    expect(body.insufficientData.every((r: { status: string }) => r.status === 'insufficient_data')).toBe(true);
  });
});

describe('GET /v1/countries/{iso3}/dominance: bad requests', () => {
  it('minShare=abc → 400 naming querystring.minShare', async () => {
    const response = await app.inject({ url: '/v1/countries/CHN/dominance?minShare=abc' });
    const body = expectProblem(response, 400, 'validation_failed', '/v1/countries/CHN/dominance?minShare=abc');
    expect(fieldsOf(body)).toEqual(['querystring.minShare']);
  });

  it('minShare outside 0–100 → 400', async () => {
    for (const value of ['101', '-1']) {
      const response = await app.inject({ url: `/v1/countries/CHN/dominance?minShare=${value}` });
      expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['querystring.minShare']);
    }
  });

  it('unknown country → 404; malformed code → 400 naming params.iso3', async () => {
    const body = expectProblem(await app.inject({ url: '/v1/countries/XYZ/dominance' }), 404, 'not_found');
    expect(body.detail).toMatch(/XYZ/);
    expect(fieldsOf(expectProblem(await app.inject({ url: '/v1/countries/CHINA/dominance' }), 400, 'validation_failed'))).toEqual([
      'params.iso3',
    ]);
  });
});
