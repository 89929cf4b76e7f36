/**
 * Spot checks of served figures against the reference publications, read back over HTTP. Every request is pinned
 * to `edition=usgs-mcs-2025`, the publication these figures were checked against (issue 11).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../helpers/app.js';
import type { components } from '../../client/chokepoint.js';

/** A production row as the spec (and so the generated client types) describes it. */
type Figure = components['schemas']['ProductionFigure'];

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

async function figures(query: string): Promise<Figure[]> {
  const { status, body } = await getJson<{ data: Figure[]; total: number }>(app, `/v1/production?${query}&edition=usgs-mcs-2025`);
  expect(status).toBe(200);
  expect(body.total).toBe(body.data.length);
  return body.data;
}

async function figure(query: string): Promise<Figure> {
  const data = await figures(query);
  expect(data).toHaveLength(1);
  return data[0] as Figure;
}

describe('production (USGS MCS 2025)', () => {
  it('antimony mining 2024: world 100,000 t, China 60,000 t, estimated, MCS 2025 edition', async () => {
    const world = await figure('mineral=antimony&stage=mining&year=2024&country=WLD');
    const china = await figure('mineral=antimony&stage=mining&year=2024&country=CHN');
    expect(world).toMatchObject({ tonnes: 100_000, basis: 'sb-contained', edition: 'usgs-mcs-2025', estimated: true, withheld: false });
    expect(china).toMatchObject({
      tonnes: 60_000,
      basis: 'sb-contained',
      basisLabel: 'contained antimony',
      edition: 'usgs-mcs-2025',
      estimated: true,
      withheld: false,
      lowerBound: false,
      source: { id: 'usgs-mcs-2025-antimony' },
    });
    expect(china.source.citation).toContain('Mineral Commodity Summaries 2025');
    expect(world.source.id).toBe('usgs-mcs-2025-antimony');
  });

  it('cobalt mining 2024: Congo (Kinshasa) 220,000 of 290,000 t', async () => {
    const data = await figures('mineral=cobalt&stage=mining&year=2024');
    const tonnesOf = (iso3: string) => data.find((row) => row.country === iso3)?.tonnes;
    expect(tonnesOf('COD')).toBe(220_000);
    expect(tonnesOf('WLD')).toBe(290_000);
    expect(data.every((row) => row.basis === 'co-contained')).toBe(true);
  });

  it('tungsten mining 2024: China 67,000 of 81,000 t', async () => {
    const data = await figures('mineral=tungsten&stage=mining&year=2024');
    expect(data.find((row) => row.country === 'CHN')?.tonnes).toBe(67_000);
    expect(data.find((row) => row.country === 'WLD')?.tonnes).toBe(81_000);
  });

  it('U.S. lithium mine output is withheld: tonnes null, never zero', async () => {
    const data = await figures('mineral=lithium&stage=mining&country=USA');
    expect(data.map((row) => row.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    for (const row of data) expect(row).toMatchObject({ tonnes: null, withheld: true });
  });

  it('IEA rare-earth refining is measured in magnet rare earth elements, not REO', async () => {
    const refining = await figure('mineral=rare-earths&stage=refining&year=2024&country=WLD');
    const mining = await figure('mineral=rare-earths&stage=mining&year=2024&country=WLD');
    expect(refining.basis).toBe('ree-magnet-iea');
    expect(refining.basisLabel).toMatch(/magnet rare earth elements/);
    expect(refining.source.id).toMatch(/^iea-/);
    expect(mining.basis).toBe('ree-reo');
    expect(mining.basisLabel).toBe('rare-earth oxide equivalent');
    expect(mining.basis).not.toBe(refining.basis);
  });
});

describe('reserves', () => {
  it('a ">" reserve comes back as a lower bound: antimony world 2024 > 2,000,000 t', async () => {
    const { status, body } = await getJson(app, '/v1/reserves?mineral=antimony&country=WLD&year=2024&edition=usgs-mcs-2025');
    expect(status).toBe(200);
    expect(body.data).toEqual([
      expect.objectContaining({
        tonnes: 2_000_000,
        lowerBound: true,
        basis: 'contained antimony',
        source: expect.objectContaining({ id: 'usgs-mcs-2025-antimony' }),
      }),
    ]);
  });

  it('an ordinary reserve is not a lower bound', async () => {
    const { body } = await getJson(app, '/v1/reserves?mineral=antimony&country=AUS&year=2023&edition=usgs-mcs-2025');
    expect(body.data).toEqual([expect.objectContaining({ tonnes: 140_000, lowerBound: false })]);
  });
});

describe('trade', () => {
  it('U.S. net import reliance on antimony in 2024 is 85%', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?importer=USA&mineral=antimony&year=2024&edition=usgs-mcs-2025');
    expect(body.data).toEqual([expect.objectContaining({ percent: 85, qualifier: 'eq', valueText: '85', estimated: true, form: null })]);
  });

  it('germanium ">50" is percent 50 with qualifier gt', async () => {
    const { body } = await getJson(app, '/v1/import-reliance?mineral=germanium&year=2024&edition=usgs-mcs-2025');
    expect(body.data).toEqual([expect.objectContaining({ importer: 'USA', percent: 50, qualifier: 'gt', valueText: '>50' })]);
  });
});
