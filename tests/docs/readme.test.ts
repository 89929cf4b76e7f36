/**
 * The README's examples, run: every `curl … | jq …` to the local server in its shell blocks is sent to the app with
 * `app.inject` (method, path and query, headers, body as curl would send them), its jq filter is applied by jq itself
 * (jq 1.8 compiled to WebAssembly, the npm package jq-wasm: no binary to install), and every number the comment lines
 * after it state must be in the answer. The rule for a stated number is written in ./readme-examples.ts; a failure
 * names the README line, the number as written and the numbers the API answered.
 *
 * The examples run in README order on one app, as a reader running them top to bottom would: the write example runs
 * with the key the README tells the reader to start the server with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { raw as jq } from 'jq-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys, PROJECT_ROOT } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';
import { answerNumbers, holds, readmeCommands, statedNumbers, type ReadmeCommand } from './readme-examples.js';

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const COMMANDS = readmeCommands(README);

/** The day the README's "today" examples (export controls in force, asOf by default) were written for. */
const README_TODAY = new Date('2026-12-02T12:00:00Z');
/** The keys the README's write example tells the reader to start the server with ("start the server with API_KEYS=…"). */
const README_API_KEYS = README.match(/start the server with API_KEYS=([^\s)]+?)[:,]?\s/)?.[1] ?? '(the README names no API_KEYS)';

/**
 * Commands the translation cannot run, each with why. A new one fails the test below until it is listed here (or
 * written so that it runs), so no example goes unchecked by accident.
 */
const NOT_RUN: Record<string, string> = {
  'curl -s -o /dev/null -w': 'the conditional GET reuses $etag from the line before: tests/http/caching.test.ts covers 304',
  'curl localhost:8080/': 'HAProxy of compose.yaml in front of two replicas: tests/topology runs that topology',
};

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ apiKeys: parseApiKeys(README_API_KEYS) }, { now: () => README_TODAY });
});
afterAll(async () => {
  await app.close();
});

function describeCommand(command: ReadmeCommand): string {
  const text = command.text.length > 110 ? `${command.text.slice(0, 107)}…` : command.text;
  return `README.md:${command.line} ${text}`;
}

describe('README.md examples', () => {
  it('has examples to run, and each one it cannot run is listed with the reason', () => {
    expect(COMMANDS.filter((command) => command.request !== null).length).toBeGreaterThanOrEqual(20);
    const unlisted = COMMANDS.filter(
      (command) => command.unsupported !== null && !Object.keys(NOT_RUN).some((prefix) => command.text.startsWith(prefix)),
    ).map((command) => `README.md:${command.line}: ${command.unsupported}: ${command.text}`);
    expect(unlisted, 'write the example so that it runs, or list it in NOT_RUN with the reason').toEqual([]);
    const stale = Object.keys(NOT_RUN).filter((prefix) => !COMMANDS.some((command) => command.text.startsWith(prefix)));
    expect(stale, 'NOT_RUN names commands the README no longer has').toEqual([]);
  });

  for (const command of COMMANDS.filter((candidate) => candidate.request !== null)) {
    it(describeCommand(command), async () => {
      const request = command.request!;
      const response = await app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        payload: request.body,
      });
      expect(
        response.statusCode,
        `README.md:${command.line}: ${request.method} ${request.url} answered ${response.body.slice(0, 500)}`,
      ).toBeLessThan(400);
      let answer = response.body;
      if (command.jq) {
        const result = await jq(response.body, command.jq.filter, command.jq.flags);
        expect(result.exitCode, `README.md:${command.line}: jq ${command.jq.filter}\n${result.stderr}`).toBe(0);
        answer = result.stdout;
      }
      expect(answer.trim().length, `README.md:${command.line}: the answer is empty`).toBeGreaterThan(0);
      if (process.env.README_DEBUG) console.log(`README.md:${command.line}\n${answer.slice(0, 3000)}`);
      const numbers = answerNumbers(answer);
      const failures = command.claims.flatMap((claim) =>
        statedNumbers(claim.text)
          .filter((stated) => !holds(stated, numbers))
          .map((stated) => `README.md:${claim.line} states ${stated.written}, not in the answer`),
      );
      const shown = answer.length > 1500 ? `${answer.slice(0, 1500)}…` : answer;
      expect(
        failures,
        `${failures.join('\n')}\nThe answer to README.md:${command.line} (${request.method} ${request.url}${command.jq ? ` | jq ${command.jq.filter}` : ''}):\n${shown}`,
      ).toEqual([]);
    });
  }
});

describe('the rule for a stated number', () => {
  it('reads standalone numbers, with thousands separators and percent signs, and not ids or context in brackets or backticks', () => {
    expect(statedNumbers('2025, usgs-mcs-2026: HHI 2,616.2, China 36.36 % [MCS 2026, 2021–24]')).toEqual([
      { written: '2025', value: 2025, decimals: 0, percent: false },
      { written: '2,616.2', value: 2616.2, decimals: 1, percent: false },
      { written: '36.36 %', value: 36.36, decimals: 2, percent: true },
    ]);
    expect(statedNumbers('add `"year":2024` to the body; SI_SR 0.96 (published 1.2); t1 and Nd/Pr 3')).toEqual([
      { written: '0.96', value: 0.96, decimals: 2, percent: false },
      { written: '1.2', value: 1.2, decimals: 1, percent: false },
      { written: '3', value: 3, decimals: 0, percent: false },
    ]);
  });

  it('reads every number of an answer, inside strings and ids too', () => {
    expect(answerNumbers('{"edition":"usgs-mcs-2026","asOf":"2026-12-02","hhi":2616.2,"delta":-0.5,"x":1e2}')).toEqual([
      2026, 2026, 12, 2, 2616.2, -0.5, 100,
    ]);
  });

  it('holds a number when the answer, rounded to its decimals, equals it; a percentage also as a fraction', () => {
    const [stated] = statedNumbers('0.518');
    expect(holds(stated!, [0.5184])).toBe(true);
    expect(holds(stated!, [0.5186])).toBe(false);
    expect(holds(stated!, [0.5005])).toBe(false);
    const [percent] = statedNumbers('50 %');
    expect(holds(percent!, [0.5005])).toBe(true);
    expect(holds(percent!, [0.49])).toBe(false);
    const [plain] = statedNumbers('50');
    expect(holds(plain!, [0.5005])).toBe(false);
  });

  it('takes the claims of a command from its trailing comment and the comment lines right after it', () => {
    const [first, second, third] = readmeCommands(
      [
        '```sh',
        'curl -s http://127.0.0.1:3000/v1/a | jq -r \'.x | "\\(.a) # b"\'   # 1',
        '# 2',
        '',
        '# 3 introduces the next command',
        "curl -s -X POST http://127.0.0.1:3000/v1/b -H 'content-type: application/json' \\",
        '  -d \'{"a":[1]}\'',
        'etag=$(curl -s -D - http://127.0.0.1:3000/v1/c)',
        'curl -s -H "If-None-Match: $etag" localhost:3000/v1/c   # 304',
        '```',
        'curl -s http://127.0.0.1:3000/v1/not-in-a-shell-block',
      ].join('\n'),
    );
    expect(first).toMatchObject({
      line: 2,
      request: { method: 'GET', url: '/v1/a', headers: { accept: '*/*' }, body: undefined },
      jq: { filter: '.x | "\\(.a) # b"', flags: ['-r'] },
      claims: [
        { line: 2, text: '1' },
        { line: 3, text: '2' },
      ],
    });
    expect(second).toMatchObject({
      line: 6,
      request: { method: 'POST', url: '/v1/b', headers: { 'content-type': 'application/json' }, body: '{"a":[1]}' },
      jq: null,
      claims: [],
    });
    expect(third).toMatchObject({ line: 9, request: null, unsupported: expect.stringMatching(/shell variable/) });
  });
});
