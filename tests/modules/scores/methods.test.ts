import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';
import { expectProblem } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const USED_BY_ENDPOINTS = [
  'hhi',
  'hhi-wgi',
  'eu-supply-risk',
  'import-dependency',
  'supplier-exposure',
  'bloc-alignment',
  'chokepoint',
  'disruption',
  'export-controls',
];

interface MethodLink {
  id: string;
  version: string;
  href: string;
}

/** Every `method` object anywhere in a response body. */
function methodLinks(value: unknown, found: MethodLink[] = []): MethodLink[] {
  if (Array.isArray(value)) {
    for (const item of value) methodLinks(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'method' && child !== null && typeof child === 'object' && 'href' in child) found.push(child as MethodLink);
      else methodLinks(child, found);
    }
  }
  return found;
}

describe('GET /v1/methods', () => {
  it('lists every method id the score endpoints use', async () => {
    const { status, body } = await getJson(app, '/v1/methods');
    expect(status).toBe(200);
    const ids = body.data.map((m: { id: string }) => m.id);
    expect([...ids].sort()).toEqual([...USED_BY_ENDPOINTS].sort());
    expect(body.total).toBe(USED_BY_ENDPOINTS.length);
    for (const method of body.data) {
      expect(method).toMatchObject({
        id: expect.any(String),
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        name: expect.any(String),
        formula: expect.any(String),
        variables: expect.any(Array),
        thresholds: expect.any(Array),
        references: expect.any(Array),
        caveats: expect.any(Array),
      });
      expect(method.formula.length).toBeGreaterThan(0);
      expect(method.references.length).toBeGreaterThan(0);
    }
  });
});

describe('GET /v1/methods/{id}', () => {
  it('hhi: formula as text, the 2023 (1,000 / 1,800) and 2010 (1,500 / 2,500) thresholds, references', async () => {
    const { status, body } = await getJson(app, '/v1/methods/hhi');
    expect(status).toBe(200);
    expect(body.id).toBe('hhi');
    expect(body.formula).toMatch(/Σ s_i²/);
    expect(body.formula).toMatch(/10,000 \/ HHI/);
    expect(body.thresholds.map((t: { value: number }) => t.value)).toEqual([1000, 1800, 1500, 2500]);
    const citations = body.references.map((r: { citation: string }) => r.citation).join(' | ');
    expect(citations).toMatch(/Merger Guidelines \(2023\)/);
    expect(citations).toMatch(/Horizontal Merger Guidelines \(2010\)/);
    expect(body.caveats.length).toBeGreaterThan(0);
  });

  it('eu-supply-risk: the SR formula and the critical threshold 1.0', async () => {
    const { body } = await getJson(app, '/v1/methods/eu-supply-risk');
    expect(body.formula).toMatch(/IR\/2/);
    expect(body.formula).toMatch(/1 − EoL_RIR/);
    expect(body.thresholds).toEqual([expect.objectContaining({ value: 1 })]);
  });

  it('bloc-alignment: the CRMA 65 % benchmark', async () => {
    const { body } = await getJson(app, '/v1/methods/bloc-alignment');
    expect(body.thresholds).toEqual([expect.objectContaining({ value: 65 })]);
  });

  it('unknown id → 404 problem', async () => {
    const response = await app.inject({ url: '/v1/methods/nope' });
    const body = expectProblem(response, 404, 'not_found', '/v1/methods/nope');
    expect(body.detail).toMatch(/nope/);
  });
});

describe('every method.href in the score responses resolves', () => {
  const SCORE_URLS = [
    '/v1/minerals/tungsten/concentration?edition=usgs-mcs-2025',
    '/v1/minerals/tungsten/concentration?year=2019&edition=usgs-mcs-2025',
    '/v1/minerals/antimony/concentration/history?edition=usgs-mcs-2025',
    '/v1/concentration?edition=usgs-mcs-2025',
    '/v1/concentration?year=2022&edition=usgs-mcs-2025',
    '/v1/countries/CHN/dominance?edition=usgs-mcs-2025',
    '/v1/minerals/tungsten/supply-risk?edition=usgs-mcs-2025',
    '/v1/minerals/antimony/supply-risk?edition=usgs-mcs-2025',
    '/v1/dependency/USA?edition=usgs-mcs-2025',
    '/v1/dependency/USA/on/CHN?edition=usgs-mcs-2025',
    '/v1/minerals/antimony/alignment?group=MSP&edition=usgs-mcs-2025',
    '/v1/minerals/antimony/export-controls/supply?asOf=2025-06-01',
  ];

  it('each link points at /v1/methods/{id}, carries the catalogue version, and GETs 200', async () => {
    const { body: catalogue } = await getJson(app, '/v1/methods');
    const versions = new Map(catalogue.data.map((m: { id: string; version: string }) => [m.id, m.version]));
    const seen = new Set<string>();
    for (const url of SCORE_URLS) {
      const { status, body } = await getJson(app, url);
      expect(status, url).toBe(200);
      const links = methodLinks(body);
      expect(links.length, url).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.href).toBe(`/v1/methods/${link.id}`);
        expect(link.version).toBe(versions.get(link.id));
        seen.add(link.href);
      }
    }
    const evaluated = await app.inject({
      method: 'POST',
      url: '/v1/methods/eu-supply-risk/evaluate',
      payload: { globalHhiWgi: 7.5, euSourcingHhiWgi: 1.9, importReliance: 0.44, endOfLifeRecyclingInputRate: 0.42, substitutionIndex: 1 },
    });
    for (const link of methodLinks(evaluated.json())) seen.add(link.href);

    // every method except the disruption scenario (served by the scenarios module) appears in these responses
    expect([...seen].sort()).toEqual(
      USED_BY_ENDPOINTS.filter((id) => id !== 'disruption')
        .map((id) => `/v1/methods/${id}`)
        .sort(),
    );
    for (const href of seen) {
      const { status, body } = await getJson(app, href);
      expect(status, href).toBe(200);
      expect(`/v1/methods/${body.id}`).toBe(href);
    }
  });
});
