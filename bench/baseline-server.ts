/**
 * The benchmark's baselines, run in a child process of bench/run.ts: a bare Fastify server (no plugins, no
 * schemas, no hooks) and a raw node:http server, both answering each measured route with the exact bytes and
 * content type Chokepoint answered it with; and, for context, a second bare Fastify server that also sends every
 * other header Chokepoint sent (security headers, CORS, ETag…), as constants. Routes come as JSON in the file named
 * by argv[2]; the ports are printed as one JSON line on stdout once all three listen.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

export interface BaselineRoute {
  method: 'GET' | 'POST';
  /** Path without the query string: the query does not change the answer. */
  path: string;
  contentType: string;
  /** The response body, base64. */
  body: string;
  /** Chokepoint's other response headers (not content-type, content-length, date, connection, keep-alive). */
  headers: Record<string, string>;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: baseline-server.ts <routes.json>');
  process.exit(64);
}
const routes = (JSON.parse(readFileSync(file, 'utf8')) as BaselineRoute[]).map((route) => ({
  ...route,
  bytes: Buffer.from(route.body, 'base64'),
}));

const fastify = Fastify({ logger: false });
for (const route of routes) {
  fastify.route({
    method: route.method,
    url: route.path,
    handler: (_request, reply) => {
      reply.type(route.contentType).send(route.bytes);
    },
  });
}
await fastify.listen({ port: 0, host: '127.0.0.1' });

const withHeaders = Fastify({ logger: false });
for (const route of routes) {
  withHeaders.route({
    method: route.method,
    url: route.path,
    handler: (_request, reply) => {
      reply.headers(route.headers).type(route.contentType).send(route.bytes);
    },
  });
}
await withHeaders.listen({ port: 0, host: '127.0.0.1' });

const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
const raw = createServer((request: IncomingMessage, response: ServerResponse) => {
  const path = (request.url ?? '/').split('?')[0];
  const route = byKey.get(`${request.method} ${path}`);
  const answer = () => {
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': route.contentType, 'content-length': route.bytes.length });
    response.end(route.bytes);
  };
  if (request.method === 'GET' || request.method === 'HEAD') answer();
  else request.resume().on('end', answer);
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

const port = (address: AddressInfo | string | null) => (typeof address === 'object' && address ? address.port : 0);
console.log(
  JSON.stringify({ fastify: port(fastify.server.address()), headers: port(withHeaders.server.address()), raw: port(raw.address()) }),
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    raw.close();
    void Promise.all([fastify.close(), withHeaders.close()]).then(() => process.exit(0));
  });
}
