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

describe('GET /v1/groups', () => {
  it('lists the seven groups with member counts', async () => {
    const { status, body } = await getJson(app, '/v1/groups');
    expect(status).toBe(200);
    expect(body.total).toBe(7);
    expect(body.data.map((group: { id: string; memberCount: number }) => [group.id, group.memberCount])).toEqual([
      ['central-asia', 5],
      ['eu', 27],
      ['g7', 7],
      ['msp', 15],
      ['msp-forum', 15],
      ['nato', 32],
      ['quad', 4],
    ]);
    expect(body.data[0]).toMatchObject({ name: 'Central Asia', source: { id: 'un-m49' } });
  });
});

describe('GET /v1/groups/{id}', () => {
  it('central-asia has KAZ KGZ TJK TKM UZB', async () => {
    const { status, body } = await getJson(app, '/v1/groups/central-asia');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'central-asia', name: 'Central Asia', memberCount: 5, source: { id: 'un-m49' } });
    expect(body.members.map((member: { country: string }) => member.country)).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(body.members[2]).toEqual({
      country: 'TJK',
      name: 'Tajikistan',
      joined: null,
      source: { id: 'un-m49', citation: expect.stringContaining('M49') },
    });
  });

  it('quad members joined in 2007', async () => {
    const { body } = await getJson(app, '/v1/groups/quad');
    expect(body.members.map((member: { country: string; joined: string }) => `${member.country}:${member.joined}`)).toEqual([
      'AUS:2007',
      'IND:2007',
      'JPN:2007',
      'USA:2007',
    ]);
  });

  it('memberCount in the list equals the members of the detail', async () => {
    const { body: list } = await getJson(app, '/v1/groups');
    for (const group of list.data as { id: string; memberCount: number }[]) {
      const { body } = await getJson(app, `/v1/groups/${group.id}`);
      expect(body.members, group.id).toHaveLength(group.memberCount);
    }
  });
});
