/**
 * MCP over stdio: `node --import tsx src/mcp-stdio.ts` spawned by the SDK's own client, on a database file opened
 * with READ_ONLY=true (as a replica would), checked against the HTTP API of an in-process app on the same data.
 * stdout must carry JSON-RPC only: the logs go to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { SPAWN_TIMEOUT } from '../helpers/server-process.js';
import { buildTestApp } from '../helpers/app.js';
import { expectRefusalsAsHttp, expectResourcesAndPrompts, expectToolsAnswerAsHttp, expectToolsListed } from './cases.js';

describe('MCP over stdio (npm run mcp)', () => {
  let dir: string;
  let app: FastifyInstance;
  let client: Client;
  let transport: StdioClientTransport;
  const stderr: string[] = [];
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-mcp-'));
    const databasePath = join(dir, 'replica.db');
    // A writable app migrates and seeds the file, and leaves it ready for a read-only opening when it closes.
    await (await buildTestApp({ databasePath })).close();
    app = await buildTestApp();
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/mcp-stdio.ts'],
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, READ_ONLY: 'true', LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    client = new Client({ name: 'chokepoint-test', version: '1.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  }, SPAWN_TIMEOUT);

  afterAll(async () => {
    await client?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a read-only database, logging to stderr only', async () => {
    await expectToolsListed(client);
    const logs = stderr
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; readOnly?: boolean });
    expect(logs.find((line) => line.msg === 'Chokepoint MCP server ready on stdio')).toMatchObject({ readOnly: true });
  });

  it('answers every tool with the HTTP body for the same question', async () => {
    await expectToolsAnswerAsHttp(client, app);
  });

  it('refuses bad arguments with a tool error naming each field with the message of the HTTP 400', async () => {
    await expectRefusalsAsHttp(client, app);
  });

  it('serves methods and sources as resources, and the two prompts', async () => {
    await expectResourcesAndPrompts(client, app);
    // Every line on stdout was a JSON-RPC message the client could read.
    expect(protocolErrors).toEqual([]);
  });

  it('exits cleanly when the client closes stdin', async () => {
    const pid = transport.pid;
    expect(pid).toEqual(expect.any(Number));
    await client.close();
    await expect.poll(() => stderr.join(''), { timeout: 10_000 }).toContain('MCP stdio server closing');
  });
});
