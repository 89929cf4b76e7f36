import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, readDataset } from '../../../src/dataset/load.js';
import { buildTestApp } from '../../helpers/app.js';
import { copyDataDir, editRow, removeDir } from '../../helpers/dataset.js';
import { expectProblem } from '../../helpers/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({}, { now: () => new Date('2026-12-02T10:00:00Z') });
});
afterAll(async () => {
  await app.close();
});

async function badQuery(url: string, field: string, message: RegExp) {
  const response = await app.inject({ url });
  const body = expectProblem(response, 400, 'validation_failed');
  expect(body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
}

describe('bad query parameters are a 400 naming the field', () => {
  it('an impossible, malformed or out-of-range asOf', async () => {
    await badQuery('/v1/export-controls?asOf=2025-02-30', 'querystring.asOf', /2025-02 has 28 days/);
    await badQuery('/v1/export-controls?asOf=2025-13-01', 'querystring.asOf', /no month 13/);
    await badQuery('/v1/export-controls?asOf=1899-12-31', 'querystring.asOf', /between 1900-01-01 and 2100-12-31/);
    await badQuery('/v1/export-controls?asOf=2025-6-1', 'querystring.asOf', /YYYY-MM-DD/);
    await badQuery('/v1/export-controls?asOf=yesterday', 'querystring.asOf', /YYYY-MM-DD/);
    await badQuery('/v1/export-controls?asOf=', 'querystring.asOf', /YYYY-MM-DD/);
    await badQuery('/v1/export-controls/cn-mofcom-2024-33-antimony?asOf=2024-02-30', 'querystring.asOf', /29 days/);
    await badQuery('/v1/minerals/antimony/export-controls/supply?asOf=2025-04-31', 'querystring.asOf', /30 days/);
    await badQuery('/v1/export-controls/supply?asOf=0000-01-01', 'querystring.asOf', /between/);
    await badQuery('/v1/dependency/USA/export-controls?asOf=2025-02-29', 'querystring.asOf', /28 days/);
  });

  it('an unknown mineral, country or target', async () => {
    await badQuery('/v1/export-controls?mineral=unobtainium', 'querystring.mineral', /unknown mineral 'unobtainium'/);
    await badQuery('/v1/export-controls?country=XYZ', 'querystring.country', /unknown country 'XYZ'/);
    await badQuery('/v1/export-controls?target=XYZ', 'querystring.target', /unknown country 'XYZ'/);
    await badQuery('/v1/export-controls?target=everyone', 'querystring.target', /must be 'all', 'non-oecd'/);
    await badQuery('/v1/export-controls?measure=embargo', 'querystring.measure', /./);
    await badQuery('/v1/dependency/USA/export-controls?mineral=unobtainium', 'querystring.mineral', /unknown mineral/);
  });
});

describe('unknown ids are a 404', () => {
  it.each([
    '/v1/export-controls/no-such-measure',
    '/v1/minerals/unobtainium/export-controls',
    '/v1/minerals/unobtainium/export-controls/supply',
  ])('%s', async (url) => {
    expectProblem(await app.inject({ url }), 404, 'not_found');
  });

  it('an aggregate, or any id that is not an importer of the dataset, is a 400 naming params.importer', async () => {
    for (const code of ['WLD', 'XYZ', 'DEU']) {
      const body = expectProblem(await app.inject({ url: `/v1/dependency/${code}/export-controls` }), 400, 'validation_failed');
      expect(body.errors?.[0]?.field).toBe('params.importer');
    }
  });
});

describe('the scenario refuses bad bodies', () => {
  it('names the field', async () => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/scenarios/export-controls', payload });
    let body = expectProblem(await post({ preset: 'in-force', asOf: '2025-02-30' }), 400, 'validation_failed');
    expect(body.errors).toContainEqual({ field: 'body.asOf', message: expect.stringMatching(/28 days/) });
    body = expectProblem(await post({ preset: 'in-force', importer: 'XYZ' }), 400, 'validation_failed');
    expect(body.errors).toContainEqual({ field: 'body.importer', message: "unknown importer 'XYZ'; one of EU, USA" });
    body = expectProblem(await post({ preset: 'in-force', minerals: ['unobtainium'] }), 400, 'validation_failed');
    expect(body.errors).toContainEqual({ field: 'body.minerals.0', message: "unknown mineral 'unobtainium'" });
    body = expectProblem(await post({ preset: 'everything' }), 400, 'validation_failed');
    expect(body.errors?.[0]?.field).toBe('body.preset');
    body = expectProblem(await post({ preset: 'in-force', licensingReduction: 1.5 }), 400, 'validation_failed');
    expect(body.errors?.[0]?.field).toBe('body.licensingReduction');
  });
});

describe('the loader refuses a broken data/export_controls.csv, naming file, line and field', () => {
  function refusal(edit: (dir: string) => number): { line: number; error: DatasetError } {
    const dir = copyDataDir();
    try {
      const line = edit(dir);
      try {
        readDataset(dir);
      } catch (error) {
        if (error instanceof DatasetError) return { line, error };
        throw error;
      }
      throw new Error('the broken dataset was accepted');
    } finally {
      removeDir(dir);
    }
  }
  const FILE = 'export_controls.csv';

  it.each([
    [{ suspends: 'no-such-measure' }, 'cn-mofcom-2025-72-susp-46-cl2', 'suspends', /no measure 'no-such-measure' to suspend/],
    [{ ends: '2025-01-01' }, 'cn-mofcom-2025-72-susp-46-cl2', 'ends', /must not be before effective \(2025-11-09\)/],
    [{ effective: '2025-02-30' }, 'cn-mofcom-2024-33-antimony', 'effective', /2025-02 has 28 days/],
    [{ announced: '1899-01-01' }, 'cn-mofcom-2024-33-antimony', 'announced', /between 1900-01-01/],
    [{ minerals: 'antimony;unobtainium' }, 'cn-mofcom-2024-33-antimony', 'minerals', /unknown mineral 'unobtainium'/],
    [{ imposing_country: 'XYZ' }, 'cn-mofcom-2024-33-antimony', 'imposing_country', /unknown country 'XYZ'/],
    [{ target: 'ZZZ' }, 'cn-mofcom-2024-33-antimony', 'target', /unknown country 'ZZZ'/],
    [
      { suspends: 'cn-mofcom-2024-51-dual-use-list' },
      'cn-mofcom-2024-33-antimony',
      'suspends',
      /must be empty unless the measure is a suspension/,
    ],
    [{ measure: 'embargo' }, 'cn-mofcom-2024-33-antimony', 'measure', /./],
  ] as const)('%j on %s → %s', (changes, id, field, message) => {
    const { line, error } = refusal((dir) => editRow(dir, FILE, { id }, changes));
    expect(error.issues).toContainEqual({ file: FILE, line, field, message: expect.stringMatching(message) });
  });
});
