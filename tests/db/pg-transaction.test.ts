/**
 * A transaction whose connection the database drops between checkout and BEGIN (PostgreSQL stopping under load)
 * must hand that connection back to the pool: one connection left checked out makes pool.end() wait for ever, so
 * a replica's graceful shutdown timed out and exited 1. The drop is made exact by a TCP relay in front of
 * PostgreSQL that cuts the connection the moment it carries a BEGIN.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, isUnreachable, openPostgres, writeTransaction, type PostgresHandle } from '../../src/db/postgres.js';
import { AppError } from '../../src/errors.js';
import { createPgDatasetRepository } from '../../src/dataset/dataset.repository.pg.js';
import { freshPostgresDatabase } from '../helpers/stores.js';

/** Relays TCP to `target`; while `cutAtBegin` is set, the first connection that sends a BEGIN is cut at that point. */
interface Relay {
  port: number;
  cutAtBegin: boolean;
  cuts: number;
  close(): Promise<void>;
}

/** A simple-query message ('Q', a 4-byte length, the text) that starts a transaction. */
function isBegin(chunk: Buffer): boolean {
  return chunk[0] === 'Q'.charCodeAt(0) && /^begin\b/i.test(chunk.subarray(5).toString('latin1'));
}

function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const relay: Relay = { port: 0, cutAtBegin: false, cuts: 0, close: () => Promise.resolve() };
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    }
    inbound.on('data', (chunk: Buffer) => {
      if (relay.cutAtBegin && isBegin(chunk)) {
        relay.cutAtBegin = false;
        relay.cuts += 1;
        inbound.destroy();
        outbound.destroy();
        return;
      }
      outbound.write(chunk);
    });
    outbound.on('data', (chunk: Buffer) => inbound.write(chunk));
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  relay.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      relay.port = typeof address === 'object' && address ? address.port : 0;
      resolve(relay);
    }),
  );
}

let relay: Relay;
let handle: PostgresHandle;

beforeAll(async () => {
  const direct = new URL(await freshPostgresDatabase());
  relay = await startRelay(direct);
  const relayed = new URL(direct);
  relayed.port = String(relay.port);
  handle = openPostgres(relayed.toString());
});
afterAll(async () => {
  await handle.close();
  await relay.close();
});

/** Connections the pool has open, and how many of them are idle (the rest are checked out). */
function poolState(): { open: number; idle: number } {
  return { open: handle.pool.totalCount, idle: handle.pool.idleCount };
}

async function warmConnection(): Promise<void> {
  await handle.pool.query('select 1');
  expect(poolState()).toEqual({ open: 1, idle: 1 });
}

describe('a connection dropped at BEGIN', () => {
  it('fails a write with the 503 of an unreachable database and leaves no connection checked out', async () => {
    await warmConnection();
    relay.cutAtBegin = true;
    const failure = await writeTransaction(handle, async () => 'stored').catch((error: unknown) => error);
    expect(relay.cuts).toBe(1);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
    // The broken connection was discarded, not kept checked out (it was { open: 1, idle: 0 } with drizzle's own).
    expect(poolState()).toEqual({ open: 0, idle: 0 });
    // The pool works again at once: the next write opens a fresh connection.
    expect(await writeTransaction(handle, async () => 'stored')).toBe('stored');
    expect(poolState()).toEqual({ open: 1, idle: 1 });
  });

  it('fails a snapshot read the same way, without leaking its connection', async () => {
    await warmConnection();
    relay.cutAtBegin = true;
    const failure = await createPgDatasetRepository(handle)
      .readConsistently(0)
      .catch((error: unknown) => error);
    expect(isUnreachable(failure)).toBe(true);
    expect(relay.cuts).toBe(2);
    expect(poolState()).toEqual({ open: 0, idle: 0 });
  });

  it('keeps a connection whose work failed on its own (rolled back, still usable)', async () => {
    await warmConnection();
    await expect(
      inTransaction(handle.pool, async () => {
        throw new Error('refused by the work itself');
      }),
    ).rejects.toThrow('refused by the work itself');
    expect(poolState()).toEqual({ open: 1, idle: 1 });
  });
});
