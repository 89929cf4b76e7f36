import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, getJson } from '../../helpers/app.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1/stages', () => {
  it('lists the four stages in chain order', async () => {
    const { status, body } = await getJson(app, '/v1/stages');
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.data.map((stage: { id: string; order: number }) => [stage.id, stage.order])).toEqual([
      ['mining', 1],
      ['refining', 2],
      ['metal', 3],
      ['component', 4],
    ]);
  });

  it('names the minerals with data at each stage; component has none yet (MCS 2025 view)', async () => {
    const { body } = await getJson(app, '/v1/stages?edition=usgs-mcs-2025');
    const byId = new Map(body.data.map((stage: { id: string }) => [stage.id, stage]));
    expect(byId.get('component')).toEqual({
      id: 'component',
      name: 'Component',
      order: 4,
      description: 'Manufactured components such as permanent magnets and battery cathodes.',
      mineralsWithData: [],
    });
    expect(byId.get('metal')).toMatchObject({ mineralsWithData: ['titanium'] });
    // Tonnes (USGS, IEA) plus the stages known only as EU CRM 2023 shares: antimony, bismuth, manganese, tungsten.
    expect(byId.get('refining')).toMatchObject({
      mineralsWithData: [
        'antimony',
        'bismuth',
        'cobalt',
        'gallium',
        'germanium',
        'graphite',
        'lithium',
        'manganese',
        'nickel',
        'rare-earths',
        'tungsten',
      ],
    });
    expect(byId.get('mining')).toMatchObject({
      mineralsWithData: ['antimony', 'cobalt', 'graphite', 'lithium', 'manganese', 'nickel', 'rare-earths', 'titanium', 'tungsten'],
    });
  });
});
