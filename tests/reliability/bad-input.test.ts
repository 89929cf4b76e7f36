/**
 * The bad-input catalogue: what analysts send by accident and attackers on purpose. Every case asserts the status,
 * the problem body and, for anything sent to a write route, that nothing was stored (dataset version and change
 * feed unchanged). The spec fuzzer (tests/fuzz) covers the same ground at random; these are the named cases.
 */
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { buildTestApp, sqliteDbOf } from '../helpers/app.js';
import { expectProblem, fieldsOf } from '../helpers/problem.js';
import { ANALYST_SECRET, API_KEYS, bearer, changesSince, putProduction, tungstenRow } from '../modules/writes/helpers.js';

let app: FastifyInstance;
let versionAtStart: string;

beforeAll(async () => {
  app = await buildTestApp({ apiKeys: API_KEYS });
  versionAtStart = app.dataset.current().version;
});
afterAll(async () => {
  await app.close();
});

/** Nothing was stored: same dataset version, empty change feed. */
async function expectNothingStored(): Promise<void> {
  expect(app.dataset.current().version).toBe(versionAtStart);
  expect((await changesSince(app)).total).toBe(0);
}

/** Headers every response carries, including those Fastify answers before any hook runs. */
function expectEdgeHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
  expect(String(response.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  // CORS too, like every other reply (the default CORS_ORIGINS is *).
  expect(response.headers['access-control-allow-origin']).toBe('*');
  expect(String(response.headers['access-control-expose-headers'])).toContain('ETag');
}

const send = (method: string, url: string, options: { headers?: Record<string, string>; payload?: string | object } = {}) =>
  app.inject({
    method: method as 'GET',
    url,
    headers: options.headers ?? {},
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });

describe('bodies', () => {
  it('malformed JSON is 400, on writes and computations alike', async () => {
    for (const [method, url] of [
      ['PUT', '/v1/production'],
      ['POST', '/v1/sources'],
      ['POST', '/v1/scenarios/disruption'],
    ] as const) {
      const response = await send(method, url, { headers: { ...bearer(), 'content-type': 'application/json' }, payload: '{"rows": [' });
      expectProblem(response, 400, 'validation_failed', url);
    }
    await expectNothingStored();
  });

  it('a body over the limit is 413 before it is parsed', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => tungstenRow({ year: 1900 + (index % 200), notes: 'x'.repeat(200) }));
    const payload = JSON.stringify({ rows });
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1024 * 1024);
    const response = await send('PUT', '/v1/production', { headers: { ...bearer(), 'content-type': 'application/json' }, payload });
    expect(expectProblem(response, 413, 'payload_too_large', '/v1/production').detail).toBe(
      'The body is larger than the 1048576 bytes this server accepts.',
    );
    await expectNothingStored();
  });

  it('BODY_LIMIT_BYTES sets the limit', async () => {
    const small = await buildApp(
      defaultConfig({ apiKeys: API_KEYS, limits: { bodyBytes: 2048, headerBytes: 16_384, requestTimeoutMs: 30_000 } }),
    );
    try {
      const rows = Array.from({ length: 12 }, (_, index) => tungstenRow({ year: 2010 + index }));
      const response = await small.inject({ method: 'PUT', url: '/v1/production', headers: bearer(), payload: { rows } });
      expectProblem(response, 413, 'payload_too_large');
      const fits = await small.inject({ method: 'PUT', url: '/v1/production', headers: bearer(), payload: { rows: rows.slice(0, 1) } });
      expect(fits.statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('a body that is not JSON is 415', async () => {
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await send('PUT', '/v1/production', { headers: { ...bearer(), 'content-type': contentType }, payload: 'rows=1' });
      expect(expectProblem(response, 415, 'unsupported_media_type', '/v1/production').detail).toBe(
        `This API reads application/json bodies, not ${contentType}.`,
      );
    }
    await expectNothingStored();
  });

  it('JSON that is not the documented shape is 400 naming the field; a number too large for a double is refused', async () => {
    const infinite = await send('POST', '/v1/scenarios/disruption', {
      headers: { 'content-type': 'application/json' },
      payload: '{"shocks":[{"countries":["CHN"],"reduction":1e309}]}',
    });
    expect(fieldsOf(expectProblem(infinite, 400, 'validation_failed'))).toEqual(['body.shocks.0.reduction']);
    for (const payload of ['[]', '"rows"', 'null', '{"rows": {}}', '{"rows": [], "extra": 1}']) {
      const response = await send('PUT', '/v1/production', { headers: { ...bearer(), 'content-type': 'application/json' }, payload });
      expectProblem(response, 400, 'validation_failed');
    }
    await expectNothingStored();
  });
});

describe('query strings', () => {
  it('a parameter given twice is 400 on that parameter, not a silent pick', async () => {
    const response = await send('GET', '/v1/production?mineral=cobalt&mineral=lithium');
    expect(fieldsOf(expectProblem(response, 400, 'validation_failed'))).toEqual(['querystring.mineral']);
    const years = await send('GET', '/v1/minerals/antimony/concentration?year=2023&year=2024');
    expect(fieldsOf(expectProblem(years, 400, 'validation_failed'))).toEqual(['querystring.year']);
  });

  it.each([
    ['1e309', '/v1/minerals/antimony/concentration?year=1e309', 'querystring.year'],
    ['NaN', '/v1/production?limit=NaN', 'querystring.limit'],
    ['Infinity', '/v1/countries/CHN/dominance?minShare=Infinity', 'querystring.minShare'],
    ['-0 below a minimum of 1', '/v1/production?limit=-0', 'querystring.limit'],
    ['hexadecimal', '/v1/production?year=0x7e8', 'querystring.year'],
    ['a fraction for a whole number', '/v1/production?limit=1.5', 'querystring.limit'],
    [
      'a blank (regression: read as 0 by z.coerce)',
      '/v1/minerals/nickel/supply-risk?substitutionIndex=%20',
      'querystring.substitutionIndex',
    ],
    ['true', '/v1/minerals/nickel/supply-risk?substitutionIndex=true', 'querystring.substitutionIndex'],
  ])('a number written as %s is 400', async (_label, url, field) => {
    expect(fieldsOf(expectProblem(await send('GET', url), 400, 'validation_failed'))).toEqual([field]);
  });

  it('-0 where 0 is allowed is 0, and an empty number is "not given"', async () => {
    const zero = (await send('GET', '/v1/countries/CHN/dominance?minShare=0')).json() as unknown;
    expect((await send('GET', '/v1/countries/CHN/dominance?minShare=-0')).json()).toEqual(zero);
    const byDefault = (await send('GET', '/v1/countries/CHN/dominance')).json() as unknown;
    expect((await send('GET', '/v1/countries/CHN/dominance?minShare=')).json()).toEqual(byDefault);
    // Regression (found by the fuzzer's positive check): an empty optional year was a 400.
    for (const url of ['/v1/production?mineral=antimony', '/v1/minerals/antimony/concentration', '/v1/minerals/antimony/supply-risk']) {
      const absent = await send('GET', url);
      const empty = await send('GET', `${url}${url.includes('?') ? '&' : '?'}year=`);
      expect(empty.statusCode, url).toBe(200);
      expect(empty.json()).toEqual(absent.json());
    }
  });

  it('years outside 1900–2100 are 400; years inside it without data are insufficient_data, not zero', async () => {
    for (const year of ['1899', '2101', '99999', '-2024']) {
      expectProblem(await send('GET', `/v1/minerals/tungsten/concentration?year=${year}`), 400, 'validation_failed');
    }
    const empty = await send('GET', '/v1/minerals/tungsten/concentration?year=1950');
    expect(empty.statusCode).toBe(200);
    const stages = (empty.json() as { stages: { stage: string; status: string; hhi?: number }[] }).stages;
    expect(stages.every((stage) => stage.status === 'insufficient_data' && stage.hhi === undefined)).toBe(true);
    const scenario = await send('POST', '/v1/scenarios/disruption', {
      payload: { year: 1950, minerals: ['tungsten'], shocks: [{ countries: ['CHN'], reduction: 1 }] },
    });
    expect(scenario.statusCode).toBe(200);
    expect((scenario.json() as { summary: { status: string }[] }).summary[0]?.status).toBe('insufficient_data');
  });

  it('ISO3 codes are case-insensitive; whitespace around them is 400, not trimmed into another country', async () => {
    const upper = (await send('GET', '/v1/countries/CHN')).json() as unknown;
    expect((await send('GET', '/v1/countries/chn')).json()).toEqual(upper);
    expect((await send('GET', '/v1/countries/cHn')).json()).toEqual(upper);
    expectProblem(await send('GET', '/v1/countries/%20CHN'), 400, 'validation_failed');
    expectProblem(await send('GET', '/v1/countries/CHN%20'), 400, 'validation_failed');
    expect(fieldsOf(expectProblem(await send('GET', '/v1/production?country=%20chn'), 400, 'validation_failed'))).toEqual([
      'querystring.country',
    ]);
  });

  it('injection and traversal text is only ever data: 400 or 404, never a query', async () => {
    for (const text of ["' OR 1=1 --", '"; DROP TABLE production; --', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd']) {
      const encoded = encodeURIComponent(text);
      expectProblem(await send('GET', `/v1/production?mineral=${encoded}`), 400, 'validation_failed');
      const group = await send('GET', `/v1/groups/${encoded}`);
      expect(group.statusCode).toBe(404);
      expectProblem(group, 404, 'not_found');
    }
    expect(((await send('GET', '/v1/production?limit=1&edition=usgs-mcs-2025')).json() as { total: number }).total).toBe(886); // 806 + 80 IEA GCMO 2026 refining rows
  });
});

describe('URLs, routes and methods', () => {
  it('a very long query value is 400, and the problem does not echo all of it', async () => {
    const url = `/v1/production?mineral=${'a'.repeat(10_000)}!`;
    const problem = expectProblem(await send('GET', url), 400, 'validation_failed');
    expect(problem.instance.length).toBeLessThanOrEqual(2_048);
  });

  it("a path segment longer than any id is 414 problem+json (was Fastify's own plain JSON)", async () => {
    const response = await send('GET', `/v1/countries/${'a'.repeat(500)}`);
    expectProblem(response, 414, 'uri_too_long');
    expectEdgeHeaders(response);
  });

  it("a malformed percent-encoding in the path is 400 problem+json (was Fastify's own plain JSON)", async () => {
    const response = await send('GET', '/v1/minerals/%E0%A4%A');
    expectProblem(response, 400, 'validation_failed');
    expectEdgeHeaders(response);
  });

  it('quotes at most 200 characters of the path in a detail', async () => {
    const long = `/v1/${'x'.repeat(3_000)}`;
    expect(expectProblem(await send('GET', long), 404, 'not_found').detail.length).toBeLessThan(260);
    expect(expectProblem(await send('DELETE', `/v1/minerals/${'a'.repeat(90)}`), 405, 'method_not_allowed').detail).toContain('GET, HEAD');
  });

  it('OPTIONS is answered without a body (CORS preflight or not), never with a plain-text error', async () => {
    const preflight = { origin: 'https://analyst.example', 'access-control-request-method': 'GET' };
    for (const headers of [{}, preflight] as Record<string, string>[]) {
      const response = await send('OPTIONS', '/v1/minerals', { headers });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
    }
  });

  it('an unknown route is 404 problem+json', async () => {
    for (const url of ['/v2/minerals', '/v1/mineral', '/v1/minerals/antimony/nothing', '/.env', '/v1/../../etc/passwd']) {
      expectProblem(await send('GET', url), 404, 'not_found');
    }
  });

  it('a known path with another method is 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/v1/minerals', 'GET, HEAD'],
      ['POST', '/v1/production', 'GET, HEAD, PUT'],
      ['PATCH', '/v1/production', 'GET, HEAD, PUT'],
      ['PUT', '/v1/minerals/antimony/concentration', 'GET, HEAD'],
      ['GET', '/v1/scenarios/disruption', 'POST'],
      ['GET', '/v1/production/tungsten/mining/VNM/2024/w-contained', 'DELETE'],
      ['POST', '/health', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const response = await send(method, url, { headers: bearer() });
      expectProblem(response, 405, 'method_not_allowed', url);
      expect(response.headers.allow, `${method} ${url}`).toBe(allow);
    }
    await expectNothingStored();
  });

  it('If-None-Match: * is 304 only for a resource that exists (regression: it turned 400 and 404 into 304)', async () => {
    const star = { 'if-none-match': '*' };
    const notModified = await send('GET', '/v1/minerals/antimony', { headers: star });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // A 304 carries no Content-Length unless it is the 200's (RFC 9110 §8.6).
    expect(notModified.headers['content-length']).toBeUndefined();
    expectProblem(await send('GET', '/v1/minerals/unobtainium', { headers: star }), 404, 'not_found');
    expectProblem(await send('GET', '/v1/changes?format=', { headers: star }), 400, 'validation_failed');
    expectProblem(await send('GET', '/v1/production?limit=0', { headers: star }), 400, 'validation_failed');
  });
});

describe('writes and keys', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong key', { authorization: 'Bearer wrong-key-0123456789abcdef' }],
    ['the right key with another scheme', { authorization: `Basic ${ANALYST_SECRET}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['the right key plus a character', { authorization: `Bearer ${ANALYST_SECRET}x` }],
  ])('%s is 401 with WWW-Authenticate on every write route, and nothing is stored', async (_label, headers) => {
    const writes: [string, string, object | undefined][] = [
      ['PUT', '/v1/production', { rows: [tungstenRow({ tonnes: 1 })] }],
      ['POST', '/v1/sources', { id: 'new-source', title: 'T', publisher: 'P' }],
      ['DELETE', '/v1/production/tungsten/mining/VNM/2024/w-contained', undefined],
    ];
    for (const [method, url, payload] of writes) {
      const response = await send(method, url, { headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
      expectProblem(response, 401, 'unauthorized', url);
      expect(String(response.headers['www-authenticate'])).toMatch(/^Bearer realm="chokepoint"/);
      expect(response.body).not.toContain(ANALYST_SECRET);
    }
    await expectNothingStored();
  });

  it('keys are never logged or echoed, whether right or wrong', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await buildApp(defaultConfig({ apiKeys: API_KEYS }), { logger: { level: 'trace', stream: sink } });
    const responses: LightMyRequestResponse[] = [];
    try {
      responses.push(await putProduction(logged, [tungstenRow({ tonnes: 3500 })]));
      responses.push(await putProduction(logged, [tungstenRow({ tonnes: 3600 })], { authorization: `Bearer ${ANALYST_SECRET}-wrong` }));
      responses.push(await putProduction(logged, [tungstenRow({ tonnes: -1 })]));
      // A log call handed the headers is redacted too.
      logged.log.info({ headers: { authorization: `Bearer ${ANALYST_SECRET}` } }, 'a careless log call');
    } finally {
      await logged.close();
    }
    expect(responses.map((response) => response.statusCode)).toEqual([200, 401, 422]);
    expect(lines.length).toBeGreaterThan(6);
    const everything = lines.join('') + responses.map((response) => response.body + JSON.stringify(response.headers)).join('');
    expect(everything).not.toContain(ANALYST_SECRET);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('writes have their own, tighter rate limit; reads are not spent by writes', async () => {
    const limited = await buildTestApp({ apiKeys: API_KEYS, rateLimit: { max: 50, writeMax: 2, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1)
        statuses.push((await putProduction(limited, [tungstenRow({ tonnes: 3500 + index })])).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      // Scenario POSTs compute, they do not write: they count as reads.
      for (let index = 0; index < 3; index += 1) {
        const scenario = await limited.inject({ method: 'POST', url: '/v1/scenarios/presets/china-antimony-ban' });
        expect(scenario.statusCode).toBe(200);
      }
      const read = await limited.inject('/v1/minerals');
      expect(read.statusCode).toBe(200);
      expect(read.headers['ratelimit-limit']).toBe('50');
      expect(Number(read.headers['ratelimit-remaining'])).toBe(46);
    } finally {
      await limited.close();
    }
  });

  it('a wrong key costs a write attempt: key guessing is limited to RATE_LIMIT_WRITE_MAX a window', async () => {
    const limited = await buildTestApp({ apiKeys: API_KEYS, rateLimit: { max: 50, writeMax: 2, windowMs: 60_000 } });
    try {
      const guess = () => putProduction(limited, [tungstenRow()], { authorization: 'Bearer guess-0123456789abcdef' });
      expect([(await guess()).statusCode, (await guess()).statusCode]).toEqual([401, 401]);
      expectProblem(await guess(), 429, 'rate_limited');
      // The right key is now limited too, until the window ends.
      expectProblem(await putProduction(limited, [tungstenRow({ tonnes: 3500 })]), 429, 'rate_limited');
      expect((await limited.inject('/v1/minerals')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('a database failure is a 500 without SQL, paths or stack', async () => {
    const broken = await buildTestApp({ apiKeys: API_KEYS });
    try {
      (sqliteDbOf(broken) as unknown as { $client: { close(): void } }).$client.close();
      const response = await putProduction(broken, [tungstenRow({ tonnes: 3500 })]);
      const problem = expectProblem(response, 500, 'internal');
      expect(problem.detail).toBe('An unexpected error occurred.');
      expect(response.body).not.toMatch(/sqlite|database connection|SELECT|INSERT|\/work\//i);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });

  it('security headers are on problem responses too', async () => {
    for (const [method, url] of [
      ['GET', '/v1/minerals/unobtainium'],
      ['GET', '/v1/nothing'],
      ['DELETE', '/v1/minerals'],
      ['GET', '/v1/production?limit=0'],
    ]) {
      const response = await send(method!, url!);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expectEdgeHeaders(response);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('over real HTTP: what Node refuses before Fastify sees it', () => {
  let server: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    server = await buildApp(defaultConfig({ limits: { bodyBytes: 1024 * 1024, headerBytes: 8 * 1024, requestTimeoutMs: 1_000 } }));
    await server.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends raw bytes and resolves with everything the server sent back before closing. */
  function raw(text: string, { keepOpen = false } = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(received) : reject(error)));
      socket.on('close', () => resolve(received));
      socket.write(text);
      if (!keepOpen) socket.end();
    });
  }

  function problemOf(response: string): { status: number; contentType: string; nosniff: boolean; body: { status: number; code: string } } {
    const [head = '', body = ''] = response.split('\r\n\r\n');
    return {
      status: Number(head.split(' ')[1]),
      contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '',
      nosniff: /x-content-type-options: nosniff/i.test(head),
      body: JSON.parse(body) as { status: number; code: string },
    };
  }

  it('a URL over the header limit is 431 problem+json', async () => {
    const response = problemOf(await raw(`GET /v1/production?mineral=${'a'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(response).toMatchObject({
      status: 431,
      contentType: 'application/problem+json',
      body: { status: 431, code: 'header_fields_too_large' },
    });
  });

  it('too many header bytes is 431 problem+json', async () => {
    const headers = Array.from({ length: 100 }, (_, index) => `X-Filler-${index}: ${'b'.repeat(100)}`).join('\r\n');
    const response = problemOf(await raw(`GET /v1/minerals HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n`));
    expect(response).toMatchObject({ status: 431, body: { code: 'header_fields_too_large' } });
  });

  it('a request that is not HTTP is 400 problem+json', async () => {
    const response = problemOf(await raw('HELLO THERE\r\n\r\n'));
    expect(response).toMatchObject({ status: 400, contentType: 'application/problem+json', body: { code: 'validation_failed' } });
    expect(response.nosniff).toBe(true);
  });

  it('a client that never finishes its headers gets 408 problem+json (slow-send guard)', async () => {
    const started = Date.now();
    const response = problemOf(await raw('GET /v1/minerals HTTP/1.1\r\nHost: x\r\n', { keepOpen: true }));
    expect(response).toMatchObject({ status: 408, contentType: 'application/problem+json', body: { code: 'request_timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a normal request on the same server still works', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest({ port, host: '127.0.0.1', path: '/v1/minerals' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
  });
});
