/** CSV downloads (RFC 4180) parsed back and compared with the JSON of the same query; 406 when nothing fits. */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import type { components } from '../../client/chokepoint.js';

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

/** A production row as the spec (and so the generated client types) describes it. */
type ProductionFigure = components['schemas']['ProductionFigure'];

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

async function json<T>(url: string): Promise<T> {
  const response = await get(url, { accept: 'application/json' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

/** csv-parse with the header row as keys; every value stays a string, as on the wire. */
function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];
}

function headerOf(text: string): string[] {
  return (parse(text, { to_line: 1 }) as string[][])[0] ?? [];
}

/** A JSON value as its CSV cell: '' for null, 'true'/'false' for flags, numbers as JavaScript prints them. */
const cell = (value: string | number | boolean | null): string => (value === null ? '' : String(value));

describe('a collection as CSV: GET /v1/production?mineral=antimony&year=2024&edition=usgs-mcs-2025', () => {
  const url = '/v1/production?mineral=antimony&year=2024&edition=usgs-mcs-2025';
  let figures: ProductionFigure[];

  beforeAll(async () => {
    figures = (await json<{ data: ProductionFigure[] }>(url)).data;
    // The published 2024 table: 15 producing countries, OTH absent, and the WLD world total.
    expect(figures.length).toBe(16);
  });

  it.each([
    ['Accept: text/csv', url, { accept: 'text/csv' }],
    ['?format=csv', `${url}&format=csv`, {}],
  ])('%s answers RFC 4180 CSV with CRLF line ends and a header row', async (_name, target, headers) => {
    const response = await get(target, headers);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(CSV_TYPE);
    const text = response.body;
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break is CRLF: no bare LF, no bare CR.
    expect(text.match(/(?<!\r)\n/g)).toBeNull();
    expect(text.match(/\r(?!\n)/g)).toBeNull();
    // Header + one line per figure + the final CRLF.
    expect(text.split('\r\n')).toHaveLength(figures.length + 2);
    expect(headerOf(text)).toEqual([
      'mineral',
      'stage',
      'country',
      'year',
      'tonnes',
      'basis',
      'basisLabel',
      'edition',
      'estimated',
      'withheld',
      'lowerBound',
      'source_id',
      'source_citation',
    ]);
  });

  it('parses back to exactly the JSON rows, nested source flattened to source_id and source_citation', async () => {
    const response = await get(url, { accept: 'text/csv' });
    const rows = parseCsv(response.body);
    expect(rows).toEqual(
      figures.map((figure) => ({
        mineral: figure.mineral,
        stage: figure.stage,
        country: figure.country,
        year: cell(figure.year),
        tonnes: cell(figure.tonnes),
        basis: figure.basis,
        basisLabel: figure.basisLabel,
        edition: cell(figure.edition),
        estimated: cell(figure.estimated),
        withheld: cell(figure.withheld),
        lowerBound: cell(figure.lowerBound),
        source_id: figure.source.id,
        source_citation: figure.source.citation,
      })),
    );
    // Real values, not just a shape: China mined 60,000 t (estimated) of the 100,000 t world total.
    expect(rows.find((row) => row.country === 'CHN')).toMatchObject({
      tonnes: '60000',
      estimated: 'true',
      withheld: 'false',
      lowerBound: 'false',
      source_id: 'usgs-mcs-2025-antimony',
    });
    expect(rows.find((row) => row.country === 'WLD')?.tonnes).toBe('100000');
    expect(Number(rows.find((row) => row.country === 'CHN')?.tonnes)).toBe(figures.find((figure) => figure.country === 'CHN')?.tonnes);
  });

  it('quotes a citation that contains commas, so it stays one field', async () => {
    const response = await get(`${url}&format=csv`);
    const citation = figures.find((figure) => figure.country === 'CHN')?.source.citation ?? '';
    expect(citation).toContain(',');
    expect(response.body).toContain(`,"${citation.replaceAll('"', '""')}"\r\n`);
    expect(parseCsv(response.body).every((row) => Object.keys(row).length === 13)).toBe(true);
  });

  it('is the same document whether asked with Accept or ?format', async () => {
    const byAccept = await get(url, { accept: 'text/csv' });
    const byFormat = await get(`${url}&format=csv`);
    expect(byFormat.body).toBe(byAccept.body);
  });

  it('renders a withheld figure as an empty tonnes cell and its flag as true', async () => {
    const withheld = (await json<{ data: ProductionFigure[] }>('/v1/production?limit=1000&edition=usgs-mcs-2025')).data.filter(
      (figure) => figure.withheld,
    );
    expect(withheld.length).toBeGreaterThan(0);
    const { mineral, stage, country, year, edition } = withheld[0] as ProductionFigure;
    const response = await get(
      `/v1/production?mineral=${mineral}&stage=${stage}&country=${country}&year=${year}&edition=${edition}&format=csv`,
    );
    const rows = parseCsv(response.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tonnes: '', withheld: 'true' });
  });
});

describe('an empty collection as CSV', () => {
  it('still has its header row, taken from the item schema (header=present)', async () => {
    const response = await get('/v1/production?mineral=antimony&year=1999', { accept: 'text/csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(CSV_TYPE);
    expect(response.body).toBe(
      'mineral,stage,country,year,tonnes,basis,basisLabel,edition,estimated,withheld,lowerBound,source_id,source_citation\r\n',
    );
  });
});

describe('a score table as CSV', () => {
  interface ConcentrationRow {
    rank: number | null;
    mineral: string;
    stage: string;
    year: number | null;
    measure: string;
    period: string | null;
    edition: string;
    hhi: number;
    hhiUpperBound: number;
    cr1: number;
    cr3: number;
    band2023: string;
    topCountry: string;
    topShare: number;
    sourceIds: string[];
    comparable: boolean;
    reason: string | null;
  }

  it('GET /v1/concentration?format=csv parses back to the JSON `data`', async () => {
    const body = await json<{ data: ConcentrationRow[] }>('/v1/concentration?edition=usgs-mcs-2025');
    expect(body.data.length).toBeGreaterThan(5);
    const response = await get('/v1/concentration?edition=usgs-mcs-2025&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(CSV_TYPE);
    expect(headerOf(response.body)).toEqual([
      'rank',
      'mineral',
      'stage',
      'year',
      'measure',
      'period',
      'edition',
      'hhi',
      'hhiUpperBound',
      'cr1',
      'cr3',
      'band2023',
      'topCountry',
      'topShare',
      'sourceIds',
      'comparable',
      'reason',
    ]);
    const rows = parseCsv(response.body);
    expect(rows).toEqual(
      body.data.map((row) => ({
        rank: cell(row.rank),
        mineral: row.mineral,
        stage: row.stage,
        year: cell(row.year),
        measure: row.measure,
        period: cell(row.period),
        edition: row.edition,
        hhi: cell(row.hhi),
        hhiUpperBound: cell(row.hhiUpperBound),
        cr1: cell(row.cr1),
        cr3: cell(row.cr3),
        band2023: row.band2023,
        topCountry: row.topCountry,
        topShare: cell(row.topShare),
        // A list of values is one cell, joined with "; ".
        sourceIds: row.sourceIds.join('; '),
        comparable: String(row.comparable),
        reason: cell(row.reason),
      })),
    );
    // Numbers survive the round trip: the CSV hhi is the JSON hhi; ranked rows first, 1 … n, the others unranked.
    expect(rows.map((row) => Number(row.hhi))).toEqual(body.data.map((row) => row.hhi));
    const ranked = body.data.filter((row) => row.comparable).length;
    expect(rows.map((row) => row.rank)).toEqual(body.data.map((_, index) => (index < ranked ? String(index + 1) : '')));
    expect(rows.find((row) => row.mineral === 'tungsten' && row.stage === 'mining')).toMatchObject({
      edition: 'usgs-mcs-2025',
      hhi: '6812.3',
      topCountry: 'CHN',
      band2023: 'highly_concentrated',
    });
  });

  it('GET /v1/minerals/tungsten/concentration?format=csv has one row per stage, with the JSON values', async () => {
    const body = await json<{
      stages: {
        stage: string;
        status: string;
        hhi?: number;
        cr1?: number;
        top?: { country: string; share: number };
        reason?: string;
        method: { id: string };
      }[];
    }>('/v1/minerals/tungsten/concentration?edition=usgs-mcs-2025');
    const response = await get('/v1/minerals/tungsten/concentration?edition=usgs-mcs-2025&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(CSV_TYPE);
    const rows = parseCsv(response.body);
    expect(rows.map((row) => row.stage)).toEqual(body.stages.map((stage) => stage.stage));
    expect(rows.map((row) => row.stage)).toEqual(['mining', 'refining', 'metal', 'component']);
    rows.forEach((row, index) => {
      const stage = body.stages[index]!;
      expect(row.status).toBe(stage.status);
      expect(row.hhi).toBe(cell(stage.hhi ?? null));
      expect(row.cr1).toBe(cell(stage.cr1 ?? null));
      expect(row.top_country).toBe(stage.top?.country ?? '');
      expect(row.top_share).toBe(cell(stage.top?.share ?? null));
      expect(row.reason).toBe(stage.reason ?? '');
      expect(row.method_id).toBe(stage.method.id);
    });
    expect(rows[0]).toMatchObject({ status: 'ok', hhi: '6812.3', top_country: 'CHN', top_share: '82.31', method_id: 'hhi' });
    // APT and intermediates: the EU CRM 2023 shares (no data year), China 85.6 of the printed 100.1 % = 85.51 %
    expect(rows[1]).toMatchObject({ status: 'ok', year: '', hhi: '7357.8', top_country: 'CHN', top_share: '85.51' });
    expect(rows[2]).toMatchObject({ status: 'insufficient_data', hhi: '' });
    expect(rows[2]!.reason).toMatch(/^None of the sources held .* gives country figures for tungsten metal or carbide output\.$/);
  });
});

describe('content negotiation', () => {
  it('406 problem+json listing JSON and CSV when a table is asked for XML', async () => {
    const response = await get('/v1/production', { accept: 'application/xml' });
    expect(response.statusCode).toBe(406);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json() as { status: number; code: string; detail: string; errors: { field: string; message: string }[] };
    expect(problem).toMatchObject({ status: 406, code: 'not_acceptable', instance: '/v1/production' });
    expect(problem.detail).toContain('application/json');
    expect(problem.detail).toContain('text/csv');
    expect(problem.errors).toEqual([{ field: 'headers.accept', message: 'supported: application/json, text/csv' }]);
  });

  it('406 listing JSON only when a resource that is not a table is asked for CSV', async () => {
    for (const [url, headers] of [
      ['/v1/minerals/antimony', { accept: 'text/csv' }],
      ['/v1/minerals/antimony?format=csv', {}],
    ] as const) {
      const response = await get(url, headers);
      expect(response.statusCode, url).toBe(406);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json() as { detail: string; errors: { message: string }[] };
      expect(problem.detail).toContain('application/json');
      expect(problem.detail).not.toContain('text/csv');
      expect(problem.errors[0]?.message).toBe('supported: application/json');
    }
  });

  it.each([
    ['*/*', 'json'],
    ['application/*', 'json'],
    ['text/*', 'csv'],
    ['text/csv;q=0.9, application/json;q=0.1', 'csv'],
    ['application/json;q=0.9, text/csv;q=0.1', 'json'],
    ['application/xml, text/csv;q=0.5', 'csv'],
    ['text/csv, application/json', 'csv'],
  ])('Accept: %s → %s', async (accept, expected) => {
    const response = await get('/v1/production?mineral=antimony&year=2024&edition=usgs-mcs-2025', { accept });
    expect(response.statusCode).toBe(200);
    if (expected === 'csv') {
      expect(response.headers['content-type']).toBe(CSV_TYPE);
      expect(response.body.startsWith('mineral,stage,country,')).toBe(true);
    } else {
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect((response.json() as { total: number }).total).toBe(16);
    }
  });

  it('no Accept header → JSON', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/production?mineral=antimony&year=2024' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('?format=json wins over Accept: text/csv; an unknown format is a 400 naming querystring.format', async () => {
    const asJson = await get('/v1/production?mineral=antimony&year=2024&format=json', { accept: 'text/csv' });
    expect(asJson.statusCode).toBe(200);
    expect(asJson.headers['content-type']).toBe('application/json; charset=utf-8');
    const bad = await get('/v1/production?format=xml');
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((error) => error.field)).toEqual(['querystring.format']);
  });

  it('errors stay problem+json even when CSV was asked for', async () => {
    const response = await get('/v1/production?year=abc', { accept: 'text/csv' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
