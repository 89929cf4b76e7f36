/**
 * MCP over Streamable HTTP at /mcp on a real port, through the SDK's own client: the tools answer as the HTTP
 * API does, refusals name the field, and /mcp shares the API's rate limit and stays out of the OpenAPI spec.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import {
  expectPagingAsHttp,
  expectRefusalsAsHttp,
  expectResourcesAndPrompts,
  expectToolsAnswerAsHttp,
  expectToolsListed,
} from './cases.js';

async function connect(base: string): Promise<Client> {
  const client = new Client({ name: 'chokepoint-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
  return client;
}

describe('MCP over Streamable HTTP (/mcp)', () => {
  let app: FastifyInstance;
  let client: Client;

  beforeAll(async () => {
    app = await buildTestApp();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    client = await connect(base);
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('introduces itself and lists the read tools, with the routes’ schemas as input schemas', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'chokepoint' });
    expect(client.getInstructions()).toContain('same JSON as the Chokepoint HTTP API');
    await expectToolsListed(client);
  });

  it('answers every tool with the HTTP body for the same question, plus a summary quoting its figures', async () => {
    await expectToolsAnswerAsHttp(client, app);
  });

  it('pages search_sources as GET /v1/sources pages, with cursors bound to the tool', async () => {
    await expectPagingAsHttp(client, app);
  });

  it('refuses bad arguments with a tool error naming each field with the message of the HTTP 400', async () => {
    await expectRefusalsAsHttp(client, app);
  });

  it('serves methods and sources as resources, and the two prompts', async () => {
    await expectResourcesAndPrompts(client, app);
  });

  it('is not an OpenAPI operation, and answers only POST (405 with Allow otherwise)', async () => {
    const spec = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((path) => path.startsWith('/mcp'))).toEqual([]);
    const get = await app.inject({ method: 'GET', url: '/mcp' });
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const notJson = await app.inject({ method: 'POST', url: '/mcp', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(notJson.statusCode).toBe(415);
    expect(notJson.headers['content-type']).toContain('application/problem+json');
  });
});

describe('MCP over HTTP shares the API’s rate limit', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ rateLimit: { max: 6, writeMax: 0, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts each MCP request against the same per-client budget as /v1, and refuses with 429 past it', async () => {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = await connect(base);
    try {
      // Connecting took a few requests (initialize, initialized, the optional GET stream); /v1 draws on the same budget.
      expect(
        (await app.inject({ method: 'GET', url: '/v1/minerals', remoteAddress: '127.0.0.1' })).headers['ratelimit-remaining'],
      ).toBeDefined();
      let refused: unknown;
      for (let call = 0; call < 10 && refused === undefined; call += 1) {
        await client.callTool({ name: 'list_minerals', arguments: {} }).catch((error: unknown) => {
          refused = error;
        });
      }
      expect(String(refused)).toMatch(/429/);
      const api = await app.inject({ method: 'GET', url: '/v1/minerals', remoteAddress: '127.0.0.1' });
      expect(api.statusCode).toBe(429);
    } finally {
      await client.close();
    }
  });
});

describe('MCP over HTTP checks Origin (DNS rebinding)', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ corsOrigins: ['https://analyst.example'] });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a browser origin that may not read the API with 403, and serves an allowed one and non-browser clients', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
    };
    const post = (origin?: string) =>
      app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { accept: 'application/json, text/event-stream', ...(origin ? { origin } : {}) },
        payload: initialize,
      });
    const refused = await post('https://evil.example');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    for (const origin of ['https://analyst.example', undefined]) {
      const answered = await post(origin);
      expect(answered.statusCode, String(origin)).toBe(200);
      expect(answered.json()).toMatchObject({ id: 1, result: { serverInfo: { name: 'chokepoint' } } });
    }
  });
});
