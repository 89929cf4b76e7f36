import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ProblemBody } from '../../src/errors.js';

/** A stack frame as V8 prints it ("    at fn (file.js:1:2)"), or any file:line:column reference. */
const STACK_FRAME = /(^|\n)\s*at\s|\.(ts|js|mjs|cjs):\d+:\d+/;

export type { ProblemBody };

/**
 * Asserts an RFC 9457 problem response: the status, the content type, every member, the code's type URI,
 * the request path as instance, and no leaked stack. Returns the body for further checks.
 */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string, instance?: string): ProblemBody {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as ProblemBody;
  expect(body).toMatchObject({
    type: `/problems/${code.replaceAll('_', '-')}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: instance ?? expect.any(String),
    code,
  });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body).not.toHaveProperty('stack');
  expect(response.body).not.toMatch(STACK_FRAME);
  return body;
}

/** The per-field entries of a 400 problem, by field name. */
export function fieldsOf(body: ProblemBody): string[] {
  return (body.errors ?? []).map((error) => error.field).sort();
}
