/** A few requests over a real socket: what inject cannot show (listening, headers on the wire). */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app.close();
});

describe('over HTTP', () => {
  it('GET /health answers ok', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /v1/minerals/antimony serves the antimony detail', async () => {
    const response = await fetch(`${baseUrl}/v1/minerals/antimony?edition=usgs-mcs-2025`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      id: string;
      stages: { latest: { worldTonnes: number; topProducer: { country: string; share: number } } }[];
    };
    expect(body.id).toBe('antimony');
    // The named rows (103,960 t) exceed MCS 2025's rounded 100,000 t: they are the total.
    expect(body.stages[0]?.latest).toMatchObject({ worldTonnes: 103_960, topProducer: { country: 'CHN', share: 57.71 } });
  });

  it('an unknown route is a problem+json 404 on the wire', async () => {
    const response = await fetch(`${baseUrl}/v1/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found', instance: '/v1/nowhere' });
  });

  it('a bad query is a problem+json 400 on the wire', async () => {
    const response = await fetch(`${baseUrl}/v1/production?year=abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((error) => error.field)).toEqual(['querystring.year']);
  });
});
